"""The deck's timeline slide, drawn on the slide itself: lanes, axis, markers and labels
as shapes and text boxes (vector, every word real text), sized for a 13.33 in slide read
from the back of a room.

The labels are packed by the page's packer (``layout.pack``), which measures them at
``layout.LABEL_FONT`` px; here one of its pixels is ``PT_PER_PX`` points, so a label is
``LABEL_PT`` on the slide and no text of the chart is smaller than ``MIN_PT``. Lanes are
folded by affiliation as the page folds them (``folded_groups``), to at most
``MAX_LANES``, and to fewer, or one lane of all events, until the chart fits the slide's
height at that size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Inches, Pt

from timeline import layout
from timeline.dataset.model import LaneMode
from timeline.draw.lanes import cap_lanes, lanes
from timeline.draw.spec import DRAWN
from timeline.draw.styles import palette
from timeline.export import deck as d
from timeline.export.view import View
from timeline.layout import Window, fit_window

LABEL_PT = 14.5
MIN_PT = 14.0
PT_PER_PX = LABEL_PT / layout.LABEL_FONT  # across: labels are measured in these px
ROW_PT = 17.0  # down: one label row (the packer's ROW_PX) on the slide
MAX_LANES = 8
LEFT, RIGHT = 0.35, 13.333 - 0.35  # inches: the chart spans the slide but for these
NAMES = 2.25  # inches for the lane names
TOP, FLOOR = 1.25, 7.4  # the plot's top, and the lowest the legend under it may reach
LEGEND_ROW = 0.34
PLOT_LEFT = LEFT + NAMES
PLOT_WIDTH = RIGHT - PLOT_LEFT
MARKER = 0.2  # inches
GRID, SHADE = d.rgb("E0E0E0"), d.rgb("F1F2F4")
TICK_STEPS = [("D", "%d %b"), ("W-MON", "%d %b"), ("MS", "%b %Y"), ("QS", "%b %Y"), ("YS", "%Y")]


def inches(px: float) -> float:
    """A length the packer measured in px, on the slide."""
    return px * PT_PER_PX / 72


@dataclass(frozen=True)
class Chart:
    """What the packer placed: rows with ``y``, ``ex``, ``text``, ``side``, ``drawn``,
    ``edge``; badges; each lane's top and bottom in px; the lanes in order."""

    rows: pd.DataFrame
    badges: pd.DataFrame
    bounds: dict[str, tuple[float, float]]
    order: list[str]
    window: Window
    folded: bool

    def x(self, when: pd.Timestamp) -> float:
        return PLOT_LEFT + self.window.share(when) * PLOT_WIDTH

    @staticmethod
    def y(px: float) -> float:
        return TOP + px * ROW_PT / layout.ROW_PX / 72

    @property
    def bottom(self) -> float:
        """The foot of the last lane, in inches from the slide's top."""
        return self.y(self.bounds[self.order[-1]][1])


def _attempts(by: LaneMode) -> list[tuple[LaneMode, int]]:
    """Lane modes and lane counts to try, the view's own first, one lane last."""
    tries: list[tuple[LaneMode, int]] = [(by, n) for n in (MAX_LANES, 6, 4)]
    if by == "actor":
        tries.append(("affiliation", 4))
    return [*tries, ("single", 1)]


def pack(view: View) -> Chart | None:
    """The fewest-folded lanes whose packed labels fit the slide's height."""
    window = fit_window(view.frame)
    if window is None:
        return None
    width = PLOT_WIDTH * 72 / PT_PER_PX
    colours = palette(view.actors["affiliation"])
    frame = view.frame[DRAWN]
    for by, most in _attempts(view.lanes):
        rows, order = lanes(frame, view.actors, by, max_lanes=most)
        rows, order = cap_lanes(rows, order, by, most)
        least = {lane: len(_name_lines(lane)) for lane in order}
        packed, badges, bounds = layout.pack(rows, order, window, width, least)
        folded = (by, most) != (view.lanes, MAX_LANES) or len(order) < len(set(rows["lane"]))
        chart = Chart(packed, badges, bounds, order, window, folded)
        if chart.bottom + 0.12 + _legend_height(chart, colours) <= FLOOR or by == "single":
            return chart
    return None


def _name_lines(name: str) -> list[str]:
    return d.wrap(name, MIN_PT, NAMES - 0.2)[:2]


# --- drawing --------------------------------------------------------------------------


def _rect(slide: Slide, where: tuple[float, float, float, float], fill: Any, kind: Any) -> Any:
    shape = d.flat(slide.shapes.add_shape(kind, *(Inches(v) for v in where)))
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    shape.line.fill.background()
    return shape


def _lanes(slide: Slide, chart: Chart) -> None:
    """Shading on every other lane, and each lane's name right-aligned beside it."""
    for i, lane in enumerate(chart.order):
        top, bottom = (chart.y(v) for v in chart.bounds[lane])
        if i % 2:
            _rect(slide, (LEFT, top, RIGHT - LEFT, bottom - top), SHADE, MSO_SHAPE.RECTANGLE)
        text = " ".join(_name_lines(lane))
        where = (LEFT, top, NAMES - 0.15, bottom - top)
        size = (MIN_PT, MIN_PT)
        d._box(slide, text, where, size, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)


def _ticks(window: Window) -> tuple[list[pd.Timestamp], str]:
    """The finest calendar step with at most seven ticks in the window, and its format."""
    for freq, style in TICK_STEPS:
        ticks = list(pd.date_range(window.start.ceil("D"), window.end, freq=freq))
        if len(ticks) <= 7:
            return ticks, style
    return list(pd.date_range(window.start, window.end, periods=5).round("D")), "%Y"


def _line(slide: Slide, ends: tuple[float, float, float, float], colour: Any, pt: float) -> None:
    x0, y0, x1, y1 = ends
    line = d.flat(
        slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, Inches(x0), Inches(y0), Inches(x1), Inches(y1)
        )
    )
    line.line.color.rgb, line.line.width = colour, Pt(pt)


def _axis(slide: Slide, chart: Chart) -> None:
    """Dates along the top, with a grid line down through the lanes at each."""
    bottom = chart.bottom
    _line(slide, (PLOT_LEFT, TOP, RIGHT, TOP), d.RULE, 1.25)
    ticks, style = _ticks(chart.window)
    for tick in ticks:
        x = chart.x(tick)
        _line(slide, (x, TOP, x, bottom), GRID, 0.75)
        label = f"{tick.strftime(style).lstrip('0')}"
        where = (x - 0.8, TOP - 0.36, 1.6, 0.3)
        d._box(slide, label, where, (MIN_PT, MIN_PT), colour=d.MUTED, align=PP_ALIGN.CENTER)


def _marker(slide: Slide, row: dict[Any, Any], x: float, y: float, colour: str) -> None:
    """The event's mark: its status's shape, hollow for claims; a triangle pointing out of
    the window for an event outside it."""
    _, kind, _, filled = d._status(str(row["status"]))
    if row["edge"]:
        kind, filled = MSO_SHAPE.ISOSCELES_TRIANGLE, True
    half = MARKER / 2
    shape = d.flat(
        slide.shapes.add_shape(
            kind, Inches(x - half), Inches(y - half), Inches(MARKER), Inches(MARKER)
        )
    )
    if row["edge"]:
        shape.rotation = 270 if row["edge"] == "before" else 90
    shape.fill.solid()
    shape.fill.fore_color.rgb = d.rgb(colour) if filled else d.WHITE
    shape.line.color.rgb, shape.line.width = d.rgb(colour), Pt(2)


def _label(slide: Slide, row: dict[Any, Any], x: float, y: float) -> None:
    text = str(row["text"])
    width = max(d.text_width(text, LABEL_PT), inches(layout.text_px(text))) + 0.1
    gap = inches(layout.MARKER_GAP)
    left = x + gap if row["side"] == "right" else x - gap - width
    align = PP_ALIGN.LEFT if row["side"] == "right" else PP_ALIGN.RIGHT
    where = (left, y - ROW_PT / 144, width, ROW_PT / 72)
    d._box(slide, text, where, (LABEL_PT, LABEL_PT), align=align, anchor=MSO_ANCHOR.MIDDLE)


def _events(slide: Slide, chart: Chart, colours: dict[str, str]) -> None:
    for row in chart.rows[chart.rows["drawn"]].to_dict("records"):
        colour = colours.get(str(row["colour_key"]), "#000000").lstrip("#")
        x, y = chart.x(row["ex"]), chart.y(row["y"])
        _marker(slide, row, x, y, colour)
        if row["text"]:
            _label(slide, row, x, y)


def _badges(slide: Slide, chart: Chart) -> None:
    """ "+5": events at one spot the lane had no room to label."""
    for badge in chart.badges.to_dict("records"):
        x, y = chart.x(chart.window.clamp(badge["x"])), chart.y(badge["y"])
        shape = _rect(slide, (x - 0.25, y - 0.15, 0.5, 0.3), d.rgb("333333"), MSO_SHAPE.RECTANGLE)
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        run = frame.paragraphs[0].add_run()
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        run.text = f"+{badge['count']}"
        run.font.name, run.font.size, run.font.bold = d.FONT, Pt(MIN_PT), True
        run.font.color.rgb = d.WHITE


def _legend_entries(chart: Chart, colours: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, colour, status) for each affiliation drawn and each status."""
    shown = set(chart.rows["colour_key"].astype(str))
    entries = [(name, colour, "reported") for name, colour in colours.items() if name in shown]
    statuses = dict.fromkeys(chart.rows["status"].astype(str))
    return entries + [(status, "#555555", status) for status in statuses]


def _legend_places(
    chart: Chart, colours: dict[str, str]
) -> list[tuple[float, float, tuple[str, str, str]]]:
    """Where each legend entry goes (left, row), wrapping across the slide's width."""
    x, row = LEFT, 0
    places: list[tuple[float, float, tuple[str, str, str]]] = []
    for entry in _legend_entries(chart, colours):
        width = MARKER + 0.1 + d.text_width(entry[0], MIN_PT) + 0.22
        if x + width > RIGHT and x > LEFT:
            x, row = LEFT, row + 1
        places.append((x, row, entry))
        x += width
    return places


def _legend_height(chart: Chart, colours: dict[str, str]) -> float:
    return (1 + max(row for _, row, _ in _legend_places(chart, colours))) * LEGEND_ROW


def _legend(slide: Slide, chart: Chart, colours: dict[str, str]) -> None:
    """Under the lanes: each affiliation's colour, then each status's shape."""
    for x, row, (name, colour, status) in _legend_places(chart, colours):
        y = chart.bottom + 0.12 + row * LEGEND_ROW
        _marker(slide, {"status": status, "edge": ""}, x + MARKER / 2, y + 0.15, colour[1:])
        where = (x + MARKER + 0.08, y, d.text_width(name, MIN_PT) + 0.15, 0.3)
        d._box(slide, name, where, (MIN_PT, MIN_PT), anchor=MSO_ANCHOR.MIDDLE)


def draw(slide: Slide, view: View) -> Chart | None:
    """The timeline of ``view`` on ``slide``, below its heading."""
    chart = pack(view)
    if chart is None:
        return None
    colours = palette(view.actors["affiliation"])
    _lanes(slide, chart)
    _axis(slide, chart)
    _events(slide, chart, colours)
    _badges(slide, chart)
    _legend(slide, chart, colours)
    return chart
