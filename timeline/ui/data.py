"""Which dataset the app shows, opened through the one loader (``timeline.dataset.cache``).

The loader's memory cache serves the app's reruns while the file and every article it
read are unchanged, so an edited article (in any subfolder) is checked again on the
next rerun, exactly as ``python -m timeline check`` would check it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import streamlit as st

from timeline.dataset import cache
from timeline.dataset.frame import Frames
from timeline.dataset.load import read_dataset
from timeline.dataset.types import size_limit
from timeline.problems import Problem
from timeline.state import Choices, choices_of
from timeline.text import md_escape

DEFAULT_EVENTS = "events.yaml"


Loaded = Frames  # what the page draws from: the dataset's summary and its frames


def dataset_path(argv: list[str] | None = None) -> Path:
    """``--events PATH`` after ``--`` on the streamlit command line, else ``TIMELINE_EVENTS``,
    else ``events.yaml``."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--events", default=os.environ.get("TIMELINE_EVENTS", DEFAULT_EVENTS))
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return Path(args.events)


def load_path(path: Path) -> Loaded:
    """The dataset at ``path``; an unreadable file gives a dataset with one problem."""
    found = cache.remembered(path)
    if found is not None:
        return found
    with st.spinner("Loading and checking the dataset…"):
        return cache.open_dataset(path)


def read_text(path: Path) -> bytes | None:
    """The dataset file's bytes (for adding to it), read as the loader reads it: bounded,
    regular files only; a file that can no longer be read is said, and None returned."""
    raw = read_dataset(path, size_limit())
    if isinstance(raw, Problem):
        st.error(md_escape(str(raw)))
        return None
    return raw


def load_upload(raw: bytes, name: str) -> Loaded:
    """An uploaded file, for this session only. It is confined to itself: no file on this
    server is read for it (its `text:` paths are not looked up), so its quotes are
    unchecked, which its problems say once."""
    with st.spinner("Checking the uploaded dataset…"):
        return cache.open_upload(raw, name)


_LAST_CHOICES: list[tuple[object, Choices]] = []  # the events frame they were made from


def choices(loaded: Loaded) -> Choices:
    """What the dataset offers to pick from (a tenth of a rerun at 10,000 events), made
    again only when the events frame is another one: the loader's memory hands the same
    frame to every rerun while the file is unchanged."""
    for frame, made in _LAST_CHOICES:
        if frame is loaded.frame:
            return made
    made = choices_of(loaded.frame, loaded.actors)
    _LAST_CHOICES[:] = [(loaded.frame, made)]
    return made
