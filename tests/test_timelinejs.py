"""TimelineJS in and out without loss: TimelineJS files written for these tests (in
``tests/tl_files``) are imported through the CLI, checked, exported back and compared with
the original field by field: events, headlines, texts, dates at their precision, times,
media, eras, the title slide and groups. TimelineJS itself (from npm) loads the export."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HEADER, ROOT, dataset_text
from tests.live import chart
from tests.test_export import open_in_timelinejs, served  # noqa: F401  (served: a fixture)
from tests.test_load import event
from timeline.cli import main
from timeline.export import make_view, render
from timeline.filters import Filters
from timeline.load import load_file
from timeline.problems import errors, warnings
from timeline.text import html_links, md_links, plain_text
from timeline.timelinejs_import import DATE_KEYS, read_csv, read_json

FILES = ROOT / "tests" / "tl_files"


def imported(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """Import a test file with the CLI; the YAML's path and what the command said."""
    out = tmp_path / f"{name}.yaml"
    assert main(["import", str(FILES / name), "-o", str(out)]) == 0
    return out, capsys.readouterr().err


def exported(path: Path, tmp_path: Path, *flags: str) -> dict[str, Any]:
    out = tmp_path / "back.json"
    assert main(["export", str(path), "--format", "timelinejs", "-o", str(out), *flags]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _parts(date: Any) -> dict[str, int]:
    given = date if isinstance(date, dict) else {}
    return {k: int(given[k]) for k in DATE_KEYS if str(given.get(k, "")).strip()}


def _media(media: Any) -> dict[str, str]:
    return {k: v for k, v in (media or {}).items() if v}


def slides(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A TimelineJS 3 file's events by headline, as a reader sees them."""
    return {
        plain_text(e["text"]["headline"]): {
            "start": _parts(e["start_date"]),
            "end": _parts(e.get("end_date")),
            "text": html_links(e["text"].get("text", ""))[0],
            "display": plain_text(e.get("display_date")),
            "media": _media(e.get("media")),
            "group": plain_text(e.get("group")),
        }
        for e in data["events"]
    }


def eras(data: dict[str, Any]) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    return sorted(
        (plain_text(e["text"]["headline"]), _parts(e["start_date"]), _parts(e["end_date"]))
        for e in data.get("eras", [])
    )


def title(data: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    slide = data.get("title") or {"text": {"headline": ""}}
    words = slide["text"]
    return (
        plain_text(words["headline"]),
        html_links(words.get("text"))[0],
        _media(slide.get("media")),
    )


# --- TimelineJS 3 JSON: out again as it came in ------------------------------------


@pytest.mark.parametrize("name", ["rich.json", "plain.json"])
def test_a_timelinejs_file_comes_back_field_by_field(name, tmp_path, capsys):
    path, _ = imported(name, tmp_path, capsys)
    assert load_file(path).ok
    original = json.loads((FILES / name).read_text(encoding="utf-8"))
    back = exported(path, tmp_path)
    skipped = {"No year", "Long ago"}  # said, see the next test
    expected = {h: s for h, s in slides(original).items() if h not in skipped}
    assert slides(back) == expected
    assert eras(back) == eras(original)
    assert title(back) == title(original)  # no title slide when the file had none


def test_the_import_says_what_it_kept_converted_dropped_and_skipped(tmp_path, capsys):
    _, said = imported("rich.json", tmp_path, capsys)
    source = FILES / "rich.json"
    assert (
        f"note: {source}: event 7 ('No year') skipped: it has no start year "
        "(TimelineJS leaves such a slide out too)"
    ) in said
    assert (
        f"note: {source}: event 8 ('Long ago') skipped: its start year -5410 is outside 1–9999"
        in said
    )
    summary = next(line for line in said.splitlines() if line.startswith(f"{source}: "))
    for part in [
        "7 events kept",
        "media kept on 2 slides",
        "times of day kept on 3 slides",
        "2 eras kept as periods",
        "2 groups kept as actors (lanes by actor)",
        "the title slide's text kept as the description",
        "the title slide's media kept",
        "HTML links kept as Markdown links on 2 slides",
        "other HTML markup made plain text on 1 slide",
        "backgrounds dropped on 1 slide",
        "2 slides skipped (see above)",
        "kind and status 'unknown' on 7 events",
    ]:
        assert part in summary, part
    assert ".yaml:" not in said and "Traceback" not in said


def test_an_import_invents_nothing_and_check_says_so_in_one_line(tmp_path, capsys):
    path, _ = imported("rich.json", tmp_path, capsys)
    data = load_file(path)
    assert errors(data.problems) == []
    said = [p.message for p in warnings(data.problems)]
    assert len(said) == 2, said  # one for the source, one for all the events
    assert "no publication date (as an import has)" in said[0]
    assert said[1].startswith("7 of 7 events have kind 'unknown' and 7 status 'unknown'")
    [source] = data.sources.values()
    assert source.published is None and source.outlet == "TimelineJS 3 file rich.json"
    assert (
        {e.event.kind for e in data.events} == {e.event.status for e in data.events} == {"unknown"}
    )
    text = render(make_view(data), "timelinejs").decode()
    for invented in ("Unattributed", "Kind:", "Status:", "Actors:", "published ", "statement"):
        assert invented not in text, invented


def test_times_keep_the_story_order_within_a_day(tmp_path, capsys):
    path, _ = imported("rich.json", tmp_path, capsys)
    day = [e for e in load_file(path).events if e.span.start.isoformat() == "1815-12-10"]
    assert [(e.event.title, e.event.time) for e in day] == [
        ("Ada Lovelace: born", "09:30"),
        ("Noon", "12:05"),
        ("Christened", "17:16"),
    ]


def test_precision_survives_whatever_the_year(tmp_path, capsys):
    path, _ = imported("plain.json", tmp_path, capsys)
    labels = {e.event.title: (e.span.label, e.span.precision) for e in load_file(path).events}
    assert labels == {
        "Reign": ("1066 – 1087", "range"),
        "Two": ("Feb 2016", "month"),
        "One": ("10 Feb 2016", "day"),
    }
    reign = slides(exported(path, tmp_path))["Reign"]
    assert (reign["start"], reign["end"]) == ({"year": 1066}, {"year": 1087})


def test_no_group_unless_lanes_were_chosen(tmp_path, capsys):
    path, _ = imported("plain.json", tmp_path, capsys)
    assert all("group" not in e for e in exported(path, tmp_path)["events"])
    chosen = exported(path, tmp_path, "--lanes", "kind", "--force")
    assert {e["group"] for e in chosen["events"]} == {"Unknown"}
    own = tmp_path / "own.yaml"  # the project's own format, no `lanes:`: no groups
    own.write_text(dataset_text(event()), encoding="utf-8")
    (tmp_path / "article.txt").write_text("the strikes began.", encoding="utf-8")
    assert all("group" not in e for e in exported(own, tmp_path, "--force")["events"])


def test_the_title_slide_carries_title_description_and_filters(tmp_path, capsys):
    path, _ = imported("rich.json", tmp_path, capsys)
    data = load_file(path)
    whole = json.loads(render(make_view(data), "timelinejs"))["title"]["text"]
    assert whole == {
        "headline": "Rózsa Péter and friends",
        "text": '<p>A timeline of mathematicians; see <a href="https://example.org/about">about'
        "</a>.</p>",
    }
    some = json.loads(render(make_view(data, Filters(actors=("lovelace",))), "timelinejs"))
    assert some["title"]["text"]["text"].endswith("<p>Actors: Lovelace</p>")


# --- spreadsheets and TimelineJS 2 -------------------------------------------------------


def _read(name: str) -> Any:
    text = (FILES / name).read_text(encoding="utf-8")
    return read_csv(text) if name.endswith(".csv") else read_json(text)


def _slide_fields(read: Any) -> dict[str, tuple[Any, ...]]:
    return {
        s.headline: (_parts(s.start), _parts(s.end), html_links(s.text)[0], s.media, s.group)
        for s in read.slides
    }


@pytest.mark.parametrize(
    ("name", "version", "skipped"),
    [
        ("sheet3.csv", "TimelineJS 3", {"Antiquity"}),
        ("sheet2.csv", "TimelineJS 2", set()),
        ("v2.json", "TimelineJS 2", {"Undated"}),
    ],
)
def test_sheets_and_timelinejs_2_come_back_field_by_field(tmp_path, capsys, name, version, skipped):
    path, _ = imported(name, tmp_path, capsys)
    assert f"{version} file {name}" in path.read_text(encoding="utf-8")
    original, back = _read(name), read_json(json.dumps(exported(path, tmp_path)))
    expected = {h: f for h, f in _slide_fields(original).items() if h not in skipped}
    assert _slide_fields(back) == expected
    assert (back.title, plain_text(back.description), back.media) == (
        original.title,
        plain_text(original.description),
        original.media,
    )
    spans = [(e.headline, _parts(e.start), _parts(e.end)) for e in back.eras]
    assert [name for name, _, _ in spans] == [e.headline for e in original.eras if e.headline]


def test_a_sheet_reads_times_written_either_way():
    times = {s.headline: (s.start["hour"], s.start["minute"]) for s in _read("sheet3.csv").slides}
    assert times["Strikes begin"] == ("9", "15") and times["Statement"] == ("17", "16")


def test_an_unknown_shape_is_refused_naming_both_versions(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"timeline": {"headline": "x"}}', encoding="utf-8")
    assert main(["import", str(bad), "-o", str(tmp_path / "out.yaml")]) == 1
    assert 'not a TimelineJS 2 file: its "timeline" needs a "date" list' in capsys.readouterr().err
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Date,Title\n2015,x\n", encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(tmp_path / "out.yaml")]) == 1
    err = capsys.readouterr().err
    assert "TimelineJS 3 sheets have the columns Year, Month, Day" in err
    assert "TimelineJS 2 sheets Start Date, End Date, Headline" in err


# --- text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<b>Ada Lovelace</b>: Daughter", "Ada Lovelace: Daughter"),
        ("one<br>two", "one two"),
        ("<p>one</p><p>two</p>", "one two"),
        ("a  <i>b</i> ,c", "a b ,c"),  # the writer's own space is theirs
        ("&lt;b&gt; &amp; co", "<b> & co"),
        ("Rózsa <em>Péter</em>", "Rózsa Péter"),
    ],
)
def test_text_cleaning_keeps_words_apart(markup, text):
    assert plain_text(markup) == text


def test_links_are_kept_as_markdown_and_go_back_as_html():
    text, kept = html_links('See <a href="https://x.org/a?b=1&amp;c=2">the <b>page</b></a>.')
    assert (text, kept) == ("See [the page](https://x.org/a?b=1&c=2).", 1)
    assert html_links('<a href="javascript:alert(1)">bad</a>') == ("bad", 0)


# --- the dataset's new fields ----------------------------------------------------------


@pytest.mark.parametrize(
    ("top", "where", "message"),
    [
        ("periods:\n  - name: War\n    date: 2015-13\n", "periods[#1].date", "not a real date"),
        ("periods:\n  - date: 2015\n", "periods[#1].name", "is required"),
        ("lanes: actors\n", "lanes", "'actors' is not one of actor, affiliation"),
        ("media:\n  url: ftp://x/a.png\n", "media.url", "must be an http:// or https://"),
    ],
)
def test_dataset_fields_are_checked_with_their_location(write, top, where, message):
    data = load_file(write(top + dataset_text(event())))
    found = [p for p in errors(data.problems) if p.where == where and message in p.message]
    assert found, [str(p) for p in data.problems]


def test_a_phrase_needs_a_pin_when_its_source_has_no_date(write):
    text = HEADER.replace("    published: 2015-10-01\n", "") + dataset_text(event())[len(HEADER) :]
    data = load_file(write(text))
    [problem] = errors(data.problems)
    assert problem.where == "events[strikes].when"
    assert "the source 'wire' has no publication date (`published:`)" in problem.message
    assert "pin the date with `date:`" in problem.message


# --- TimelineJS itself ---------------------------------------------------------------------

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_timelinejs_loads_the_export_of_an_import_with_times_media_and_eras(
    tmp_path,
    capsys,
    browser,
    served,  # noqa: F811
):
    folder, url = served
    (folder / "pic.png").write_bytes(PIXEL)
    source = json.loads((FILES / "rich.json").read_text(encoding="utf-8"))
    for slide in [source["title"], *source["events"]]:
        if "media" in slide:  # pictures the page can load offline
            slide["media"] = {**slide["media"], "url": "pic.png", "thumbnail": "pic.png"}
    given = tmp_path / "given.json"
    given.write_text(json.dumps(source), encoding="utf-8")
    out = tmp_path / "given.yaml"
    assert main(["import", str(given), "-o", str(out)]) == 0
    (folder / "export.json").write_bytes(render(make_view(load_file(out)), "timelinejs"))
    page, problems = open_in_timelinejs(browser, url)
    assert page.evaluate("tl.config.events.length") == 7
    assert page.evaluate("tl.config.eras.length") == 2
    shown = page.locator("img.tl-media-image")
    shown.first.wait_for(timeout=10_000)  # the title slide's picture, loaded from the page's folder
    assert page.evaluate("document.querySelector('img.tl-media-image').naturalWidth") == 1
    assert problems == []
    page.close()


def test_the_app_shows_an_import_with_its_periods_times_and_media(tmp_path, capsys, monkeypatch):
    from streamlit.testing.v1 import AppTest

    path, _ = imported("rich.json", tmp_path, capsys)
    monkeypatch.setenv("TIMELINE_EVENTS", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["event"] = "ada-lovelace-born"
    at.run()
    assert not at.exception, at.exception
    said = " ".join(m.value for m in at.markdown)
    assert "**10 Dec 1815, 09\\:30**" in said  # ":" escaped from Streamlit's :emoji:
    assert "**Media:** [Ada](https://example.org/ada.jpg) · A. E. Chalon" in said
    assert "Daughter of [Lord Byron](https://en.wikipedia.org/wiki/Lord_Byron)." in said
    assert any("mathematicians" in c.value for c in at.caption)  # the description
    figure = chart(at)
    bands = [s for s in figure["layout"]["shapes"] if s.get("fillcolor") == "#EFE9DC"]
    names = [a["text"] for a in figure["layout"]["annotations"] if a.get("yref") == "paper"]
    assert len(bands) >= 1 and "Lovelace's life" in names


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        (
            "Daughter of [Lord Byron](https://x.org/b).",
            "Daughter of [Lord Byron](https://x.org/b).",
        ),
        (
            "see [a](https://x.org) and [b](https://y.org) too",
            "see [a](https://x.org) and [b](https://y.org) too",
        ),
        ("*not* a [link](javascript:x)", "\\*not\\* a \\[link\\](javascript\\:x)"),
    ],
)
def test_markdown_links_are_shown_as_links_and_the_rest_literally(text, markdown):
    assert md_links(text) == markdown


# --- what the briefing outputs show of an import ---------------------------------------


def test_the_deck_of_an_import_reads_links_as_words_and_names_the_media(tmp_path, capsys):
    import io

    from pptx import Presentation

    path, _ = imported("rich.json", tmp_path, capsys)
    deck = Presentation(io.BytesIO(render(make_view(load_file(path)), "pptx")))
    texts = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Daughter of Lord Byron." in texts and "](" not in texts
    assert "Media: Ada (A. E. Chalon): https://example.org/ada.jpg" in texts
    assert "10 Dec 1815, 17:16" in texts


def _period_pixels(png: bytes) -> int:
    """Pixels of the period band's colour (#EFE9DC at 55 % over white) in a rendered PNG."""
    import io

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int((np.abs(pixels - np.array([246, 243, 236])).max(axis=2) <= 2).sum())


def test_periods_are_drawn_as_bands_on_the_printed_timeline(tmp_path, capsys):
    from dataclasses import replace

    path, _ = imported("rich.json", tmp_path, capsys)
    view = make_view(load_file(path))
    with_periods, without = render(view, "png"), render(replace(view, periods=()), "png")
    assert _period_pixels(without) < 50
    assert _period_pixels(with_periods) > 20_000  # Lovelace's life, 1815–1852, lanes deep


def test_an_event_without_a_quote_is_nobody_s_duplicate(tmp_path, capsys):
    import datetime as dt

    from timeline.suggest import suggest

    path, _ = imported("rich.json", tmp_path, capsys)  # "Notes published" has no text
    found = suggest("The notes appeared in September 1843.", dt.date(1843, 10, 1), load_file(path))
    assert found and all("same quote" not in d for c in found for d in c.duplicates)
