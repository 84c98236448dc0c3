"""Several reports of one event, seen in every view: the event sheet, the briefing, the
deck's notes, the PDF, the Markdown and the JSON/CSV/TimelineJS exports."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "reports.yaml"


def plain(markdown: str) -> str:
    """What a reader sees of escaped Markdown: ``\\,`` reads as ``,``."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_EVENTS", str(EXAMPLE))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def sheet_text(app: AppTest, event: str) -> tuple[str, list[str]]:
    app.query_params["event"] = event
    at = app.run()
    assert not at.exception
    (sheet,) = at.get("dialog")
    markdown = "\n".join(plain(m.value) for m in sheet.markdown)
    return markdown, [plain(w.value) for w in sheet.warning]


def test_the_sheet_of_a_corroborated_event_lists_every_report(app: AppTest) -> None:
    text, warned = sheet_text(app, "airstrikes-begin")
    assert "**Reported by Breitbart News, AFP and GlobalPost** (2 independent outlets)" in text
    assert "- **Breitbart News**: “on Wednesday”, which reads as 30 Sep 2015 · confirmed" in text
    assert "- **AFP**: “earlier this week”, which reads as week of 28 Sep 2015" in text
    assert "- **GlobalPost** (via AFP): “earlier this week”" in text
    assert "> Russia started air strikes earlier this week" in text
    assert "> Russia began airstrikes against alleged enemies" in text
    assert "[Open the article](https://www.breitbart.com/" in text
    assert not warned


def test_the_sheet_of_a_disagreeing_event_says_what_they_disagree_on(app: AppTest) -> None:
    text, warned = sheet_text(app, "documentary-airs")
    assert warned == ["The sources disagree on the date."]
    assert "- **AFP**: “on Wednesday”, which reads as 10 Feb 2016 · reported" in text
    assert "- **Example Digest**: “on Sunday”, which reads as 7 Feb 2016 · reported" in text
    assert "> aired on Sunday on the state channel Rossiya 1" in text


def test_the_filters_keep_corroborated_and_disagreeing_events(app: AppTest) -> None:
    at = app.run()
    at.multiselect(key="f_outlets").set_value(["2"]).run()
    assert "Showing 4 of 5 events" in at.markdown[0].value
    at.multiselect(key="f_disagree").set_value(["any"]).run()
    assert "Showing 3 of 5 events" in at.markdown[0].value
    assert at.query_params["outlets"] in ("2", ["2"])
