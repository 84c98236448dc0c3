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

LIST_WIDGETS = {f"f_{d.name}": d.name for d in DIMENSIONS}  # widget key -> Filters field
# widget key -> default
DEFAULTS: dict[str, Any] = {
    **{key: [] for key in LIST_WIDGETS},
    "f_actor_mode": "any",
    "f_dates": (),
    "f_text": "",
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
    f = state.filters
    values: dict[str, Any] = {key: list(getattr(f, name)) for key, name in LIST_WIDGETS.items()}
    dates: tuple[dt.date, ...] = ()
    if (f.start or f.end) and bounds:  # a range widget: one date alone would be its start
        dates = (f.start or bounds[0], f.end or bounds[1])
    values.update(f_actor_mode=f.actor_mode, f_text=f.text, f_dates=dates)
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
    for key, name in LIST_WIDGETS.items():
        allowed = set(getattr(choices, name))
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]
    if st.session_state["event"] not in choices.events:
        st.session_state["event"] = None
    st.session_state["expand"] = [
        a for a in st.session_state["expand"] if a in choices.affiliations
    ]


def _dates(
    value: Any, bounds: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, dt.date | None]:
    """The date-range widget's value as filter bounds; the whole range means no filter."""
    picked = tuple(value or ())
    start = picked[0] if len(picked) > 0 else None
    end = picked[1] if len(picked) > 1 else None
    if bounds and start == bounds[0]:
        start = None
    if bounds and end == bounds[1]:
        end = None
    return start, end


def current(bounds: tuple[dt.date, dt.date] | None = None, briefing: bool = False) -> ViewState:
    """The view state the widgets hold now; the step and projector only in briefing mode."""
    s = st.session_state
    start, end = _dates(s["f_dates"], bounds)
    filters = Filters(
        picks=tuple((name, tuple(s[key])) for key, name in LIST_WIDGETS.items()),
        actor_mode=s["f_actor_mode"],
        start=start,
        end=end,
        text=s["f_text"].strip(),
    )
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
