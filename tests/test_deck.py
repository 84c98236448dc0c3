"""The deck as LibreOffice draws it: a timeline slide that reads from the back of a room,
strips that point out of their window with the year, and a bounded size."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import EVENTS, need
from timeline.dataset.load import load_file
from timeline.export import ExportError, make_view, render, slide_chart
from timeline.export.deck import MAX_EVENTS, to_pptx

SLIDE_PT = 13.333 * 72
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@pytest.fixture(scope="module")
def view():
    return make_view(load_file(EVENTS))


@pytest.fixture(scope="module")
def deck_pdf(view, tmp_path_factory) -> Path:
    need("LibreOffice", bool(shutil.which("soffice")), "apt-get install libreoffice-impress")
    folder = tmp_path_factory.mktemp("deck")
    (folder / "deck.pptx").write_bytes(render(view, "pptx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), "deck.pptx"],
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=300,
    )
    return folder / "deck.pdf"


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(out)]


def test_timeline_slide_text_is_at_least_14_pt_as_rendered(deck_pdf):
    found = words(deck_pdf, 2)
    [title] = [w for w in found if w[4] == "Timeline"]  # set at 28 pt: the scale of a box
    per_pt = (title[3] - title[1]) / 28
    chart = [w for w in found if w[1] > title[3] + 10]  # everything below the heading
    assert len(chart) > 60, "the chart's labels are not text on the slide"
    smallest = min((w[3] - w[1]) / per_pt for w in chart)
    assert smallest >= 13.95, f"smallest text on the timeline slide: {smallest:.1f} pt"
    assert any(w[4] == "Kadyrov" for w in chart)  # event labels, not only the axis


def test_timeline_chart_covers_most_of_the_slide_width(deck_pdf, tmp_path):
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "2", "-l", "2", str(deck_pdf), str(tmp_path / "s")],
        check=True,
    )
    [png] = tmp_path.glob("s*.png")
    ink = np.any(np.asarray(Image.open(png).convert("RGB")) < 235, axis=-1)
    below = ink[int(ink.shape[0] * 0.15) :]  # under the heading
    columns = np.flatnonzero(below.any(axis=0))
    assert (columns[-1] - columns[0]) / ink.shape[1] >= 0.85


def test_timeline_has_at_most_8_lanes(view):
    assert len(slide_chart.pack(view).order) <= slide_chart.MAX_LANES


def test_strip_points_to_events_before_its_window_with_their_year(deck_pdf, view):
    first = " ".join(w[4] for w in words(deck_pdf, 3))  # the 2007 event's slide
    assert view.frame.iloc[0]["label"] == "2007"
    assert "◀ 2007" in first
    later = " ".join(w[4] for w in words(deck_pdf, 10))
    assert "◀ 2007–2015" in later


def test_a_deck_past_its_size_is_refused_with_what_to_do(view):
    with pytest.raises(ExportError, match=r"at most 20\b.*filter it first"):
        to_pptx(view, most=20)
    assert MAX_EVENTS == 300
