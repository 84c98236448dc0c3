"""What the browser tests and the browser benchmark share: Chromium's flags, the app's command
(the benchmarks import it from here, so the tests need nothing from benchmarks/)."""

from __future__ import annotations

import sys

CHROMIUM_FLAGS = [  # Debian's Chromium as root, with no network but loopback
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def streamlit_command(events: str, port: int) -> list[str]:
    """``streamlit run app.py`` on ``port`` (loopback only), opening ``events``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--",
        "--events",
        events,
    ]
