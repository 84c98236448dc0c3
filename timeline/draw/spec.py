"""The timeline as data: what the view shows, before any label is placed.

``view_spec`` turns the events in view into a description (lanes, events, colours,
status styles, the first window, periods) that ``js/timeline.js`` packs and draws for
any range and width: in the page at every zoom, and through ``engine`` for every export.
Columns, not records: a few thousand events stay a small JSON.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from timeline.dataset.model import Period
from timeline.dataset.reports import REPORT_MARKS
from timeline.draw.lanes import lane_name_lines, lanes, margin_left
from timeline.draw.styles import FONT, LANE_FONT, STATUS_STYLES, palette, white_template
from timeline.draw.words import hover_text
from timeline.layout import Window, fit_window
from timeline.state import LaneMode
from timeline.text import printable

ONE_DAY = pd.Timedelta(days=1)
PAGE_WIDTH = 900  # px: the narrowest the app draws the chart (1280 px wide, sidebar open)


def revision(frame: pd.DataFrame) -> str:
    """Plotly's ``uirevision`` for a view: the same events keep the user's zoom."""
    return hashlib.sha1("\n".join(sorted(frame["id"])).encode()).hexdigest()[:16]


# What the event view reads of the events frame (the rest, quotes, notes, how, is not drawn).
DRAWN = [
    *("id", "title", "source", "outlet", "when", "start", "end", "middle", "precision"),
    *("label", "time", "pinned", "actors", "actor_names", "affiliations", "kind", "status"),
    *("figures", "approximate", "uncertain", "outlets", "disagree"),
]


def period_span(period: Period) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """A period's name, first moment and last moment (the end of its last day)."""
    span = period.span
    end = pd.Timestamp(span.end) + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return period.name, pd.Timestamp(span.start), end


def _ms(values: pd.Series) -> list[int]:
    """Dates as milliseconds since 1970 (what Plotly's date axis and JavaScript read)."""
    stamps = pd.to_datetime(values).to_numpy(dtype="datetime64[ms]")
    return [int(v) for v in stamps.astype(np.int64)]


def ms(when: pd.Timestamp) -> int:
    return int(pd.Timestamp(when).to_datetime64().astype("datetime64[ms]").astype(np.int64))


def _events(frame: pd.DataFrame) -> dict[str, list[Any]]:
    return {
        "id": frame["id"].tolist(),
        "title": frame["title"].astype(str).map(printable).tolist(),  # no ESC: SVG is XML
        "label": frame["label"].astype(str).map(printable).tolist(),
        "start": _ms(frame["start"]),
        "end": _ms(frame["end"] + ONE_DAY),
        "middle": _ms(frame["middle"]),
        "span": (frame["precision"] != "day").tolist(),
        "status": frame["status"].astype(str).tolist(),
        "vague": (frame["approximate"] | frame["uncertain"]).astype(bool).tolist(),
        "hover": hover_text(frame),
        "outlets": frame["outlets"].astype(int).tolist(),  # independent outlets reporting it
        "disagree": frame["disagree"].map(len).astype(bool).tolist(),  # its reports disagree
    }


def _rows(rows: pd.DataFrame, order: list[str], colours: list[str]) -> dict[str, list[Any]]:
    """Each (event, lane) row as indices: into the events, the lanes and the colours."""
    position = {event: i for i, event in enumerate(rows["id"].drop_duplicates())}
    lane_of = {lane: i for i, lane in enumerate(order)}
    colour_of = {key: i for i, key in enumerate(colours)}
    primary = rows["primary"] if "primary" in rows else ~rows["id"].duplicated()
    return {
        "ev": rows["id"].map(position).tolist(),
        "lane": rows["lane"].map(lane_of).tolist(),
        "primary": primary.astype(bool).tolist(),
        "colour": rows["colour_key"].astype(str).map(colour_of).tolist(),
    }


def _periods(periods: Sequence[Period]) -> list[dict[str, Any]]:
    return [
        {"name": name, "start": ms(start), "end": ms(end)}
        for name, start, end in map(period_span, periods)
    ]


def _window(window: Window | None) -> list[int] | None:
    return None if window is None else [ms(window.start), ms(window.end)]


def _extent(frame: pd.DataFrame) -> list[int]:
    """Every event's whole span, with a margin: what "show every event" shows."""
    start, end = frame["start"].min(), frame["end"].max() + ONE_DAY
    pad = max((end - start) * 0.03, pd.Timedelta(days=2))
    return [ms(start - pad), ms(end + pad)]


def _styles() -> dict[str, dict[str, Any]]:
    return {
        status: {"symbol": s.symbol, "hollow": s.hollow, "mark": s.mark, "ink": s.ink}
        for status, s in STATUS_STYLES.items()
    }


@dataclass(frozen=True)
class Look:
    """How the events are drawn: lanes ``by`` actor (or other), the event ringed, whether
    the rest are dimmed (``focus``, briefing mode), affiliations never folded (``expand``),
    the dataset's periods, and the actors whose lanes come ``first`` (the ones filtered on)."""

    by: LaneMode = "actor"
    selected: str | None = None
    focus: bool = False
    expand: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    first: tuple[str, ...] = ()
    width: int = PAGE_WIDTH


def view_spec(frame: pd.DataFrame, actors: pd.DataFrame, look: Look = Look()) -> dict[str, Any]:
    """The description of ``frame``'s events as ``look`` says."""
    frame = frame.sort_values(["start", "end"], kind="stable")[DRAWN]
    colour_of = palette(actors["affiliation"])
    rows, order = lanes(frame, actors, look.by, look.expand, look.first)
    names = {lane: lane_name_lines(lane) for lane in order}
    present = set(rows["colour_key"].astype(str))
    colours = [name for name in colour_of if name in present]
    colours += sorted(present - set(colours))
    statuses = set(frame["status"])
    return {
        "events": _events(frame),
        "rows": _rows(rows, order, colours),
        "lanes": [{"name": lane, "lines": names[lane]} for lane in order],
        "colours": [{"name": c, "colour": colour_of.get(c, "#000000")} for c in colours],
        "styles": _styles(),
        "reportMarks": REPORT_MARKS,
        "legend": {
            "statuses": [s for s in STATUS_STYLES if s != "unknown" or s in statuses],
            "vague": bool((frame["approximate"] | frame["uncertain"]).any()),
        },
        "window": _window(fit_window(frame)),
        "all": _extent(frame),
        "periods": _periods(look.periods),
        "selected": look.selected,
        "focus": look.focus,
        "width": look.width,
        "left": margin_left(names),
        "font": FONT,
        "laneFont": LANE_FONT,
        "template": white_template(),
        "revision": revision(frame),
    }
