"""The same events in vis-timeline and TimelineJS, in the same Chromium, for ``make bench``.

Both libraries are installed from npm into ``benchmarks/peers/node_modules`` (not part of
the product). Each gets the events of one generated dataset as its own format wants them:
TimelineJS our TimelineJS export of the whole dataset (what a user of it would load),
vis-timeline one item per event (a range when the span is longer than a day) in a group per
affiliation. Measured, as for the app: navigation to the first drawn timeline (fetching and
parsing the data included), a filter to one actor to the redrawn timeline (vis-timeline:
``setItems`` with that actor's events; TimelineJS has no filter, so a new timeline of them),
and the JS heap after the first draw (Chromium's ``JSHeapUsedSize``).
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

PEERS = Path(__file__).resolve().parent / "peers"
ONE_DAY = pd.Timedelta(days=1)
LIMIT_S = 180  # a library that has not drawn by then is recorded as not drawing

PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
{head}</head><body><div id="t" style="width:1440px;height:800px"></div><script>
window.drawn = null; window.redrawn = null; const t0 = performance.now();
{script}</script></body></html>"""

VIS_HEAD = """<link rel="stylesheet" href="nm/vis-timeline/styles/vis-timeline-graph2d.min.css">
<script src="nm/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script>"""
VIS = """fetch("vis.json").then(r => r.json()).then(d => {
  const once = (then) => { const h = () => { timeline.off("changed", h);
    requestAnimationFrame(() => then(performance.now())); }; timeline.on("changed", h); };
  const timeline = new vis.Timeline(document.getElementById("t"), d.items, d.groups,
    {stack: true, maxHeight: 800});
  window.timeline = timeline;  // the interaction bench zooms and clicks it
  window.unfilter = () => timeline.setItems(d.items);
  timeline.fit({animation: false});  // every event in view, as the others open
  once((now) => { window.drawn = now - t0; });
  window.refilter = () => { const s = performance.now();
    once((now) => { window.redrawn = now - s; }); timeline.setItems(d.filtered); };
});"""

TL_HEAD = """<link rel="stylesheet" href="nm/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="nm/@knight-lab/timelinejs/dist/js/timeline.js"></script>"""
TL = """const open = (data, then) => { const tl = new TL.Timeline("t", data,
  {hash_bookmark: false, font: null}); tl.on("loaded", () =>
  requestAnimationFrame(() => then(performance.now()))); };
Promise.all([fetch("tl.json"), fetch("tl-filtered.json")].map(p => p.then(r => r.json())))
  .then(([all, filtered]) => {
    open(all, (now) => { window.drawn = now - t0; });
    window.refilter = () => { const s = performance.now();
      open(filtered, (now) => { window.redrawn = now - s; }); };
  });"""


def installed() -> bool:
    """Install the peers from npm when they are not yet (``npm ci``, the locked versions)."""
    if (PEERS / "node_modules" / "vis-timeline").is_dir():
        return True
    if shutil.which("npm") is None:
        print("npm not found: the peers are not measured (make system installs it)")
        return False
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEERS, check=True
    )
    return True


def versions() -> dict[str, str]:
    lock = json.loads((PEERS / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    return {
        name: lock[f"node_modules/{name}"]["version"]
        for name in ("vis-timeline", "@knight-lab/timelinejs")
    }


def _vis_item(row: Any) -> dict[str, Any]:
    item = {
        "id": row.id,
        "content": row.title,
        "start": row.start.strftime("%Y-%m-%d"),
        "group": row.affiliations[0] if len(row.affiliations) else "",
    }
    if row.end > row.start:
        item["end"] = (row.end + ONE_DAY).strftime("%Y-%m-%d")  # vis: the end is exclusive
    return item


def write_data(folder: Path, events: Path, actor: str) -> int:
    """The peers' data for the dataset at ``events``, and for its one-actor filter, in
    ``folder``; returns how many events the filter keeps."""
    from timeline.dataset.cache import open_dataset
    from timeline.export import render
    from timeline.export.view import make_view
    from timeline.filters import Filters, apply

    frames = open_dataset(events)
    frame, shown = frames.frame, apply(frames.frame, Filters(actors=(actor,)))
    items = [_vis_item(row) for row in frame.itertuples()]
    kept = set(shown["id"])
    groups = sorted({item["group"] for item in items})
    vis = {
        "items": items,
        "filtered": [i for i in items if i["id"] in kept],
        "groups": [{"id": g, "content": g or "(none)"} for g in groups],
    }
    (folder / "vis.json").write_text(json.dumps(vis), encoding="utf-8")
    (folder / "tl.json").write_bytes(render(make_view(frames, Filters()), "timelinejs"))
    only = make_view(frames, Filters(actors=(actor,)))
    (folder / "tl-filtered.json").write_bytes(render(only, "timelinejs"))
    return len(shown)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    (folder / "nm").symlink_to(PEERS / "node_modules")
    (folder / "vis.html").write_text(PAGE.format(head=VIS_HEAD, script=VIS), encoding="utf-8")
    (folder / "tl.html").write_text(PAGE.format(head=TL_HEAD, script=TL), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def heap_mb(page: Any) -> float:
    """The page's JS heap in use, in MB (Chromium's performance metrics)."""
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    session.send("Performance.enable")
    metrics = session.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize") / 1e6


def measure_page(browser: Any, url: str) -> dict[str, float | str]:
    """First draw, redraw after the filter and heap of one peer's page; a page that does
    not draw within LIMIT_S is recorded as such."""
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(url)
        page.wait_for_function("() => window.drawn !== null", timeout=LIMIT_S * 1000)
        out: dict[str, float | str] = {"first_chart_s": page.evaluate("window.drawn") / 1000}
        out["heap_mb"] = heap_mb(page)
        page.evaluate("window.refilter()")
        page.wait_for_function("() => window.redrawn !== null", timeout=LIMIT_S * 1000)
        out["redraw_s"] = page.evaluate("window.redrawn") / 1000
        return out
    except Exception as err:  # a timeout or a crash of the page: said, not hidden
        if "Timeout" in type(err).__name__:
            return {"failed": f"nothing drawn within {LIMIT_S} s"}
        return {"failed": f"{type(err).__name__}: {str(err).splitlines()[0][:120]}"}
    finally:
        page.close()


def measure(events: Path, actor: str) -> dict[str, dict[str, float | str]]:
    """vis-timeline and TimelineJS on the dataset at ``events``, filtered to ``actor``."""
    from playwright.sync_api import sync_playwright

    from tests.chromium import CHROMIUM_FLAGS

    with tempfile.TemporaryDirectory(prefix="timeline-peers-") as tmp:
        folder = Path(tmp)
        write_data(folder, events, actor)
        with served(folder) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            results = {}
            for name, page in (("vis-timeline", "vis.html"), ("TimelineJS", "tl.html")):
                start = time.perf_counter()
                results[name] = measure_page(browser, f"{base}/{page}")
                print(f"  {name}: {results[name]} ({time.perf_counter() - start:.0f} s)")
            browser.close()
    return results
