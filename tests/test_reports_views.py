"""Several reports of one event, seen in every view: the event sheet, the briefing, the
deck's notes, the PDF, the Markdown and the JSON/CSV/TimelineJS exports."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from pptx import Presentation
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests import live
from tests.conftest import ROOT, need
from timeline.dataset.cache import open_dataset
from timeline.dataset.load import load_file
from timeline.export import View, make_view, render
from timeline.filters import Filters, apply, describe

EXAMPLE = ROOT / "examples" / "reports.yaml"


def plain(markdown: str) -> str:
    """What a reader sees of escaped Markdown: ``\\,`` reads as ``,``."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_EVENTS", str(EXAMPLE))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_the_live_sheet_of_a_corroborated_event_lists_every_report(app: AppTest) -> None:
    app.query_params["event"] = "airstrikes-begin"
    at = app.run()
    assert not at.exception
    opened = live.sheet(at)
    assert opened is not None and opened["title"] == "Russia begins airstrikes in Syria"
    lines = opened["text"].splitlines()
    assert "Reported by: Breitbart News, AFP and GlobalPost (2 independent outlets)" in lines
    assert "Breitbart News: “on Wednesday”, which reads as 30 Sep 2015 · confirmed" in lines
    assert (
        lines.count(  # its own quote once, as the sheet's quote
            "Russia began airstrikes against alleged enemies of Syrian President Bashar al-Assad on "
            "Wednesday with new attacks Thursday morning."
        )
        == 1
    )
    assert (
        "AFP: “earlier this week”, which reads as week of 28 Sep 2015 · confirmed · "
        "“Russia started air strikes earlier this week”"
    ) in lines
    assert any(line.startswith("GlobalPost (via AFP): “earlier this week”") for line in lines)
    assert not any(line.startswith("Sources disagree on") for line in lines)


def test_the_sheet_of_a_disagreeing_event_says_what_they_disagree_on(app: AppTest) -> None:
    app.query_params.update(event="documentary-airs", kind="military")  # hidden: the dialog
    at = app.run()
    assert not at.exception
    (dialog,) = at.get("dialog")
    text = "\n".join(plain(m.value) for m in dialog.markdown)
    assert [plain(w.value) for w in dialog.warning] == ["The sources disagree on the date."]
    assert "**AFP:** “on Wednesday”, which reads as 10 Feb 2016 · reported" in text
    assert (
        "**Example Digest:** “on Sunday”, which reads as 7 Feb 2016 · reported · "
        "“aired on Sunday on the state channel Rossiya 1”"
    ) in text
    assert "**Sources disagree on:** the date" in text


def test_the_filters_keep_corroborated_and_disagreeing_events(app: AppTest) -> None:
    at = app.run()
    at.multiselect(key="f_outlets").set_value(["2"]).run()
    assert "Showing 4 of 5 events" in at.markdown[0].value
    at.multiselect(key="f_disagree").set_value(["any"]).run()
    assert "Showing 3 of 5 events" in at.markdown[0].value
    assert at.query_params["outlets"] in ("2", ["2"])


def test_the_briefing_says_who_reports_the_event(app: AppTest) -> None:
    app.query_params["step"] = "1"
    app.run()
    app._page_hash = calc_hash("briefing")
    at = app.run()
    assert not at.exception
    text = "\n".join(plain(m.value) for m in at.markdown)
    assert "Reported by Breitbart News, AFP and GlobalPost  \nSource: Breitbart News" in text
    at.button(key="next").click().run()  # 1 Oct 2015: one report, no line of it
    assert "Reported by" not in "\n".join(m.value for m in at.markdown)


# --- exports, each read with a real reader ------------------------------------------------


@pytest.fixture(scope="module")
def view() -> View:
    return make_view(load_file(EXAMPLE))


def event_slide(deck: Any, title: str) -> Any:
    return next(
        slide
        for slide in deck.slides
        if any(s.has_text_frame and s.text_frame.text == title for s in slide.shapes)
    )


def test_the_deck_says_who_reports_and_its_notes_cite_every_report(view: View) -> None:
    deck = Presentation(io.BytesIO(render(view, "pptx")))
    slide = event_slide(deck, "Russia begins airstrikes in Syria")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert any(
        t.startswith("Reported by Breitbart News, AFP and GlobalPost. Source:") for t in texts
    )
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    assert (
        "Report 2: AFP, “Russia presses on with air strikes in Syria”, 2 October 2015: "
        "“earlier this week”, read as week of 28 Sep 2015; confirmed. "
        "“Russia started air strikes earlier this week”"
    ) in notes
    assert any(
        n.startswith("Report 3: GlobalPost, “Russia presses on") and "(via AFP)" in n for n in notes
    )
    assert any(
        n.startswith("Report 1: Breitbart News")
        and n.endswith(
            "https://www.breitbart.com/national-security/2015/10/01/chechen-leader-putin-send-infantry-syria/"
        )
        for n in notes
    )
    disagreeing = event_slide(deck, "Documentary on Chechen agents inside IS airs on Rossiya 1")
    words = [s.text_frame.text for s in disagreeing.shapes if s.has_text_frame]
    assert any("Reported by AFP and Example Digest; they disagree on the date." in t for t in words)


def test_the_pdf_lists_every_outlet_in_the_source_column(view: View, tmp_path: Path) -> None:
    need("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    path = tmp_path / "brief.pdf"
    path.write_bytes(render(view, "pdf"))
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    lines = run.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("30 Sep 2015 "))
    cell = " ".join(line.split("  ")[-1].strip() for line in lines[at : at + 4])
    assert "Breitbart News" in cell and "AFP" in cell and "GlobalPost" in cell, lines[at : at + 4]
    # the chronology's three disagreeing events, and the chart legend's entry
    assert run.stdout.count("≠ sources disagree") == 4
    assert "≠ sources disagree (date, status or a figure)" in run.stdout
    assert "Example Digest, “Chechen leader on agents inside IS”" in " ".join(run.stdout.split())


def test_the_markdown_cites_every_report_as_commonmark_renders_it(view: View) -> None:
    html = MarkdownIt("commonmark").render(render(view, "md").decode())
    item = html[html.index("Russia begins airstrikes in Syria") : html.index("1 Oct 2015")]
    assert "<p>Reported by Breitbart News, AFP and GlobalPost:</p>" in item
    reports = re.findall(r"<li>(.*?)\n<blockquote>\n<p>(.*?)</p>", item)
    assert [(r[0].split(",")[0], r[1]) for r in reports] == [
        (
            "Breitbart News",
            "Russia began airstrikes against alleged enemies of Syrian President "
            "Bashar al-Assad on Wednesday with new attacks Thursday morning.",
        ),
        ("AFP", "Russia started air strikes earlier this week"),
        ("GlobalPost", "Russia started air strikes earlier this week"),
    ]
    assert "(via AFP): “earlier this week”, read as week of 28 Sep 2015; confirmed." in item
    assert "<p>Reported by AFP and Example Digest; they disagree on the status:</p>" in html


def test_json_and_csv_carry_every_report(view: View) -> None:
    records = {r["id"]: r for r in json.loads(render(view, "json"))}
    first = records["airstrikes-begin"]
    assert (first["outlets"], first["disagree"]) == (2, [])
    assert [
        (r["source"], r["start"], r["end"], r["label"], r["status"]) for r in first["reports"]
    ] == [
        ("breitbart-2015-10-01", "2015-09-30", "2015-09-30", "30 Sep 2015", "confirmed"),
        ("afp-2015-10-02", "2015-09-28", "2015-10-01", "week of 28 Sep 2015", "confirmed"),
        ("globalpost-2015-10-02", "2015-09-28", "2015-10-01", "week of 28 Sep 2015", "confirmed"),
    ]
    assert records["documentary-airs"]["disagree"] == ["date"]
    assert records["strikes-second-day"]["reports"] == []
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(render(view, "csv").decode()))}
    cell = json.loads(rows["airstrikes-begin"]["reports"])
    assert cell[1] == {
        "source": "afp-2015-10-02",
        "start": "2015-09-28",
        "end": "2015-10-01",
        "label": "week of 28 Sep 2015",
        "quote": "Russia started air strikes earlier this week",
        "status": "confirmed",
    }
    assert rows["kadyrov-agent-network-claim"]["disagree"] == "status"
    assert rows["strikes-second-day"]["reports"] == ""


def test_timelinejs_slide_text_lists_the_sources(view: View) -> None:
    slides = {e["unique_id"]: e for e in json.loads(render(view, "timelinejs"))["events"]}
    text = slides["airstrikes-begin"]["text"]["text"]
    assert "<p>Reported by Breitbart News, AFP and GlobalPost:</p><ul><li>Breitbart News," in text
    assert "<li>AFP, “Russia presses on with air strikes in Syria”, 2 October 2015:" in text
    assert "GlobalPost" in text and "(via AFP)" in text
    assert "Reported by" not in slides["strikes-second-day"]["text"]["text"]


def test_the_source_filter_keeps_an_event_a_further_report_gives() -> None:
    frame = open_dataset(EXAMPLE).frame
    kept = apply(frame, Filters(sources=("globalpost-2015-10-02",)))
    assert list(kept["id"]) == ["airstrikes-begin"]  # a relay of AFP, the event Breitbart's
    words = describe(Filters(outlets=("2",), disagree=("date",)))
    assert words == "Reported by at least: 2 outlets · Sources disagree on: the date"


def test_the_html_lists_every_report_in_the_source_column(view: View, browser, tmp_path: Path):
    """As Chromium draws the exported page: each report's outlet on its own line, linked
    to its article, the date a report gives when it differs, and the disagreement said."""
    path = tmp_path / "brief.html"
    path.write_bytes(render(view, "html"))
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(path.as_uri())
    row = page.locator("tbody tr", has_text="Russia begins airstrikes in Syria")
    cell = row.locator("td").nth(4)
    assert cell.inner_text().splitlines()[:3] == [
        "Breitbart News",
        "AFP says week of 28 Sep 2015",
        "GlobalPost says week of 28 Sep 2015",
    ]
    assert cell.locator("a").first.get_attribute("href").startswith("https://www.breitbart.com/")
    disagreeing = page.locator("tbody tr", has_text="Documentary on Chechen agents inside IS")
    assert "≠ sources disagree" in disagreeing.locator("td").nth(4).inner_text()
    page.close()
