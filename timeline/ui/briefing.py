"""Briefing mode: step through the filtered events, one per step, in large type.

Previous/next buttons answer the ← and → keys (Streamlit's own button shortcuts);
a slider jumps; the step lives in the URL so a presenter can reload and resume.
The projector theme hides the app's chrome and raises contrast. The CSS here is
the app's own, fixed text; dataset text is shown through escaped Markdown only.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from timeline.dataset.frame import actor_names
from timeline.dataset.reports import summary
from timeline.dataset.types import Summary
from timeline.draw.strip import strip_figure
from timeline.draw.styles import status_style
from timeline.draw.words import date_line
from timeline.export.view import citation
from timeline.state import LaneMode
from timeline.text import md_escape, md_links, media_markdown, quoted

# Type sizes follow the window's height, so one slide (counter, date, a three-line title,
# status, actors, quote, source, strip and buttons) fits 1280×720 and 1920×1080 alike.
SLIDE_CSS = """<style>
.st-key-slide h1 { font-size: clamp(1.6rem, 6vh, 4.6rem); line-height: 1.12;
  padding: 0.2vh 0 0.6vh 0; }
.st-key-slide h3 { font-size: clamp(1rem, 2.9vh, 2.2rem); color: #222; padding: 0; }
.st-key-slide p { font-size: clamp(1rem, 2.6vh, 2rem); line-height: 1.35; color: #111; }
.st-key-slide blockquote { border-left: 0.5vh solid #555; margin: 0.8vh 0;
  color: #000 !important; opacity: 1 !important; }
.st-key-slide blockquote * { color: #000 !important; opacity: 1 !important; }
.st-key-slide blockquote p { font-size: clamp(1.05rem, 3.8vh, 2.9rem); font-style: italic;
  line-height: 1.3; }
.st-key-slide .st-key-long-quote blockquote p { font-size: clamp(1rem, 3vh, 2.3rem); }
.st-key-slide .source p { font-size: clamp(0.9rem, 2.2vh, 1.6rem); color: #222; }
.st-key-counter p { font-size: clamp(1.2rem, 3.4vh, 2.6rem); font-weight: 700;
  text-align: right; }
.status-badge { display: inline-block; font-weight: 700; letter-spacing: 0.04em;
  font-size: clamp(1rem, 2.8vh, 2.1rem); padding: 0.35vh 1.2vh; border-radius: 0.8vh;
  border: 0.45vh solid currentColor; }
.st-key-slide [data-testid="stVerticalBlock"] { gap: 0.55vh; }
</style>"""
PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stMainMenu"] { display: none !important; }
.stApp, .stMain { background: #ffffff !important; color: #000000 !important; }
.block-container { padding: 1.2vh 3vw 2vh 3vw !important; max-width: 100% !important;
  min-height: 100vh; display: flex; flex-direction: column; }
.block-container > [data-testid="stVerticalBlock"] { flex: 1 1 auto; }
[data-testid="stLayoutWrapper"]:has(> .st-key-slide) { flex: 1 1 auto; display: flex;
  flex-direction: column; }
.st-key-slide { flex: 1 1 auto; justify-content: center; gap: 1.4vh !important; }
.st-key-slide h1 { font-size: clamp(1.6rem, 7vh, 5.4rem); }
.st-key-slide blockquote p { font-size: clamp(1.05rem, 4.2vh, 3.3rem); }
.st-key-slide .st-key-long-quote blockquote p { font-size: clamp(1rem, 3.3vh, 2.6rem); }
.st-key-previous button, .st-key-next button { min-height: 6vh; }
.st-key-previous button p, .st-key-next button p { font-size: clamp(1rem, 2.4vh, 1.8rem); }
</style>"""
# The projector's strip: drawn taller with larger type, for the back of the room.
PROJECTOR_STRIP = {"height": 170, "font": {"size": 19}, "margin": {"t": 46, "b": 44}}
LONG_QUOTE = 260  # characters: a longer quote is set a size smaller


def badge_html(status: str) -> str:
    """A large status badge: the chart's colour and shape; filled for reports, hollow for
    claims. ``status`` is one of the schema's four words (escaped all the same)."""
    look = status_style(status)
    ink, word = look.ink, html.escape(status.upper())
    style = f"background:#fff;color:{ink}" if look.hollow else f"background:{ink};color:#fff"
    return f'<span class="status-badge" style="{style}">{look.mark} {word}</span>'


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


def _slide(row: dict[Any, Any], data: Summary, names: dict[str, str]) -> None:
    source = data.sources[row["source"]]
    with st.container(key="slide"):
        st.subheader(md_escape(date_line(row)), anchor=False)
        st.title(md_escape(row["title"]), anchor=False)
        actors = ", ".join(md_escape(names.get(a, a)) for a in row["actors"])
        with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
            st.html(badge_html(str(row["status"])), width="content")
            st.markdown(f"{md_escape(str(row['kind']).capitalize())} · {actors}")
        if row["quote"]:
            quote = quoted(row["quote"])
            with st.container(key="long-quote" if len(quote) > LONG_QUOTE else "quote"):
                st.markdown("> " + md_links(quote))
        with st.container(key="source"):
            media = f"  \nMedia: {media_markdown(row['media'])}" if row["media"] else ""
            said = md_escape(summary(row["reports"], row["disagree"]))
            reported = f"{said}  \n" if said else ""
            st.markdown(f"{reported}Source: {citation(source, md_escape)}{media}")


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


def page(shown: pd.DataFrame, actors: pd.DataFrame, data: Summary, lanes: LaneMode) -> None:
    """The briefing page for the filtered events ``shown``: one event per step."""
    st.html(SLIDE_CSS)
    if st.session_state.get("projector"):
        st.html(PROJECTOR_CSS)
    if shown.empty:
        _switch()
        st.info(
            "No events match the filters, so there is nothing to present. Clear some filters "
            "on the Timeline page.",
            icon=":material/search_off:",
        )
        return
    count = len(shown)
    step = clamp(st.session_state.get("step"), count)
    st.session_state["step"] = step
    top, counter = st.columns([5, 1], vertical_alignment="center")
    with top:
        _switch()
    with counter.container(key="counter"):
        st.markdown(f"{step} / {count}")
    row = shown.iloc[step - 1].to_dict()
    names = actor_names(actors)
    _slide(row, data, names)
    strip = strip_figure(shown, actors, row["id"])
    if st.session_state.get("projector"):
        strip.update_layout(PROJECTOR_STRIP)
        strip.update_traces(textfont={"size": 24}, selector={"mode": "markers+text"})
    st.plotly_chart(strip, key="strip", theme=None, width="stretch", config={"staticPlot": True})
    _controls(step, count)


def _switch() -> None:
    st.toggle(
        "Projector mode",
        key="projector",
        help="Large type, high contrast, no sidebar. Switch it off here to get the filters back.",
    )
