"""A line of progress on a terminal while a long export is drawn.

``progress("drawing the PDF")`` shows "⠹ drawing the PDF · 1.4 s" on stderr, turning
every tenth of a second, and clears it when the work ends. When stderr is not a
terminal (a pipe, a log, CI) it writes nothing: a script's output stays clean.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import cycle
from typing import TextIO

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
TICK = 0.1  # seconds between frames


@contextmanager
def progress(what: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show ``what`` with a spinner and the time taken on ``stream`` (stderr) while the
    block runs, only when ``stream`` is a terminal."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield
        return
    done = threading.Event()
    spinner = threading.Thread(target=_spin, args=(out, what, done), daemon=True)
    spinner.start()
    try:
        yield
    finally:
        done.set()
        spinner.join()


def _spin(out: TextIO, what: str, done: threading.Event) -> None:
    started = time.monotonic()
    for frame in cycle(FRAMES):
        out.write(f"\r{frame} {what} · {time.monotonic() - started:.1f} s")
        out.flush()
        if done.wait(TICK):
            break
    out.write("\r\033[K")  # the line cleared: what follows is the result
    out.flush()
