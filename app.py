"""timeline dashboard: browse events chronologically, filter by actor, see every source.

Start it with `make run`, or `streamlit run app.py -- --events PATH`
(or TIMELINE_EVENTS=PATH). This file only wires the page; the work is in timeline/.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from timeline import filters
from timeline.ui import data, session, views

st.set_page_config(page_title="timeline", page_icon="🗓️", layout="wide")

path = data.dataset_path()
upload = st.sidebar.file_uploader(
    "Open another dataset (YAML)",
    type=["yaml", "yml"],
    key="upload",
    help="For this session only: the file is checked and shown, never saved.",
)
if upload is None:
    loaded = data.load_path(path)
else:
    loaded = data.load_upload(upload.getvalue(), upload.name, Path(path).resolve().parent)
frame, actors = loaded.frame, loaded.actors

st.title(loaded.data.title or "timeline", anchor=False)
if loaded.uploaded:
    st.caption(
        f"Showing the uploaded file {upload.name if upload else ''} for this session; "
        "nothing is written to disk."
    )
views.problems(loaded.data)
if frame.empty:
    st.warning("There are no valid events to show. Fix the problems above and reload.")
    st.stop()

choices = session.choices_of(frame, actors)
bounds = (frame["start"].min().date(), frame["end"].max().date())
session.start(choices)
with st.sidebar:
    views.sidebar(choices, actors, loaded.data, bounds)
for note in st.session_state.get(session.URL_NOTES, []):
    st.warning(note.capitalize())

state = session.current(bounds)
shown = filters.apply(frame, state.filters)
session.mirror_to_url(state)

st.markdown(f"**Showing {len(shown)} of {len(frame)} events**")
if shown.empty:
    views.empty_state(frame, state.filters)
else:
    views.timeline(shown, actors, state.lanes, state.event)
left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Events in date order", anchor=False)
    views.event_list(shown)
with right:
    views.detail(frame, shown, actors, loaded.data, state.event)
views.estimates(shown, actors)
