"""Briefing mode in AppTest: steps, the step in the URL, the filters it follows."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import EVENTS, ROOT
from timeline.ui.briefing import clamp


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def to_briefing(at: AppTest) -> AppTest:
    """Open the briefing page (st.Page hashes its url_path; AppTest.switch_page needs a file)."""
    at.run()
    at._page_hash = calc_hash("briefing")
    return at.run()


def slide(at: AppTest) -> tuple[str, str]:
    """The counter ("4 / 17") and the slide's title (as shown: Markdown escapes removed)."""
    texts = [m.value for m in at.markdown]
    counter = next(t for t in texts if " / " in t and t.replace(" / ", "").isdigit())
    [title] = at.title
    return counter, re.sub(r"\\(.)", r"\1", title.value)


def test_briefing_starts_at_the_first_event_in_date_order(app):
    at = to_briefing(app)
    assert not at.exception
    assert slide(at) == ("1 / 25", "Kadyrov has led Chechnya since 2007")
    assert at.query_params["step"] == "1"


def test_next_and_previous_step_and_the_url_follows(app):
    at = to_briefing(app)
    at.button(key="next").click().run()
    at.button(key="next").click().run()
    assert slide(at)[0] == "3 / 25"
    assert slide(at)[1] == "Chechen IS fighters threaten Putin in a video"
    assert at.query_params["step"] == "3"
    at.button(key="previous").click().run()
    assert slide(at)[0] == "2 / 25"


def test_jump_slider(app):
    at = to_briefing(app)
    at.slider(key="_jump").set_value(25).run()
    assert slide(at) == ("25 / 25", "Documentary on Chechen agents inside IS airs on Rossiya 1")
    assert at.button(key="next").disabled


def test_a_link_resumes_at_its_step_with_its_filters(app):
    app.query_params.update(step="2", actor=["fsb"])
    at = to_briefing(app)
    assert slide(at) == (
        "2 / 3",
        "Kadyrov says Russian services operate in Syria but the victim was not theirs",
    )
    strip = json.loads(at.get("plotly_chart")[0].proto.spec)
    others, here = strip["data"]
    assert len(others["x"]) == 3 and others["marker"]["color"] == "#b8b8b8"  # every event, grey
    assert here["text"] == ["3 Dec 2015"] and here["marker"]["symbol"] == "diamond-open"


def test_step_beyond_the_end_is_the_last(app):
    app.query_params.update(step="99", kind="estimate")
    at = to_briefing(app)
    assert slide(at)[0] == "3 / 3"


def test_empty_view_has_nothing_to_present(app):
    app.query_params.update(q="zzzz")
    at = to_briefing(app)
    assert "nothing to present" in at.info[0].value


@pytest.mark.parametrize(
    ("step", "count", "expected"), [(0, 5, 1), (7, 5, 5), ("x", 5, 1), (3, 5, 3)]
)
def test_clamp(step, count, expected):
    assert clamp(step, count) == expected
