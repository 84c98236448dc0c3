"""What a person waits for while exploring, side by side in one Chromium run (``make bench``):
our app, a bare Streamlit + Plotly app (``bare_app.py``) and vis-timeline, on the same events
(25 from events.yaml, then 1,000 and 10,000 generated): first chart on a warm server, a
filter change to the redrawn chart, a click to the event's details, a zoom to the chart
redrawn for the new range (ours: labels re-packed). Times are taken in the page
(``performance.now()`` from the input event to the drawn result), median of ``RUNS``.

    python -m benchmarks.interact        # writes docs/interaction.md
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks import peers
from tests.chromium import CHROMIUM_FLAGS, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
OUT = ROOT / "docs" / "interaction.md"

# In the page: from the next mousedown (or now) until ``done()`` holds, kept in
# window.__took (the input comes after this returns, so it is not awaited here).
UNTIL = """([done, fromPress]) => { window.__took = undefined;
  const check = new Function('return (' + done + ')()');
  const go = (t0) => { const poll = () => check() ? (window.__took = performance.now() - t0)
    : requestAnimationFrame(poll); poll(); };
  if (fromPress) document.addEventListener('mousedown', () => go(performance.now()),
    {capture: true, once: true});
  else go(performance.now());
}"""


def took(page: Any) -> float:
    page.wait_for_function("() => window.__took !== undefined", timeout=120_000)
    return float(page.evaluate("window.__took"))


DRAWS = "() => +(document.querySelector('.tl-chart') || {dataset: {}}).dataset.draws || 0"


@contextmanager
def server(command: list[str]) -> Iterator[str]:
    port = int(command[command.index("--server.port") + 1])
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, seconds=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def bare_command(csv: Path, port: int) -> list[str]:
    return [
        *(sys.executable, "-m", "streamlit", "run", "benchmarks/bare_app.py"),
        *("--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"),
        *("--", str(csv)),
    ]


def write_csv(events: Path, folder: Path) -> tuple[Path, str, str]:
    """One row per (event, first actor) for the bare app; the actor to filter to, its name."""
    from timeline.dataset.cache import open_dataset

    frames = open_dataset(events)
    frame, names = frames.frame, dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    actor = frame["actors"].explode().value_counts().index[0]
    rows = frame.assign(actor=[names[a[0]] for a in frame["actors"]], date=frame["middle"])
    path = folder / "events.csv"
    rows[["id", "title", "actor", "date"]].to_csv(path, index=False)
    label = f"{names[actor]} ({frames.actors.set_index('id').loc[actor, 'affiliation']})"
    return path, label, names[actor]


def median(measure: Callable[[], float | None]) -> float | None:
    runs = [measure() for _ in range(RUNS)]
    print(f"    {getattr(measure, '__name__', 'step')}: {runs}", flush=True)
    kept = [r for r in runs if r is not None]
    return statistics.median(kept) / 1000 if kept else None


def first_chart(browser: Any, url: str, ready: str, seconds: int = 300) -> tuple[Any, float]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    start = time.perf_counter()
    page.goto(url)
    try:
        page.wait_for_function(ready, timeout=seconds * 1000)
    except PlaywrightTimeout:
        page.close()
        raise
    return page, time.perf_counter() - start


# The bare app (one SVG scatter of every point) given up on after this long: its figure
# is "did not finish" in the table, and the run goes on.
BARE_WAIT = 180
UNFINISHED = float("inf")


POINTS = (  # events drawn, or past 5,000 the density view's heatmap
    "() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point, "
    ".js-plotly-plot .heatmaplayer image').length > 0"
)


def zoom_ours(page: Any) -> float | None:
    if not page.evaluate("() => !!window.__timeline"):
        return None
    value = page.evaluate(
        """async () => { const t0 = performance.now(); await window.__timeline.zoom(0.5);
        await new Promise(r => requestAnimationFrame(r)); return performance.now() - t0; }"""
    )
    page.evaluate("() => window.__timeline.zoom(2)")
    page.wait_for_timeout(200)
    return float(value)


def zoom_plotly(page: Any) -> float:
    return float(
        page.evaluate(
            """() => { const gd = document.querySelector('.js-plotly-plot'), t0 = performance.now();
        const r = gd._fullLayout.xaxis.range.map(v => new Date(v).getTime());
        const mid = (r[0] + r[1]) / 2, half = (r[1] - r[0]) / 4;
        return Plotly.relayout(gd, {'xaxis.range': [mid - half, mid + half]})
          .then(() => new Promise(res =>
            requestAnimationFrame(() => res(performance.now() - t0)))); }"""
        )
    )


def click_ours(page: Any) -> float | None:
    if not page.evaluate("() => !!window.__timeline"):
        return None
    page.evaluate("() => window.__timeline.closeSheet(false)")
    page.wait_for_function(SETTLED)  # the chart drawn at its full width again, no rerun left
    page.wait_for_timeout(300)
    first = page.evaluate("() => Object.keys(window.__timeline.packed.labelled)[0]")
    from tests.test_browser import POINT_OF_EVENT

    point = page.evaluate(POINT_OF_EVENT, first)
    page.evaluate(UNTIL, ["() => !document.querySelector('.tl-sheet').hidden", True])
    page.mouse.click(point["x"], point["y"])
    return took(page)


# The live chart drawn at the width it has, and no element of the page waiting on a rerun.
SETTLED = """() => { const t = window.__timeline; return t && t.packed && t.Plotly && !t.pending
  && t.drawnWidth === Math.max(t.chart.clientWidth, 320)
  && document.querySelectorAll('[data-stale="true"]').length === 0; }"""


def click_bare(page: Any) -> float:
    page.reload()  # no selection left from the last click
    page.wait_for_function(POINTS, timeout=120_000)
    page.wait_for_timeout(300)
    point = page.evaluate(
        """() => { const p = document.querySelector('.js-plotly-plot .scatterlayer .point');
        const r = p.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }"""
    )
    done = (
        "() => [...document.querySelectorAll('p')].some(p => p.textContent.startsWith('Selected:'))"
    )
    page.evaluate(UNTIL, [done, True])
    page.mouse.click(point["x"], point["y"])
    return took(page)


def filter_to(page: Any, combobox: Any, label: str, before: str) -> float:
    """Pick ``label`` in the multiselect and wait for a chart other than ``before``, no
    element of the page left stale."""
    box = combobox.first
    box.click()
    box.press_sequentially(label.split(" (")[0])
    done = (
        f"() => ({REVISION})() !== {json.dumps(before)} && "
        "document.querySelectorAll('[data-stale=\"true\"]').length === 0"
    )
    page.evaluate(UNTIL, [done, True])
    page.get_by_role("option", name=label).click()
    value = took(page)
    page.keyboard.press("Escape")
    return value


def clear_filter(page: Any) -> None:
    """Back to every event: the page opened afresh (the same warm server)."""
    page.goto(page.url.split("?")[0])
    page.wait_for_function(POINTS, timeout=120_000)
    page.wait_for_timeout(500)


def ours(browser: Any, events: Path, label: str) -> dict[str, float | None]:
    with server(streamlit_command(str(events), 8771)) as url:
        warm, _ = first_chart(browser, url, POINTS)  # the server's first open: not counted
        warm.close()
        page, first = first_chart(browser, url, POINTS)
        result: dict[str, float | None] = {"first": first}
        result["zoom"] = median(lambda: zoom_ours(page) or zoom_plotly(page))
        result["click"] = median(lambda: click_ours(page))
        sidebar = page.get_by_test_id("stSidebar").get_by_role("combobox")
        result["filter"] = median(lambda: _filter_and_clear(page, sidebar, label))
        page.close()
    return result


def bare(browser: Any, csv: Path, label: str) -> dict[str, float | None]:
    with server(bare_command(csv, 8772)) as url:
        try:
            warm, _ = first_chart(browser, url, POINTS, seconds=BARE_WAIT)
        except PlaywrightTimeout:  # what a person would give up on: said, not measured
            return dict.fromkeys(("first", "zoom", "click", "filter"), UNFINISHED)
        warm.close()
        page, first = first_chart(browser, url, POINTS)
        result: dict[str, float | None] = {"first": first}
        result["zoom"] = median(lambda: zoom_plotly(page))
        result["click"] = median(lambda: click_bare(page))
        boxes = page.get_by_role("combobox")
        result["filter"] = median(lambda: _filter_and_clear(page, boxes, label.split(" (")[0]))
        page.close()
    return result


def _filter_and_clear(page: Any, boxes: Any, label: str) -> float:
    """Filter to one actor and time it to the chart of that actor's events; then clear."""
    before = page.evaluate(REVISION)
    value = filter_to(page, boxes, label, before)
    clear_filter(page)
    return value


# The drawn chart's identity (ours: the hash of the events shown; the bare app: its points).
REVISION = """() => { const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return '';
  const points = gd._fullData.reduce((n, t) => n + (t.x ? t.x.length : 0), 0);
  return String(gd.layout.uirevision || '') + '|' + points; }"""


VIS = """([lo, hi]) => new Promise((resolve) => { const t0 = performance.now();
  const h = () => { window.timeline.off('changed', h);
    requestAnimationFrame(() => resolve(performance.now() - t0)); };
  window.timeline.on('changed', h);
  window.timeline.setWindow(lo, hi, {animation: false}); })"""


def vis(browser: Any, events: Path, actor: str) -> dict[str, float | None]:
    with tempfile.TemporaryDirectory(prefix="timeline-vis-") as tmp:
        folder = Path(tmp)
        peers.write_data(folder, events, actor)
        with peers.served(folder) as base:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{base}/vis.html")
            page.wait_for_function("() => window.drawn !== null", timeout=300_000)
            result: dict[str, float | None] = {"first": page.evaluate("window.drawn") / 1000}
            window = page.evaluate(
                "() => { const w = window.timeline.getWindow();"
                " return [w.start.getTime(), w.end.getTime()]; }"
            )
            mid, quarter = sum(window) / 2, (window[1] - window[0]) / 4
            result["zoom"] = median(lambda: _vis_zoom(page, window, mid, quarter))
            result["click"] = None  # its tap recogniser made a scripted click unreliable here
            result["filter"] = median(lambda: _vis_filter(page))
            page.close()
    return result


def _vis_zoom(page: Any, window: list[float], mid: float, quarter: float) -> float:
    value = float(page.evaluate(VIS, [mid - quarter, mid + quarter]))
    page.evaluate(VIS, window)  # back, untimed
    return value


def _vis_filter(page: Any) -> float:
    page.evaluate("() => { window.redrawn = null; window.refilter(); }")
    page.wait_for_function("() => window.redrawn !== null", timeout=120_000)
    value = float(page.evaluate("window.redrawn"))
    page.evaluate("() => window.unfilter && window.unfilter()")
    return value


def measure(events: Path) -> dict[str, dict[str, float | None]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="timeline-bare-") as tmp:
        csv, label, _ = write_csv(events, Path(tmp))
        from timeline.dataset.cache import open_dataset

        frames = open_dataset(events)
        actor = frames.frame["actors"].explode().value_counts().index[0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            out = {
                "timeline": ours(browser, events, label),
                "bare Streamlit": bare(browser, csv, label),
            }
            if peers.installed():
                out["vis-timeline"] = vis(browser, events, str(actor))
            browser.close()
    return out


TARGETS = """Targets (#21): zoom and click at most 0.1 s (in the page, no round trip); a filter at
most 1.2× the bare app's; the first chart at most 1.2× the bare app's; ahead of vis-timeline
on zoom at 1,000 and 10,000 events."""


def _cell(value: float | None) -> str:
    if value == UNFINISHED:
        return f"did not finish (nothing drawn in {BARE_WAIT} s)"
    return "—" if value is None else f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def render(results: dict[int, dict[str, dict[str, float | None]]], machine: str) -> str:
    lines = [
        "# Interaction: what a person waits for while exploring",
        "",
        f"Measured by `make bench` (`python -m benchmarks.interact`) on {machine}, Debian "
        f"Chromium headless, 1440×900; each figure the median of {RUNS} (first chart: one "
        "open after a warm-up open). 25 events are events.yaml; 1,000 and 10,000 are generated "
        "in the news shape (10,000: our density view, past 5,000 events).",
        "",
        "| events | what | timeline | bare Streamlit | vis-timeline |",
        "|---:|---|---:|---:|---:|",
    ]
    names = {
        "first": "first chart (warm server)",
        "filter": "filter to one actor → chart",
        "click": "click → event details",
        "zoom": "zoom → chart redrawn",
    }
    for n, result in results.items():
        for key, name in names.items():
            cells = [
                _cell(result.get(who, {}).get(key))
                for who in ("timeline", "bare Streamlit", "vis-timeline")
            ]
            lines.append(f"| {n:,} | {name} | " + " | ".join(cells) + " |")
    notes = _notes()
    return "\n".join([*lines, "", TARGETS, "", NOTES, ""]) + (f"\n{notes}" if notes else "")


# What a person wrote below the figures (where the time goes, read against the targets):
# kept from the file as it stands when the figures are measured again.
NOTES = "<!-- notes: written by hand, kept when `make bench` writes the figures again -->"


def _notes() -> str:
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    return text.split(NOTES, 1)[1].lstrip("\n") if NOTES in text else ""


def main() -> None:
    from benchmarks.run import dataset, machine

    sizes = [int(s) for s in (sys.argv[1:] or ["25", "1000", "10000"])]
    results = {}
    for n in sizes:
        events = ROOT / "events.yaml" if n == 25 else dataset(n)
        print(f"interaction, {n:,} events…", flush=True)
        results[n] = measure(events)
        print(json.dumps(results[n]), flush=True)
    OUT.write_text(render(results, machine()), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
