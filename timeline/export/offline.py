"""The Chromium that draws and prints exports, started so that it fetches nothing.

Kaleido's page loads MathJax from a public CDN unless told not to (and would typeset a
``$…$`` in a title when online); Chromium left to itself calls update, safe-browsing and
account services in the background. One browser serves a process: kaleido's server,
started on first use, draws every image and prints every PDF (``in_browser``). It starts
through here: MathJax off (dollar signs stay literal), the switches that stop background
networking, and a proxy on a closed local port for whatever Chromium tries regardless.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import kaleido
from choreographer.browsers.chromium import Chromium
from kaleido._sync_server import GlobalKaleidoServer

T = TypeVar("T")

SINK = "127.0.0.1:9"
DISABLED = (  # Chromium features that call out
    "NetworkTimeServiceQuerying",
    "PreconnectToSearch",
    "OptimizationHints",
    "MediaRouter",
    "DialMediaRouteProvider",
    "Translate",
    "AutofillServerCommunication",
    "CertificateTransparencyComponentUpdater",
    "SafeBrowsing",
    "InterestFeedContentSuggestions",
    "NetworkPrediction",
    "SearchPrefetchServicePrefetching",
    "AccountConsistency",
    "ChromeWhatsNewUI",
)
QUIET_FLAGS = (  # Chromium's switches against background networking
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--no-pings",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-search-engine-choice-screen",
    "--metrics-recording-only",
    "--dns-prefetch-disable",
    "--disable-features=" + ",".join(DISABLED),
    "--no-service-autorun",
    # what Chromium still tries (update, accounts and search-engine calls in Debian's
    # build) goes to a closed port on this machine: the discard port, where nothing listens
    f"--proxy-server=http://{SINK}",
)


class QuietChromium(Chromium):
    """choreographer's Chromium with :data:`QUIET_FLAGS` on its command line."""

    def get_cli(self) -> Sequence[str]:
        return [*super().get_cli(), *QUIET_FLAGS]


BROWSER: dict[str, Any] = {"browser_cls": QuietChromium, "enable_extensions": False}
KALEIDO: dict[str, Any] = {"mathjax": False, **BROWSER}  # for kaleido's server

_started = {"server": False}
LOCK = threading.Lock()  # kaleido's server answers one caller at a time, in order


def start() -> None:
    """Start the process's one browser (kaleido's server) unless it runs: seconds, once."""
    if not _started["server"]:
        kaleido.start_sync_server(silence_warnings=True, **KALEIDO)  # fetches nothing
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _started["server"] = True


def in_browser(job: Callable[..., Awaitable[T]], *args: Any) -> T:
    """``await job(browser, *args)`` in the process's one browser, the one that draws the
    images, so a batch of exports (a PDF among them) starts one Chromium. kaleido's server
    runs a named method of its browser: ``job`` is made one, under its own name."""
    name = f"timeline_{job.__name__}"
    if not hasattr(kaleido.Kaleido, name):

        async def method(self: kaleido.Kaleido, *given: Any) -> T:
            return await job(self, *given)

        setattr(kaleido.Kaleido, name, method)
    with LOCK:
        start()
        answer: T = GlobalKaleidoServer().call_function(name, *args)
    return answer
