"""What the browser tests and the browser benchmark share: Chromium's flags, the app's command
(the benchmarks import it from here, so the tests need nothing from benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

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


def wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds} s")
