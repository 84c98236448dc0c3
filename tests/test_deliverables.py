"""Briefing deliverables, checked as rendered: the PDF on paper, the deck, their names.

The PDF's pages are read back for their size and rendered (pdftoppm) to measure the
chronology pages' contrast; the deck is converted by LibreOffice and every word it draws
is checked to lie inside its own text box and the slide. Locally a missing tool skips
with the command that installs it; under CI it fails.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.util import Emu

from tests.conftest import EVENTS, ROOT, cli, need
from timeline.dataset.load import load_file
from timeline.export import default_name, make_view, render
from timeline.filters import Filters

PAPER_POINTS = {"a4": (841.9, 595.3), "letter": (792.0, 612.0)}
EMU_PER_POINT = 12700


@pytest.fixture(scope="module")
def data():
    return load_file(EVENTS)


@pytest.fixture(scope="module")
def pdfs(data, tmp_path_factory):
    need("pdfinfo", bool(shutil.which("pdfinfo")), "apt-get install poppler-utils")
    folder = tmp_path_factory.mktemp("paper")
    out = {}
    for paper in PAPER_POINTS:
        path = folder / f"{paper}.pdf"
        path.write_bytes(render(replace(make_view(data), paper=paper), "pdf"))
        out[paper] = path
    return out


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)
    ]


def page_text(path: Path, page: int) -> str:
    command = ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("paper", list(PAPER_POINTS))
def test_pdf_pages_are_landscape_paper_with_numbered_footers(pdfs, paper):
    sizes = page_sizes(pdfs[paper])
    want = PAPER_POINTS[paper]
    assert len(sizes) >= 3  # the timeline, the chronology, the sources
    assert all(abs(w - want[0]) < 1.5 and abs(h - want[1]) < 1.5 for w, h in sizes), sizes
    for number in range(1, len(sizes) + 1):
        text = page_text(pdfs[paper], number)
        assert f"Page {number} of {len(sizes)}" in text and "Generated" in text


def test_pdf_first_page_has_title_filters_period_and_the_labelled_timeline(pdfs):
    text = page_text(pdfs["a4"], 1)
    assert "Russia, Chechnya and the Islamic State, 2014–2016" in text
    assert "All events." in text and "25 of 25 events · 2007 to 10 Feb 2016" in text
    assert "2007: Kadyrov has led Chechnya" in text  # the chart's labels are text too
    assert "30 Sep" in text and "//" in text  # its date axis, with the empty months left out


def test_pdf_chronology_repeats_its_header_and_lists_every_event(pdfs, data):
    path, pages = pdfs["a4"], len(page_sizes(pdfs["a4"]))
    chronology = [page_text(path, n) for n in range(2, pages + 1)]  # the sources follow
    assert len(chronology) >= 2, "25 events should take more than one page"
    for text in chronology[:-1]:
        assert "DATE EVENT ACTORS STATUS SOURCE" in text
    joined = " ".join(" ".join(chronology).split()).replace("- ", "-")
    for title in make_view(data).frame["title"]:
        assert " ".join(title.split()) in joined
    assert "Sources" in page_text(path, pages) and "theworld.org" in page_text(path, pages)


MM = 30 / 25.4  # pixels per millimetre at 30 dpi
VIEWS = {
    "every event": Filters(),
    "Kadyrov's": Filters(actors=("kadyrov",)),
    "statements": Filters(kinds=("statement",)),
    "2016": Filters(start=date(2016, 1, 1)),
    "Peskov's": Filters(actors=("peskov",)),
}


def inked_share(png: Path) -> float:
    """How far down the page's text area (inside the 13 mm top and 15 mm bottom margins,
    the footer left out) its lowest ink reaches, as a share of that area's height."""
    page = Image.open(png).convert("L")
    top, bottom = round(13 * MM), page.height - round(15 * MM)
    area = page.crop((0, top, page.width, bottom)).point(lambda v: 255 if v < 160 else 0)
    box = area.getbbox()
    return 0.0 if box is None else box[3] / (bottom - top)


@pytest.mark.parametrize("chosen", list(VIEWS))
def test_every_pdf_page_but_the_last_is_at_least_half_used(data, chosen, tmp_path):
    """No page left near empty: a short chart is followed by the chronology on its page,
    the sources follow the chronology, and a short list of sources is never split (the
    old PDF put the sources on a page of their own after a page of one row)."""
    need("pdftoppm", bool(shutil.which("pdftoppm")), "apt-get install poppler-utils")
    pdf = tmp_path / "view.pdf"
    pdf.write_bytes(render(make_view(data, VIEWS[chosen]), "pdf"))
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    pages = sorted(tmp_path.glob("p*.png"))
    shares = [round(inked_share(png), 2) for png in pages]
    assert shares and shares[-1] > 0, shares
    assert all(share >= 0.5 for share in shares[:-1]), f"{chosen}: pages used {shares}"


def test_pdf_chronology_pages_are_dark_text_on_white(pdfs, tmp_path):
    """The deliverable a minister reads: no dark block behind the table (the old export
    drew it navy on a page that imported Streamlit)."""
    need("pdftoppm", bool(shutil.which("pdftoppm")), "apt-get install poppler-utils")
    prefix = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-f",
            "2",
            "-l",
            "2",
            "-gray",
            "-png",
            str(pdfs["a4"]),
            str(prefix),
        ],
        check=True,
    )
    [png] = list(tmp_path.glob("page*.png"))
    page = Image.open(png).convert("L")
    counts = page.histogram()  # pixels per grey level, 0 black to 255 white
    total = sum(counts)
    dark = sum(counts[:110]) / total
    assert sum(counts[250:]) / total > 0.5  # the ground is white
    assert 0.003 < dark < 0.12, f"{dark:.1%} of the page is dark"
    width, height = page.size
    for top in range(0, height - 10, 10):  # no band of the page is a dark block
        band = page.crop((0, top, width, top + 10)).histogram()
        share = sum(band[:110]) / (width * 10)
        assert share < 0.35, f"a dark band at {top} px: {share:.0%}"


def test_images_are_the_same_from_a_process_that_imported_streamlit(tmp_path):
    """Importing Streamlit changes Plotly's default template; output figures set theirs."""
    cli_png = tmp_path / "cli.png"
    assert cli("export", "--format", "png", "-o", str(cli_png), str(EVENTS)).returncode == 0
    app = tmp_path / "app.png"
    script = (
        "import sys, streamlit, plotly.io as pio\n"
        "assert pio.templates.default == 'streamlit'\n"
        "from timeline.export import make_view, render\n"
        "from timeline.dataset.load import load_file\n"
        f"open({str(app)!r}, 'wb').write(render(make_view(load_file({str(EVENTS)!r})), 'png'))\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=180)
    one, two = Image.open(cli_png).convert("RGB"), Image.open(app).convert("RGB")
    assert one.size == two.size
    assert ImageChops.difference(one, two).getbbox() is None


# --- the deck, rendered -------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck_bytes(data):
    return render(make_view(data), "pptx")


@pytest.fixture(scope="module")
def rendered_deck(deck_bytes, tmp_path_factory):
    """The deck as LibreOffice draws it: words with their boxes, per slide (in points)."""
    need("LibreOffice", bool(shutil.which("soffice")), "apt-get install libreoffice-impress")
    need("pdftotext", bool(shutil.which("pdftotext")), "apt-get install poppler-utils")
    folder = tmp_path_factory.mktemp("deck")
    (folder / "deck.pptx").write_bytes(deck_bytes)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "deck.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(folder / "deck.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(re.sub(r'\sxmlns="[^"]+"', "", layout, count=1))
    pages = []
    for page in root.iter("page"):
        words = [
            (
                float(w.get("xMin")),
                float(w.get("yMin")),
                float(w.get("xMax")),
                float(w.get("yMax")),
                w.text or "",
            )
            for w in page.iter("word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def text_boxes(slide) -> list[tuple[tuple[float, float, float, float], str]]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            box = tuple(
                Emu(v).pt
                for v in (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
            )
            out.append((box, shape.text_frame.text))
    return out


def test_deck_is_16_by_9(rendered_deck):
    for width, height, _ in rendered_deck:
        assert abs(width / height - 16 / 9) < 0.01


def test_no_text_leaves_its_box_or_the_slide(deck_bytes, rendered_deck):
    deck = Presentation(io.BytesIO(deck_bytes))
    assert len(deck.slides) == len(rendered_deck)
    slack = 2.5  # points: glyph overhang and rounding
    for number, (slide, (width, height, words)) in enumerate(
        zip(deck.slides, rendered_deck, strict=True), 1
    ):
        boxes = text_boxes(slide)
        drawn: dict[int, str] = {i: "" for i in range(len(boxes))}
        for x0, y0, x1, y1, word in words:
            assert -slack <= x0 and x1 <= width + slack and -slack <= y0 and y1 <= height + slack, (
                number,
                word,
            )
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            owners = [
                i
                for i, (b, _) in enumerate(boxes)
                if b[0] - slack <= cx <= b[2] + slack and b[1] - slack <= cy <= b[3] + slack
            ]
            assert len(owners) == 1, f"slide {number}: {word!r} lies outside every text box"
            b = boxes[owners[0]][0]
            assert b[1] - slack <= y0 and y1 <= b[3] + slack, (
                f"slide {number}: {word!r} overflows its box"
            )
            drawn[owners[0]] += word
        for i, (_, text) in enumerate(boxes):
            assert drawn[i] == "".join(text.split()), (
                f"slide {number}: box {text[:40]!r} drew {drawn[i][:40]!r}"
            )


def test_event_slides_carry_speaker_notes_with_source_phrase_and_resolution(deck_bytes, data):
    deck = Presentation(io.BytesIO(deck_bytes))
    frame = make_view(data).frame
    for slide, row in zip(list(deck.slides)[2:-1], frame.to_dict("records"), strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        source = data.sources[row["source"]]
        assert source.outlet in notes and source.title in notes and source.url in notes
        assert f"published {source.published.day} {source.published:%B %Y}" in notes
        assert "How the date was resolved:" in notes
        if row["when"]:
            assert f"The article says “{row['when']}”." in notes
        if row["date_note"]:
            assert f"Pinned because: {row['date_note']}" in notes


def test_quotes_are_quoted_once(deck_bytes):
    deck = Presentation(io.BytesIO(deck_bytes))
    for slide in list(deck.slides)[2:-1]:
        [quote] = [t for _, t in text_boxes(slide) if t[:1] in "“‘\"'"]
        assert quote[1:2] not in '“‘"' or quote[1:2] == "", quote
        assert not quote.startswith(("““", "“‘", "‘“")), quote


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "fmt", "name"),
    [
        (Filters(actors=("kadyrov",)), "pptx", "kadyrov_2007-01-01_2016-02-10.pptx"),
        (Filters(), "pdf", "all-events_2007-01-01_2016-02-10.pdf"),
        (Filters(actors=("fsb",)), "timelinejs", "fsb_2015-12-02_2015-12-15-timelinejs.json"),
        (
            Filters(kinds=("claim",), statuses=("disputed",)),
            "csv",
            "claim-disputed_2015-09-30_2015-10-01.csv",
        ),
        (Filters(text="Рамзан"), "md", "ramzan.md"),  # transliterated
        (Filters(text="日本"), "md", "filtered.md"),
    ],
)
def test_files_are_named_for_what_is_inside(data, chosen, fmt, name):
    assert default_name(make_view(data, chosen), fmt) == name


def test_export_without_o_writes_the_named_file(tmp_path):
    done = cli("export", "--format", "md", "--actor", "kadyrov", str(EVENTS), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kadyrov_2007-01-01_2016-02-10.md").exists()
    assert "wrote kadyrov_2007-01-01_2016-02-10.md" in done.stderr
