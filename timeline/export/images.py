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

from timeline.charts import ONE_DAY, esc, focus_range, timeline_figure
from timeline.export.files import ExportError
from timeline.export.view import View

ImageFormat = Literal["png", "svg", "pdf"]
WIDTH = 1600
_server = {"started": False}


def static_figure(view: View) -> go.Figure:
    """The timeline without its interactive parts, titled for a page or a slide.

    A printed image has no range slider: where the first view leaves out a few early
    events (see ``charts.focus_range``), a note on the image names them.
    """
    figure = timeline_figure(view.frame, view.actors, view.lanes)
    figure.update_layout(
        title={"text": esc(view.title), "x": 0.01},
        margin={"t": 110},
        xaxis={"rangeslider": {"visible": False}},
        legend={"y": 1.0, "yanchor": "bottom", "x": 0.45},
        paper_bgcolor="#ffffff",
    )
    focus = focus_range(view.frame)
    if focus and focus[2]:
        earlier = view.frame[view.frame["end"] + ONE_DAY <= focus[0]].head(3)
        names = "; ".join(f"{r['label']}: {r['title']}" for r in earlier.to_dict("records"))
        more = f" and {focus[2] - len(earlier)} more" if focus[2] > len(earlier) else ""
        figure.add_annotation(
            text=esc(f"◀ Earlier, not drawn: {names}{more}"),
            xref="paper",
            yref="paper",
            x=0,
            y=1.0,
            yanchor="bottom",
            xanchor="left",
            showarrow=False,
            font={"size": 14, "color": "#333"},
        )
    return figure


def _start_server() -> None:
    if not _server["started"]:
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _server["started"] = True


def image(view: View, fmt: ImageFormat) -> bytes:
    figure = static_figure(view)
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
