"""No "nan", "None" or "NaT" is ever shown: hover, labels, list, detail, briefing, exports.

A missing optional field (no phrase, no pin, no note, a figure without bounds or
claimant) must read as nothing, not as pandas' or Python's word for nothing. The
dataset below has events with and without each of them; every view and every export
is scanned as a reader gets it (PPTX through python-pptx, PDF through pdftotext).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ARTICLE, EVENT, HEADER, ROOT, need
from tests.live import sheet
from timeline import export
from timeline.dataset.frame import actors_frame, to_frame
from timeline.dataset.load import load_file
from timeline.draw.figure import timeline_figure
from timeline.export import make_view
from timeline.state import LANE_MODES

MISSING = re.compile(r"\b(nan|NaN|None|NaT|null)\b")

PLAIN_SOURCE = """\
  - id: plain
    title: A story with no link and no text
    outlet: Paper
    published: 2015-10-03
"""
# conftest's sources and actors, a second source with no link and no text, and events
# with and without each optional field.
DATASET = (
    "title: Every optional field, present and absent\n"
    + HEADER.replace("actors:\n", PLAIN_SOURCE + "actors:\n", 1)
    + EVENT  # id strikes: a phrase, no pin, no note
    + """\
  - id: pinned-with-note
    title: People counted
    source: wire
    when: In July
    date: 2015-07-14
    date_note: The count was published on 14 July.
    actors: [russia, putin]
    kind: statement
    status: claimed
    quote: In July, 2,200 people were counted.
    figures:
      - value: 2200
        measure: people counted
        qualifier: about
        claimant: putin
        low: 2000
        high: 2500
        note: an estimate
  - id: date-only
    title: A dated event with no phrase, no note
    source: plain
    date: 2015-09
    actors: [putin]
    kind: political
    status: confirmed
    quote: Anything at all.
    figures:
      - value: 12
        measure: meetings
  - id: notes-only
    title: An event with notes
    source: plain
    date: 2015-09-30/2015-10-01
    actors: [russia]
    kind: political
    status: disputed
    quote: Something else.
    notes: Curator's note.
"""
)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("optional")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(DATASET, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def view(dataset):
    data = load_file(dataset)
    assert not [p for p in data.problems if p.severity == "error"], data.problems
    return make_view(data)


def assert_clean(text: str, where: str) -> None:
    found = MISSING.findall(text)
    assert not found, f"{where} shows {found}: …{text[:400]}…"


def test_the_chart_never_shows_nan(view):
    for lanes in LANE_MODES:
        figure = timeline_figure(view.frame, view.actors, lanes, selected="date-only")
        texts = []
        for trace in figure.data:
            texts += [str(t) for t in (trace.hovertext or ()) + tuple(trace.text or ())]
        texts += [str(t) for t in figure.layout.yaxis.ticktext]
        assert_clean("\n".join(texts), f"the chart in {lanes} lanes")


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "timelinejs", "svg"])
def test_text_exports_never_show_nan(view, fmt):
    text = export.render(view, fmt).decode()
    if fmt == "svg":
        text = re.sub(r"<[^>]+>", " ", text)
    if fmt == "html":
        text = text[text.index("<body") :]  # the page's own script is Plotly's, not ours
        text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    assert_clean(text, fmt)


def test_json_export_says_null_for_what_is_missing(view):
    records = json.loads(export.render(view, "json"))
    by_id = {r["id"]: r for r in records}
    assert by_id["date-only"]["when"] is None and by_id["date-only"]["date_note"] is None
    assert by_id["pinned-with-note"]["when"] == "In July"
    assert "nan" not in json.dumps(records)


def test_the_deck_never_shows_nan(view):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(export.render(view, "pptx")))
    for number, slide in enumerate(deck.slides, 1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        assert_clean("\n".join(texts), f"slide {number}")


def test_the_pdf_never_shows_nan(view, tmp_path):
    need("pdftotext", bool(shutil.which("pdftotext")), "apt-get install poppler-utils")
    pdf = tmp_path / "view.pdf"
    pdf.write_bytes(export.render(view, "pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Strikes begin" in text
    assert_clean(text, "the PDF")


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv(index=False))
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))  # Markdown escapes, as shown


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("event", "quote"),
    [
        ("strikes", "the strikes began."),
        ("pinned-with-note", "2,200 people were counted"),
        ("date-only", "Anything at all."),
        ("notes-only", "Something else."),
    ],
)
def test_the_page_and_its_event_sheet_never_show_nan(dataset, monkeypatch, event, quote):
    monkeypatch.setenv("TIMELINE_EVENTS", str(dataset))
    at = run_app(event=event)
    opened = sheet(at)
    assert opened, "the event sheet is open"
    text = page_text(at) + "\n" + opened["text"]
    assert quote in text  # the sheet's own text is part of what is scanned
    assert_clean(text, f"the page with {event} open")


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_the_briefing_never_shows_nan(dataset, step):
    briefing = AppTest.from_function(_briefing_script, args=(str(dataset), step))
    briefing.run(timeout=60)
    assert not briefing.exception
    assert_clean(page_text(briefing), f"briefing step {step}")


def _briefing_script(path: str, step: int) -> None:
    import streamlit as st

    from timeline.dataset.frame import actors_frame, to_frame
    from timeline.dataset.load import load_file
    from timeline.ui import briefing

    data = load_file(path)
    st.session_state["step"] = step
    briefing.page(to_frame(data), actors_frame(data), data, "actor")


def test_markdown_export_leaves_out_a_missing_phrase(view):
    text = export.render(view, "md").decode()
    assert "the article's “In July”" in text
    assert "“”" not in text
    assert "A dated event with no phrase" in text


def test_frames_hold_empty_text_not_nan(dataset):
    frame = to_frame(load_file(dataset))
    for column in ("when", "date_note", "notes", "phrase_label"):
        assert frame[column].map(lambda v: isinstance(v, str)).all(), column
    assert len(actors_frame(load_file(dataset))) == 2
