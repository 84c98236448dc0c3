"""Exports, each opened with a real reader: python-pptx, pdftotext, PIL, Chromium.

Also the CLI `export`/`import` commands and atomic writes. TimelineJS itself loading the
export, and the round trips through it, are in test_timelinejs.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from tests.conftest import EVENT, EVENTS, ROOT, dataset_text, need
from timeline import export
from timeline.cli import main
from timeline.dataset.load import load_file
from timeline.export import ExportError, make_view, render, write_atomic
from timeline.export.images import static_figure
from timeline.filters import Filters


@pytest.fixture(scope="module")
def data():
    return load_file(EVENTS)


@pytest.fixture(scope="module")
def view(data):
    return make_view(data)


@pytest.fixture(scope="module")
def fsb_view(data):
    return make_view(data, Filters(actors=("fsb",)))


# --- text formats ---------------------------------------------------------------------


def test_markdown_chronology_cites_every_event(view):
    text = render(view, "md").decode()
    assert text.startswith("# Russia, Chechnya and the Islamic State, 2014–2016\n")
    assert "All events. 25 of 25 events, 2007 to 10 Feb 2016." in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 2007",
        "## 2014",
        "## 2015",
        "## 2016",
        "## Sources",
    ]
    assert text.count("  Source: ") == 25
    assert "- **30 Sep 2015** — Russia begins airstrikes in Syria *(confirmed, military)*" in text
    assert "Date: the article's “last September”; pinned to 2 Sep 2014." in text


def test_markdown_escapes_markup_from_the_data(write):
    hostile = EVENT.replace(
        "title: Strikes begin", "title: '[click](javascript:alert(1)) <b>x</b>'"
    )
    view = make_view(load_file(write(dataset_text(hostile))))
    text = render(view, "md").decode()
    assert "\\[click\\](javascript\\:alert(1)) \\<b\\>x\\</b\\>" in text


def test_markdown_links_cannot_break_out_into_html(write):
    """A source URL with `>` would end the autolink and open a live tag once rendered."""
    text = dataset_text(EVENT).replace(
        "url: https://example.org/story", "url: 'https://x/><script>alert(1)</script>'"
    )
    markdown = render(make_view(load_file(write(text))), "md").decode()
    assert "<https://x/%3E%3Cscript%3Ealert(1)%3C/script%3E>" in markdown
    assert "<script>" not in markdown


def test_filters_in_words_name_an_actor_and_a_source_that_share_an_id(write):
    text = dataset_text(EVENT).replace("  - id: putin\n", "  - id: wire\n")
    view = make_view(load_file(write(text)), Filters(actors=("wire",), sources=("wire",)))
    assert view.filters_text == "Actors: Vladimir Putin · Source: Wire"


def test_csv_and_json_hold_the_filtered_events(fsb_view):
    rows = list(csv.DictReader(io.StringIO(render(fsb_view, "csv").decode())))
    records = json.loads(render(fsb_view, "json"))
    ids = [
        "is-beheads-alleged-russian-spy",
        "kadyrov-victim-not-an-agent",
        "fsb-2900-russians-with-is",
    ]
    assert [r["id"] for r in rows] == [r["id"] for r in records] == ids
    assert records[2]["figures"][0] == {
        "value": 2900.0,
        "unit": "people",
        "measure": "Russians fighting with IS",
        "qualifier": "nearly",
        "claimant": "fsb",
    }


def test_timelinejs_dates_go_as_far_as_the_precision(view):
    slides = {s["unique_id"]: s for s in json.loads(render(view, "timelinejs"))["events"]}
    assert len(slides) == 25
    assert slides["airstrikes-begin"]["start_date"] == {"year": "2015", "month": "9", "day": "30"}
    assert slides["is-shishani-training-video"]["start_date"] == {"year": "2014", "month": "8"}
    assert slides["kadyrov-leads-chechnya"]["start_date"] == {"year": "2007"}
    assert "end_date" not in slides["kadyrov-leads-chechnya"]
    ranged = slides["pentagon-taken-aback"]
    assert (ranged["start_date"]["day"], ranged["end_date"]["day"]) == ("30", "1")
    assert ranged["display_date"] == "30 Sep 2015 – 1 Oct 2015"
    assert slides["putin-obama-un"]["group"] == "Vladimir Putin"
    assert slides["putin-obama-un"]["text"]["headline"] == (
        "Putin and Obama talk about Syria at the UN General Assembly"
    )


# --- HTML -------------------------------------------------------------------------------


def open_in_chromium(browser, path: Path):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=30_000)
    return page, problems


def test_html_works_offline_with_chart_list_and_sources(view, browser, tmp_path):
    path = tmp_path / "brief.html"
    path.write_bytes(render(view, "html"))
    page, problems = open_in_chromium(browser, path)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 25
    assert page.locator("tbody tr").count() == 25
    assert page.locator("h2").all_inner_texts() == ["Events", "Sources"]
    assert "Breitbart News" in page.locator("ol").inner_text()
    assert problems == []
    page.close()


def test_html_status_reads_as_the_chart_draws_it_on_one_line(view, browser, tmp_path):
    """Each status cell: the chart's mark, then the word, in the chart's ink, on one line
    at a laptop's width (the mark once wrapped above the word)."""
    from timeline.draw.styles import STATUS_STYLES

    path = tmp_path / "brief.html"
    path.write_bytes(render(view, "html"))
    page, _ = open_in_chromium(browser, path)
    page.set_viewport_size({"width": 1280, "height": 720})
    cells = page.eval_on_selector_all(
        "td.status",
        """cs => cs.map(c => { const r = document.createRange(); r.selectNodeContents(c);
            return [c.textContent, r.getClientRects().length, getComputedStyle(c).color]; })""",
    )
    assert len(cells) == 25
    for text, lines, colour in cells:
        mark, word = text.split(" ")
        look = STATUS_STYLES[word]
        assert mark == look.mark and lines == 1, (text, lines)
        red, green, blue = (int(look.ink[i : i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgb({red}, {green}, {blue})"
    page.close()


def test_an_approximate_date_is_drawn_faded_and_labelled_c(write, browser, tmp_path):
    """An EDTF pin `2015-07~`: in the HTML brief as Chromium draws it, its marker is faded
    beside the others at full strength, its date reads "c. Jul 2015", the legend says what
    the faded mark means, and the JSON export carries the EDTF."""
    vague = (
        EVENT.replace("id: strikes", "id: counted")
        .replace("when: on Wednesday", 'date: "2015-07~"')
        .replace("quote: the strikes began.", "quote: In July, 2,200 people were counted.")
    )
    view = make_view(load_file(write(dataset_text(EVENT, vague))))
    path = tmp_path / "brief.html"
    path.write_bytes(render(view, "html"))
    page, problems = open_in_chromium(browser, path)
    opacities = page.eval_on_selector_all(
        ".js-plotly-plot .scatterlayer .trace:not(.legend) .point",
        "ps => ps.map(p => getComputedStyle(p).opacity)",
    )
    assert sorted(set(opacities)) == ["0.45", "1"]
    assert "c. Jul 2015" in page.locator("tbody").inner_text()
    assert "c. / ? approximate or uncertain date" in page.locator(".legend").text_content()
    assert problems == []
    page.close()
    records = json.loads(render(view, "json"))
    assert {r["id"]: r["edtf"] for r in records} == {"counted": "2015-07~", "strikes": "2015-09-30"}


def test_html_keeps_script_in_the_data_as_text(write, browser, tmp_path):
    payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    hostile = EVENT.replace("title: Strikes begin", f"title: '{payload}'")
    view = make_view(load_file(write(dataset_text(hostile))))
    html = render(view, "html").decode()
    assert html.count("</script>") == 2  # plotly.js and our own; the data's is escaped
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    page, problems = open_in_chromium(browser, path)
    assert page.locator("tbody b").inner_text() == payload
    assert page.locator("img").count() == 0
    assert problems == []
    page.close()


# --- images, PDF, deck --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png"])
def test_png_has_the_figure_size(view, fmt):
    picture = Image.open(io.BytesIO(render(view, fmt)))
    figure = static_figure(view)
    assert picture.size == (1600, figure.layout.height)


def test_svg_is_an_svg_with_the_lanes(view):
    text = render(view, "svg").decode()
    assert text.startswith("<svg") and "Ramzan Kadyrov" in text


def test_pdf_text_holds_the_event_titles(view, tmp_path):
    need("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    path = tmp_path / "brief.pdf"
    path.write_bytes(render(view, "pdf"))
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    ).replace("- ", "-")  # a title wrapped at its hyphen inside a table cell
    for title in view.frame["title"]:
        assert " ".join(title.split()) in text, title


def test_pptx_deck_has_title_timeline_events_and_sources(fsb_view):
    deck = Presentation(io.BytesIO(render(fsb_view, "pptx")))
    slides = list(deck.slides)
    assert len(slides) == 1 + 1 + 3 + 1
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in slides]
    assert texts[0][0] == "Russia, Chechnya and the Islamic State, 2014–2016"
    assert "Actors: Federal Security Service (FSB)" in texts[0]
    assert "3 events, 2 Dec 2015 to 15 Dec 2015" in texts[0]
    assert "Timeline" in texts[1]  # drawn on the slide: its labels are text
    assert any(t.startswith("FSB: nearly 2,900") for t in texts[1]), texts[1]
    assert "FSB: nearly 2,900 Russians are fighting or have fought with IS" in texts[4]
    assert "15 Dec 2015 · estimate · the article says “in December”" in texts[4]
    assert any("nearly 2,900 Russians are fighting" in t for t in texts[4])
    assert "● REPORTED" in texts[4] and "3 / 3" in texts[4]
    assert any("Agence France-Presse (via GlobalPost)" in t for t in texts[5])


def test_empty_view_is_refused(data):
    with pytest.raises(ExportError, match="no events match the filters"):
        render(make_view(data, Filters(text="zzzz")), "md")


# --- command line, atomic writes ------------------------------------------------------------


def test_export_command_writes_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "brief.md"
    assert main(["export", "--format", "md", "-o", str(out), "--actor", "putin"]) == 0
    first = out.read_text()
    assert "Putin and Obama talk about Syria" in first and "FSB" not in first
    assert f"wrote {out} (md, 2 of 25 events)" in capsys.readouterr().err
    assert main(["export", "--format", "md", "-o", str(out)]) == 1
    assert "already exists; add --force to overwrite it" in capsys.readouterr().err
    assert out.read_text() == first
    assert main(["export", "--format", "md", "-o", str(out), "--force"]) == 0
    assert out.read_text() != first


def test_export_into_a_missing_folder_says_so(tmp_path, capsys):
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    target.write_text("old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new", force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_export_formats_are_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fmt in export.FORMATS:
        assert f"`{fmt}`" in readme, fmt


# --- import and round trip ----------------------------------------------------------------


def test_timelinejs_round_trip_keeps_ids_titles_dates_precision(view, tmp_path, capsys):
    exported, imported = tmp_path / "tl.json", tmp_path / "back.yaml"
    assert main(["export", "--format", "timelinejs", "-o", str(exported)]) == 0
    assert main(["import", str(exported), "-o", str(imported)]) == 0
    back = load_file(imported)
    assert back.ok, [str(p) for p in back.problems]
    before = {
        r["id"]: (r["title"], r["start"], r["end"], r["precision"])
        for r in view.frame.to_dict("records")
    }
    after = {
        e.event.id: (e.event.title, e.span.start, e.span.end, e.span.precision) for e in back.events
    }
    assert set(after) == set(before)
    for ident, (title, start, end, precision) in before.items():
        assert after[ident] == (title, start.date(), end.date(), precision), ident


SHEET = """Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background
,,,,,,,,,My timeline,An introduction,,,,,title,,
2015,9,30,,,,,,,Strikes begin,<p>Russia began airstrikes</p>,,,,,,Russia,
2015,7,,,,,,,,A July estimate,,,,,,,Russia,
2014,,,,,,,,,A year,,,,,,,,
2015,6,11,,2015,6,20,,mid-Jun 2015,Mid June,,,,,,,Chechnya,
2015,1,1,,2015,12,31,,,An era,,,,,,era,,
"""


def test_import_of_a_timelinejs_spreadsheet_keeps_precision(tmp_path, capsys):
    sheet, out = tmp_path / "sheet.csv", tmp_path / "events.yaml"
    sheet.write_text(SHEET, encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(out)]) == 0
    data = load_file(out)
    assert data.ok and data.title == "My timeline"
    got = {e.event.title: (e.span.label, e.span.precision, e.event.actors) for e in data.events}
    assert got == {
        "Strikes begin": ("30 Sep 2015", "day", ["russia"]),
        "A July estimate": ("Jul 2015", "month", ["russia"]),
        "A year": ("2014", "year", ["unattributed"]),
        "Mid June": ("mid-Jun 2015", "part-of-month", ["chechnya"]),
    }
    quotes = {e.event.title: e.event.quote for e in data.events}
    assert quotes["Strikes begin"] == "Russia began airstrikes"
    assert "has no article `text:`" in data.problems[0].message  # said, not hidden


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{not json", "not valid JSON (line 1)"),
        ("bad.json", '{"title": {}}', 'TimelineJS 3 needs an "events" list'),
        ("bad.csv", "a,b\n1,2\n", "not a TimelineJS spreadsheet"),
        (
            "bad.json",
            '{"events": [{"start_date": {"year": "2015", "month": "13"}, "text": {"headline": "H"}}]}',
            "nothing to import: event 1 ('H') skipped: ",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested more than 200 levels deep"),
        ("quote.csv", 'Year,Headline\n2015,"unclosed\n', "not a readable CSV file"),
    ],
)
def test_import_of_a_bad_file_says_why(tmp_path, capsys, name, content, message):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out.yaml")]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()


def test_import_skips_bad_slides_says_which_and_keeps_the_rest(tmp_path, capsys):
    """TimelineJS itself leaves out a slide with no year; so does the import, saying so by
    the input's own numbering, and the file's other slides are imported (exit 0)."""
    slides = [
        {"start_date": {"year": ""}, "text": {"headline": "No year"}},
        {"start_date": {"year": "-5410"}, "text": {"headline": "Long ago"}},
        {"start_date": {"year": "2015", "month": "9"}, "text": "a text given as a string"},
        {"start_date": {"year": "2015", "month": "10"}, "text": {"headline": "Kept"}},
    ]
    source, out = tmp_path / "tl.json", tmp_path / "out.yaml"
    source.write_text(json.dumps({"title": "a title as a string", "events": slides}))
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"note: {source}: event 1 ('No year') skipped: it has no start year" in err
    assert "event 2 ('Long ago') skipped: its start year -5410 is outside 1–9999" in err
    assert "2 slides skipped" in err and "Traceback" not in err and "out.yaml:" not in err
    back = load_file(out)
    assert back.ok and [e.event.title for e in back.events] == ["a text given as a string", "Kept"]


def test_import_reads_a_spreadsheet_cell_larger_than_csvs_default_limit(tmp_path, capsys):
    big = "word " * 30_000  # 150 KB, past the csv module's 131,072-character field limit
    sheet, out = tmp_path / "big.csv", tmp_path / "out.yaml"
    sheet.write_text(f'Year,Month,Day,Headline,Text\n2015,9,30,Big,"{big}"\n', encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(out)]) == 0
    assert load_file(out).events[0].event.quote == big.strip()


def _contrast(rgb: tuple[int, int, int], against: tuple[int, int, int] = (255, 255, 255)) -> float:
    def luminance(colour: tuple[int, int, int]) -> float:
        c = [v / 255 for v in colour]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    light, dark = sorted((luminance(rgb), luminance(against)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_unnamed_affiliations_are_drawn_in_colours_that_stand_out_on_white(write):
    """Affiliations the palette does not name (an import's, another conflict's) get the
    spare colours: in the PNG as kaleido draws it, each one's legend swatch is there and has
    at least 4.5:1 contrast against the white page (Okabe-Ito's spare sky blue and yellow,
    used before, had 2.3:1 and 1.3:1)."""
    import numpy as np

    from timeline.draw.styles import palette

    sides = [f"Side {c}" for c in "ABCDE"]
    actors = "".join(
        f"  - id: a{i}\n    name: Actor {i}\n    affiliation: {side}\n"
        for i, side in enumerate(sides)
    )
    events = [
        EVENT.replace("id: strikes", f"id: e{i}").replace("actors: [russia]", f"actors: [a{i}]")
        for i in range(len(sides))
    ]
    text = dataset_text(*events).replace("events:\n", actors + "events:\n", 1)
    view = make_view(load_file(write(text)))
    pixels = np.asarray(Image.open(io.BytesIO(render(view, "png"))).convert("RGB"))
    colours = palette(sides)
    for side in sides:
        rgb = tuple(int(colours[side][i : i + 2], 16) for i in (1, 3, 5))
        drawn = int(np.all(pixels == rgb, axis=-1).sum())
        assert drawn > 40, f"{side}'s colour {colours[side]} is not drawn"
        assert _contrast(rgb) >= 4.5, f"{side}: {colours[side]} is {_contrast(rgb):.1f}:1"
