"""More events than a screen can show one by one: how many there are per lane and period."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.draw.lanes import lane_name_lines, lanes, margin_left
from timeline.draw.styles import FONT, LANE_FONT, white_template
from timeline.draw.words import esc
from timeline.layout import ROW_PX
from timeline.state import LaneMode

DENSE = 5_000  # above this many events in view, counts per lane and period (density_figure)
# (name, period, the periods' starts as a date range, days at most)
BIN_STEPS = [("day", "D", "D", 1), ("week", "W", "W-MON", 7), ("month", "M", "MS", 31)]
BIN_STEPS += [("quarter", "Q", "QS", 92), ("year", "Y", "YS", 366)]
MAX_BINS = 160  # about one per 6 px of a 1,000 px plot
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_RIGHT = 40, 44, 16


def bin_step(first: pd.Timestamp, last: pd.Timestamp) -> tuple[str, str, str]:
    """The finest period (day, week, month, quarter, year) giving at most ``MAX_BINS``:
    its name, its pandas period and the date-range frequency of its starts."""
    days = (last - first).days + 1
    step = next((b for b in BIN_STEPS if days / b[3] <= MAX_BINS), BIN_STEPS[-1])
    return step[0], step[1], step[2]


def density_counts(rows: pd.DataFrame, order: list[str], period: str, starts: str) -> pd.DataFrame:
    """Events per lane (rows, in ``order``) and period (columns, every period in between,
    empty ones too), each event counted at the middle of its span, once per lane it is in."""
    begins = rows["middle"].dt.to_period(period).dt.start_time
    counts = rows.assign(period=begins).groupby(["lane", "period"]).size().unstack(fill_value=0)
    every = pd.date_range(begins.min(), begins.max(), freq=starts)
    return counts.reindex(index=order, columns=every, fill_value=0)


def _period_label(start: pd.Timestamp, step: str) -> str:
    if step in ("day", "week"):
        return ("week of " if step == "week" else "") + f"{start.day} {start:%b %Y}"
    if step == "quarter":
        return f"Q{start.quarter} {start.year}"
    return f"{start:%b %Y}" if step == "month" else str(start.year)


def density_figure(
    frame: pd.DataFrame, actors: pd.DataFrame, by: LaneMode = "actor", expand: Iterable[str] = ()
) -> go.Figure:
    """More events than a screen can show one by one (``DENSE``): how many there are per
    lane and period, as a heatmap of a few thousand cells whatever the number of events.
    Filtering or narrowing the dates below ``DENSE`` draws the events themselves."""
    needed = ["id", "actors", "affiliations", "kind", "outlet", "start", "middle"]
    rows, order = lanes(frame[needed], actors, by, expand)  # only what lanes and counts need
    step, period, starts = bin_step(frame["middle"].min(), frame["middle"].max())
    counts = density_counts(rows, order, period, starts)
    labels = [_period_label(p, step) for p in pd.DatetimeIndex(counts.columns)]
    z = counts.to_numpy().astype(float)
    z[z == 0] = np.nan  # an empty cell stays white
    names = {lane: lane_name_lines(lane) for lane in order}
    figure = go.Figure(
        go.Heatmap(
            x=counts.columns,
            y=["<br>".join(esc(line) for line in names[lane]) for lane in order],
            z=z,
            text=[labels] * len(order),
            colorscale="Blues",
            zmin=0,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": f"events a {step}"}, "thickness": 14},
            hovertemplate="%{y}<br>%{text}: %{z:,.0f} events<extra></extra>",
            name="density",
        )
    )
    return _density_layout(figure, len(order), margin_left(names), len(frame), step)


def _density_layout(figure: go.Figure, lanes: int, left: int, events: int, step: str) -> go.Figure:
    figure.update_layout(
        template=white_template(),
        height=MARGIN_TOP + MARGIN_BOTTOM + max(lanes, 3) * 2 * ROW_PX,
        margin={"l": left, "r": MARGIN_RIGHT, "t": MARGIN_TOP + 24, "b": MARGIN_BOTTOM},
        font=FONT,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        title={
            "text": f"{events:,} events, counted per lane and {step}",
            "font": {"size": 15},
            "x": 0,
            "xref": "paper",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 4},
        },
        xaxis={"type": "date", "side": "top", "showgrid": False, "ticks": "outside"},
        yaxis={"autorange": "reversed", "tickfont": {"size": LANE_FONT}, "fixedrange": True},
        uirevision=f"density-{events}",
        meta="timeline-density",
    )
    return figure
