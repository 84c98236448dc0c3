"""The timeline as a static image (PNG, SVG, PDF) through kaleido and the system Chromium.

One browser serves the process (``offline.start``): kaleido's server, started on first
use and reused for every image and PDF after it (starting costs seconds; each image then
a fraction of one).
"""

from __future__ import annotations

import textwrap
import warnings
from typing import Literal

import plotly.graph_objects as go

from timeline.draw.figure import timeline_figure
from timeline.draw.styles import white_template
from timeline.draw.words import esc
from timeline.export import offline
from timeline.export.files import ExportError
from timeline.export.view import View

ImageFormat = Literal["png", "svg"]
WIDTH = 1600


def static_figure(view: View, titled: bool = True, width: int = WIDTH) -> go.Figure:
    """The timeline for print or a slide, packed for its own width, on a white ground with
    the template set explicitly (so it is the same whether or not Streamlit, which sets
    its own default template, was imported). Events outside the fitted window are
    pointed to at its edges (◀ ▶) with their date and title, as on the page. The title
    (wrapped to the width), the legend (however many rows it takes) and the axis keep
    ``EDGE`` px of white inside the canvas."""
    figure = timeline_figure(
        view.frame, view.actors, view.lanes, width=width, periods=view.periods, first=view.first
    )
    figure.update_layout(template=white_template(), paper_bgcolor="#ffffff", width=width)
    _framed(figure, width, _title(view, width) if titled else [])
    return figure


EDGE = 24  # px of white round everything drawn
TITLE_PX, SUBTITLE_PX, LINE = 22, 14, 1.35  # font sizes, and line height in font sizes
LEGEND_ROW = 24  # px: one row of the legend


def _lines(text: str, px: int, width: int) -> list[str]:
    """``text`` wrapped to ``width`` px at a ``px`` font (a generous 0.6 em per character)."""
    return textwrap.wrap(text, max(12, int(width / (0.6 * px)))) or [""]


def _title(view: View, width: int) -> list[tuple[str, int]]:
    """The title's and the subtitle's lines, each with its font size."""
    room = width - 2 * EDGE
    subtitle = f"{view.filters_text} · {len(view.frame)} of {view.total} events"
    return [(line, TITLE_PX) for line in _lines(view.title, TITLE_PX, room)] + [
        (line, SUBTITLE_PX) for line in _lines(subtitle, SUBTITLE_PX, room)
    ]


def _legend_rows(figure: go.Figure, width: int) -> int:
    """How many rows the horizontal legend wraps into in ``width`` px (estimated)."""
    names = [str(t.name) for t in figure.data if t.showlegend is not False and t.name]
    entries = [40 + 0.6 * 13 * len(name) for name in names]
    rows, used = 1, 0.0
    for entry in entries:
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def _framed(figure: go.Figure, width: int, title: list[tuple[str, int]]) -> None:
    """Margins that hold the title above, the legend below and ``EDGE`` px all round."""
    margin = figure.layout.margin
    plot = width - int(margin.l) - max(int(margin.r), EDGE)
    above = int(sum(size * LINE for _, size in title)) + (EDGE // 2 if title else 0)
    below = (_legend_rows(figure, plot) - 1) * LEGEND_ROW + EDGE
    figure.update_layout(
        margin={
            "t": int(margin.t) + above + EDGE,
            "b": int(margin.b) + below,
            "l": max(int(margin.l), EDGE),
            "r": max(int(margin.r), EDGE),
        },
        height=int(figure.layout.height) + above + EDGE + below,
    )
    if title:  # an annotation: Plotly shifts a multi-line title up by its extra lines
        text = "<br>".join(
            f"<span style='font-size:{size}px'>{esc(line)}</span>" for line, size in title
        )
        layout = figure.layout
        plot = layout.height - layout.margin.t - layout.margin.b
        figure.add_annotation(
            text=text,
            font={"size": TITLE_PX},
            align="left",
            showarrow=False,
            xref="paper",
            x=(EDGE - layout.margin.l) / (width - layout.margin.l - layout.margin.r),
            xanchor="left",
            yref="paper",
            y=1 + (layout.margin.t - EDGE) / plot,
            yanchor="top",
        )


def image(view: View, fmt: ImageFormat, titled: bool = True, width: int = WIDTH) -> bytes:
    """The timeline as image bytes (PNG, SVG; the PDF briefing is ``pdf``)."""
    figure = static_figure(view, titled, width)
    try:
        with offline.LOCK, warnings.catch_warnings():
            offline.start()
            warnings.simplefilter("ignore", UserWarning)  # a running server ignores kopts
            data = figure.to_image(format=fmt, width=width, height=figure.layout.height)
    except Exception as err:  # kaleido reports a missing or failing browser in many ways
        raise ExportError(
            f"could not draw the {fmt.upper()} image ({err}); image exports need Chromium "
            "(on Debian: apt-get install chromium)"
        ) from None
    return bytes(data)


def pdf(view: View) -> bytes:
    """The briefing on paper (see ``timeline.export.paper``): its chart drawn here as SVG."""
    from timeline.export.paper import CHART_WIDTH, to_pdf

    chart = image(view, "svg", titled=False, width=CHART_WIDTH).decode()
    return to_pdf(view, chart, view.paper)
