"""Where things go on the timeline: the window that fits the events, and labels that never overlap.

Plain functions on DataFrames; no Plotly here. Positions are worked out in pixels for a
plot of known width, so the figure can be drawn with labels that do not collide at its
first view (as vis-timeline stacks its items), and the y axis is in pixels too.

- ``fit_window``: the initial x range, from where the events are dense. A far-off event
  ("since 2007" in a 2015 story) does not stretch the axis: it is drawn at the edge with
  a pointer ("◀ 2007"). The label never moves the position: the event's own marker stays
  at its date, outside the window.
- ``pack``: each (event, lane) row gets a label row inside its lane, first-fit by start,
  with label widths estimated from the text. Where more events share a spot than the
  lane has rows, they are gathered into a count badge ("+5").
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from timeline.text import shorten

ONE_DAY = pd.Timedelta(days=1)
LABEL_FONT = 13  # px, the labels written on the chart
CHAR_PX = 0.56 * LABEL_FONT  # a generous average advance for proportional sans-serif text
LABEL_CHARS = 32  # a title longer than this is cut at a word, with "…"
ROW_PX = 20  # one label row
LANE_PAD = 5  # above and below the rows of a lane
MAX_ROWS = 4  # label rows in one lane; more events at one spot become a badge
MARKER_GAP = 12  # from a marker's centre to its label
LABEL_GAP = 10  # between two labels in one row
DENSE_SHARE = 0.8  # the window holds at least this share of the events ...
REACH = 0.35  # ... and any event within this fraction of its width beyond its edges
MIN_DAYS = 14
EDGE_INSET = 9  # px: a pointer to an event outside the window sits this far inside its edge


@dataclass(frozen=True)
class Window:
    """The initial x range and the events left outside it (by event id)."""

    start: pd.Timestamp
    end: pd.Timestamp
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    def clamp(self, when: pd.Timestamp) -> pd.Timestamp:
        """``when``, or the nearer edge when it lies outside."""
        return min(max(when, self.start), self.end)

    def share(self, when: pd.Timestamp) -> float:
        """Where ``when`` lies across the window, from 0 to 1 (clamped at the edges)."""
        return float((self.clamp(when) - self.start) / (self.end - self.start))

    def px(self, when: pd.Series, width: float) -> np.ndarray:
        """Pixel positions of ``when`` in a plot ``width`` pixels wide showing this window."""
        span = (self.end - self.start).total_seconds()
        return np.asarray((when - self.start).dt.total_seconds() / span * width, dtype=float)


def _densest(middles: np.ndarray, keep: int) -> tuple[int, int]:
    """First and last index of the shortest run of ``keep`` sorted dates."""
    widths = middles[keep - 1 :] - middles[: len(middles) - keep + 1]
    first = int(np.argmin(widths))
    return first, first + keep - 1


def _reach(middles: np.ndarray, first: int, last: int) -> tuple[int, int]:
    """Grow the run to take in events close to either edge."""
    while True:
        width = max(middles[last] - middles[first], np.timedelta64(MIN_DAYS, "D"))
        near = width * REACH
        if first > 0 and middles[first] - middles[first - 1] <= near:
            first -= 1
        elif last < len(middles) - 1 and middles[last + 1] - middles[last] <= near:
            last += 1
        else:
            return first, last


def fit_window(frame: pd.DataFrame) -> Window | None:
    """The x range a first view should show: where the events are dense, with a margin."""
    if frame.empty:
        return None
    order = frame.sort_values("middle")
    middles = order["middle"].to_numpy()
    keep = len(middles) if len(middles) <= 3 else math.ceil(DENSE_SHARE * len(middles))
    first, last = _reach(middles, *_densest(middles, keep))
    inside = order.iloc[first : last + 1]
    width = inside["middle"].max() - inside["middle"].min()
    short = inside[(inside["end"] - inside["start"]) <= max(width, pd.Timedelta(days=MIN_DAYS))]
    start = min(short["start"].min(), inside["middle"].min())
    end = max(short["end"].max() + ONE_DAY, inside["middle"].max())
    pad = max((end - start) * 0.04, pd.Timedelta(days=2))
    if end - start < pd.Timedelta(days=MIN_DAYS):
        pad = (pd.Timedelta(days=MIN_DAYS) - (end - start)) / 2 + pd.Timedelta(days=2)
    return Window(
        start - pad,
        end + pad,
        tuple(order["id"].iloc[:first]),
        tuple(order["id"].iloc[last + 1 :]),
    )


def short_title(title: str, limit: int = LABEL_CHARS) -> str:
    """``title`` cut at a word to at most ``limit`` characters (a label's default)."""
    return shorten(title, limit)


def text_px(text: str) -> float:
    """Estimated width of ``text`` drawn at ``LABEL_FONT``."""
    return len(text) * CHAR_PX + 4


def edge_label(row_label: str, title: str) -> str:
    """The label of a pointer to an event outside the window (its ◀ or ▶ is the marker)."""
    return short_title(f"{row_label}: {title}", LABEL_CHARS + 8)


def _extent(
    anchor: float, left: float, right: float, label_w: float, width: float
) -> tuple[str, float, float]:
    """Where a label goes (right of the marker, or left when it would leave the plot) and
    the horizontal extent the item then takes."""
    if anchor + MARKER_GAP + label_w <= width or anchor - MARKER_GAP - label_w < 0:
        return "right", min(left, anchor - MARKER_GAP), max(right, anchor + MARKER_GAP + label_w)
    return "left", min(left, anchor - MARKER_GAP - label_w), max(right, anchor + MARKER_GAP)


@dataclass
class _Lane:
    """The label rows of one lane (each a sorted list of taken pixel intervals) and its badges."""

    rows: list[list[tuple[float, float]]]
    badges: list[dict[str, Any]]


def _free(row: list[tuple[float, float]], left: float, right: float) -> bool:
    """Whether ``[left, right]`` fits in ``row`` (whose intervals never overlap)."""
    i = bisect.bisect_left(row, (left, -math.inf))
    before_ok = i == 0 or row[i - 1][1] + LABEL_GAP <= left
    return before_ok and (i == len(row) or right + LABEL_GAP <= row[i][0])


def _take(lane: _Lane, left: float, right: float) -> int | None:
    """The first row of ``lane`` with room for ``[left, right]``, now taken; None if full."""
    for i, row in enumerate(lane.rows):
        if _free(row, left, right):
            bisect.insort(row, (left, right))
            return i
    if len(lane.rows) < MAX_ROWS:
        lane.rows.append([(left, right)])
        return len(lane.rows) - 1
    return None


def _badge(lane: _Lane, item: dict[str, Any]) -> None:
    """Gather an event that found no room into the lane's badge at that spot."""
    for badge in lane.badges:
        if abs(item["anchor"] - badge["px"]) < text_px("+99") + LABEL_GAP:
            badge["ids"].append(item["id"])
            return
    lane.badges.append(
        {"lane": item["lane"], "x": item["middle"], "px": item["anchor"], "ids": [item["id"]]}
    )


def _items(rows: pd.DataFrame, window: Window, width: float) -> list[dict[str, Any]]:
    """Each (event, lane) row with its anchor, label and the extents with and without it."""
    anchors = np.clip(window.px(rows["ex"], width), 0, width)
    lefts = np.clip(window.px(rows["start"], width), 0, width)
    rights = np.clip(window.px(rows["end"] + ONE_DAY, width), 0, width)
    items = []
    records = rows[["id", "lane", "middle", "label", "title", "edge"]].to_dict("records")
    for i, row in enumerate(records):
        edge = row["edge"]
        text = edge_label(row["label"], row["title"]) if edge else short_title(row["title"])
        side, left, right = _extent(anchors[i], lefts[i], rights[i], text_px(text), width)
        bare = (min(lefts[i], anchors[i] - MARKER_GAP), max(rights[i], anchors[i] + MARKER_GAP))
        items.append(
            {
                **{str(k): v for k, v in row.items()},
                "i": i,
                "anchor": anchors[i],
                "text": text,
                "side": side,
                "full": (left, right),
                "bare": bare,
            }
        )
    return items


def _assign(items: list[dict[str, Any]], primary: np.ndarray, lanes: dict[str, _Lane]) -> None:
    """Labels first for each event's first lane, then for events still unlabelled in their
    other lanes; then a bare marker where the event is labelled elsewhere; else a badge."""
    labelled: set[str] = set()
    later = []
    first_pass = [it for it in items if primary[it["i"]]]
    second_pass = [it for it in items if not primary[it["i"]]]
    for item in first_pass + second_pass:
        slot = None if item["id"] in labelled else _take(lanes[item["lane"]], *item["full"])
        if slot is None:
            later.append(item)
            continue
        item["slot"], item["shown"] = slot, item["text"]
        labelled.add(item["id"])
    for item in later:
        lane = lanes[item["lane"]]
        slot = _take(lane, *item["bare"]) if item["id"] in labelled else None
        if slot is None:
            _badge(lane, item)
        item["slot"], item["shown"] = (-1 if slot is None else slot), ""


def pack(
    rows: pd.DataFrame,
    order: list[str],
    window: Window,
    width: float,
    min_rows: dict[str, int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, tuple[float, float]]]:
    """Label rows for every (event, lane) row, in a plot ``width`` px wide showing ``window``.

    ``rows`` may carry ``primary`` (the event's own lane, labelled first). Returns every
    row with ``drawn`` (false: counted in a badge, its band still drawn), ``y`` (px from
    the top), ``text`` (the label, "" if none), ``side`` ("right" or "left"), ``edge``
    ("", "before", "after") and ``ex`` (the label's anchor: the event's middle, or just
    inside the window's edge for an event outside it); the badges (``lane, x, y, ids,
    count``); and each lane's top and bottom in px. ``min_rows`` gives lanes a least
    height in rows (a lane name on two lines needs two).
    """
    rows = rows.sort_values(["start", "end"]).reset_index(drop=True)
    edge = np.where(
        rows["middle"] < window.start, "before", np.where(rows["middle"] > window.end, "after", "")
    )
    rows["edge"] = edge
    inset = ((window.end - window.start) * (EDGE_INSET / width)).round("s")
    rows["ex"] = rows["middle"]
    rows.loc[edge == "before", "ex"] = window.start + inset
    rows.loc[edge == "after", "ex"] = window.end - inset
    primary = (
        rows["primary"].to_numpy() if "primary" in rows else ~rows["id"].duplicated().to_numpy()
    )
    lanes = {name: _Lane([], []) for name in order}
    items = _items(rows, window, width)
    _assign(items, primary, lanes)
    bounds, top = {}, 0.0
    for name in order:
        least = (min_rows or {}).get(name, 1)
        n_rows = max(least, len(lanes[name].rows) + (1 if lanes[name].badges else 0))
        bounds[name] = (top, top + 2 * LANE_PAD + n_rows * ROW_PX)
        top = bounds[name][1]
    rows["slot"] = [it["slot"] for it in items]
    rows["side"] = [it["side"] for it in items]
    rows["text"] = [it["shown"] for it in items]
    base = rows["lane"].map({k: b[0] for k, b in bounds.items()}) + LANE_PAD + ROW_PX / 2
    badge_row = rows["lane"].map({k: b[1] - LANE_PAD - ROW_PX / 2 for k, b in bounds.items()})
    rows["drawn"] = rows["slot"] >= 0
    rows["y"] = (base + rows["slot"] * ROW_PX).where(rows["drawn"], badge_row)
    return rows, _badge_frame(lanes, bounds), bounds


def _badge_frame(lanes: dict[str, _Lane], bounds: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """One row per badge, on its lane's last row."""
    out = [
        {**b, "y": bounds[name][1] - LANE_PAD - ROW_PX / 2, "count": len(b["ids"])}
        for name, lane in lanes.items()
        for b in lane.badges
    ]
    return pd.DataFrame(out, columns=["lane", "x", "px", "ids", "y", "count"])
