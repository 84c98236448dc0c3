"""The live timeline component: registered once, mounted with the view description.

Its browser code is ``timeline/draw/js/timeline.js`` (the one packer and renderer) and
``live.js`` (zoom, pan, sheet, keyboard). Plotly.js is the project's copy of its cartesian
build (``engine.PLOTLY_JS``), served by Streamlit's static serving from ``static/`` (copied
there on first use): nothing is fetched from outside.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from timeline.draw import engine

STATIC = Path(__file__).resolve().parents[2] / "static"


@lru_cache(maxsize=1)
def plotly_url() -> str:
    """The address of Plotly.js on this server, copied from the project's copy once."""
    name = engine.PLOTLY_JS.name
    target = STATIC / name
    if not target.exists():
        bundled = engine.PLOTLY_JS
        STATIC.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=STATIC, delete=False, suffix=".part") as part:
            shutil.copyfileobj(bundled.open("rb"), part)
        os.replace(part.name, target)  # whole or not at all
    return f"app/static/{name}"


@lru_cache(maxsize=1)
def _component() -> Any:
    script, css = engine.live_source()
    return st.components.v2.component("timeline_live", js=script, css=css, isolate_styles=False)


def _picked() -> None:
    state = st.session_state.get("chart") or {}
    st.session_state["event"] = state.get("selected")


def _grouped() -> None:
    state = st.session_state.get("chart") or {}
    st.session_state["group"] = list(state.get("group") or [])


def figure(drawn: go.Figure, key: str, config: dict[str, Any]) -> None:
    """A plain figure drawn by the live timeline's own Plotly.js, as wide as the page's
    column: on the Timeline page, one Plotly.js is loaded, not Streamlit's besides."""
    config = {**config, "responsive": True}
    data = {"figure": json.loads(drawn.to_json()), "plotly": plotly_url(), "config": config}
    _component()(key=key, data=data)


def mount(spec: dict[str, Any], name: str, compress: bool | None, lanes_key: str) -> None:
    """The timeline of ``spec`` on the page, named ``name`` for screen readers."""
    data = {
        "spec": spec,
        "plotly": plotly_url(),
        "selected": spec["selected"],
        "name": name,
        "compress": compress,
        "lanesKey": lanes_key,
    }
    _component()(
        key="chart",
        data=data,
        default={"selected": spec["selected"], "group": []},
        on_selected_change=_picked,
        on_group_change=_grouped,
    )
