"""Which dataset the app shows, loaded once per file content (``st.cache_data``)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline.frame import actors_frame, to_frame
from timeline.load import Dataset, load_bytes
from timeline.problems import Problem

DEFAULT_EVENTS = "events.yaml"


@dataclass(frozen=True)
class Loaded:
    """A validated dataset and its frames, as the page needs them."""

    data: Dataset
    frame: pd.DataFrame
    actors: pd.DataFrame
    uploaded: bool = False


def dataset_path(argv: list[str] | None = None) -> Path:
    """``--events PATH`` after ``--`` on the streamlit command line, else ``TIMELINE_EVENTS``,
    else ``events.yaml``."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--events", default=os.environ.get("TIMELINE_EVENTS", DEFAULT_EVENTS))
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return Path(args.events)


def _articles_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Sizes and times of the article texts near the dataset, so an edited article is re-read."""
    files = sorted([*folder.glob("*.txt"), *folder.glob("articles/*.txt")])
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@st.cache_data(show_spinner="Loading and checking the dataset…", max_entries=8)
def _load(raw: bytes, name: str, base_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Loaded:
    data = load_bytes(raw, name, Path(base_dir))
    return Loaded(data, to_frame(data), actors_frame(data))


def load_path(path: Path) -> Loaded:
    """Load the dataset at ``path``; an unreadable file gives a dataset with one problem."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        problem = Problem(str(path), None, "", f"cannot read: {err.strerror or err}")
        empty = Dataset(str(path), problems=[problem])
        return Loaded(empty, to_frame(empty), actors_frame(empty))
    folder = path.resolve().parent
    return _load(raw, str(path), str(folder), _articles_stamp(folder))


def load_upload(raw: bytes, name: str, base_dir: Path) -> Loaded:
    """An uploaded file, for this session only; article paths start at ``base_dir``."""
    folder = base_dir.resolve()
    loaded = _load(raw, f"{name} (uploaded)", str(folder), _articles_stamp(folder))
    return Loaded(loaded.data, loaded.frame, loaded.actors, uploaded=True)
