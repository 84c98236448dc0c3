"""A timeline you can read at a glance, measured in a real browser (Playwright + Chromium).

Everything here is read off the rendered page: element boxes, the drawn text, Plotly's
own axis as drawn. Run at the two screen sizes people use, 1440×900 and 1280×720.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.conftest import EVENTS
from tests.test_browser import POINT_OF_EVENT, streamlit_server
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_file

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (1280, 720)]

# Every non-empty label the timeline chart writes, with its box on the page.
LABELS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  return [...gd.querySelectorAll('.scatterlayer .textpoint text')]
    .filter(t => t.textContent.trim() !== '' && getComputedStyle(t).display !== 'none')
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}; });
}"""
TICKS = """() => [...document.querySelector('.js-plotly-plot').querySelectorAll('.xtick text')]
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })"""
AXIS = """() => { const xa = document.querySelector('.js-plotly-plot')._fullLayout.xaxis;
  return {range: xa.range.slice(), length: xa._length,
          px: (d) => 0}; }"""
SPAN_SHARE = """([a, b]) => { const xa = document.querySelector('.js-plotly-plot')._fullLayout.xaxis;
  return (xa.d2p(b) - xa.d2p(a)) / xa._length; }"""
RANGE = "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range.slice()"
CHART_BOX = """() => { const r = document.querySelector('.js-plotly-plot').getBoundingClientRect();
  return {top: r.top, bottom: r.bottom}; }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(EVENTS.name, tmp_path_factory.mktemp("readable") / "log") as url:
        yield url


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    frame = to_frame(load_file(EVENTS))
    return dict(zip(frame["id"], frame["title"], strict=True))


def open_at(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000)
    page.wait_for_timeout(1200)
    return page


def written(label: str, title: str) -> bool:
    """Whether a label on the chart names ``title`` (cut with "…", or after a pointer's date)."""
    text = label.split(": ", 1)[1] if ": " in label and not title.startswith(label) else label
    stem = text.removesuffix("…").strip()
    return len(stem) >= 8 and title.startswith(stem)


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    slack = 0.5  # sub-pixel rounding between neighbouring rows
    return (
        a["x0"] < b["x1"] - slack
        and b["x0"] < a["x1"] - slack
        and a["y0"] < b["y1"] - slack
        and b["y0"] < a["y1"] - slack
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_screen_has_dates_titles_and_no_overlaps(server, browser, titles, size):
    page = open_at(browser, server, size)
    ticks = page.evaluate(TICKS)
    assert ticks, "no date ticks drawn"
    assert all(t["top"] >= 0 and t["bottom"] <= size[1] for t in ticks), ticks
    labels = page.evaluate(LABELS)
    named = {i for i, title in titles.items() if any(written(lab["text"], title) for lab in labels)}
    assert len(named) >= 0.8 * len(titles), sorted(set(titles) - named)
    clashes = [
        (a["text"], b["text"]) for a, b in itertools.combinations(labels, 2) if overlaps(a, b)
    ]
    assert clashes == []
    if size == (1440, 900):  # 12 lanes: the whole chart, axis and legend, above the fold
        box = page.evaluate(CHART_BOX)
        assert box["top"] >= 0 and box["bottom"] <= size[1], box
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_filtered_view_is_not_squashed_by_an_old_event(server, browser, size):
    page = open_at(browser, f"{server}/?actor=kadyrov", size)
    share = page.evaluate(SPAN_SHARE, ["2015-09-30", "2016-02-10"])
    assert share >= 0.5, f"the Sep 2015 – Feb 2016 cluster fills {share:.0%} of the axis"
    labels = [lab["text"] for lab in page.evaluate(LABELS)]
    assert any(lab.startswith("2007: Kadyrov has led Chechnya") for lab in labels), labels
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_zoom_stays_after_a_click_and_the_detail_is_in_view(server, browser, size):
    from playwright.sync_api import expect

    page = open_at(browser, server, size)
    drag = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    y = drag["y"] + drag["height"] * 0.5
    page.mouse.move(drag["x"] + drag["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(drag["x"] + drag["width"] * 0.35, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(800)
    zoomed = page.evaluate(RANGE)
    point = page.evaluate(POINT_OF_EVENT, "airstrikes-begin")
    page.mouse.click(point["x"], point["y"])
    sheet = page.get_by_role("dialog")
    expect(sheet).to_be_visible(timeout=30_000)
    quote = sheet.get_by_text("Russia began airstrikes against alleged enemies")
    expect(quote).to_be_in_viewport()
    expect(sheet.get_by_text("Russia begins airstrikes in Syria")).to_be_in_viewport()
    page.wait_for_function("() => location.search.includes('event=airstrikes-begin')")
    page.wait_for_timeout(1500)
    assert page.evaluate(RANGE) == zoomed
    page.keyboard.press("Escape")  # close the sheet: the zoom is still there
    expect(sheet).to_be_hidden(timeout=30_000)
    page.wait_for_timeout(1000)
    assert page.evaluate(RANGE) == zoomed
    # switch the lanes: the same events, so the same zoom
    page.get_by_test_id("stSidebar").get_by_text("Kind", exact=True).last.click()
    page.wait_for_function("() => location.search.includes('lanes=kind')", timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.ticktext.includes('Military')",
        timeout=30_000,
    )
    page.wait_for_timeout(1500)
    assert page.evaluate(RANGE) == zoomed
    page.close()


def test_the_wheel_scrolls_the_page_not_the_chart(server, browser):
    page = open_at(browser, server, (1280, 720))
    before = page.evaluate(RANGE)
    box = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    page.mouse.move(box["x"] + 200, box["y"] + 100)
    page.mouse.wheel(0, 500)
    page.wait_for_timeout(800)
    scrolled = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop")
    assert scrolled > 0 and page.evaluate(RANGE) == before
    page.close()


def test_a_count_badge_lists_the_events_it_holds(server, browser):
    from playwright.sync_api import expect

    page = open_at(browser, server, (1440, 900))
    badge = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
          for (const t of gd._fullData) { if (t.name !== 'more') continue;
            const n = Number(t.text[0].slice(1));
            return {n, x: box.left + xa._offset + xa.d2p(t.x[0]), y: box.top + ya._offset + ya.d2p(t.y[0])}; }
          return null; }"""
    )
    assert badge is not None, "no +N badge on the full view"
    page.mouse.click(badge["x"], badge["y"])
    expect(page.get_by_text(f"The {badge['n']} events under the badge")).to_be_attached(
        timeout=30_000
    )
    page.get_by_role("button", name="Show every event in the list").click()
    expect(page.get_by_text("events under the badge")).to_have_count(0, timeout=30_000)
    page.close()


# --- projector mode --------------------------------------------------------------------------

IN_VIEW = """(selector) => { const el = document.querySelector(selector);
  if (!el) return null; const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
          inside: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth}; }"""
SLIDE_PARTS = {
    "counter": ".st-key-counter p",
    "date": ".st-key-slide h3",
    "title": ".st-key-slide h1",
    "status": ".st-key-slide .status-badge",
    "quote": ".st-key-slide blockquote",
    "source": ".st-key-source p",
    "strip": ".st-key-strip .js-plotly-plot",
    "next": ".st-key-next button",
    "previous": ".st-key-previous button",
}


def hardest_steps() -> list[int]:
    """The first step, the longest title and the longest quote (1-based, date order)."""
    frame = to_frame(load_file(EVENTS))
    longest_title = int(frame["title"].str.len().to_numpy().argmax()) + 1
    longest_quote = int(frame["quote"].str.len().to_numpy().argmax()) + 1
    return sorted({1, longest_title, longest_quote})


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_projector_slide_fits_the_screen(server, browser, size):
    for step in hardest_steps():
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.goto(f"{server}/briefing?step={step}&projector=1")
        page.wait_for_selector(".st-key-strip .js-plotly-plot", timeout=90_000)
        page.wait_for_timeout(1200)
        for part, selector in SLIDE_PARTS.items():
            box = page.evaluate(IN_VIEW, selector)
            assert box is not None, f"step {step}: no {part}"
            assert box["inside"], f"step {step} at {size}: the {part} is outside the screen: {box}"
        colour = page.evaluate(
            "() => getComputedStyle(document.querySelector('.st-key-slide blockquote p')).color"
        )
        assert colour == "rgb(0, 0, 0)", f"the quote is drawn in {colour}"
        badge = page.evaluate(IN_VIEW, ".st-key-slide .status-badge")
        assert badge["height"] >= 0.035 * size[1], "the status badge is small"
        assert_uses_the_height(page, size[1], step)
        page.close()


def assert_uses_the_height(page, height: int, step: int) -> None:
    """The slide, its strip and its buttons reach from the top of the screen to the bottom:
    no band of empty screen under the buttons."""
    top = page.evaluate(IN_VIEW, SLIDE_PARTS["counter"])["top"]
    bottom = page.evaluate(IN_VIEW, SLIDE_PARTS["next"])["bottom"]
    assert bottom - top >= 0.88 * height, (
        f"step {step}: the slide spans {top:.0f}–{bottom:.0f} px of a {height} px screen"
    )


def test_the_sheet_shows_the_quote_in_full_contrast(server, browser):
    page = open_at(browser, f"{server}/?event=airstrikes-begin", (1280, 720))
    quote = page.get_by_role("dialog").locator("blockquote p").first
    quote.wait_for(state="visible", timeout=30_000)
    style = quote.evaluate(
        "e => { const s = getComputedStyle(e), b = getComputedStyle(e.closest('blockquote'));"
        " return [s.color, s.opacity, b.opacity]; }"
    )
    assert style == ["rgb(17, 17, 17)", "1", "1"], style
    page.close()
