"""The one style table: how a status and an affiliation look in every output.

The page's timeline (through ``draw.spec``), the strip, the HTML and PDF exports, the deck
and the briefing's badge all read their marks, symbols and colours here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, cast

import plotly.io as pio

# Okabe & Ito (2008), colour-blind safe; the usual affiliations keep fixed colours.
OKABE_ITO = ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
FIXED_COLOURS = {
    "Russia": "#0072B2",
    "Chechnya": "#009E73",
    "Islamic State": "#D55E00",
    "United States": "#CC79A7",
    "Syria": "#E69F00",
}


# For affiliations not named above (an import's, another conflict's): dark enough to read as
# thin hollow symbols and lines on white (at least 4.7:1; Okabe-Ito's spare sky blue and
# yellow are 2.3:1 and 1.3:1), and apart from the fixed hues (Paul Tol's muted scheme).
SPARE_COLOURS = ["#332288", "#777711", "#882255", "#AA4499", "#000000"]


def palette(affiliations: Iterable[str]) -> dict[str, str]:
    """A stable colour for every affiliation: fixed ones first, others in sorted order."""
    others = sorted(set(affiliations) - set(FIXED_COLOURS))
    colours = dict(FIXED_COLOURS)
    colours.update({name: SPARE_COLOURS[i % len(SPARE_COLOURS)] for i, name in enumerate(others)})
    return colours


BadgeColour = Literal["blue", "green", "orange", "red", "gray"]


@dataclass(frozen=True)
class StatusStyle:
    """How a status is drawn: its ``mark`` in text, its Plotly ``symbol`` (an "-open" symbol
    is hollow: a claim), its ``ink`` (dark enough for text on white, WCAG AA) and the
    colour of the dashboard's ``badge``."""

    mark: str
    symbol: str
    ink: str
    badge: BadgeColour

    @property
    def hollow(self) -> bool:
        return self.symbol.endswith("-open")

    @property
    def shape(self) -> str:
        """The symbol without its fill: "circle", "diamond" or "square"."""
        return self.symbol.removesuffix("-open")


# Reports are filled, claims hollow; "unknown" is an import's: the file did not say.
STATUS_STYLES = {
    "reported": StatusStyle("●", "circle", "#0072B2", "blue"),
    "confirmed": StatusStyle("◆", "diamond", "#007A5A", "green"),
    "claimed": StatusStyle("○", "circle-open", "#B34700", "orange"),
    "disputed": StatusStyle("◇", "diamond-open", "#B00020", "red"),
    "unknown": StatusStyle("□", "square-open", "#595959", "gray"),
}
OTHER_STATUS = StatusStyle("", "circle", "#444444", "gray")


def status_style(status: object) -> StatusStyle:
    """The style of ``status``; a word outside the table is drawn plain, never refused."""
    return STATUS_STYLES.get(str(status), OTHER_STATUS)


FONT_SIZE = 16  # readable from the back of a briefing room
LANE_FONT = 14
TEXT_COLOUR = "#1a1a1a"
FONT = {"size": FONT_SIZE, "color": TEXT_COLOUR, "family": "Source Sans Pro, Arial, sans-serif"}


@lru_cache(maxsize=1)
def white_template() -> dict[str, Any]:
    """Plotly's "plotly_white" template as data: what every figure that leaves the page
    carries (importing Streamlit changes Plotly's default; a name would not survive a
    figure made without validation)."""
    return cast(dict[str, Any], pio.templates["plotly_white"].to_plotly_json())
