"""A cache of loaded datasets on disk, keyed on the file's content, so later opens are fast.

The YAML stays the source of truth: an entry is found by the SHA-256 of the file's
bytes (and of this code's version), and is used only while every article file it
read is unchanged (size and modification time). It holds what the app draws from:
the events frame, the actors frame, and the dataset's sources, actors and problems
(without the per-event models). An entry is one Parquet file: the events as columns, the
rest as JSON in its metadata. Nothing in it runs code when read (pickle would: whoever
could write to the folder could run code as you); a damaged entry is ignored, noted in
the log and rebuilt; a folder another user owns or can write to is not used.

Entries live in ``$TIMELINE_CACHE`` or ``$XDG_CACHE_HOME/timeline`` (default
``~/.cache/timeline``), a folder only its owner can read or write; they are written
to a temporary name and renamed. Delete the folder at any time; it is rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import __version__
from timeline.frame import actors_frame, to_frame
from timeline.load import Dataset, load_bytes
from timeline.model import Actor, Source
from timeline.problems import Problem

FORMAT = 3  # bump when what an entry holds changes (3: Parquet, no pickle)
LIST_COLUMNS = ("actors", "actor_names", "affiliations", "tags")
JSON_COLUMNS = ("figures",)  # dicts of varying keys: kept exactly as JSON text
log = logging.getLogger("timeline.cache")


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


def _summary(data: Dataset) -> dict[str, Any]:
    """What a cached entry keeps of the dataset besides its frames, as plain JSON."""
    return {
        "file": data.file,
        "title": data.title,
        "sources": [s.model_dump(mode="json") for s in data.sources.values()],
        "actors": [a.model_dump(mode="json") for a in data.actors.values()],
        "invalid": data.invalid,
        "problems": [dataclasses.asdict(p) for p in data.problems],
        "total": data.total,
    }


def _dataset(summary: dict[str, Any]) -> Dataset:
    sources = [Source.model_validate(s) for s in summary["sources"]]
    actors = [Actor.model_validate(a) for a in summary["actors"]]
    return Dataset(
        summary["file"],
        summary["title"],
        {s.id: s for s in sources},
        {a.id: a for a in actors},
        [],
        list(summary["invalid"]),
        [Problem(**p) for p in summary["problems"]],
        int(summary["total"]),
    )


def _table(frame: pd.DataFrame) -> pa.Table:
    out = frame.copy()
    for column in JSON_COLUMNS:
        out[column] = out[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return pa.Table.from_pandas(out, preserve_index=False)


def _frame(table: pa.Table, dtypes: dict[str, str]) -> pd.DataFrame:
    frame: pd.DataFrame = table.to_pandas()
    for column in LIST_COLUMNS:
        frame[column] = frame[column].map(list)
    for column in JSON_COLUMNS:
        frame[column] = frame[column].map(json.loads)
    for column, dtype in dtypes.items():
        if column not in LIST_COLUMNS + JSON_COLUMNS and str(frame[column].dtype) != dtype:
            frame[column] = frame[column].astype(pd.api.types.pandas_dtype(dtype))
    return frame


def _read(entry: Path, base_dir: Path) -> Frames | None:
    """A cached entry, if there is one for this content and its articles are unchanged.
    An unreadable or damaged entry is ignored (and rebuilt by the caller), with a note."""
    if not entry.exists():
        return None
    try:
        events = pq.read_table(entry)
        meta = json.loads(events.schema.metadata[b"timeline"])
        if meta["format"] != FORMAT:
            return None
        data = _dataset(meta["summary"])
        if [list(s) for s in _stamps(data, base_dir)] != meta["stamps"]:
            return None
        actors = pd.DataFrame(meta["actors"], columns=["id", "name", "affiliation", "aliases"])
        return Frames(data, _frame(events, meta["dtypes"]), actors, cached=True)
    except Exception as err:  # any damage at all: a cache only costs time
        log.warning("ignored a damaged cache entry %s (%s); it is rebuilt", entry, err)
        return None


def _usable(folder: Path) -> bool:
    """The cache folder is ours alone: owned by this user, writable by nobody else."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return True
    mine = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if not mine:
        log.warning(
            "not using the cache folder %s: another user owns it or can write to it", folder
        )
    return mine


def _write(entry: Path, frames: Frames, base_dir: Path) -> None:
    """Best effort: a cache that cannot be written only costs time. Written to a temporary
    name of its own and renamed, so two writers never mix and a reader never sees half."""
    meta = {
        "format": FORMAT,
        "stamps": [list(s) for s in _stamps(frames.data, base_dir)],
        "summary": _summary(frames.data),
        "actors": frames.actors.to_dict("records"),
        "dtypes": {c: str(t) for c, t in frames.frame.dtypes.items()},
    }
    with contextlib.suppress(OSError, pa.ArrowException, TypeError, ValueError):
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        table = _table(frames.frame)
        table = table.replace_schema_metadata({b"timeline": json.dumps(meta).encode()})
        handle, temporary = tempfile.mkstemp(prefix=f".{entry.name}.", dir=entry.parent)
        os.close(handle)
        try:
            pq.write_table(table, temporary)
            os.replace(temporary, entry)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _build(raw: bytes, file: str, base_dir: Path | None) -> Frames:
    data = load_bytes(raw, file, base_dir)
    return Frames(replace(data, events=[]), to_frame(data), actors_frame(data))


def load_frames(raw: bytes, file: str, base_dir: Path | None, use_cache: bool = True) -> Frames:
    """The dataset in ``raw`` as frames: from the cache when this content was loaded before.
    With no ``base_dir`` (an upload) no article is read and the disk cache is not used."""
    if base_dir is None:
        return _build(raw, file, None)
    entry = cache_dir() / f"{_key(raw, file, base_dir)}.parquet"
    use_cache = use_cache and _usable(entry.parent)
    if use_cache:
        found = _read(entry, base_dir)
        if found is not None:
            return _named(found, file)
    frames = _build(raw, file, base_dir)
    if use_cache:
        _write(entry, frames, base_dir)
    return frames
