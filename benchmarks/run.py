"""``make bench``: measure timeline at 1,000, 10,000 and 100,000 events; write docs/performance.md.

Python side (each size in a fresh process): parse, validate, normalise, load, the
events frame, first and later opens (the content-keyed cache), ``check`` from the command
line cold and warm (interpreter start included), a filter by one actor, the figure and its
JSON size, and peak memory of a first open. Browser side (Playwright driving Debian's
Chromium): app start to the first drawn chart, a filter change to the redrawn chart and the
page's JS heap; then the same events in vis-timeline and TimelineJS (benchmarks/peers.py),
in the same run.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import peers
from tests.chromium import CHROMIUM_FLAGS, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
BROWSER_SIZES = SIZES
TARGETS = {  # at 100,000 events from 2,000 articles, from the issue
    "first_open_s": ("first open of a YAML dataset", 5.0, "s"),
    "later_open_s": ("later opens (cache keyed on content), in process", 1.0, "s"),
    "check_warm_extra_s": ("a warm `check`, less the interpreter's start", 1.0, "s"),
    "normalise_s": ("normalising every phrase", 1.0, "s"),
    "filter_ms": ("a filter change, Python", 100.0, "ms"),
    "redraw_s": ("a filter change to the redrawn chart, browser", 1.0, "s"),
    "payload_mb": ("figure payload", 1.0, "MB"),
    "peak_mb": ("peak memory", 1024.0, "MB"),
}


def dataset(n: int) -> Path:
    """Generated afresh each run (seconds), so a dataset never lags the generator."""
    path = DATA / f"events-{n}" / "events.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.make_events", str(n), "-o", str(path)],
        cwd=ROOT,
        check=True,
    )
    return path


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def cli_side(path: Path) -> dict[str, float]:
    """``python -m timeline check`` with an empty cache, then again: wall times, with
    the interpreter's start (``python -c "import timeline.cli"``) measured beside them."""
    env = {**os.environ, "TIMELINE_CACHE": tempfile.mkdtemp(prefix="timeline-bench-cli-")}
    check = [sys.executable, "-m", "timeline", "check", str(path)]
    cold, warm = _wall(check, env), _wall(check, env)
    start = _wall([sys.executable, "-c", "import timeline.cli"], env)
    return {
        "check_cold_s": cold,
        "check_warm_s": warm,
        "start_s": start,
        "check_warm_extra_s": warm - start,
    }


def python_side(path: Path) -> dict[str, float]:
    out = cli_side(path)
    for extra in ([], ["--peak"]):
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.measure", str(path), *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        out.update(json.loads(result.stdout.strip().splitlines()[-1]))
    return out


def _server(path: Path, port: int, cache: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TIMELINE_CACHE": cache}
    return subprocess.Popen(
        streamlit_command(str(path), port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# The drawn view's identity: Plotly's uirevision, the hash of the events it shows.
REVISION = """() => { const gd = document.querySelector('.js-plotly-plot');
  return gd && gd.layout ? gd.layout.uirevision : null; }"""
# Drawn: events (markers with their ids) or, past draw.density.DENSE, the density view's heatmap.
POINTS = """() => { const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd.data) return -1;
  if (gd.data.some(t => t.type === 'heatmap')) return 1;
  return gd.data.filter(t => (t.mode || '').includes('markers') && t.customdata)
                .reduce((n, t) => n + t.x.length, 0); }"""


def browser_side(
    path: Path, revision: str, actor_label: str, shown: int, total: int
) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    port, cache = 8765, tempfile.mkdtemp(prefix="timeline-bench-cache-")
    server = _server(path, port, cache)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, seconds=60)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_function(f"() => ({POINTS})() > 0", timeout=300_000)
            first_chart = time.perf_counter() - start
            box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
            box.click()
            box.press_sequentially(actor_label.split(" (")[0])  # the long list is virtualised
            page.get_by_role("option", name=actor_label).click()
            start = time.perf_counter()
            page.get_by_text(f"Showing {shown:,} of {total:,} events").wait_for(timeout=120_000)
            page.wait_for_function(
                f"() => ({REVISION})() === {json.dumps(revision)}", timeout=120_000
            )
            redraw = time.perf_counter() - start
            heap = peers.heap_mb(page)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"first_chart_s": first_chart, "redraw_s": redraw, "heap_mb": heap}


def _expected(path: Path, actor: str) -> tuple[str, str, int, int]:
    """The view's revision after filtering to ``actor``, its label in the multiselect, counts."""
    sys.path.insert(0, str(ROOT))
    from timeline.dataset.cache import open_bytes
    from timeline.draw.spec import revision
    from timeline.filters import Filters, apply

    frames = open_bytes(path.read_bytes(), str(path), path.parent, use_cache=False)
    shown = apply(frames.frame, Filters(actors=(actor,)))
    row = frames.actors[frames.actors["id"] == actor].iloc[0]
    return revision(shown), f"{row['name']} ({row['affiliation']})", len(shown), len(frames.frame)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    results: dict[int, dict[str, float]] = {}
    for n in SIZES:
        path = dataset(n)
        print(f"measuring {n:,} events ({path.stat().st_size / 1e6:.1f} MB)…", flush=True)
        results[n] = python_side(path)
        if n in BROWSER_SIZES:
            rev, label, shown, total = _expected(path, str(results[n]["actor"]))
            results[n].update(browser_side(path, rev, label, shown, total))
            if peers.installed():
                results[n]["peers"] = peers.measure(path, str(results[n]["actor"]))
        print(json.dumps(results[n]), flush=True)
    write(results)


def write(results: dict[int, dict[str, float]]) -> None:
    report = render(results)
    (ROOT / "docs" / "performance.md").write_text(report, encoding="utf-8")
    (DATA / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report)


ROWS = [
    ("file size", "file_mb", "MB", 1),
    ("parse (ryaml fast path)", "parse_s", "s", 2),
    ("validate", "validate_s", "s", 2),
    ("normalise every phrase (cold)", "normalise_s", "s", 3),
    ("load = parse + validate", "load_s", "s", 2),
    ("events frame", "frame_s", "s", 2),
    ("first open (load + frame + cache write)", "first_open_s", "s", 2),
    ("later open (cache hit)", "later_open_s", "s", 2),
    ("filter by one actor", "filter_ms", "ms", 1),
    ("build the figure, all events", "figure_s", "s", 2),
    ("build the figure, one actor", "filtered_figure_s", "s", 2),
    ("figure JSON", "payload_mb", "MB", 2),
    ("peak memory, first open", "peak_mb", "MB", 0),
    ("`check`, cold (command line, interpreter included)", "check_cold_s", "s", 2),
    ("`check`, warm (command line, interpreter included)", "check_warm_s", "s", 2),
    ("interpreter start (`import timeline.cli`)", "start_s", "s", 2),
    ("browser: app start to first chart", "first_chart_s", "s", 2),
    ("browser: filter change to redrawn chart", "redraw_s", "s", 2),
    ("browser: JS heap after the filter", "heap_mb", "MB", 1),
]
PEER_ROWS = [
    ("first drawn timeline (s)", "first_chart_s"),
    ("a filter to one actor, redrawn (s)", "redraw_s"),
    ("JS heap (MB)", "heap_mb"),
]


def _cell(result: dict[str, float], key: str, digits: int) -> str:
    return "–" if key not in result else f"{result[key]:,.{digits}f}"


def render(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    head = "| measure | " + " | ".join(f"{n:,} events" for n in sizes) + " |"
    rows = [head, "|---|" + "---:|" * len(sizes)]
    rows += [
        f"| {label} ({unit}) | " + " | ".join(_cell(results[n], key, d) for n in sizes) + " |"
        for label, key, unit, d in ROWS
    ]
    big = results[max(sizes)]
    targets = ["| target at 100,000 events | limit | measured | met? |", "|---|---:|---:|---|"]
    checks = [(key, *spec, big) for key, spec in TARGETS.items()]
    if 10_000 in results:
        checks.append(
            (
                "redraw_s",
                "at 10,000 events: a filter change to the redrawn chart",
                0.3,
                "s",
                results[10_000],
            )
        )
    for key, label, limit, unit, result in checks:
        value = result.get(key)
        verdict = (
            "–"
            if value is None
            else ("yes" if value <= limit else f"no: {value / limit:.1f}× the limit")
        )
        shown = "–" if value is None else f"{value:,.2f}"
        targets.append(f"| {label} | {limit:,g} {unit} | {shown} {unit} | {verdict} |")
    return TEMPLATE.format(
        machine=machine(),
        date=time.strftime("%Y-%m-%d"),
        table="\n".join(rows),
        targets="\n".join(targets),
        peers=peers_table(results),
        versions=", ".join(f"{k} {v}" for k, v in peers.versions().items()),
    )


PEER_NAMES = ("vis-timeline", "TimelineJS")


def _peer_cell(ours: float | None, theirs: dict[str, float | str], key: str) -> str:
    if "failed" in theirs:
        return f"did not finish ({theirs['failed']})"
    value = theirs.get(key)
    if not isinstance(value, float):
        return "–"
    ratio = f" ({value / ours:.2g}× ours)" if ours else ""
    return f"{value:,.2f}{ratio}"


def peers_table(results: dict[int, dict[str, Any]]) -> str:
    """Each size, each measure: timeline, then each peer with its ratio to timeline (above
    1× the peer is slower or larger), and whether timeline is ahead of both."""
    head = "| events | measure | timeline | " + " | ".join(PEER_NAMES) + " | timeline ahead? |"
    rows = [head, "|---:|---|---:|" + "---:|" * len(PEER_NAMES) + "---|"]
    for n in sorted(results):
        theirs = results[n].get("peers", {})
        for label, key in PEER_ROWS:
            ours = results[n].get(key)
            cells = [_peer_cell(ours, theirs.get(name, {}), key) for name in PEER_NAMES]
            values = [theirs.get(name, {}).get(key) for name in PEER_NAMES]
            finished = [v for v in values if isinstance(v, float)]  # one that did not is behind
            ahead = ours is not None and all(ours < v for v in finished)
            shown = "–" if ours is None else f"{ours:,.2f}"
            rows.append(
                f"| {n:,} | {label} | {shown} | "
                + " | ".join(cells)
                + f" | {'yes' if ahead else 'no'} |"
            )
    return "\n".join(rows)


TEMPLATE = (Path(__file__).parent / "performance.md.in").read_text(encoding="utf-8")

if __name__ == "__main__":
    main()
