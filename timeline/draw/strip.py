"""The briefing's strip: every event in view on one line, the current one marked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.dataset.frame import actor_affiliations
from timeline.draw.styles import TEXT_COLOUR, palette, status_style, white_template
from timeline.draw.words import esc
from timeline.layout import fit_window


def _strip_side(share: float) -> str:
    """The date label above the marker, kept inside the strip near either end."""
    return "top right" if share < 0.15 else "top left" if share > 0.85 else "top center"


def strip_figure(frame: pd.DataFrame, actors: pd.DataFrame, selected: str) -> go.Figure:
    """One line of every event in ``frame``, dimmed, with ``selected`` marked in its colour
    and shape and dated: where this event sits in the briefing. Events outside the fitted
    window sit at its edges as ◀ ▶."""
    window = fit_window(frame)
    if window is None:
        raise ValueError("a strip needs at least one event")
    colours = palette(actors["affiliation"])
    affiliation = actor_affiliations(actors)
    lo, hi = window.start, window.end
    xs = [window.clamp(when) for when in frame["middle"]]
    edge = np.where(
        frame["middle"] < lo,
        "triangle-left",
        np.where(frame["middle"] > hi, "triangle-right", "circle"),
    )
    row = frame[frame["id"] == selected].iloc[0]
    here = window.clamp(row["middle"])
    colour = colours.get(affiliation.get(row["actors"][0], ""), "#000000")
    symbol = status_style(row["status"]).symbol
    if row["middle"] < lo or row["middle"] > hi:
        symbol = "triangle-left" if row["middle"] < lo else "triangle-right"
    figure = go.Figure(
        [
            go.Scatter(
                x=xs,
                y=[0] * len(xs),
                mode="markers",
                hoverinfo="skip",
                marker={"size": 9, "color": "#b8b8b8", "symbol": edge},
            ),
            go.Scatter(
                x=[here],
                y=[0],
                mode="markers+text",
                text=[esc(row["label"])],
                textposition=_strip_side(window.share(row["middle"])),
                textfont={"size": 18, "color": TEXT_COLOUR},
                hoverinfo="skip",
                marker={
                    "size": 22,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": colour, "width": 3},
                },
                cliponaxis=False,
            ),
        ]
    )
    figure.update_layout(
        template=white_template(),
        height=124,
        margin={"l": 24, "r": 24, "t": 36, "b": 44},
        showlegend=False,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"size": 14, "color": TEXT_COLOUR},
        xaxis={
            "type": "date",
            "range": [lo, hi],
            "showgrid": False,
            "showline": True,
            "linecolor": "#888888",
            "ticks": "outside",
            "fixedrange": True,
        },
        yaxis={"visible": False, "range": [-0.6, 1.0], "fixedrange": True},
    )
    return figure
