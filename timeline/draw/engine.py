"""Run the timeline's one packer and renderer (``js/timeline.js``) from Python.

Every picture that leaves the app (PNG, SVG, PDF, PPTX, the HTML file) is drawn from the
figure this returns, and the page draws with the same script in the browser: one set of
rules for where a label goes. The script runs in V8 (the ``mini-racer`` package); it is
fixed code of this project, and the view description is passed to it as JSON text, never
evaluated.
"""

from __future__ import annotations

import atexit
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from py_mini_racer import MiniRacer

SCRIPT = Path(__file__).parent / "js" / "timeline.js"
# Plotly.js for the page and the HTML export: the cartesian build (scatter, heatmap, bars)
# of the version the plotly package draws for, 1.5 MB against the full build's 4.8 MB
# (measured: the first chart 2.3-2.5 s against 3.1-3.3 s); from npm, MIT licence beside it.
PLOTLY_JS = SCRIPT.parent / "vendor" / "plotly-cartesian-4.1.1.min.js"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def source() -> str:
    """The packer and renderer's source, as the page and V8 both load it."""
    return SCRIPT.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plotly_source() -> str:
    """Plotly.js as the page and the HTML export load it (see ``PLOTLY_JS``)."""
    return PLOTLY_JS.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def live_source() -> tuple[str, str]:
    """The live timeline's script (the packer, then ``live.js``, whose default export is
    ``mount``) and its style: what the page's component and the HTML export both load."""
    folder = SCRIPT.parent
    script = source() + "\n" + (folder / "live.js").read_text(encoding="utf-8")
    return script, (folder / "live.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _engine() -> MiniRacer:
    engine = MiniRacer()
    engine.eval(source())
    atexit.register(engine.close)  # V8's thread would otherwise keep the process alive
    return engine


def figure_dict(spec: dict[str, Any], **options: Any) -> dict[str, Any]:
    """``{data, layout, packed}`` of the view ``spec`` for ``options`` (width, range in ms,
    breaks, maxRows, selected), as the page would draw it at that size."""
    with _lock:  # one V8 isolate, used by one thread at a time
        text = _engine().call("TimelineDraw.figureJson", json.dumps(spec), json.dumps(options))
    result: dict[str, Any] = json.loads(str(text))
    return result


def breaks(spec: dict[str, Any], share: float) -> list[list[float]]:
    """The empty stretches longer than ``share`` of the view, as the page finds them."""
    window = spec["window"] or spec["all"]
    with _lock:
        text = _engine().eval(
            f"JSON.stringify(TimelineDraw.findBreaks({json.dumps(spec)}, "
            f"{json.dumps(window)}, {float(share)}))"
        )
    found: list[list[float]] = json.loads(str(text))
    return found
