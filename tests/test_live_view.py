"""The timeline while a person explores it, read off the rendered page in Chromium.

Zooms are made as a drag makes them (``Plotly.relayout`` on the chart, which fires the
same event a drag does); double-clicks, clicks and keys are real input events. Every
assertion is on what is drawn: label boxes, the chart's own axis, element hit tests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pandas as pd
import pytest

from tests.conftest import EVENTS
from tests.test_browser import POINT_OF_EVENT, streamlit_server
from tests.test_readable import LABELS, overlaps
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_file

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (1280, 720)]
ZOOMS = {
    "the first days of the air campaign": ("2015-09-30", "2015-10-03"),
    "the documentary": ("2016-02-03", "2016-02-13"),
    "autumn to winter": ("2015-09-01", "2016-02-28"),
    "every year": ("2006-01-01", "2016-12-31"),
}

MARKS = """() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .point')]
  .map(p => { const r = p.getBoundingClientRect();
              return {text: '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}; })"""
PLOT_BOX = """() => { const gd = document.querySelector('.js-plotly-plot'), xa = gd._fullLayout.xaxis;
  const box = gd.getBoundingClientRect();
  return {left: box.left + xa._offset, right: box.left + xa._offset + xa._length}; }"""
ZOOM = """([lo, hi]) => window.__timeline.Plotly.relayout(document.querySelector('.js-plotly-plot'),
  {'xaxis.range[0]': lo, 'xaxis.range[1]': hi})"""
DRAWN_RANGE = """() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range
  .map(v => String(v).slice(0, 10))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(EVENTS.name, tmp_path_factory.mktemp("live") / "log") as url:
        yield url


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return to_frame(load_file(EVENTS))


def open_at(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000)
    page.wait_for_function("() => window.__timeline && window.__timeline.Plotly", timeout=30_000)
    return page


def zoom(page, lo: str, hi: str) -> None:
    """Zoom as a drag does, then wait until the chart is drawn for that range."""
    page.evaluate(ZOOM, [lo, hi])
    page.wait_for_function(
        "([lo, hi]) => { const r = document.querySelector('.tl-chart').dataset.range;"
        " return r && r.split(',').map(Number)[0] === Date.parse(lo + 'T00:00:00Z'); }",
        arg=[lo, hi],
        timeout=10_000,
    )
    page.wait_for_timeout(150)


def names(label: str, title: str) -> bool:
    """Whether a label names ``title`` (whole, cut with "…", or after a pointer's date)."""
    stem = label.removesuffix("…").strip().removeprefix("≠ ")
    stem = stem.split(" ", 1)[1] if stem.startswith("×") and " " in stem else stem
    if ": " in stem and not title.startswith(stem):
        stem = stem.split(": ", 1)[1]
    stem = stem.split(" (+")[0]
    return len(stem) >= 6 and title.startswith(stem)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML export of every event, as a file a reader opens: no server behind it."""
    from timeline.export import make_view, render

    path = tmp_path_factory.mktemp("html") / "brief.html"
    path.write_bytes(render(make_view(load_file(EVENTS)), "html"))
    return path.as_uri()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_labels_follow_every_zoom(server, browser, events, size):
    labels_follow_every_zoom(open_at(browser, server, size), events)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_html_exports_labels_follow_every_zoom(exported, browser, events, size):
    """The exported page is the page's live timeline: packed again at every zoom (it was
    a figure packed once, for the first window), with nothing fetched."""
    labels_follow_every_zoom(open_at(browser, exported, size), events)


def test_the_html_export_opens_an_events_sheet_without_a_server(exported, browser):
    page = open_at(browser, exported, (1280, 720))
    page.locator(".tl-chart").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    sheet = page.locator(".tl-sheet")
    sheet.wait_for(state="visible", timeout=5_000)
    box = sheet.bounding_box()
    assert box and box["x"] + box["width"] <= 1280 and box["y"] < 720
    assert "Source:" in sheet.inner_text() and sheet.locator("h3").inner_text()
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden", timeout=5_000)
    assert page.errors == []
    page.close()


def labels_follow_every_zoom(page, events: pd.DataFrame) -> None:
    for what, (lo, hi) in ZOOMS.items():
        zoom(page, lo, hi)
        assert page.evaluate(DRAWN_RANGE) == [lo, hi], what
        labels = page.evaluate(LABELS)
        clash = [
            (a["text"], b["text"])
            for i, a in enumerate(labels)
            for b in labels[i + 1 :]
            if overlaps(a, b)
        ]
        assert clash == [], f"{what}: labels drawn over each other: {clash[:3]}"
        inside = events[(events["middle"] >= lo) & (events["middle"] <= hi)]
        titled = [t for t in inside["title"] if any(names(lab["text"], t) for lab in labels)]
        assert len(titled) >= 0.7 * len(inside), (
            f"{what}: {len(titled)} of {len(inside)} events in view show their title"
        )
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_title_is_cut_only_where_there_is_no_room(server, browser, size):
    page = open_at(browser, server, size)
    for what, (lo, hi) in ZOOMS.items():
        zoom(page, lo, hi)
        labels, plot = page.evaluate(LABELS), page.evaluate(PLOT_BOX)
        drawn = labels + page.evaluate(MARKS)  # free means nothing drawn there
        for label in labels:
            if not label["text"].endswith("…"):
                continue
            same_row = [
                other["x0"]
                for other in drawn
                if other is not label
                and other["x0"] >= label["x1"] - 1
                and other["y0"] < label["y1"]
                and label["y0"] < other["y1"]
            ]
            free = min([*same_row, plot["right"]]) - label["x1"]
            assert free < 150, f"{what}: “{label['text']}” is cut with {free:.0f} px free beside it"
    page.close()


def test_two_double_clicks_leave_a_page_that_answers(server, browser):
    page = open_at(browser, server, (1440, 900))
    page.evaluate(
        "() => { window.__relayouts = 0; document.querySelector('.js-plotly-plot')"
        ".on('plotly_relayout', () => { window.__relayouts += 1; }); }"
    )
    zoom(page, "2015-09-29", "2015-10-03")  # a drag first, as the report found it
    box = page.locator(".tl-chart").bounding_box()
    where = (box["x"] + box["width"] * 0.6, box["y"] + 120)
    page.mouse.dblclick(*where)
    page.wait_for_timeout(400)
    page.mouse.dblclick(*where)
    page.evaluate("() => { window.__relayouts = 0; }")
    page.wait_for_timeout(5_000)
    started = time.monotonic()
    assert page.evaluate("() => 1 + 1") == 2
    assert time.monotonic() - started < 1.0, "the page took over a second to answer a script"
    assert page.evaluate("() => window.__relayouts") < 6
    first, last = page.evaluate(DRAWN_RANGE)
    assert first <= "2007-01-01" and last >= "2016-02-01", (
        "the second double-click shows every event"
    )
    page.mouse.dblclick(*where)
    page.wait_for_timeout(600)
    first, last = page.evaluate(DRAWN_RANGE)
    assert "2015-09" <= first <= "2015-10" and "2016-02" <= last <= "2016-03", (
        "back to the first view"
    )
    page.close()


def test_the_filtered_actor_has_the_first_lane(server, browser):
    page = open_at(browser, f"{server}/?actor=kadyrov", (1440, 900))
    first = page.evaluate(
        "() => { const ticks = [...document.querySelectorAll('.js-plotly-plot .ytick text')];"
        " ticks.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);"
        " return ticks[0].textContent; }"
    )
    assert first == "Ramzan Kadyrov"
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_sheet_never_hides_the_selected_event(server, browser, size):
    page = open_at(browser, server, size)
    point = page.evaluate(POINT_OF_EVENT, "airstrikes-begin")
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    page.locator(".tl-sheet").wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(400)  # the chart narrows and is drawn again
    point = page.evaluate(POINT_OF_EVENT, "airstrikes-begin")
    hit = page.evaluate(
        "([x, y]) => { const e = document.elementFromPoint(x, y);"
        " return {chart: !!e.closest('.js-plotly-plot'), sheet: !!e.closest('.tl-sheet')}; }",
        [point["x"], point["y"]],
    )
    assert hit == {"chart": True, "sheet": False}
    sheet = page.locator(".tl-sheet").bounding_box()
    assert sheet["x"] + sheet["width"] <= size[0] and sheet["x"] > point["x"]
    assert "Russia begins airstrikes in Syria" in page.locator(".tl-sheet").inner_text()
    page.close()


def test_keyboard_only(server, browser):
    page = open_at(browser, server, (1280, 720))
    page.wait_for_function("() => document.title.startsWith('Timeline · Russia, Chechnya')")
    chart = page.locator(".tl-chart")
    assert chart.get_attribute("role") == "application"
    assert "Timeline of 25 events" in (chart.get_attribute("aria-label") or "")
    page.get_by_role("heading", level=1).click()  # reading the page's title; Tab from there
    for _ in range(20):  # Tab until the chart has the focus, as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('tl-chart')"):
            break
    else:
        pytest.fail("Tab never reaches the chart")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    sheet = page.locator(".tl-sheet")
    sheet.wait_for(state="visible", timeout=5_000)
    second = to_frame(load_file(EVENTS)).sort_values(["start", "end"], kind="stable").iloc[1]
    assert second["title"] in sheet.inner_text()
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden", timeout=5_000)
    page.close()


MARKED = """() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .textpoint text')]
  .filter(t => t.querySelector('tspan[style*="fill"]'))
  .map(t => ({text: t.textContent, colour: getComputedStyle(t.querySelector('tspan[style*="fill"]')).fill}))"""


def test_corroborated_and_disagreeing_events_are_marked(browser, tmp_path):
    """examples/reports.yaml: an event two outlets report, and events whose reports disagree."""
    with streamlit_server("examples/reports.yaml", tmp_path / "log") as url:
        page = open_at(browser, url, (1440, 900))
        page.evaluate("() => window.__timeline.show(window.__timeline.spec.all)")
        page.wait_for_timeout(600)
        marked = {m["text"]: m["colour"] for m in page.evaluate(MARKED)}
        assert marked.get("×2 Russia begins airstrikes in Syria") == "rgb(27, 120, 55)", marked
        disagreeing = [t for t, colour in marked.items() if t.startswith("≠ ")]
        assert disagreeing and all(marked[t] == "rgb(178, 24, 43)" for t in disagreeing)
        legend = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .legendtext')].map(t => t.textContent)"
        )
        assert "×N reported by N independent outlets" in legend
        assert "≠ sources disagree (date, status or a figure)" in legend
        page.close()


def test_the_timeline_page_loads_one_plotly(server, browser):
    """The estimates chart is drawn by the live timeline's own Plotly.js: the page loads
    one copy, not Streamlit's besides (half a second of the first chart, measured)."""
    page = open_at(browser, server, (1440, 900))
    page.get_by_text("Estimates over time").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length === 2"
        " && document.querySelectorAll('.js-plotly-plot')[1]"
        ".querySelectorAll('.scatterlayer .point').length > 0",
        timeout=30_000,
    )
    loaded = page.evaluate(
        "() => performance.getEntriesByType('resource').map(r => r.name)"
        ".filter(n => /plotly/i.test(n))"
    )
    assert len(loaded) == 1 and "/app/static/plotly-" in loaded[0], loaded
    estimates = page.locator(".js-plotly-plot").nth(1).bounding_box()
    assert estimates and estimates["width"] > 600  # the width of the page's column
    assert page.errors == []
    page.close()
