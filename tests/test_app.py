"""The dashboard page, run headless with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EVENT, EVENTS, ROOT, dataset_text
from tests.live import chart, sheet, sheet_title
from timeline.dataset.cache import open_dataset
from timeline.ui.views import listed


@pytest.fixture
def app(monkeypatch):
    """An AppTest of app.py on ``events.yaml`` (or the file in TIMELINE_EVENTS)."""
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def plain(markdown: str) -> str:
    """What a reader sees of escaped Markdown: ``\\,`` reads as ``,``."""
    return re.sub(r"\\(.)", r"\1", markdown)


def showing(at: AppTest) -> str:
    line = next(m.value for m in at.markdown if m.value.startswith("**Showing"))
    return line.split(" · ")[0]


def test_page_runs_on_the_dataset_and_draws_the_timeline(app):
    at = app.run()
    assert not at.exception
    assert plain(at.title[0].value) == "Russia, Chechnya and the Islamic State, 2014–2016"
    assert showing(at) == "**Showing 25 of 25 events**"
    lanes = chart(at)["layout"]["yaxis"]["ticktext"]
    assert "Russia · 12 actors" in lanes and "Ramzan Kadyrov" in lanes
    assert len(at.dataframe[0].value) == 25
    assert chart(at, 1)["data"]  # the estimates chart


@pytest.mark.parametrize(
    ("widget", "value", "count"),
    [
        ("f_actors", ["putin"], 2),
        ("f_affiliations", ["United States"], 3),
        ("f_kinds", ["estimate"], 3),
        ("f_statuses", ["claimed"], 2),
        ("f_sources", ["afp-2016-02-09"], 11),
        ("f_dates", (dt.date(2015, 12, 1), dt.date(2015, 12, 31)), 3),
    ],
)
def test_each_filter_changes_the_count(app, widget, value, count):
    at = app.run()
    getattr(at, "date_input" if widget == "f_dates" else "multiselect")(key=widget).set_value(value)
    at.run()
    assert not at.exception
    assert showing(at) == f"**Showing {count} of 25 events**"
    assert len(at.dataframe[0].value) == count


def test_search_and_all_of_actors(app):
    at = app.run()
    at.text_input(key="f_text").input("beheading").run()
    assert showing(at) == "**Showing 1 of 25 events**"
    at.text_input(key="f_text").input("").run()
    at.multiselect(key="f_actors").set_value(["kadyrov", "russia"]).run()
    assert showing(at) == "**Showing 15 of 25 events**"
    at.radio(key="f_actor_mode").set_value("all").run()
    assert showing(at) == "**Showing 3 of 25 events**"


def test_lane_choice_changes_the_chart(app):
    at = app.run()
    at.radio(key="lanes").set_value("affiliation").run()
    assert chart(at)["layout"]["yaxis"]["ticktext"] == [
        "Russia",
        "Chechnya",
        "Islamic State",
        "United States",
        "Syria",
    ]


def test_filters_are_mirrored_into_the_url(app):
    at = app.run()
    at.multiselect(key="f_actors").set_value(["putin", "obama"]).run()
    at.radio(key="f_actor_mode").set_value("all").run()
    assert at.query_params["actor"] == ["putin", "obama"]
    assert at.query_params["match"] == "all"


def test_query_params_set_the_filters_lanes_and_event(app):
    app.query_params.update(
        actor=["kadyrov"], status="claimed", lanes="kind", event="kadyrov-agent-network-claim"
    )
    at = app.run()
    assert not at.exception
    assert at.multiselect(key="f_actors").value == ["kadyrov"]
    assert showing(at) == "**Showing 2 of 25 events**"
    assert chart(at)["layout"]["yaxis"]["ticktext"] == ["Claim"]
    assert sheet_title(at) == "Kadyrov claims Chechen agents have infiltrated IS"
    assert "infiltrate the Islamic State group" in sheet(at)["text"]


def test_unknown_values_in_a_link_are_reported_not_fatal(app):
    app.query_params.update(actor=["nobody"], lanes="sideways")
    at = app.run()
    assert not at.exception
    assert showing(at) == "**Showing 25 of 25 events**"
    assert [plain(w.value) for w in at.warning] == [
        "Ignored unknown actor 'nobody' in the link",
        "Ignored lanes='sideways' in the link",
    ]


def test_detail_panel_shows_how_a_pinned_date_was_resolved(app):
    app.query_params["event"] = "chechen-is-video-threatens-putin"
    at = app.run()
    details = sheet(at)["text"]
    assert "Date: 2 Sep 2014 (day)" in details
    assert "Article says: “last September”, which reads as Sep 2015" in details
    assert "Pinned because:" in details
    assert "Breitbart News" in details and "Open the article" in details


def test_empty_view_says_which_filter_emptied_it(app):
    at = app.run()
    at.text_input(key="f_text").input("zzzz").run()
    assert showing(at) == "**Showing 0 of 25 events**"
    assert at.info[0].value.startswith("No events match the filters. The search filter alone")


def test_reset_clears_every_filter(app):
    at = app.run()
    at.multiselect(key="f_kinds").set_value(["estimate"]).run()
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert showing(at) == "**Showing 25 of 25 events**"
    assert at.query_params == {}


def test_broken_dataset_shows_the_error_panel_and_the_valid_events(write, monkeypatch):
    bad = EVENT.replace("id: strikes", "id: broken").replace("kind: military", "kind: militray")
    path = write(dataset_text(EVENT, bad))
    monkeypatch.setenv("TIMELINE_EVENTS", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "1 errors, 0 warnings" in at.error[0].value
    panel = at.expander[0].text[0].value
    assert f"{path}:30: error: events[broken].kind: 'militray' is not one of" in panel
    assert "Left out: events[broken] (line 25)" in at.expander[0].text[1].value
    assert showing(at) == "**Showing 1 of 1 events**"


def test_unreadable_dataset_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(tmp_path / "missing.yaml"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "cannot read: No such file or directory" in at.expander[0].text[0].value
    assert at.warning[0].value.startswith("There are no valid events to show")


def test_upload_opens_a_dataset_for_the_session_only(app):
    at = app.run()
    before = EVENTS.read_bytes()
    text = dataset_text(EVENT).replace(
        "text: article.txt", "text: articles/000_e56ff4f30958c5c7.txt"
    )
    text = text.replace("quote: the strikes began.", "quote: Russia began airstrikes")
    at.file_uploader(key="upload").set_value(("mine.yaml", text.encode(), "application/yaml")).run()
    assert not at.exception
    assert showing(at) == "**Showing 1 of 1 events**"
    assert "uploaded file mine.yaml" in plain(at.caption[0].value)
    assert EVENTS.read_bytes() == before


def upload_problems(app: AppTest, quote: str) -> str:
    """The problems shown for an upload whose article names a file on this server."""
    text = dataset_text(EVENT).replace(
        "text: article.txt", "text: articles/000_e56ff4f30958c5c7.txt"
    )
    text = text.replace("quote: the strikes began.", f"quote: {quote}")
    at = app.run()
    at.file_uploader(key="upload").set_value(("probe.yaml", text.encode(), "application/yaml"))
    at.run()
    assert not at.exception
    return "\n".join(t.value for e in at.expander for t in e.text)


def test_an_upload_cannot_probe_files_on_the_server(monkeypatch):
    """Its `text:` is never looked up here: a right and a wrong guess read the same."""
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    right = upload_problems(AppTest.from_file(str(ROOT / "app.py")), "Russia began airstrikes")
    wrong = upload_problems(AppTest.from_file(str(ROOT / "app.py")), "Nothing like the article")
    assert right == wrong
    assert right.count("quotes are not checked") == 1 and "is not in the article" not in right


def test_export_panel_names_files_and_prepares_the_drawn_ones(app):
    app.query_params.update(actor=["kadyrov"])
    at = app.run()
    at.selectbox(key="export_format").set_value("md").run()
    [download] = at.get("download_button")
    assert download.proto.label == "Download kadyrov_2007-01-01_2016-02-10.md"
    at.selectbox(key="export_format").set_value("pdf").run()
    assert not at.get("download_button"), "a drawn format waits for Prepare"
    at.radio(key="export_paper").set_value("letter").run()
    at.button(key="prepare").click().run(timeout=180)
    assert not at.exception and not at.error
    [download] = at.get("download_button")
    assert download.proto.label == "Download kadyrov_2007-01-01_2016-02-10.pdf"


def list_selection(at: AppTest) -> list[int]:
    return json.loads(at.dataframe[0].proto.selection_default)["selection"]["rows"]


def test_one_selection_across_sheet_list_and_link(app):
    app.query_params.update(event="airstrikes-begin")
    at = app.run()
    ids = list(listed(open_dataset(EVENTS).frame)["id"])  # the list's rows, in its order
    assert sheet_title(at) == "Russia begins airstrikes in Syria"
    assert list_selection(at) == [ids.index("airstrikes-begin")]
    following = ids[ids.index("airstrikes-begin") + 1]
    at.session_state["chart"] = {"selected": following, "group": []}  # Later → in the sheet
    at.session_state["event"] = following
    at.run()
    assert (
        sheet_title(at)
        == listed(open_dataset(EVENTS).frame).set_index("id").loc[following, "title"]
    )
    assert at.session_state["event"] == following
    assert list_selection(at) == [ids.index(following)]
    assert at.query_params["event"] in (following, [following])


@pytest.mark.parametrize(
    ("params", "count", "note"),
    [
        ({"from": "2006-12-31"}, 25, "From=2006-12-31 in the link is outside the events' span"),
        ({"to": "2030-01-01"}, 25, "To=2030-01-01 in the link is outside the events' span"),
        ({"to": "2015-10-01"}, 15, None),  # an end alone is an end, not a start
        ({"from": "2015-10-01"}, 16, None),
        ({"step": "²"}, 25, "Ignored step='²' in the link: not a step number"),
        ({"expand": "Nowhere"}, 25, "Ignored unknown expand 'Nowhere' in the link"),
    ],
)
def test_odd_links_are_clamped_or_ignored_with_a_note(app, params, count, note):
    app.query_params.update(params)
    at = app.run()
    assert not at.exception
    assert showing(at) == f"**Showing {count} of 25 events**"
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]
    assert (note is None and not warnings) or any(w.startswith(note) for w in warnings), warnings


def test_a_dangling_link_beside_the_dataset_does_not_break_the_page(write, monkeypatch, tmp_path):
    path = write(dataset_text(EVENT))
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a *.txt that is not there
    monkeypatch.setenv("TIMELINE_EVENTS", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert showing(at) == "**Showing 1 of 1 events**"
