"""timeline dashboard (placeholder): the events of a dataset in a table.

Run with `make run`, or `streamlit run app.py -- --events PATH`.
"""

from __future__ import annotations

import argparse
import os

import streamlit as st

from timeline.frame import to_frame
from timeline.load import load_file


def dataset_path() -> str:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default=os.environ.get("TIMELINE_EVENTS", "events.yaml"))
    return str(parser.parse_known_args()[0].events)


st.set_page_config(page_title="timeline", layout="wide")
data = load_file(dataset_path())
st.title(data.title or "timeline")
for problem in data.problems:
    (st.error if problem.severity == "error" else st.warning)(str(problem))
st.caption(f"{len(data.events)} of {data.total} events")
frame = to_frame(data)
st.dataframe(frame[["label", "title", "actors", "kind", "status", "outlet"]], hide_index=True)
