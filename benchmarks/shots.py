"""Screenshots of the running app at the sizes people use, to look at after every change.

    [EVENTS=FILE.yaml] [SIZES=1920x1080,...] python -m benchmarks.shots [OUT_DIR] [PATH?QUERY ...]

Starts ``streamlit run app.py`` on a free port, opens each page (default: the timeline,
the Kadyrov view, the briefing and projector mode) at 1440×900 and 1280×720 in Debian's
Chromium, and writes one PNG per page and size (the first screen, as a user sees it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tests.chromium import CHROMIUM_FLAGS

SIZES = [  # SIZES=1920x1080,1440x900 to choose
    (int(w), int(h))
    for w, h in (s.split("x") for s in os.environ.get("SIZES", "1440x900,1280x720").split(","))
]
FULL = os.environ.get("FULL_PAGE") == "1"  # also the whole page, scrolled
PAGES = ["/", "/?actor=kadyrov", "/briefing?step=3", "/briefing?step=3&projector=1"]


# Drawn: events (points) or a density view (heatmap); a page without a chart, its heading.
DRAWN = """(path) => path.includes('add-article')
  ? document.querySelector('[data-testid="stMain"] h1')
  : document.querySelector(
      '.js-plotly-plot .scatterlayer .point, .js-plotly-plot .heatmaplayer image')"""


def _name(page: str, width: int, height: int) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in page.strip("/")) or "timeline"
    return f"{slug}_{width}x{height}.png"


def shoot(url: str, pages: list[str], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for width, height in SIZES:
            for page_path in pages:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url + page_path)
                page.wait_for_function(DRAWN, arg=page_path, timeout=180_000)
                page.wait_for_timeout(2000)
                target = out / _name(page_path, width, height)
                page.screenshot(path=str(target))
                written.append(target)
                if FULL:
                    whole = target.with_name(target.stem + "_full.png")
                    page.screenshot(path=str(whole), full_page=True)
                    written.append(whole)
                page.close()
        browser.close()
    return written


def main(argv: list[str]) -> None:
    from tests.test_browser import streamlit_server

    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="shots-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = argv[1:] or PAGES
    with streamlit_server(os.environ.get("EVENTS", "events.yaml"), out / "server.log") as url:
        for path in shoot(url, pages, out):
            print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
