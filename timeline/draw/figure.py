"""The timeline figure: the view described as data (``spec``), drawn by the one packer
(``js/timeline.js`` through ``engine``) into the Plotly figure that the page, the HTML, the
images and the PDF all show; past ``DENSE`` events, the density view instead.

- A day event is a marker. Any coarser span (week, part of a month, month, year,
  range) is a translucent band over its whole span with a marker at its middle.
- Status is drawn (``styles.STATUS_STYLES``): reports filled, claims hollow.
- Colour follows the affiliation, from a fixed colour-blind-safe palette (Okabe–Ito)
  assigned over the whole dataset, so filtering never changes a colour.
- One event with several actors sits in each of their lanes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from timeline.draw import spec
from timeline.draw.density import DENSE, density_figure
from timeline.draw.spec import PAGE_WIDTH
from timeline.layout import Window
from timeline.state import LaneMode


def timeline_figure(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    by: LaneMode = "actor",
    window: Window | None = None,
    width: int = PAGE_WIDTH,
    **look: Any,
) -> go.Figure:
    """The timeline of ``frame``'s events in lanes ``by`` actor (or other), as the page
    draws it at ``width`` px for ``window`` (else the fitted first view): packed by the one
    packer (``timeline/draw/js/timeline.js``), so no two labels overlap. ``look`` holds the
    rest of ``draw.spec.Look``: ``selected`` is ringed; with ``focus`` (briefing mode) every
    other event is dimmed; ``expand`` names affiliations never folded; ``periods`` are
    drawn as bands; ``first`` names the actors whose lanes lead."""
    if len(frame) > DENSE:
        return density_figure(frame, actors, by, look.get("expand", ()))
    from timeline.draw import engine  # V8 starts on the first figure, not on import

    tupled: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in look.items()}
    described = spec.view_spec(frame, actors, spec.Look(by=by, width=width, **tupled))
    options: dict[str, Any] = {"width": width, "breaks": "auto"}
    if window is not None:
        options["range"] = [spec.ms(window.start), spec.ms(window.end)]
    drawn = engine.figure_dict(described, **options)
    return _made(data=drawn["data"], layout=drawn["layout"])


VALIDATE = False  # tests turn it on, to prove the unvalidated figure is the validated one


def _made(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The figure of plain traces and layout, made without Plotly's validation (0.15 s of a
    filter change, half of it deep-copying the template): every property is our own
    code's, and a test compares the result with the validated figure's JSON."""
    return go.Figure(data=data, layout=layout, _validate=VALIDATE)
