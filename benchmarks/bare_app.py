"""The baseline for ``make bench``: a bare Streamlit + Plotly app, one multiselect and one
scatter of the same events, a click showing the clicked event's title. Not part of the
product: what any Streamlit dashboard costs, measured beside ours in the same run.

    streamlit run benchmarks/bare_app.py -- EVENTS.csv
"""

from __future__ import annotations

import sys

import pandas as pd
import plotly.express as px
import streamlit as st

events = pd.read_csv(sys.argv[-1], parse_dates=["date"])
actors = sorted(events["actor"].unique())
picked = st.multiselect("Actors", actors, key="actors", placeholder="Any")
shown = events[events["actor"].isin(picked)] if picked else events
st.markdown(f"**Showing {len(shown):,} of {len(events):,} events**")
figure = px.scatter(shown, x="date", y="actor", hover_name="title", custom_data=["id"])
chosen = st.plotly_chart(figure, key="chart", on_select="rerun", selection_mode="points")
points = chosen.selection.points if chosen else []
if points:
    clicked = shown[shown["id"] == points[0]["customdata"][0]]
    st.markdown("Selected: " + (clicked["title"].iloc[0] if len(clicked) else "?"))
