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

from timeline.charts import esc, timeline_figure, white_template
from timeline.export.files import ExportError
from timeline.export.offline import KALEIDO
from timeline.export.view import View

ImageFormat = Literal["png", "svg"]
WIDTH = 1600
_server = {"started": False}


def static_figure(view: View, titled: bool = True, width: int = WIDTH) -> go.Figure:
    """The timeline for print or a slide, packed for its own width, on a white ground with
    the template set explicitly (so it is the same whether or not Streamlit, which sets
    its own default template, was imported). Events outside the fitted window are
    pointed to at its edges (◀ ▶) with their date and title, as on the page."""
    figure = timeline_figure(
        view.frame, view.actors, view.lanes, width=width, periods=view.periods, first=view.first
    )
    figure.update_layout(template=white_template(), paper_bgcolor="#ffffff", width=width)
    if titled:
        subtitle = f"{view.filters_text} · {len(view.frame)} of {view.total} events"
        figure.update_layout(
            title={
                "text": f"{esc(view.title)}<br><span style='font-size:14px'>{esc(subtitle)}</span>",
                "x": 0.01,
                "y": 0.995,
                "yanchor": "top",
            },
            margin={"t": int(figure.layout.margin.t) + 70},
            height=int(figure.layout.height) + 70,
        )
    return figure


def _start_server() -> None:
    if not _server["started"]:
        kaleido.start_sync_server(silence_warnings=True, **KALEIDO)  # fetches nothing
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _server["started"] = True


def image(view: View, fmt: ImageFormat, titled: bool = True, width: int = WIDTH) -> bytes:
    """The timeline as image bytes (PNG, SVG; the PDF briefing is ``pdf``)."""
    figure = static_figure(view, titled, width)
    try:
        _start_server()
        with warnings.catch_warnings():  # plotly notes that a running server ignores kopts
            warnings.simplefilter("ignore", UserWarning)
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
