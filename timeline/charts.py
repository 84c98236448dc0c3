"""Plotly figures: the timeline (lanes × time) and the estimates chart.

Plain functions from DataFrames to figures; no Streamlit here.

- A day event is a marker. Any coarser span (week, part of a month, month, year,
  range) is a translucent band over its whole span with a marker at its middle.
- Status is drawn: reported ● and confirmed ◆ are filled; claimed ○ and disputed ◇
  are hollow, with dotted bands.
- Colour follows the affiliation, from a fixed colour-blind-safe palette (Okabe–Ito)
  assigned over the whole dataset, so filtering never changes a colour.
- One event with several actors sits in each of their lanes, with the same label.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

LaneMode = Literal["actor", "affiliation", "kind", "source", "single"]
LANE_MODES: tuple[LaneMode, ...] = ("actor", "affiliation", "kind", "source", "single")
LANE_LABELS = {
    "actor": "Actor",
    "affiliation": "Affiliation",
    "kind": "Kind",
    "source": "Source",
    "single": "One lane",
}

# Okabe & Ito (2008), colour-blind safe; the usual affiliations keep fixed colours.
OKABE_ITO = ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
FIXED_COLOURS = {
    "Russia": "#0072B2",
    "Chechnya": "#009E73",
    "Islamic State": "#D55E00",
    "United States": "#CC79A7",
    "Syria": "#E69F00",
}
STATUS_SYMBOLS = {
    "reported": "circle",
    "confirmed": "diamond",
    "claimed": "circle-open",
    "disputed": "diamond-open",
}
HOLLOW = {"claimed", "disputed"}
LARGE = 5_000  # above this many events, the lean drawing (WebGL, no packing, short hover)
SLOT_STEP = 0.24  # vertical offset between events that would overlap in one lane
MAX_SLOTS = 4
FONT_SIZE = 16  # readable from the back of a briefing room
ONE_DAY = pd.Timedelta(days=1)
DIMMED = 0.2


def palette(affiliations: Iterable[str]) -> dict[str, str]:
    """A stable colour for every affiliation: fixed ones first, others in sorted order."""
    spare = [c for c in OKABE_ITO if c not in FIXED_COLOURS.values()]
    others = sorted(set(affiliations) - set(FIXED_COLOURS))
    colours = dict(FIXED_COLOURS)
    colours.update({name: spare[i % len(spare)] for i, name in enumerate(others)})
    return colours


def esc(text: object) -> str:
    """Dataset text as literal text inside Plotly's HTML-like labels."""
    return html.escape(str(text), quote=False)


# --- lanes --------------------------------------------------------------------


def lane_rows(frame: pd.DataFrame, by: LaneMode, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, lane); ``lane`` is the lane's label, ``colour_key`` its affiliation.

    ``actors`` has columns ``id, name, affiliation`` (see ``frame.actors_frame``).
    """
    names = dict(zip(actors["id"], actors["name"], strict=True))
    affiliation = dict(zip(actors["id"], actors["affiliation"], strict=True))
    if by == "actor":
        rows = frame.explode("actors").rename(columns={"actors": "lane_key"})
        rows["lane"] = rows["lane_key"].map(names)
        rows["colour_key"] = rows["lane_key"].map(affiliation)
        return rows
    rows = frame.copy()
    rows["colour_key"] = rows["actors"].map(lambda ids: affiliation[ids[0]])
    if by == "affiliation":
        rows = frame.explode("affiliations")
        rows["lane"] = rows["colour_key"] = rows["affiliations"]
    elif by == "kind":
        rows["lane"] = rows["kind"].str.capitalize()
    elif by == "source":
        rows["lane"] = rows["outlet"]
    else:
        rows["lane"] = "All events"
    return rows


def lane_order(rows: pd.DataFrame, colours: Mapping[str, str], by: LaneMode) -> list[str]:
    """Actor and affiliation lanes grouped by affiliation (palette order), then by their
    first event; kind and source lanes by their first event."""
    rank = {name: i for i, name in enumerate(colours)}
    grouped = by in ("actor", "affiliation")
    first = rows.groupby("lane", sort=False).agg(
        start=("start", "min"), key=("colour_key", "first")
    )
    first["rank"] = first["key"].map(lambda k: rank.get(k, len(rank)) if grouped else 0)
    return list(first.sort_values(["rank", "start"]).index)


def _slots(
    starts: Sequence[pd.Timestamp], ends: Sequence[pd.Timestamp], gap: pd.Timedelta
) -> list[int]:
    """Greedy packing: the first slot whose last event ended ``gap`` before this one starts."""
    free_at: list[pd.Timestamp] = []
    out = []
    for start, end in zip(starts, ends, strict=True):
        slot = next((i for i, t in enumerate(free_at) if t + gap < start), len(free_at))
        if slot == len(free_at):
            free_at.append(end)
        free_at[slot] = max(free_at[slot], end)
        out.append(slot % MAX_SLOTS)
    return out


def place(
    rows: pd.DataFrame, order: list[str], pack: bool = True
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Give each row a numeric ``y``: its lane's base plus a slot so nothing overlaps.

    Without ``pack`` (a large view) every marker sits on its lane's line: at that density
    packing cannot separate them anyway, and it would cost seconds.
    """
    rows = rows.sort_values(["start", "end"]).reset_index(drop=True)
    span = (rows["end"].max() - rows["start"].min()) if len(rows) else pd.Timedelta(0)
    gap = max(span / 60, ONE_DAY)
    rows["slot"] = 0
    for _, group in rows.groupby("lane", sort=False) if pack else ():
        rows.loc[group.index, "slot"] = _slots(list(group["start"]), list(group["end"]), gap)
    heights = rows.groupby("lane")["slot"].max().reindex(order).fillna(0)
    bases, level = {}, 0.0
    for lane in order:
        bases[lane] = level
        level += 1 + heights[lane] * SLOT_STEP
    rows["y"] = rows["lane"].map(bases) + rows["slot"] * SLOT_STEP
    return rows, bases


# --- hover text ---------------------------------------------------------------


def date_line(row: Mapping[Any, Any]) -> str:
    """ "2 Sep 2014 — article: 'last September'" for a pinned phrase, else the label."""
    label = str(row["label"])
    if row.get("pinned") and row.get("when"):
        return f"{label} — article: '{row['when']}'"
    return label


def hover_text(rows: pd.DataFrame) -> list[str]:
    return [
        f"<b>{esc(r['title'])}</b><br>{esc(date_line(r))}"
        f"<br>Actors: {esc(', '.join(r['actor_names']))}"
        f"<br>Status: {esc(r['status'])} · {esc(r['kind'])}<br>Source: {esc(r['outlet'])}"
        for r in rows.to_dict("records")
    ]


# --- traces -------------------------------------------------------------------


def _days(values: pd.Series) -> np.ndarray:
    """Dates as ``YYYY-MM-DD`` text: the shortest form Plotly reads on a date axis."""
    return np.asarray(values.dt.strftime("%Y-%m-%d"), dtype=object)


def _bands(rows: pd.DataFrame, colour: str, dotted: bool, large: bool) -> go.Scatter:
    """Translucent bands over non-day spans, one trace with gaps between segments."""
    n = len(rows)
    xs = np.empty(3 * n, dtype=object)
    ys = np.empty(3 * n, dtype=object)
    xs[0::3], xs[1::3], xs[2::3] = _days(rows["start"]), _days(rows["end"] + ONE_DAY), None
    ys[0::3] = ys[1::3] = rows["y"].to_numpy()
    ys[2::3] = None
    trace = go.Scattergl if large else go.Scatter
    return trace(
        x=xs,
        y=ys,
        mode="lines",
        hoverinfo="skip",
        showlegend=False,
        opacity=0.35,
        line={"color": colour, "width": 12, "dash": "dot" if dotted else "solid"},
    )


def _markers(rows: pd.DataFrame, colour: str, name: str, focus: str | None) -> go.Scatter:
    """Event markers; with ``focus``, every other event is dimmed."""
    opacity = (
        1.0 if focus is None else (rows["id"] == focus).map({True: 1.0, False: DIMMED}).tolist()
    )
    return go.Scatter(
        x=rows["middle"],
        y=rows["y"],
        mode="markers",
        name=name,
        legendgroup=name,
        showlegend=False,
        customdata=rows["id"],
        hovertext=hover_text(rows),
        hoverinfo="text",
        marker={
            "color": colour,
            "size": 14,
            "symbol": rows["status"].map(STATUS_SYMBOLS).tolist(),
            "line": {"color": colour, "width": 2.5},
            "opacity": opacity,
        },
    )


def _lean_markers(rows: pd.DataFrame, colour: str, name: str) -> list[go.Scattergl]:
    """Many events: WebGL, one trace per status (a scalar symbol, nothing to check per
    point), dates as day text, whole-number lanes, and ``customdata`` holding the event's
    row in the view (``row``) rather than its id. The hover gives date and affiliation;
    a click opens the event in the detail panel."""
    return [
        go.Scattergl(
            x=_days(part["middle"]),
            y=part["y"].round().astype("int64").to_numpy(),
            mode="markers",
            name=name,
            legendgroup=name,
            showlegend=False,
            customdata=part["row"].to_numpy(),
            hovertemplate="%{x|%d %b %Y} · " + esc(name) + " · click for the event<extra></extra>",
            marker={
                "color": colour,
                "size": 9,
                "symbol": STATUS_SYMBOLS[str(status)],
                "line": {"color": colour, "width": 1.5},
            },
        )
        for status, part in rows.groupby("status", sort=False)
    ]


def _legend(colours: Mapping[str, str], shown: Iterable[str]) -> list[go.Scatter]:
    """Legend entries: one per affiliation shown, one per status symbol."""
    entries = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=esc(name),
            legendgroup=name,
            marker={"color": colours[name], "size": 14, "symbol": "square"},
        )
        for name in colours
        if name in set(shown)
    ]
    entries += [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=status,
            legendgroup="status",
            marker={
                "color": "#555555",
                "size": 14,
                "symbol": symbol,
                "line": {"color": "#555555", "width": 2.5},
            },
        )
        for status, symbol in STATUS_SYMBOLS.items()
    ]
    return entries


def _highlight(rows: pd.DataFrame, selected: str | None) -> list[go.Scatter]:
    chosen = rows[rows["id"] == selected] if selected else rows.iloc[0:0]
    if chosen.empty:
        return []
    return [
        go.Scatter(
            x=chosen["middle"],
            y=chosen["y"],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            name="selected",
            marker={
                "size": 30,
                "symbol": "circle-open",
                "color": "#000000",
                "line": {"width": 3, "color": "#000000"},
            },
        )
    ]


def timeline_figure(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    by: LaneMode = "actor",
    selected: str | None = None,
    focus: bool = False,
) -> go.Figure:
    """The interactive timeline of ``frame``'s events, in lanes ``by`` actor (or other).

    ``selected`` is ringed; with ``focus`` (briefing mode) every other event is dimmed.
    """
    colours, large = palette(actors["affiliation"]), len(frame) > LARGE
    rows = lane_rows(frame.assign(row=np.arange(len(frame))), by, actors)
    order = lane_order(rows, colours, by)
    rows, bases = place(rows, order, pack=not large)
    traces: list[go.Scatter] = []
    for key, group in rows.groupby("colour_key", sort=False):
        colour = colours.get(str(key), "#000000")
        spans = group[group["precision"] != "day"]
        for dotted in (False, True):
            part = spans[spans["status"].isin(HOLLOW) == dotted]
            if not part.empty:
                traces.append(_bands(part, colour, dotted, large))
        if large:
            traces += _lean_markers(group, colour, str(key))
        else:
            traces.append(_markers(group, colour, str(key), selected if focus else None))
    traces += _highlight(rows, selected) + _legend(colours, rows["colour_key"])
    figure = go.Figure(traces)
    return _layout(figure, order, bases, by, _x_range(frame))


def focus_range(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, int] | None:
    """The initial x range and how many events lie wholly before it.

    All events, unless a few early outliers (at most 5% of 20 or more events, such
    as "since 2007" in a 2015 story) sit before an empty gap longer than half the
    whole span: then the view starts after the gap; the range slider shows everything.
    """
    if frame.empty:
        return None
    starts = frame["start"].sort_values().reset_index(drop=True)
    start, end = starts.iloc[0], frame["end"].max() + ONE_DAY
    gaps = starts.diff().iloc[1:]
    if not gaps.empty:
        widest = int(gaps.to_numpy().argmax()) + 1  # position in starts after the gap
        if gaps[widest] > (end - start) / 2 and widest <= len(starts) // 20:
            start = starts.iloc[widest]
    pad = max((end - start) * 0.03, pd.Timedelta(days=3))
    hidden = int((frame["end"] + ONE_DAY <= start).sum())
    return start - pad, end + pad, hidden


def _x_range(frame: pd.DataFrame) -> list[pd.Timestamp] | None:
    focus = focus_range(frame)
    return None if focus is None else [focus[0], focus[1]]


def _layout(
    figure: go.Figure,
    order: list[str],
    bases: Mapping[str, float],
    by: LaneMode,
    x_range: list[pd.Timestamp] | None,
) -> go.Figure:
    top = max(bases.values(), default=0) + 1
    longest = max((len(lane) for lane in order), default=4)
    figure.update_layout(
        height=int(170 + 46 * max(top, 2)),
        # room for the lane names, not left to automargin (a resized page can clip them)
        margin={"l": min(360, 60 + int(FONT_SIZE * 0.55 * longest)), "r": 10, "t": 40, "b": 10},
        font={"size": FONT_SIZE},
        hovermode="closest",
        clickmode="event+select",
        hoverlabel={"font_size": FONT_SIZE, "align": "left"},
        plot_bgcolor="#ffffff",
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "itemclick": False,
            "itemdoubleclick": False,
        },
        xaxis={
            "type": "date",
            "range": x_range,
            "rangeslider": {"visible": True, "thickness": 0.06},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis={
            "tickvals": [bases[lane] for lane in order],
            "ticktext": [esc(x) for x in order],
            "range": [top - 0.4, -0.6],
            "showgrid": True,
            "gridcolor": "#f0f0f0",
            "zeroline": False,
            "fixedrange": True,
            "title": {"text": LANE_LABELS[by]},
        },
    )
    return figure


# --- estimates ----------------------------------------------------------------


def figure_rows(frame: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per figure of the events in ``frame``, with its event's date and source."""
    names = dict(zip(actors["id"], actors["name"], strict=True))
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
        height=420,
        font={"size": FONT_SIZE},
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
