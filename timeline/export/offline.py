"""The Chromium that draws and prints exports, started so that it fetches nothing.

Kaleido's page loads MathJax from a public CDN unless told not to (and would typeset a
``$…$`` in a title when online); Chromium left to itself calls update, safe-browsing and
account services in the background. Every export starts its browser through here:
MathJax off (dollar signs stay literal), the switches that stop background networking,
and a proxy on a closed local port for whatever Chromium tries regardless.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from choreographer.browsers.chromium import Chromium

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
