"""The export panel as a user meets it at the bottom of the Timeline page, in Chromium: a
drawn format waits for Prepare, and the download appears where Prepare was clicked, on
screen, not below the fold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import EVENTS
from tests.test_browser import streamlit_server

pytestmark = pytest.mark.browser
BOX = """(selector) => { const e = document.querySelector(selector);
  if (!e) return null; const r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: innerHeight}; }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(EVENTS.name, tmp_path_factory.mktemp("export") / "log") as url:
        yield url


def choose_pdf(page) -> None:
    chooser = page.locator(".st-key-export_format")
    chooser.scroll_into_view_if_needed()
    chooser.click()
    page.get_by_role("option", name="PDF").click()
    page.get_by_text("US Letter").wait_for(timeout=30_000)  # the rerun for PDF is done
    page.wait_for_timeout(500)
    page.locator(".st-key-prepare button").scroll_into_view_if_needed()


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_download_appears_where_prepare_was_clicked(server, browser, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(server)
    page.wait_for_selector(".st-key-export_format", timeout=90_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached", timeout=90_000)
    page.wait_for_timeout(1500)  # the page has settled: no rerun replaces the chooser
    choose_pdf(page)
    prepare = page.evaluate(BOX, ".st-key-prepare button")
    page.locator(".st-key-prepare button").click()
    page.wait_for_selector(".st-key-download button", timeout=180_000)
    page.wait_for_timeout(1000)
    download = page.evaluate(BOX, ".st-key-download button")
    assert download["bottom"] <= size[1], f"the download is below the fold: {download}"
    assert abs(download["top"] - prepare["top"]) < 8, (
        f"Prepare at {prepare}, download at {download}"
    )
    assert page.locator(".st-key-prepare button").count() == 0, "Prepare is still shown"
    page.close()
