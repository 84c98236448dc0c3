"""timeline: browse events chronologically, filter by actor, present in briefings.

Start it with `make run`, or `streamlit run app.py -- --events PATH`
(or TIMELINE_EVENTS=PATH). This file only wires the pages and the shared sidebar;
the work is done by plain functions in timeline/.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from timeline import filters
from timeline.export import make_view
from timeline.text import md_escape
from timeline.ui import briefing, curate, data, session, views

st.set_page_config(page_title="timeline", page_icon=":material/calendar_month:", layout="wide")

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
    loaded = data.load_upload(upload.getvalue(), upload.name)
frame, actors = loaded.frame, loaded.actors

if frame.empty:
    st.title(md_escape(loaded.data.title or "timeline"), anchor=False)
    views.problems(loaded.data)
    st.warning("There are no valid events to show. Fix the problems above and reload.")
    st.stop()

choices = data.choices(loaded)
bounds = (frame["start"].min().date(), frame["end"].max().date())
session.start(choices)
state = session.current(bounds)
shown = filters.apply(frame, state.filters)


def filters_sidebar() -> None:
    """The filters, on the pages they act on (Timeline, Briefing) and no other."""
    with st.sidebar:
        views.sidebar(choices, actors, loaded.data, bounds)


def timeline_page() -> None:
    views.page_title("Timeline", loaded.data.title)
    filters_sidebar()
    views.page_head()
    st.title(md_escape(loaded.data.title or "timeline"), anchor=False)
    views.about(loaded.data)
    if loaded.uploaded and upload is not None:
        st.caption(
            f"Showing the uploaded file {md_escape(upload.name)} for this session; "
            "nothing is written to disk."
        )
    views.problems(loaded.data, errors_only=True)
    for note in st.session_state.get(session.URL_NOTES, []):
        st.warning(md_escape(note[:1].upper() + note[1:]))
    session.mirror_to_url(state)
    views.count_line(shown, frame)
    if shown.empty:
        views.empty_state(frame, state.filters)
    else:
        views.timeline(shown, actors, loaded.data, state)
    views.problems(loaded.data, errors_only=False)
    st.subheader("Events in date order", anchor=False)
    views.event_list(shown, state.event)
    views.detail(frame, shown, actors, loaded.data, state.event)  # when the chart cannot show it
    views.estimates(shown, actors)
    views.export_panel(make_view(loaded, state.filters, session.chosen_lanes(state), shown))


def briefing_page() -> None:
    views.page_title("Briefing", loaded.data.title)
    filters_sidebar()
    briefing.page(shown, actors, loaded.data, state.lanes)
    session.mirror_to_url(replace(session.current(bounds, briefing=True), event=None))


def curate_page() -> None:
    views.page_title("Add an article", loaded.data.title)
    original = upload.getvalue() if upload is not None else data.read_text(path)
    if original is None:
        return
    folder = None if upload is not None else Path(path).resolve().parent  # an upload reads none
    curate.page(loaded, original.decode("utf-8-sig"), folder)


st.navigation(
    [
        st.Page(timeline_page, title="Timeline", icon=":material/timeline:", default=True),
        st.Page(briefing_page, title="Briefing", icon=":material/slideshow:", url_path="briefing"),
        st.Page(
            curate_page, title="Add an article", icon=":material/post_add:", url_path="add-article"
        ),
    ]
).run()
