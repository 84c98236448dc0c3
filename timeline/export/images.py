"""The timeline as a static image (PNG, SVG, PDF) through kaleido and the system Chromium.

One kaleido server is started per process, on first use, and reused for every
image after it (starting costs seconds; each image then a fraction of one).
"""

from __future__ import annotations

import atexit
import warnings
from typing import Literal

import kaleido
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.charts import esc, timeline_figure
from timeline.export.files import ExportError
from timeline.export.view import View

ImageFormat = Literal["png", "svg", "pdf"]
WIDTH = 1600
_server = {"started": False}


def static_figure(view: View) -> go.Figure:
    """The timeline without its interactive parts, titled for a page or a slide, packed
    for the image's own width. Events outside the fitted window are pointed to at its
    edges (◀ ▶) with their date and title, as on the page."""
    figure = timeline_figure(view.frame, view.actors, view.lanes, width=WIDTH)
    figure.update_layout(
        title={"text": esc(view.title), "x": 0.01, "y": 0.99, "yanchor": "top"},
        margin={"t": int(figure.layout.margin.t) + 50},
        paper_bgcolor="#ffffff",
    )
    figure.update_layout(height=int(figure.layout.height) + 50)
    return figure


TABLE_ROWS = 60
ROW_HEIGHT = 48  # two wrapped lines at 13 px


def _table(view: View) -> go.Table:
    """The chronology under the timeline: a printed page has no hover to name the events."""
    rows = view.frame.head(TABLE_ROWS)
    names = view.names
    cells = [
        [esc(x) for x in rows["label"]],
        [esc(x) for x in rows["title"]],
        [esc(", ".join(names.get(a, a) for a in actors)) for actors in rows["actors"]],
        [esc(x) for x in rows["status"]],
        [esc(x) for x in rows["outlet"]],
    ]
    if len(view.frame) > TABLE_ROWS:
        extra = f"… and {len(view.frame) - TABLE_ROWS} more events"
        cells = [[*column, extra if i == 1 else ""] for i, column in enumerate(cells)]
    return go.Table(
        columnwidth=[14, 46, 26, 9, 18],
        header={
            "values": [
                "<b>Date</b>",
                "<b>Event</b>",
                "<b>Actors</b>",
                "<b>Status</b>",
                "<b>Source</b>",
            ],
            "align": "left",
            "fill_color": "#eeeeee",
            "font": {"size": 14},
        },
        cells={"values": cells, "align": "left", "height": ROW_HEIGHT, "font": {"size": 13}},
    )


def with_table(view: View) -> go.Figure:
    """The static timeline with the chronology table below it, as one figure."""
    timeline = static_figure(view)
    chart_height = int(timeline.layout.height)
    table_height = 60 + ROW_HEIGHT * (min(len(view.frame), TABLE_ROWS) + 1)
    gap, margins = 40, 110 + 40
    total = chart_height + gap + table_height + margins
    figure = make_subplots(
        rows=2,
        cols=1,
        specs=[[{"type": "xy"}], [{"type": "table"}]],
        vertical_spacing=gap / (total - margins),
        row_heights=[chart_height, table_height],
    )
    for trace in timeline.data:
        figure.add_trace(trace, row=1, col=1)
    figure.update_layout(timeline.layout)
    figure.add_trace(_table(view), row=2, col=1)
    figure.update_layout(height=total, margin={"b": 40})
    return figure


def _start_server() -> None:
    if not _server["started"]:
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _server["started"] = True


def image(view: View, fmt: ImageFormat, table: bool = True) -> bytes:
    """The timeline (with its chronology table unless ``table`` is false) as image bytes."""
    figure = with_table(view) if table else static_figure(view)
    try:
        _start_server()
        with warnings.catch_warnings():  # plotly notes that a running server ignores kopts
            warnings.simplefilter("ignore", UserWarning)
            data = figure.to_image(format=fmt, width=WIDTH, height=figure.layout.height)
    except Exception as err:  # kaleido reports a missing or failing browser in many ways
        raise ExportError(
            f"could not draw the {fmt.upper()} image ({err}); image exports need Chromium "
            "(on Debian: apt-get install chromium)"
        ) from None
    return bytes(data)
