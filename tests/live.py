"""Reading the live timeline out of an AppTest run: the component's view description, the
figure its packer draws from it (the same script the page runs, here through V8), and the
event sheet it shows for the selected event."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from timeline.draw import engine
from timeline.draw.spec import PAGE_WIDTH


def _sent(at: AppTest) -> list[dict[str, Any]]:
    """What the page sent each of its live components, in page order."""
    return [json.loads(found.proto.json) for found in at.get("bidi_component")]


def live(at: AppTest) -> dict[str, Any] | None:
    """What the page sent the live timeline component, or None when it is not drawn."""
    return next((data for data in _sent(at) if "spec" in data), None)


def chart(at: AppTest, index: int = 0) -> dict[str, Any]:
    """The ``index``-th chart of the page as a Plotly figure, in page order: the live
    timeline drawn for its first view, the plain figures drawn by the same Plotly.js (the
    estimates, the density view), then any Streamlit Plotly chart."""
    charts = []
    for data in _sent(at):
        if "spec" in data:
            drawn = engine.figure_dict(data["spec"], width=PAGE_WIDTH)
            charts.append({"data": drawn["data"], "layout": drawn["layout"]})
        elif "figure" in data:
            charts.append(data["figure"])
    charts += [json.loads(found.proto.spec) for found in at.get("plotly_chart")]
    return charts[index]


def sheet(at: AppTest) -> dict[str, Any] | None:
    """The open event sheet: its title and text lines, or None when no event is open (the
    sheet in the live timeline, or the Python dialog for an event the chart cannot show)."""
    data = live(at)
    if data and data["selected"]:
        spec = data["spec"]
        at_index = spec["events"]["id"].index(data["selected"])
        detail = spec["details"][at_index]
        lines = [f"{k}: {v}" for k, v in detail["lines"]]
        lines += ["".join(text for text, _ in detail[part]) for part in ("quote", "notes")]
        lines += [text for text, _ in detail["links"]]
        links = [url for part in ("quote", "notes", "links") for _, url in detail[part] if url]
        return {
            "title": spec["events"]["title"][at_index],
            "text": "\n".join(lines),
            "links": links,
        }
    dialogs = at.get("dialog")
    if not dialogs:
        return None
    text = "\n".join(m.value for m in at.markdown)
    return {"title": dialogs[0].proto.dialog.title, "text": text, "links": []}


def sheet_title(at: AppTest) -> str | None:
    opened = sheet(at)
    return opened["title"] if opened else None
