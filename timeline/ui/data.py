"""Which dataset the app shows, loaded once per file content (``st.cache_data``)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

import streamlit as st

from timeline.cache import Frames, load_frames
from timeline.frame import actors_frame, to_frame
from timeline.load import Dataset, default_max_bytes
from timeline.problems import Problem
from timeline.reading import read_bounded

DEFAULT_EVENTS = "events.yaml"


Loaded = Frames  # what the page draws from: the dataset's summary and its frames


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
    stamps = []
    for file in files:
        try:
            found = file.stat()
        except OSError:  # a dangling link: the loader says so if the dataset names it
            continue
        stamps.append((str(file), found.st_mtime_ns, found.st_size))
    return tuple(stamps)


# cache_resource, not cache_data: the frames are never changed in place (filters return new
# frames), and a 100,000-row frame would otherwise be unpickled again on every rerun.
@st.cache_resource(show_spinner="Loading and checking the dataset…", max_entries=4)
def _load(
    raw: bytes,
    name: str,
    base_dir: str | None,
    stamp: tuple[tuple[str, int, int], ...],
    on_disk: bool,
) -> Loaded:
    """Keyed on the file's content (and its articles'); ``on_disk`` also uses the disk cache
    (``timeline.cache``), so a restarted app opens a large dataset it has seen quickly."""
    return load_frames(raw, name, None if base_dir is None else Path(base_dir), use_cache=on_disk)


def load_path(path: Path) -> Loaded:
    """Load the dataset at ``path``; an unreadable file gives a dataset with one problem."""
    try:
        raw = read_bounded(path, default_max_bytes() + 1)  # over the limit: load says so
    except OSError as err:
        problem = Problem(str(path), None, "", f"cannot read: {err.strerror or err}")
        empty = Dataset(str(path), problems=[problem])
        return Loaded(empty, to_frame(empty), actors_frame(empty))
    folder = path.resolve().parent
    return _load(raw, str(path), str(folder), _articles_stamp(folder), on_disk=True)


def load_upload(raw: bytes, name: str) -> Loaded:
    """An uploaded file, for this session only. It is confined to itself: no file on this
    server is read for it (its `text:` paths are not looked up), so its quotes are
    unchecked, which its problems say once."""
    loaded = _load(raw, f"{name} (uploaded)", None, (), on_disk=False)
    return replace(loaded, uploaded=True)
