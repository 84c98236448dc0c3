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

import hashlib
import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline import layout
from timeline.dataset.model import Period
from timeline.layout import ROW_PX, Window, fit_window
from timeline.state import LANE_LABELS, LaneMode
from timeline.text import printable, quoted

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
    "unknown": "square-open",  # an import's: the file did not say
}
HOLLOW = {"claimed", "disputed", "unknown"}
# Status in every output: its mark, and a colour dark enough for text on white (WCAG AA).
STATUS_MARKS = {"reported": "●", "confirmed": "◆", "claimed": "○", "disputed": "◇", "unknown": "□"}
STATUS_INK = {
    "reported": "#0072B2",
    "confirmed": "#007A5A",
    "claimed": "#B34700",
    "disputed": "#B00020",
    "unknown": "#595959",
}
PERIOD_FILL, PERIOD_INK, PERIOD_LABEL_PX = "#EFE9DC", "#5A4A2A", 22
DENSE = 5_000  # above this many events in view, counts per lane and period (density_figure)
# (name, period, the periods' starts as a date range, days at most)
BIN_STEPS = [("day", "D", "D", 1), ("week", "W", "W-MON", 7), ("month", "M", "MS", 31)]
BIN_STEPS += [("quarter", "Q", "QS", 92), ("year", "Y", "YS", 366)]
MAX_BINS = 160  # about one per 6 px of a 1,000 px plot
FONT_SIZE = 16  # readable from the back of a briefing room
LANE_FONT = 14
ONE_DAY = pd.Timedelta(days=1)
DIMMED = 0.2
VAGUE = 0.45  # an approximate or uncertain date: its marker faded, its label "c." or "?"
MAX_LANES = 12  # more actor lanes than this: the largest affiliations are folded into one lane
MAX_DRAWN_LANES = 60  # past this many lanes, the rest share one lane ("+4,990 more actors")
HOVER_ACTORS = 8  # actors named in a hover; the rest are counted
PAGE_WIDTH = 900  # px: the narrowest the app draws the chart (1280 px wide, sidebar open)
LANE_NAME_CHARS = 20  # a lane name wraps onto two lines of at most this many characters
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_RIGHT = 40, 44, 16
TEXT_COLOUR = "#1a1a1a"
FONT = {"size": FONT_SIZE, "color": TEXT_COLOUR, "family": "Source Sans Pro, Arial, sans-serif"}


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


def esc(text: object) -> str:
    """Dataset text as literal text inside Plotly's HTML-like labels."""
    return html.escape(printable(text), quote=False)  # no ESC or BEL: an SVG is XML


# --- lanes --------------------------------------------------------------------


def folded_groups(
    rows: pd.DataFrame, expand: Iterable[str] = (), max_lanes: int = MAX_LANES
) -> set[str]:
    """The affiliations whose actors share one lane: the largest first, until the actor
    lanes number at most ``max_lanes``. Affiliations in ``expand`` are never folded."""
    counts = rows.groupby("colour_key")["lane_key"].nunique().sort_values(ascending=False)
    lanes, folded = int(counts.sum()), set()
    for name, count in counts.items():
        if lanes <= max_lanes:
            break
        if count > 1 and name not in set(expand):
            folded.add(str(name))
            lanes -= count - 1
    return folded


def _fold(rows: pd.DataFrame, folded: set[str], kept: Sequence[str] = ()) -> pd.DataFrame:
    """Actors of a folded affiliation share its lane, "Russia · 12 actors"; one row per
    event. Actors in ``kept`` (the ones filtered on) keep a lane of their own."""
    if not folded:
        return rows
    inside = rows["colour_key"].isin(folded) & ~rows["lane_key"].isin(list(kept))
    sizes = rows[inside].groupby("colour_key")["lane_key"].nunique()
    rows = rows.copy()
    shared = {key: f"{key} · {count} actors" for key, count in sizes.items()}
    rows.loc[inside, "lane"] = rows.loc[inside, "colour_key"].map(shared)
    return rows.drop_duplicates(["id", "lane"])


def lane_rows(
    frame: pd.DataFrame,
    by: LaneMode,
    actors: pd.DataFrame,
    expand: Iterable[str] = (),
    first: Sequence[str] = (),
    max_lanes: int = MAX_LANES,
) -> pd.DataFrame:
    """One row per (event, lane); ``lane`` is the lane's label, ``colour_key`` its affiliation.

    ``actors`` has columns ``id, name, affiliation`` (see ``frame.actors_frame``). In actor
    lanes, large affiliations are folded into one lane when there are too many lanes
    (see ``folded_groups``).
    """
    names = dict(zip(actors["id"], actors["name"], strict=True))
    affiliation = dict(zip(actors["id"], actors["affiliation"], strict=True))
    if by == "actor":
        rows = frame.explode("actors").rename(columns={"actors": "lane_key"})
        rows["primary"] = ~rows.index.duplicated()  # the event's first actor: labelled first
        rows["lane"] = rows["lane_key"].map(names)
        rows["colour_key"] = rows["lane_key"].map(affiliation)
        return _fold(rows, folded_groups(rows, expand, max_lanes), first)
    rows = frame.copy()
    rows["colour_key"] = rows["actors"].map(lambda ids: affiliation[ids[0]])
    if by == "affiliation":
        rows = frame.explode("affiliations")
        rows["primary"] = rows["affiliations"] == rows["actors"].map(lambda a: affiliation[a[0]])
        rows["lane"] = rows["colour_key"] = rows["affiliations"]
    elif by == "kind":
        rows["lane"] = rows["kind"].str.capitalize()
    elif by == "source":
        rows["lane"] = rows["outlet"]
    else:
        rows["lane"] = "All events"
    return rows


def lane_order(
    rows: pd.DataFrame, colours: Mapping[str, str], by: LaneMode, first: Sequence[str] = ()
) -> list[str]:
    """The lanes of ``first`` (the actors filtered on, or their affiliations) first, in that
    order; then actor and affiliation lanes grouped by affiliation (palette order), then
    by their first event; kind and source lanes by their first event."""
    rank = {name: i for i, name in enumerate(colours)}
    grouped = by in ("actor", "affiliation")
    first_rank = _first_rank(rows, by, first)
    lanes = rows.groupby("lane", sort=False).agg(
        start=("start", "min"), key=("colour_key", "first")
    )
    lanes["chosen"] = [first_rank.get(str(lane), len(first_rank)) for lane in lanes.index]
    lanes["rank"] = lanes["key"].map(lambda k: rank.get(k, len(rank)) if grouped else 0)
    return list(lanes.sort_values(["chosen", "rank", "start"]).index)


def _first_rank(rows: pd.DataFrame, by: LaneMode, first: Sequence[str]) -> dict[str, int]:
    """Lane name → its place among the lanes of the actors filtered on."""
    if by == "actor" and "lane_key" in rows:
        names = rows.drop_duplicates("lane_key").set_index("lane_key")["lane"]
        chosen = [names[a] for a in first if a in names.index]
    elif by == "affiliation":
        keys = rows.explode("actors").drop_duplicates("actors").set_index("actors")["colour_key"]
        chosen = [keys[a] for a in first if a in keys.index]
    else:
        chosen = []
    return {lane: i for i, lane in enumerate(dict.fromkeys(chosen))}


def lane_name_lines(name: str) -> list[str]:
    """A lane's name on at most two lines, cut with "…" beyond that."""
    lines = textwrap.wrap(name, LANE_NAME_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], layout.short_title(" ".join(lines[1:]), LANE_NAME_CHARS)]
    return lines


def cap_lanes(rows: pd.DataFrame, order: list[str], by: LaneMode) -> tuple[pd.DataFrame, list[str]]:
    """At most ``MAX_DRAWN_LANES`` lanes: the later ones share a last lane ("4,990 more
    actors"), each event once in it, so the chart grows with events, not with lanes."""
    if len(order) <= MAX_DRAWN_LANES:
        return rows, order
    kept = order[: MAX_DRAWN_LANES - 1]
    rest = f"{len(order) - len(kept):,} more {LANE_LABELS[by].lower()} lanes"
    rows = rows.copy()
    rows.loc[~rows["lane"].isin(kept), "lane"] = rest
    return rows.drop_duplicates(["id", "lane"]), [*kept, rest]


def lanes(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    by: LaneMode,
    expand: Iterable[str] = (),
    first: Sequence[str] = (),
    max_lanes: int = MAX_LANES,
) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane), and the lanes in the order they are drawn (at most
    ``MAX_DRAWN_LANES``, ``first``'s lanes leading): what the event view and the density
    view both draw. Actor lanes beyond ``max_lanes`` are folded by affiliation (the deck
    asks for fewer)."""
    rows = lane_rows(frame, by, actors, expand, first, max_lanes)
    order = lane_order(rows, palette(actors["affiliation"]), by, first)
    return cap_lanes(rows, order, by)


def margin_left(names: Mapping[str, list[str]]) -> int:
    """Room for the longest line of the lane names (each wrapped by ``_name_lines``)."""
    longest = max((len(line) for lines in names.values() for line in lines), default=4)
    return 24 + int(LANE_FONT * 0.56 * min(longest, LANE_NAME_CHARS))


# --- hover text ---------------------------------------------------------------


def _text(value: Any) -> str:
    """An optional text field as text: "" when the curator left it out."""
    return value.strip() if isinstance(value, str) else ""


def dated(row: Mapping[Any, Any]) -> str:
    """ "10 Dec 1815, 17:16": the date label, with the time of day when there is one."""
    time = _text(row.get("time"))
    return f"{row['label']}, {time}" if time else str(row["label"])


def said_otherwise(row: Mapping[Any, Any]) -> bool:
    """Whether the event is pinned and its source's phrase says something other than the
    label (an import's displayed date usually says just what the label does)."""
    when = _text(row.get("when"))
    return bool(row.get("pinned") and when and when != row["label"])


def date_line(row: Mapping[Any, Any]) -> str:
    """ "2 Sep 2014 — the article says “last September”" for a pinned phrase (unless it says
    just what the label does), else the label (with the time of day)."""
    if said_otherwise(row):
        return f"{dated(row)} — the article says {quoted(_text(row.get('when')))}"
    return dated(row)


def actors_line(names: Sequence[str], most: int = HOVER_ACTORS) -> str:
    """ "A, B, C and 4,990 more": a hover stays short whatever an event's actor count."""
    more = len(names) - most
    return ", ".join(names[:most]) + (f" and {more:,} more" if more > 0 else "")


def hover_text(rows: pd.DataFrame) -> list[str]:
    return [
        f"<b>{esc(r['title'])}</b><br>{esc(date_line(r))}"
        f"<br>Actors: {esc(actors_line(r['actor_names']))}"
        f"<br>Status: {esc(r['status'])} · {esc(r['kind'])}<br>Source: {esc(r['outlet'])}"
        for r in rows[HOVERED].to_dict("records")
    ]


# What a hover reads of a row (to_dict of these alone: a third of the time of all columns).
HOVERED = ["title", "label", "time", "when", "pinned", "actor_names", "status", "kind", "outlet"]


# --- traces -------------------------------------------------------------------


def revision(frame: pd.DataFrame) -> str:
    """Plotly's ``uirevision`` for a view: the same events keep the user's zoom."""
    return hashlib.sha1("\n".join(sorted(frame["id"])).encode()).hexdigest()[:16]


# What the event view reads of the events frame (the rest, quotes, notes, how, is not drawn).
DRAWN = [
    *("id", "title", "source", "outlet", "when", "start", "end", "middle", "precision"),
    *("label", "time", "pinned", "actors", "actor_names", "affiliations", "kind", "status"),
    *("figures", "approximate", "uncertain", "outlets", "disagree"),
]


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
    from timeline.draw import engine, spec

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


@lru_cache(maxsize=1)
def white_template() -> dict[str, Any]:
    """Plotly's "plotly_white" template as data: what every figure that leaves the page
    carries (importing Streamlit changes Plotly's default; a name would not survive a
    figure made without validation)."""
    return cast(dict[str, Any], pio.templates["plotly_white"].to_plotly_json())


# --- density: more events than a screen can show -------------------------------------------


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
        template="plotly_white",
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


def period_span(period: Period) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """A period's name, first moment and last moment (the end of its last day)."""
    span = period.span
    end = pd.Timestamp(span.end) + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return period.name, pd.Timestamp(span.start), end


# --- the briefing strip ----------------------------------------------------------


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
    affiliation = dict(zip(actors["id"], actors["affiliation"], strict=True))
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
    symbol = STATUS_SYMBOLS.get(str(row["status"]), "circle")
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
        template="plotly_white",
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
