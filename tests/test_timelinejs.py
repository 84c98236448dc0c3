"""TimelineJS in and out without loss: TimelineJS files written for these tests (in
``tests/tl_files``) are imported through the CLI, checked, exported back and compared with
the original field by field: events, headlines, texts, dates at their precision, times,
media, eras, the title slide and groups. TimelineJS itself (from npm) loads the export."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import http.server
import json
import os
import socketserver
import string
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EVENTS, HEADER, ROOT, dataset_text, need
from tests.live import chart, sheet
from tests.test_load import event
from timeline.cli import main
from timeline.dataset.load import load_bytes, load_file
from timeline.export import make_view, render
from timeline.filters import Filters
from timeline.problems import errors, warnings
from timeline.text import md_links
from timeline.timelinejs import DATE_KEYS, TimelineJSError, import_text, read_csv, read_json
from timeline.timelinejs.markup import html_links, plain_text

FILES = ROOT / "tests" / "tl_files"
TIMELINEJS = ROOT / "tests" / "timelinejs" / "node_modules" / "@knight-lab" / "timelinejs"


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


# --- TimelineJS itself ----------------------------------------------------------------------

TIMELINEJS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="tl/dist/css/timeline.css"><script src="tl/dist/js/timeline.js"></script>
</head><body><div id="timeline-embed" style="width:100%;height:650px"></div><script>
fetch("export.json").then(r => r.json()).then(data => {
  window.tl = new TL.Timeline("timeline-embed", data, {hash_bookmark: false, font: null});
  window.tl.on("loaded", () => { window.tlLoaded = true; });
});
</script></body></html>"""


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Path, str]]:
    """A folder served on localhost with TimelineJS (from the npm registry) inside it."""
    need("TimelineJS (npm)", TIMELINEJS.is_dir(), "npm ci --prefix tests/timelinejs")
    (tmp_path / "tl").symlink_to(TIMELINEJS)
    (tmp_path / "index.html").write_text(TIMELINEJS_PAGE, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=tmp_path))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def open_in_timelinejs(browser, url: str) -> tuple[Any, list[str]]:
    """The page of ``url`` once TimelineJS has loaded ``export.json``, and every console
    error and page error it had (the caller asserts there are none, after its own checks)."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => window.tlLoaded === true", timeout=30_000)
    assert page.evaluate("tl.config.messages") == {"errors": [], "warnings": []}
    return page, problems


def test_timelinejs_loads_our_export_without_errors(browser, served):
    folder, url = served
    view = make_view(load_file(EVENTS))
    (folder / "export.json").write_bytes(render(view, "timelinejs"))
    page, problems = open_in_timelinejs(browser, url)
    assert page.locator(".tl-slide").count() == 26  # the title slide and 25 events
    assert page.evaluate("tl.config.events.length") == 25
    assert problems == []
    page.close()


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
    served,
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
    opened = sheet(at)
    assert "Date: 10 Dec 1815, 09:30 (day)" in opened["text"]
    assert (
        "Ada · A. E. Chalon" in opened["text"] and "https://example.org/ada.jpg" in opened["links"]
    )
    assert "Daughter of Lord Byron." in opened["text"]
    assert "https://en.wikipedia.org/wiki/Lord_Byron" in opened["links"]
    assert any("mathematicians" in c.value for c in at.caption)  # the description
    figure = chart(at)
    bands = [s for s in figure["layout"]["shapes"] if s.get("fillcolor") == "#EFE9DC"]
    names = [n for t in figure["data"] if t.get("name") == "period names" for n in t["text"]]
    assert bands and "Lovelace's life" in names


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


# --- files as newsrooms publish them (issue 24) ------------------------------------------


def test_every_timelinejs_file_imports_and_passes_check(tmp_path, capsys):
    for name in sorted(p.name for p in FILES.iterdir()):
        path, _ = imported(name, tmp_path, capsys)
        assert main(["check", str(path)]) == 0, name
        assert "0 errors" in capsys.readouterr().out


def _events(path: Path) -> dict[str, Any]:
    return {e.event.title: e.event for e in load_file(path).events}


def test_embeds_are_kept_as_what_they_are(tmp_path, capsys):
    path, said = imported("newsroom.json", tmp_path, capsys)
    data = load_file(path)
    events = {e.event.title: e.event for e in data.events}
    quoted = events["A quotation with its page"]
    assert (quoted.quote, quoted.notes) == ("We begin today.", "Said at the opening.")
    cited = data.sources[quoted.source]
    assert (cited.url, cited.title, cited.outlet) == (
        "https://example.org/speech",
        "The speech",
        "example.org",
    )
    assert events["A quotation with a credit"].quote == '"Nothing is settled." — B. Writer'
    video = events["An embedded video"].media
    assert video is not None and (video.url, video.kind, video.caption) == (
        "https://www.youtube.com/embed/abc123",
        "embed",
        "The film",
    )
    kinds = {t: (e.media.url, e.media.kind) for t, e in events.items() if e.media}
    assert kinds["A YouTube video"] == ("https://youtu.be/abc123", "youtube")
    assert kinds["A Vimeo video"][1] == "vimeo" and kinds["A sound"][1] == "soundcloud"
    assert kinds["A tweet"][1] == "twitter" and kinds["A Wikipedia page"][1] == "wikipedia"
    assert kinds["A map"][1] == "google maps" and kinds["A picture"][1] == "image"
    for dropped in ("An iframe of script", "A div as media", "Script in media"):
        assert events[dropped].media is None, dropped
    for line in (
        "quotations (<blockquote> media) kept as the quote on 2 slides",
        "embedded pages (<iframe>) with no web address dropped on 1 slide",
        "HTML media other than a quotation or an embed (<div>) dropped on 1 slide",
        "HTML media other than a quotation or an embed (<script>) dropped on 1 slide",
        "media addresses that are neither a web address nor a path dropped on 2 slides",
        "thumbnails that are not a link dropped on 1 slide",
    ):
        assert line in said, line


def test_embeds_go_back_to_timelinejs_as_embeds_and_links(tmp_path, capsys):
    path, _ = imported("newsroom.json", tmp_path, capsys)
    back = {e["text"]["headline"]: e for e in exported(path, tmp_path)["events"]}
    assert back["An embedded video"]["media"] == {
        "url": '<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
        "caption": "The film",
    }
    assert back["A YouTube video"]["media"] == {
        "url": "https://youtu.be/abc123",
        "caption": "Video",
    }
    assert back["A quotation with a credit"]["text"]["text"] == (
        "<p>&quot;Nothing is settled.&quot; — B. Writer</p>"
    )
    assert "media" not in back["Script in media"]
    text = json.dumps(back)
    assert "<script" not in text and "javascript:" not in text and "onerror" not in text


def test_times_on_coarse_dates_are_dropped_and_said_never_failing_the_slide(tmp_path, capsys):
    path, said = imported("newsroom.json", tmp_path, capsys)
    events = _events(path)
    assert events["A time on a range"].date == "1920-01-05/1923-01-05"
    assert events["A time on a range"].time is None
    assert events["A time on a month"].time is None
    assert events["An hour that is not one"].time is None
    assert "times dropped on 2 slides not dated to one day (a range, …)" in said
    assert "times dropped on 1 slide where the time is not a time of day" in said
    back = slides(exported(path, tmp_path))["A time on a range"]
    assert (back["start"], back["end"]) == (
        {"year": 1920, "month": 1, "day": 5},
        {"year": 1923, "month": 1, "day": 5},
    )


@pytest.mark.parametrize(
    ("headline", "reason"),
    [
        ("Month 24", "its start month 24 is outside 1–12"),
        ("Month 21", "its start month 21 is outside 1–12"),  # EDTF's spring: never read
        ("The 31st of September", "'2015-09-31' is not a real date"),
    ],
)
def test_dates_come_from_the_slide_s_own_numbers(tmp_path, capsys, headline, reason):
    path, said = imported("newsroom.json", tmp_path, capsys)
    assert f"('{headline}') skipped: {reason}" in said
    assert headline not in _events(path)


def test_half_the_slides_failing_writes_the_other_half_and_says_which(tmp_path, capsys):
    path, said = imported("half.json", tmp_path, capsys)
    assert sorted(_events(path)) == ["Kept one", "Kept three", "Kept two"]
    source = FILES / "half.json"
    for line in (
        f"note: {source}: event 2 ('Month twenty-four') skipped: its start month 24 is outside",
        f"note: {source}: event 4 ('No such day') skipped: '2015-02-30' is not a real date",
        f"note: {source}: event 6 ('A code for a year') skipped: its start year '201X' is not",
        "3 events kept",
        "3 slides skipped (see above)",
    ):
        assert line in said, line
    assert main(["check", str(path)]) == 0


def test_what_check_refuses_is_left_out_by_name_not_the_whole_file(monkeypatch):
    from timeline.timelinejs import convert, import_text

    real = convert.event_of

    def hostile(made, slide, ident, actor):  # as if a converter let a bad field through
        event = real(made, slide, ident, actor)
        return {**event, "time": "25:00"} if slide.headline == "Kept two" else event

    monkeypatch.setattr(convert, "event_of", hostile)
    made = import_text((FILES / "half.json").read_text(encoding="utf-8"), "half.json", "json")
    [said] = [str(s) for s in made.skipped if "Kept two" in str(s)]
    assert said.startswith("event 3 ('Kept two') skipped: time ")  # check's own words
    assert "Kept two" not in made.text and "Kept one" in made.text
    assert errors(load_bytes(made.text.encode(), "x.yaml", None).problems) == []


@pytest.mark.parametrize(
    "url", ["<img src=x onerror=alert(1)>", 'a.png" onload="x', "data:text/html,x", "a b.png"]
)
def test_media_that_could_carry_script_is_refused_with_its_place(write, url):
    data = load_file(write(dataset_text(event(media="{url: " + json.dumps(url) + "}"))))
    [found] = [p for p in errors(data.problems) if p.where == "events[strikes].media.url"]
    assert "must be an http:// or https:// address, or a relative path" in found.message
    assert found.line is not None


# --- linear time on pathological input (issue 24) --------------------------------------

PATHOLOGICAL = [  # (unit repeated to 100 KB, then 200 KB): what made the old patterns slow
    "<a href=",
    "<p ",
    "<!--",
    "<!-- -- >",
    "</",
    "<![",
    "<?",
    '<a b="',
    "<a b=x' c='>",
    "<a href='https://x.org'>",
    "<a href='https://x.org'>y",
    "<blockquote>",
    "<cite>",
    "<b>x",
    "&#",
    "<",
    "[a](https://",
]


def _best_seconds(work: Any, text: str) -> float:
    import timeit

    return min(timeit.repeat(lambda: work(text), number=1, repeat=3))


def assert_linear(work: Any, unit: str) -> None:
    """Twice the input takes at most 2.5 times as long (plus 20 ms): a quadratic pattern
    takes four times as long. Measured up to three times, as the machine is shared (a
    quadratic pattern fails every time)."""
    small, big = unit * (100_000 // len(unit)), unit * (200_000 // len(unit))
    times = []
    for _ in range(3):
        first, second = _best_seconds(work, small), _best_seconds(work, big)
        times.append((round(first, 3), round(second, 3)))
        if second <= 2.5 * first + 0.02:
            return
    raise AssertionError(f"{unit!r}: 100 KB and 200 KB took {times} seconds")


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_html_is_read_in_linear_time(unit):
    from timeline.timelinejs.markup import read_markup

    assert_linear(read_markup, unit)


@pytest.mark.parametrize("unit", ["1,", "1/", ",", "-", "1:", ":", "pm", "p.m.", "9"])
def test_dates_and_times_are_split_in_linear_time(unit):
    from timeline.timelinejs.read import _clock, _v2_parts

    assert_linear(_v2_parts, unit)
    assert_linear(_clock, unit)


@pytest.mark.parametrize("unit", ["<a href=", "<blockquote>x"])
def test_a_whole_import_of_a_hostile_file_is_linear(unit):
    from timeline.timelinejs import import_text

    def whole(text: str) -> None:
        slide = {"start_date": {"year": "2015"}, "text": {"headline": text}}
        media = {"url": "<blockquote>" + text}
        made = import_text(json.dumps({"events": [slide, {**slide, "media": media}]}), "h", "json")
        assert made.counts["event"] == 2

    assert_linear(whole, unit)


def test_a_headline_of_100_kb_of_unclosed_tags_is_imported_as_its_text(tmp_path, capsys):
    headline = "<a href=" * 12_500
    given = tmp_path / "unclosed.json"
    slide = {"start_date": {"year": "2015"}, "text": {"headline": headline, "text": "<p "}}
    given.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    out = tmp_path / "unclosed.yaml"
    assert main(["import", str(given), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    [made] = load_file(out).events
    assert made.event.title == headline and made.event.quote == "<p"
    back = exported(out, tmp_path)["events"][0]["text"]
    assert plain_text(back["headline"]) == headline and "<a" not in back["headline"]


# --- TimelineJS itself runs no script from a hostile dataset (issue 24) -------------------

SCRIPT = "window.__pwned = 1"
PAYLOADS = [  # every way a field could become markup or script in TimelineJS
    f'<img src=x onerror="{SCRIPT}">',
    f"<script>{SCRIPT}</script>",
    f'"><svg onload="{SCRIPT}">',
    f"javascript:{SCRIPT}",
]
HOSTILE_MEDIA = [  # given straight to the export (the dataset's model refuses all of them)
    {"url": f'x.png" onerror="{SCRIPT}', "kind": "image"},
    {"url": f"javascript:{SCRIPT}", "kind": "embed"},
    {"url": f'https://example.org/"onload="{SCRIPT}', "kind": "embed"},
    {"url": f"<blockquote><img src=x onerror='{SCRIPT}'></blockquote>"},
    {"url": f"<iframe src='javascript:{SCRIPT}'></iframe>", "thumbnail": f"javascript:{SCRIPT}"},
]


def _hostile_dataset(tmp_path: Path) -> Path:
    bad = " ".join(PAYLOADS)
    text = dataset_text(
        event(
            title=json.dumps(bad),
            quote=json.dumps(bad),
            media=json.dumps(
                {"url": "https://example.org/e", "caption": bad, "credit": bad, "kind": "embed"}
            ),
        )
    )
    (tmp_path / "article.txt").write_text(bad, encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(f"title: {json.dumps(bad)}\ndescription: {json.dumps(bad)}\n" + text)
    return path


@pytest.mark.browser
def test_timelinejs_runs_no_script_from_a_hostile_dataset(tmp_path, browser, served):
    folder, url = served
    data = load_file(_hostile_dataset(tmp_path))
    assert data.ok, [str(p) for p in data.problems]
    view = make_view(data)
    frame = pd.concat([view.frame] * (1 + len(HOSTILE_MEDIA)), ignore_index=True)
    frame["id"] = [f"e{i}" for i in range(len(frame))]
    frame["media"] = [frame["media"][0], *HOSTILE_MEDIA]
    exported = render(replace(view, frame=frame), "timelinejs")
    links = [e["media"] for e in json.loads(exported)["events"] if "media" in e]
    assert [m["url"] for m in links] == [
        '<iframe src="https://example.org/e"></iframe>',
        "x.png%22%20onerror=%22window.__pwned%20=%201",  # a path, encoded: never an attribute
        '<iframe src="https://example.org/%22onload=%22window.__pwned%20=%201"></iframe>',
        "%3Cblockquote%3E%3Cimg%20src=x%20onerror=%27window.__pwned%20=%201%27%3E%3C/blockquote%3E",
    ]  # javascript: left out, with its iframe
    (folder / "export.json").write_bytes(exported)
    page, _ = open_in_timelinejs(browser, url)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for slide in range(len(frame) + 1):  # every slide shown, its media loaded
        page.evaluate(f"tl.goTo({slide})")
        page.wait_for_timeout(400)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and page.locator("script:not([src])").count() == 1  # the page's own
    assert page.locator("iframe[src^='https://example.org/e']").count() >= 1  # the embed shown
    if shots := os.environ.get("TIMELINE_SHOTS"):  # to look at: TIMELINE_SHOTS=folder
        page.evaluate("tl.goTo(1)")
        page.wait_for_timeout(800)
        page.screenshot(path=f"{shots}/hostile-timelinejs.png")
    page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {json.dumps(PAYLOADS[0])})")
    page.wait_for_function("window.__pwned === 1", timeout=5_000)  # the payload is live
    page.close()


@pytest.mark.browser
def test_timelinejs_shows_each_media_kind_as_its_own_type(tmp_path, capsys, browser, served):
    folder, url = served
    path, _ = imported("newsroom.json", tmp_path, capsys)
    (folder / "export.json").write_bytes(render(make_view(load_file(path)), "timelinejs"))
    page, problems = open_in_timelinejs(browser, url)
    icons = dict(
        page.evaluate(
            """Array.from(document.querySelectorAll('.tl-timemarker')).map(m => [
                m.querySelector('.tl-headline').textContent,
                Array.from(m.querySelectorAll('[class*=tl-icon-]')).map(e => e.className).join(' ')
            ])"""
        )
    )
    assert set(icons) == set(_events(path))  # every event kept is a slide
    assert icons["An embedded video"] == "tl-icon-iframe"  # the kind "embed", as TimelineJS embeds
    for title, icon in [
        ("A YouTube video", "youtube"),
        ("A Vimeo video", "vimeo"),
        ("A sound", "soundcloud"),
        ("A tweet", "twitter"),
        ("A Wikipedia page", "wikipedia"),
    ]:
        assert icons[title] == f"tl-icon-{icon}", title
    assert icons["Script in media"] == icons["A div as media"] == ""  # dropped: no media
    assert problems == []
    page.close()


@pytest.mark.parametrize("unit", ["[a](https://", "[", "[a](https://x.org/(", "](https://x"])
def test_markdown_links_of_an_import_are_written_back_in_linear_time(unit):
    from timeline.text import markdown_links_html

    assert_linear(markdown_links_html, unit)
    assert_linear(md_links, unit)


@pytest.mark.parametrize(
    ("url", "media", "quote"),
    [
        (
            '<div class="v"><iframe src="https://player.vimeo.com/video/1"></iframe></div>',
            {"url": "https://player.vimeo.com/video/1", "kind": "embed"},
            None,
        ),
        (
            "<p>Intro</p><blockquote>Words <a href='https://x.org/w'>here</a>.</blockquote>",
            None,
            "Words [here](https://x.org/w).",
        ),
        ("<blockquote cite='javascript:x'>Said.</blockquote>", None, "Said."),
        ("<iframe src='data:text/html,x'></iframe>", None, None),
        ("<img src=x onerror=alert(1)>", None, None),
        ("https://example.org/doc", {"url": "https://example.org/doc", "kind": "link"}, None),
        ("pics/a.PNG", {"url": "pics/a.PNG", "kind": "image"}, None),
        (
            "https://maps.google.com/?q=x",
            {"url": "https://maps.google.com/?q=x", "kind": "google maps"},
            None,
        ),
        (
            "https://fr.wikipedia.org/wiki/X",
            {"url": "https://fr.wikipedia.org/wiki/X", "kind": "wikipedia"},
            None,
        ),
    ],
)
def test_a_slide_s_media_is_kept_as_what_timelinejs_shows(url, media, quote):
    from timeline.timelinejs import import_text

    slide = {"start_date": {"year": "2015"}, "text": {"headline": "H"}, "media": {"url": url}}
    made = import_text(json.dumps({"events": [slide]}), "m.json", "json")
    [kept] = load_bytes(made.text.encode(), "m.yaml", None).events
    assert (kept.event.media.model_dump(exclude_none=True) if kept.event.media else None) == media
    assert kept.event.quote == quote
    cited = [s for s in made.text.split("\n") if s.startswith("  url: ")]
    assert all(c.startswith("  url: https://") for c in cited)  # a cite is a web address


# --- any dataset and any TimelineJS file (properties; was tests/test_roundtrip.py) ---------
# Export → import round-trips any valid dataset: ids, titles, dates at their precision
# whatever the year, times of day, media, quotes, kind and status; and whatever a TimelineJS
# file holds, what its import writes passes check.

WORD = st.text(
    string.ascii_letters + string.digits + "<>&\"'()[]!?,.:;#*_`|~-–’é", min_size=1, max_size=10
)
TITLE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9996, 12, 1))
TIME = st.times().map(lambda t: f"{t:%H:%M}" if t.second == 0 else f"{t:%H:%M:%S}")
URL = st.from_regex(r"https://example\.org/[a-z0-9]{1,8}\.(png|jpg)", fullmatch=True)
MEDIA = st.fixed_dictionaries(  # the kind an import tells from the address: a picture, or
    {"url": URL, "kind": st.sampled_from(["image", "embed"])},  # the page an <iframe> embeds
    optional={"caption": TITLE, "credit": TITLE, "thumbnail": URL},
)


@st.composite
def pins(draw: st.DrawFn) -> str:
    day = draw(DAY)
    kind = draw(st.sampled_from(["day", "month", "year", "range"]))
    if kind == "day":
        return day.isoformat()
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "year":
        return f"{day.year:04d}"
    return f"{day.isoformat()}/{(day + dt.timedelta(days=draw(st.integers(1, 900)))).isoformat()}"


@st.composite
def datasets(draw: st.DrawFn) -> dict:
    ids = draw(st.lists(IDS, min_size=1, max_size=12, unique=True))
    events = [
        {
            "id": ident,
            "title": draw(TITLE),
            "source": "s",
            "date": draw(pins()),
            "actors": [draw(st.sampled_from(["a", "b"]))],
            "kind": draw(st.sampled_from(["military", "claim", "media", "unknown"])),
            "status": draw(st.sampled_from(["reported", "claimed", "disputed", "unknown"])),
            "quote": draw(TITLE),
        }
        for ident in ids
    ]
    for one in events:
        if len(one["date"]) == 10 and draw(st.booleans()):
            one["time"] = draw(TIME)
        if draw(st.booleans()):
            one["media"] = draw(MEDIA)
    return {
        "title": draw(TITLE),
        "sources": [{"id": "s", "title": "T", "outlet": "O", "published": "2020-01-01"}],
        "actors": [
            {"id": "a", "name": draw(TITLE), "affiliation": "X"},
            {"id": "b", "name": "Bee", "affiliation": "Y"},
        ],
        "events": events,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_export_then_import_keeps_ids_titles_dates_precision(dataset):
    text = yaml.safe_dump(dataset, sort_keys=False, allow_unicode=True)
    before = load_bytes(text.encode(), "generated.yaml", Path("."))
    assert before.ok, [str(p) for p in before.problems]
    exported = render(make_view(before), "timelinejs").decode()
    after = load_bytes(
        import_text(exported, "x.json", "json").text.encode(), "back.yaml", Path(".")
    )
    assert after.ok, [str(p) for p in after.problems]

    def key(data):
        return {
            e.event.id: (
                e.event.title,
                e.span.start,
                e.span.end,
                e.span.precision,
                e.event.time,
                e.event.media,
                e.event.quote,
                e.event.kind,
                e.event.status,
            )
            for e in data.events
        }

    assert key(after) == key(before)


# --- any TimelineJS file: what the import writes passes check ---------------------------

PART = st.one_of(
    st.just(""),
    st.integers(-20, 10_000).map(str),
    st.sampled_from(["24", "13", "0", "31", "x", "201X", "2015-21", "1,5", " 7 ", "٣"]),
)
HTML = st.lists(
    st.sampled_from(
        [
            "<a href='https://x.org/a'>",
            "</a>",
            "<b>",
            "<p>",
            "</p>",
            "<blockquote cite='https://q.org'>",
            "</blockquote>",
            "<cite>",
            "<iframe src='https://y.org/e'>",
            "<iframe src='javascript:x'>",
            "<script>",
            "<!--",
            '"',
            "'",
            "<",
            ">",
            "&amp;",
            "Ada",
            " ",
            "javascript:",
            "data:x",
            "Actors: a",
            "Source: b",
        ]
    ),
    max_size=10,
).map("".join)
DATE = st.fixed_dictionaries(
    {"year": PART}, optional={"month": PART, "day": PART, "hour": PART, "minute": PART}
)
SLIDE = st.fixed_dictionaries(
    {"start_date": DATE, "text": st.fixed_dictionaries({"headline": HTML, "text": HTML})},
    optional={
        "end_date": DATE,
        "display_date": HTML,
        "group": HTML,
        "unique_id": HTML,
        "media": st.fixed_dictionaries(
            {"url": st.one_of(HTML, URL)}, optional={"caption": HTML, "thumbnail": HTML}
        ),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SLIDE, min_size=1, max_size=8), HTML)
def test_whatever_a_timelinejs_file_holds_the_import_passes_check(events, title):
    text = json.dumps({"title": {"text": {"headline": title}}, "events": events})
    try:
        made = import_text(text, "any.json", "json")
    except TimelineJSError as err:
        assert str(err).startswith("nothing to import"), err
        return
    checked = load_bytes(made.text.encode(), "any.yaml", None)
    assert errors(checked.problems) == [], [str(p) for p in checked.problems]
    assert made.counts["event"] + len(made.skipped) >= len(events)
