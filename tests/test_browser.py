"""The dashboard in a real browser: Playwright driving Debian's Chromium.

Starts ``streamlit run app.py`` on a free port, picks an actor, follows the copied
link in a new page, clicks an event on the chart and reads the detail panel. It
takes the README's screenshot (into ``docs/screenshot.png`` when
``UPDATE_SCREENSHOT=1``, as ``make screenshot`` sets; else into a temp folder). Without Chromium the tests skip
locally with the reason; under CI (``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import streamlit_command, wait_healthy
from tests.conftest import EVENTS, ROOT, cli

SCREENSHOT = ROOT / "docs" / "screenshot.png"
BRIEFING_SHOT = ROOT / "docs" / "briefing.png"
pytestmark = pytest.mark.browser

# Page position of the marker whose customdata is the given event id.
POINT_OF_EVENT = """(id) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    const ids = trace.customdata || [];
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === id) {
        return {x: box.left + xa._offset + xa.d2p(trace.x[i]),
                y: box.top + ya._offset + ya.d2p(trace.y[i])};
      }
    }
  }
  return null;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def streamlit_server(events: str, log: Path) -> Iterator[str]:
    """``streamlit run app.py -- --events EVENTS`` on a free port, stopped afterwards."""
    port = free_port()
    command = streamlit_command(events, port)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(EVENTS.name, log) as url:  # relative, as `make run` passes it
        yield url


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1500, "height": 1150})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000)
    return page


def settled(page) -> None:
    """The page's run finished: no element waiting on it and no run in progress."""
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"] button')",
        timeout=30_000,
    )
    page.wait_for_timeout(200)


def test_pick_actor_share_the_link_click_an_event(server, browser):
    from playwright.sync_api import expect

    page = open_page(browser, server)
    expect(page.get_by_text("Showing 25 of 25 events")).to_be_visible()

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox").first.click()
    page.get_by_role("option", name="Vladimir Putin (Russia)").click()
    page.keyboard.press("Escape")
    expect(page.get_by_text("Showing 2 of 25 events")).to_be_visible(timeout=30_000)
    page.wait_for_function("() => location.search.includes('actor=putin')", timeout=30_000)
    link = page.url

    shared = open_page(browser, link)
    expect(shared.get_by_text("Showing 2 of 25 events")).to_be_visible(timeout=30_000)
    expect(
        shared.get_by_test_id("stSidebar").get_by_text("Vladimir Putin (Russia)")
    ).to_be_visible()
    lanes = shared.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.ticktext"
    )
    assert "Barack Obama" in lanes and "Vladimir Putin" in lanes
    shared.close()

    point = page.evaluate(POINT_OF_EVENT, "putin-obama-un")
    assert point is not None, "the Putin–Obama meeting is not on the chart"
    page.mouse.click(point["x"], point["y"])
    expect(page.get_by_text("spoke about Syria at the UN")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Putin and Obama talk about Syria")).to_be_visible()
    page.wait_for_function("() => location.search.includes('event=putin-obama-un')", timeout=30_000)

    reopened = open_page(browser, page.url)
    expect(reopened.get_by_text("spoke about Syria at the UN")).to_be_visible(timeout=30_000)
    reopened.close()

    assert page.errors == []
    page.close()


def test_screenshot_for_the_readme(server, browser, tmp_path):
    """The first screen a user sees at 1440×900: the whole dataset, titled."""
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / "shot.png"
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server)
    page.wait_for_selector(
        ".js-plotly-plot .scatterlayer .textpoint", state="attached", timeout=90_000
    )
    page.wait_for_timeout(1500)
    target.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 50_000
    page.close()


def test_briefing_steps_with_the_arrow_keys_and_resumes_after_reload(server, browser, tmp_path):
    from playwright.sync_api import expect

    page = open_page(browser, f"{server}/briefing")
    expect(page.get_by_text("1 / 25", exact=True)).to_be_visible(timeout=30_000)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("2 / 25", exact=True)).to_be_visible(timeout=30_000)
    settled(page)  # as a presenter sees the step drawn before the next press
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("3 / 25", exact=True)).to_be_visible(timeout=30_000)
    title = "Chechen IS fighters threaten Putin in a video"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.wait_for_function("() => location.search.includes('step=3')", timeout=30_000)

    page.reload()
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000)
    expect(page.get_by_text("3 / 25", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    page.get_by_text("Projector mode").click()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden(timeout=30_000)
    page.wait_for_function("() => location.search.includes('projector=1')", timeout=30_000)
    page.get_by_role("heading", name=title).click()  # out of the switch: keys go to the page
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text("2 / 25", exact=True)).to_be_visible(timeout=30_000)
    target = BRIEFING_SHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / "b.png"
    page.set_viewport_size({"width": 1280, "height": 720})  # a projector
    page.mouse.move(1, 1)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(target))
    assert page.errors == []


HOSTILE = ROOT / "tests" / "hostile" / "events.yaml"
INJECTED = "() => document.querySelectorAll('[id^=pwned], script[id], img[src=x], iframe').length"


def hover_text(page, event: str, tries: int = 3) -> str:
    """The hover label of ``event``'s marker, as drawn (hovered again if a redraw wiped it)."""
    label = page.locator(".hoverlayer .hovertext").first
    for _ in range(tries):
        point = page.evaluate(POINT_OF_EVENT, event)
        page.mouse.move(0, 0)
        page.mouse.move(point["x"], point["y"])
        try:
            label.wait_for(state="visible", timeout=5_000)
            return str(label.text_content())
        except Exception:  # the chart was redrawn under the pointer
            continue
    return ""


def guard(page) -> list[str]:
    """Record every dialog (alert, confirm, prompt) the page opens."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def test_script_payloads_in_a_dataset_stay_text(browser, tmp_path):
    from playwright.sync_api import expect

    with streamlit_server(str(HOSTILE), tmp_path / "server.log") as url:
        page = browser.new_page(viewport={"width": 1500, "height": 1400})
        dialogs, errors = guard(page), []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/?event=script-title")
        page.wait_for_selector(
            ".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000
        )
        heading = '<script id=pwned-event>alert("event")</script> Strikes begin'
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
        expect(page.get_by_text("notes link", exact=False).first).to_be_visible()
        expect(page.get_by_text("sources[js-link].url: must be an http").first).to_be_attached()
        assert page.evaluate(INJECTED) == 0
        page.keyboard.press("Escape")  # close the event sheet: the chart is inert under it
        expect(page.get_by_role("dialog")).to_be_hidden(timeout=30_000)
        page.wait_for_function("() => !location.search.includes('event=')", timeout=30_000)
        page.wait_for_timeout(1000)  # closing reruns the page: let the chart redraw first
        assert "<script id=pwned-event>" in hover_text(page, "script-title")
        assert page.evaluate(INJECTED) == 0

        page.goto(f"{url}/briefing?step=1")
        page.wait_for_selector(
            ".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000
        )
        expect(page.get_by_text("1 / 2", exact=True)).to_be_visible(timeout=30_000)
        expect(page.get_by_text("[click me](javascript:alert('md-title'))").first).to_be_visible()
        assert page.locator("a[href^=javascript]").count() == 0
        assert page.evaluate(INJECTED) == 0
        assert dialogs == [] and errors == []
        page.close()


def test_exported_html_of_the_payloads_stays_text(browser, tmp_path):
    out = tmp_path / "hostile.html"
    cli("export", "--format", "html", "-o", str(out), str(HOSTILE))
    assert out.exists()
    page = browser.new_page()
    dialogs = guard(page)
    page.goto(out.as_uri())
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=30_000)
    shown = page.locator("tbody").inner_text()  # quote marks curled, the markup as text
    assert "</script><script id=" in shown and "pwned-quote" in shown
    assert page.evaluate(INJECTED) == 0
    assert page.locator("a[href^=javascript]").count() == 0
    assert dialogs == []
    page.close()


def test_add_an_article_in_the_browser(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1500, "height": 1300})
    page.goto(f"{server}/add-article")
    page.get_by_role("textbox", name="Article text").fill(
        "Moscow said on Monday that Kadyrov met Putin."
    )
    page.get_by_role("textbox", name="Published (YYYY-MM-DD)").fill("2016-03-02")
    page.get_by_role("textbox", name="Outlet").fill("Wire")
    page.get_by_role("textbox", name="Outlet").press("Enter")
    expect(page.get_by_text("The merged dataset passes check: 26 events.")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_role("button", name="Download the merged events.yaml")).to_be_enabled()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the merged events.yaml").click()
    merged = Path(download.value.path()).read_text(encoding="utf-8")
    assert 'when: "on Monday"' in merged and "id: wire-2016-03-02" in merged
    assert merged.count("\n  - id: ") == (EVENTS.read_text().count("\n  - id: ") + 2)
    page.close()
