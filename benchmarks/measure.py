"""Measure the Python side for one dataset, in a fresh process; prints one JSON line.

``python -m benchmarks.measure FILE`` (run by ``benchmarks/run.py``).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def peak(path: Path) -> None:
    """What the app does on a first open, alone, so the peak memory is the app's."""
    from timeline.dataset.cache import open_bytes
    from timeline.draw.figure import timeline_figure

    frames = open_bytes(path.read_bytes(), str(path), path.parent, use_cache=False)
    timeline_figure(frames.frame, frames.actors).to_json()
    print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    path = Path(sys.argv[1])
    if "--peak" in sys.argv:
        peak(path)
        return
    os.environ["TIMELINE_CACHE"] = tempfile.mkdtemp(prefix="timeline-bench-cache-")
    from timeline import filters
    from timeline.dataset.cache import open_bytes
    from timeline.dataset.frame import to_frame
    from timeline.dataset.load import _validate, load_bytes
    from timeline.dataset.yamlread import fast_read, read_yaml
    from timeline.dates import normalise
    from timeline.draw.figure import timeline_figure

    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    parsed, parse_s = _timed(lambda: fast_read(text))
    if parsed is None:
        parsed, parse_s = _timed(lambda: read_yaml(text, str(path)).data)
    from timeline.dataset.yamlread import Parsed

    data, validate_s = _timed(lambda: _validate(Parsed(parsed), str(path), path.parent, {}))
    phrases = {
        (e.event.when, data.sources[e.event.source].published, e.event.direction)
        for e in data.events
        if e.event.when
    }
    normalise.cache_clear()
    _, normalise_s = _timed(lambda: [normalise(*p) for p in phrases])
    _, load_s = _timed(lambda: load_bytes(raw, str(path), path.parent))
    frame, frame_s = _timed(lambda: to_frame(data))
    _, first_open_s = _timed(lambda: open_bytes(raw, str(path), path.parent))
    cached, later_open_s = _timed(lambda: open_bytes(raw, str(path), path.parent))
    actor = str(frame["actors"].explode().value_counts().index[0])
    filter_runs = []
    for _ in range(5):
        shown, seconds = _timed(lambda: filters.apply(frame, filters.Filters(actors=(actor,))))
        filter_runs.append(seconds)
    actors = cached.actors
    figure, figure_s = _timed(lambda: timeline_figure(frame, actors))
    payload = len(figure.to_json().encode())
    _, filtered_figure_s = _timed(lambda: timeline_figure(shown, actors))
    print(
        json.dumps(
            {
                "events": len(data.events),
                "file_mb": len(raw) / 1e6,
                "parse_s": parse_s,
                "validate_s": validate_s,
                "normalise_s": normalise_s,
                "unique_phrases": len(phrases),
                "load_s": load_s,
                "frame_s": frame_s,
                "first_open_s": first_open_s,
                "later_open_s": later_open_s,
                "cached": cached.cached,
                "filter_ms": 1000 * statistics.median(filter_runs),
                "filtered_events": len(shown),
                "actor": actor,
                "figure_s": figure_s,
                "filtered_figure_s": filtered_figure_s,
                "payload_mb": payload / 1e6,
            }
        )
    )


if __name__ == "__main__":
    main()
