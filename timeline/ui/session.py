"""Session state: its defaults in one place, filled from the URL, mirrored back to it.

Every widget is bound to one of the keys below; the view state is read from them
and written to ``st.query_params`` so that a copied link reproduces the view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from timeline.filters import DIMENSIONS, Filters
from timeline.state import Choices, LaneMode, ViewState, from_params, to_params
from timeline.ui import widgets

# widget key -> default
DEFAULTS: dict[str, Any] = {
    **widgets.values(Filters(), None),  # the filters' widgets: f_actors, f_dates, …
    "lanes": "actor",
    "event": None,
    "step": 1,
    "projector": False,
    "expand": [],
    "group": [],  # the events under a clicked "+N" badge: the list shows only them
}
URL_READ = "_url_read"
URL_NOTES = "_url_notes"


def _to_widgets(state: ViewState, bounds: tuple[dt.date, dt.date] | None) -> dict[str, Any]:
    values = widgets.values(state.filters, bounds)
    values.update(lanes=state.lanes, event=state.event, step=state.step or 1)
    values.update(projector=state.projector, expand=list(state.expand))
    return values


def chosen_lanes(state: ViewState) -> LaneMode | None:
    """The lanes the user picked, or None while they are the default (an export then
    uses the dataset's own lanes, or none: no TimelineJS groups nobody chose)."""
    return None if state.lanes == DEFAULTS["lanes"] else state.lanes


def start(choices: Choices) -> None:
    """Fill missing keys: from the URL on a session's first run, else from the defaults.

    Values the current dataset does not offer (after opening another file) are dropped.
    """
    if not st.session_state.get(URL_READ):
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        state, notes = from_params(params, choices)
        st.session_state.update(_to_widgets(state, choices.dates))
        st.session_state[URL_NOTES] = notes
        st.session_state[URL_READ] = True
    for key, default in DEFAULTS.items():
        st.session_state.setdefault(key, default)
    for d in DIMENSIONS:
        key, allowed = widgets.key(d), set(getattr(choices, d.name))
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]
    if st.session_state["event"] not in choices.events:
        st.session_state["event"] = None
    st.session_state["expand"] = [
        a for a in st.session_state["expand"] if a in choices.affiliations
    ]


def current(bounds: tuple[dt.date, dt.date] | None = None, briefing: bool = False) -> ViewState:
    """The view state the widgets hold now; the step and projector only in briefing mode."""
    s = st.session_state
    filters = widgets.read(s, bounds)
    expand = tuple(s["expand"])
    if not briefing:
        return ViewState(filters, s["lanes"], s["event"], expand=expand)
    return ViewState(filters, s["lanes"], s["event"], s["step"], bool(s["projector"]), expand)


def mirror_to_url(state: ViewState) -> None:
    """Write the view into the address bar, only when it changed."""
    params = to_params(state)
    now = {key: st.query_params.get_all(key) for key in st.query_params}
    wanted = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    if now != wanted:
        st.query_params.from_dict(params)


def reset() -> None:
    """Filters back to their defaults (a button callback); the selection and step stay."""
    for key, default in DEFAULTS.items():
        if key.startswith("f_"):
            st.session_state[key] = default
