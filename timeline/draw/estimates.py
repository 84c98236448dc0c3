"""The estimates chart: each reported figure's measure as a series over time."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from timeline.dataset.frame import actor_names
from timeline.draw.styles import FONT, FONT_SIZE, OKABE_ITO, white_template
from timeline.draw.words import esc


def figure_rows(frame: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per figure of the events in ``frame``, with its event's date and source."""
    names = actor_names(actors)
    rows = frame[frame["figures"].map(len) > 0].explode("figures")
    if rows.empty:
        return pd.DataFrame(columns=["id", "middle", "value", "measure", "claimant", "outlet"])
    facts = pd.DataFrame(list(rows["figures"]), index=rows.index)
    out = pd.concat([rows[["id", "title", "middle", "label", "outlet"]], facts], axis=1)
    out["claimant"] = out.get("claimant", pd.Series(None, index=out.index)).map(
        lambda c: names.get(c, "") if isinstance(c, str) else ""
    )
    for column in ("low", "high", "note"):
        if column not in out:
            out[column] = None
    return out.sort_values("middle")


def estimates_figure(frame: pd.DataFrame, actors: pd.DataFrame) -> go.Figure:
    """Each measure as a series over time; low/high as error bars; claimant in the hover."""
    rows = figure_rows(frame, actors)
    figure = go.Figure()
    colours = OKABE_ITO
    for i, (measure, group) in enumerate(rows.groupby("measure", sort=False)):
        figure.add_trace(
            go.Scatter(
                x=group["middle"],
                y=group["value"],
                name=esc(measure),
                mode="lines+markers" if len(group) > 1 else "markers",
                customdata=group["id"],
                hovertext=_figure_hover(group),
                hoverinfo="text",
                marker={"size": 12, "color": colours[i % len(colours)]},
                error_y=_error_bars(group),
            )
        )
    figure.update_layout(
        template=white_template(),
        height=420,
        font=FONT,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        hoverlabel={"font_size": FONT_SIZE, "align": "left"},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.15},
        xaxis={"type": "date", "gridcolor": "#e5e5e5"},
        yaxis={"title": {"text": "reported figure"}, "rangemode": "tozero", "gridcolor": "#e5e5e5"},
    )
    return figure


def _error_bars(group: pd.DataFrame) -> dict[str, Any] | None:
    if group["low"].isna().all() and group["high"].isna().all():
        return None
    high = (group["high"].fillna(group["value"]) - group["value"]).tolist()
    low = (group["value"] - group["low"].fillna(group["value"])).tolist()
    return {"type": "data", "symmetric": False, "array": high, "arrayminus": low, "visible": True}


def _figure_hover(group: pd.DataFrame) -> list[str]:
    return [
        f"<b>{esc(r['qualifier'] if r['qualifier'] != 'exactly' else '')} {r['value']:,.0f}</b> "
        f"{esc(r['measure'])}<br>{esc(r['label'])} · claimed by {esc(r['claimant'] or 'unnamed')}"
        f"<br>{esc(r['title'])}<br>Source: {esc(r['outlet'])}"
        for r in group.to_dict("records")
    ]
