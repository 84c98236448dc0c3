"""A cache of loaded datasets on disk, keyed on the file's content, so later opens are fast.

The YAML stays the source of truth: an entry is found by the SHA-256 of the file's
bytes (and of this code's version), and is used only while every article file it
read is unchanged (size and modification time). It holds what the app draws from:
the events frame, the actors frame, and the dataset's sources, actors and problems
(without the per-event models, which are slow to rebuild from a pickle).

Entries live in ``$TIMELINE_CACHE`` or ``$XDG_CACHE_HOME/timeline`` (default
``~/.cache/timeline``), a folder only its owner can read or write; they are written
to a temporary name and renamed. Delete the folder at any time; it is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from timeline import __version__
from timeline.frame import actors_frame, to_frame
from timeline.load import Dataset, load_bytes

FORMAT = 2  # bump when what an entry holds changes (2: optional text is "", not NaN)


@dataclass(frozen=True)
class Frames:
    """A dataset ready to draw: its summary (no per-event models) and its frames."""

    data: Dataset
    frame: pd.DataFrame
    actors: pd.DataFrame
    cached: bool = False  # served from the disk cache
    uploaded: bool = False  # opened from a session upload (the app sets it)


def cache_dir() -> Path:
    chosen = os.environ.get("TIMELINE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timeline"


def _key(raw: bytes, file: str, base_dir: Path) -> str:
    digest = hashlib.sha256(raw)
    digest.update(f"\0{__version__}\0{FORMAT}\0{base_dir.resolve()}\0{Path(file).name}".encode())
    return digest.hexdigest()


def _stamps(data: Dataset, base_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every article the dataset's sources name."""
    out = []
    for source in data.sources.values():
        path = base_dir / source.text if source.text else None
        if path is not None and path.is_file():
            info = path.stat()
            out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


def _named(frames: Frames, file: str) -> Frames:
    """The entry under the name this caller used: the same content may be opened as
    ``events.yaml`` by one and by its full path by another, and messages name the file."""
    data = frames.data
    if data.file == file:
        return frames
    problems = [replace(p, file=file) for p in data.problems]
    return replace(frames, data=replace(data, file=file, problems=problems))


def _read(entry: Path, base_dir: Path) -> Frames | None:
    try:
        with entry.open("rb") as handle:
            stamps, frames = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(frames, Frames) or stamps != _stamps(frames.data, base_dir):
        return None
    return replace(frames, cached=True)


def _write(entry: Path, frames: Frames, base_dir: Path) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((_stamps(frames.data, base_dir), frames), handle, protocol=5)
        os.replace(temporary, entry)


def load_frames(raw: bytes, file: str, base_dir: Path | None, use_cache: bool = True) -> Frames:
    """The dataset in ``raw`` as frames: from the cache when this content was loaded before.
    With no ``base_dir`` (an upload) no article is read and the disk cache is not used."""
    if base_dir is None:
        data = load_bytes(raw, file, None)
        return Frames(replace(data, events=[]), to_frame(data), actors_frame(data))
    entry = cache_dir() / f"{_key(raw, file, base_dir)}.pickle"
    if use_cache:
        found = _read(entry, base_dir)
        if found is not None:
            return _named(found, file)
    data = load_bytes(raw, file, base_dir)
    frames = Frames(replace(data, events=[]), to_frame(data), actors_frame(data))
    if use_cache:
        _write(entry, frames, base_dir)
    return frames
