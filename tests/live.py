"""Reading the live timeline out of an AppTest run: the component's view description, the
figure its packer draws from it (the same script the page runs, here through V8), and the
event sheet it shows for the selected event."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from timeline.draw import engine
from timeline.draw.spec import PAGE_WIDTH


def live(at: AppTest) -> dict[str, Any] | None:
    """What the page sent the live timeline component, or None when it is not drawn."""
    found = at.get("bidi_component")
    return json.loads(found[0].proto.json) if found else None


def chart(at: AppTest, index: int = 0) -> dict[str, Any]:
    """The ``index``-th chart of the page as a Plotly figure: the live timeline drawn for its
    first view (when there is one), then the page's Plotly charts in order."""
    data = live(at)
    if data is not None:
        if index == 0:
            drawn = engine.figure_dict(data["spec"], width=PAGE_WIDTH)
            return {"data": drawn["data"], "layout": drawn["layout"]}
        index -= 1
    return json.loads(at.get("plotly_chart")[index].proto.spec)


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
