"""Briefing mode: step through the filtered events, one per step, in large type.

Previous/next buttons answer the ← and → keys (Streamlit's own button shortcuts);
a slider jumps; the step lives in the URL so a presenter can reload and resume.
The projector theme hides the app's chrome and raises contrast. The CSS here is
the app's own, fixed text; dataset text is shown through escaped Markdown only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from timeline import charts
from timeline.load import Dataset
from timeline.text import md_escape
from timeline.ui.views import PLOT_CONFIG, STATUS_COLOURS

SLIDE_CSS = """<style>
.st-key-slide p, .st-key-slide li { font-size: 1.55rem; line-height: 1.45; }
.st-key-slide h1 { font-size: 2.9rem; line-height: 1.15; }
.st-key-slide h3 { font-size: 1.7rem; color: #333; }
.st-key-slide blockquote p { font-size: 1.9rem; font-style: italic; }
.st-key-counter p { font-size: 2rem; font-weight: 700; text-align: right; }
</style>"""
PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stMainMenu"] { display: none !important; }
.stApp, .stMain { background: #ffffff !important; color: #000000 !important; }
.block-container { padding-top: 1.5rem !important; max-width: 100% !important; }
.st-key-slide p, .st-key-slide li { font-size: 2rem; color: #000; }
.st-key-slide h1 { font-size: 3.6rem; color: #000; }
.st-key-slide blockquote p { font-size: 2.3rem; color: #000; }
</style>"""


def clamp(step: Any, count: int) -> int:
    """A valid 1-based step for ``count`` events."""
    try:
        value = int(step)
    except (TypeError, ValueError):
        value = 1
    return max(1, min(count, value))


def _move(delta: int, count: int) -> None:
    st.session_state["step"] = clamp((st.session_state.get("step") or 1) + delta, count)


def _jumped() -> None:
    st.session_state["step"] = st.session_state["_jump"]


def _slide(row: dict[Any, Any], data: Dataset, names: dict[str, str]) -> None:
    source = data.sources[row["source"]]
    with st.container(key="slide"):
        st.markdown(f"### {md_escape(charts.date_line(row))}")
        st.markdown(f"# {md_escape(row['title'])}")
        st.badge(row["status"], color=STATUS_COLOURS.get(row["status"], "gray"))
        actors = ", ".join(md_escape(names.get(a, a)) for a in row["actors"])
        st.markdown(f"{row['kind'].capitalize()} · {actors}")
        st.markdown("> “" + md_escape(row["quote"]) + "”")
        st.markdown(
            f"Source: {md_escape(source.outlet)}, “{md_escape(source.title)}”, "
            f"{source.published:%d %B %Y}"
        )


def _controls(step: int, count: int) -> None:
    back, jump, forward = st.columns([1, 4, 1], vertical_alignment="center")
    back.button(
        "Previous",
        on_click=_move,
        args=(-1, count),
        disabled=step <= 1,
        shortcut="Left",
        width="stretch",
        key="previous",
    )
    forward.button(
        "Next",
        on_click=_move,
        args=(1, count),
        disabled=step >= count,
        shortcut="Right",
        width="stretch",
        key="next",
        type="primary",
    )
    if count > 1:
        st.session_state["_jump"] = step
        jump.slider(
            "Jump to event", 1, count, key="_jump", on_change=_jumped, label_visibility="collapsed"
        )


def page(shown: pd.DataFrame, actors: pd.DataFrame, data: Dataset, lanes: charts.LaneMode) -> None:
    """The briefing page for the filtered events ``shown``."""
    st.html(SLIDE_CSS)
    top, counter = st.columns([5, 1], vertical_alignment="center")
    top.toggle(
        "Projector mode",
        key="projector",
        help="Large type, high contrast, no sidebar. Switch it off here to get the filters back.",
    )
    if st.session_state.get("projector"):
        st.html(PROJECTOR_CSS)
    if shown.empty:
        st.info(
            "No events match the filters, so there is nothing to present. Clear some filters "
            "on the Timeline page.",
            icon="🔎",
        )
        return
    count = len(shown)
    step = clamp(st.session_state.get("step"), count)
    st.session_state["step"] = step
    with counter.container(key="counter"):
        st.markdown(f"{step} / {count}")
    row = shown.iloc[step - 1].to_dict()
    names = dict(zip(actors["id"], actors["name"], strict=True))
    _slide(row, data, names)
    _controls(step, count)
    figure = charts.timeline_figure(shown, actors, lanes, selected=row["id"], focus=True)
    st.plotly_chart(figure, key="briefing_chart", theme=None, width="stretch", config=PLOT_CONFIG)
