"""The one way to open a dataset: ``open_dataset`` (a path), ``open_upload`` (bytes from a
browser) and ``open_bytes`` (bytes, e.g. a dataset about to be written). The app, every CLI
command, the import's check, ``suggest --into``, the curation page and the benchmark all
open datasets here, so they all see the same answer from the same caches.

Two caches, one rule. An answer is reused only while the dataset's bytes are the same and
every article file the load read (or looked for) is unchanged: same size and modification
time, or else the same SHA-256 of its content. A file that was missing and now exists is a
change; so is an edit to an article in a subfolder. The memory cache (a few datasets, for
the app's reruns) checks this on every open; the disk cache (for the next process) is
found by the SHA-256 of the dataset's bytes, the folder it is read against, its name and
this code's version, and checks it before use.

A disk entry is one Parquet file: the events as columns, the rest as JSON in its metadata.
Nothing in it runs code when read (pickle would: whoever could write to the folder could
run code as you); a damaged entry is ignored, noted in the log and rebuilt; a folder
another user owns or can write to is not used. Entries live in ``$TIMELINE_CACHE`` or
``$XDG_CACHE_HOME/timeline`` (default ``~/.cache/timeline``), a folder only its owner can
read or write; they are written to a temporary name and renamed, so two writers never mix.
Delete the folder at any time; it is rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import logging
import os
import stat
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import __version__
from timeline.dataset.frame import Frames, actors_frame, to_frame
from timeline.dataset.load import load_bytes, read_dataset
from timeline.dataset.model import Actor, Media, Period, Source
from timeline.dataset.types import ArticleRead, Dataset, Summary, size_limit
from timeline.dates import GRAMMAR
from timeline.problems import Problem
from timeline.reading import read_bounded, resolved

FORMAT = 10  # bump when what an entry holds changes (3: Parquet, no pickle; 4: articles read;
# 5: description, lanes, media, periods, time; 6: the phrase rules of round three, direction
# auto; 7: edtf, approximate, uncertain; 8: media kind, media links that are never markup;
# 9: the link an article was named by; 10: reports, sources, outlets, disagree)
LIST_COLUMNS = ("actors", "actor_names", "affiliations", "tags", "disagree", "sources")
JSON_COLUMNS = ("figures", "media", "reports")  # dicts of varying keys, or none: JSON text
log = logging.getLogger("timeline.dataset.cache")
T = TypeVar("T")


def cache_dir() -> Path:
    chosen = os.environ.get("TIMELINE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timeline"


def _key(raw: bytes, file: str, base_dir: Path, max_bytes: int) -> str:
    digest = hashlib.sha256(raw)
    where = f"{__version__}\0{FORMAT}\0{resolved(base_dir)}\0{Path(file).name}\0{max_bytes}"
    digest.update(f"\0{where}\0{GRAMMAR}".encode())  # the date grammar: a phrase's reading
    return digest.hexdigest()


def _unchanged(read: ArticleRead) -> bool:
    """The article file is as the load found it (size and time, else content), and the
    path it was named by still leads to it (a symbolic link re-pointed is a change)."""
    if read.link and str(resolved(read.link)) != read.path:
        return False
    try:
        now = os.stat(read.path)
    except OSError:
        return read.size == -1
    if read.size == -1 or not stat.S_ISREG(now.st_mode) or now.st_size != read.size:
        return read.size == -1 and not stat.S_ISREG(now.st_mode)
    if now.st_mtime_ns == read.mtime_ns:
        return True
    try:
        raw = read_bounded(read.path, read.size)
    except OSError:
        return False
    return hashlib.sha256(raw).hexdigest() == read.sha256


def fresh(data: Summary) -> bool:
    """Every article the load of ``data`` read (or looked for) is unchanged."""
    return all(_unchanged(read) for read in data.articles)


def _renamed(data: Summary, file: str) -> Summary:
    """The summary under the name this caller used: the same content may be opened as
    ``events.yaml`` by one and by its full path by another, and messages name the file."""
    if data.file == file:
        return data
    problems = [replace(p, file=file) for p in data.problems]
    return replace(data, file=file, problems=problems)


def _summary(data: Summary) -> dict[str, Any]:
    """What a cached entry keeps of the dataset besides its frames, as plain JSON."""
    return {
        "file": data.file,
        "title": data.title,
        "description": data.description,
        "lanes": data.lanes,
        "media": data.media.model_dump(mode="json") if data.media else None,
        "periods": [p.model_dump(mode="json") for p in data.periods],
        "sources": [s.model_dump(mode="json") for s in data.sources.values()],
        "actors": [a.model_dump(mode="json") for a in data.actors.values()],
        "invalid": data.invalid,
        "problems": [dataclasses.asdict(p) for p in data.problems],
        "total": data.total,
        "valid": data.valid,
        "articles": [dataclasses.asdict(a) for a in data.articles],
    }


def _dataset(summary: dict[str, Any]) -> Summary:
    sources = [Source.model_validate(s) for s in summary["sources"]]
    actors = [Actor.model_validate(a) for a in summary["actors"]]
    media = summary["media"]
    return Summary(
        file=summary["file"],
        title=summary["title"],
        description=summary["description"],
        lanes=summary["lanes"],
        media=Media.model_validate(media) if media else None,
        periods=[Period.model_validate(p) for p in summary["periods"]],
        sources={s.id: s for s in sources},
        actors={a.id: a for a in actors},
        invalid=list(summary["invalid"]),
        problems=[Problem(**p) for p in summary["problems"]],
        total=int(summary["total"]),
        valid=int(summary["valid"]),
        articles=[ArticleRead(**a) for a in summary["articles"]],
    )


def _table(frame: pd.DataFrame) -> pa.Table:
    out = frame.copy()
    for column in JSON_COLUMNS:
        out[column] = out[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return pa.Table.from_pandas(out, preserve_index=False)


def _frame(table: pa.Table, dtypes: dict[str, str]) -> pd.DataFrame:
    """The events frame of an entry: list and JSON columns made Python lists again
    straight from Arrow (a per-row ``map`` took seconds at 100,000 events)."""
    special = [*LIST_COLUMNS, *JSON_COLUMNS]
    frame: pd.DataFrame = table.drop_columns(special).to_pandas()
    for column in LIST_COLUMNS:
        frame[column] = table.column(column).to_pylist()
    for column in JSON_COLUMNS:  # one parse of all the column's texts, not one per row
        texts = (text or "null" for text in table.column(column).to_pylist())
        frame[column] = json.loads("[" + ",".join(texts) + "]")
    for column, dtype in dtypes.items():
        if column not in special and str(frame[column].dtype) != dtype:
            frame[column] = frame[column].astype(pd.api.types.pandas_dtype(dtype))
    ordered: pd.DataFrame = frame[table.column_names]
    return ordered


def _guarded(entry: Path, read: Callable[[], T]) -> T | None:
    """``read()`` of an entry; any damage at all is ignored (the caller rebuilds), noted."""
    try:
        return read()
    except Exception as err:  # a cache only costs time
        log.warning("ignored a damaged cache entry %s (%s); it is rebuilt", entry, err)
        return None


def _meta(schema: pa.Schema) -> tuple[dict[str, Any], Summary] | None:
    """An entry's metadata and summary, if it is of this format and every article it read
    is unchanged."""
    meta: dict[str, Any] = json.loads(schema.metadata[b"timeline"])
    if meta["format"] != FORMAT:
        return None
    summary = _dataset(meta["summary"])
    return (meta, summary) if fresh(summary) else None


def _read(entry: Path) -> Frames | None:
    """A cached entry, if there is one for this content and its articles are unchanged."""

    def read() -> Frames | None:
        events = pq.read_table(entry)
        found = _meta(events.schema)
        if found is None:
            return None
        meta, data = found
        actors = pd.DataFrame(meta["actors"], columns=["id", "name", "affiliation", "aliases"])
        return Frames(data, _frame(events, meta["dtypes"]), actors, cached=True)

    return _guarded(entry, read) if entry.exists() else None


def _read_summary(entry: Path) -> Summary | None:
    """Only the summary of a cached entry (its metadata; no events are read)."""

    def read() -> Summary | None:
        found = _meta(pq.read_schema(entry))
        return None if found is None else found[1]

    return _guarded(entry, read) if entry.exists() else None


_NOTED: set[str] = set()  # cache folders already said to be unusable, once a process


def _usable(folder: Path) -> bool:
    """The cache folder is ours alone: a folder, owned by this user, writable by nobody
    else. One that is not is skipped (the dataset is loaded without it), said once."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return True
    except (OSError, ValueError) as err:  # a loop of links, a NUL in $TIMELINE_CACHE
        return _unusable(folder, f"it cannot be opened ({getattr(err, 'strerror', None) or err})")
    if not stat.S_ISDIR(info.st_mode):
        return _unusable(folder, "it is not a folder")
    if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _unusable(folder, "another user owns it or can write to it")
    return True


def _unusable(folder: Path, why: str) -> bool:
    if str(folder) not in _NOTED:
        _NOTED.add(str(folder))
        log.warning(
            "not using the cache folder %s: %s; datasets are loaded without it", folder, why
        )
    return False


def _write(entry: Path, frames: Frames) -> None:
    """Best effort: a cache that cannot be written only costs time. Written to a temporary
    name of its own and renamed, so two writers never mix and a reader never sees half."""
    meta = {
        "format": FORMAT,
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


def _entry(raw: bytes, file: str, base_dir: Path, limit: int) -> Path:
    return cache_dir() / f"{_key(raw, file, base_dir, limit)}.parquet"


def frames_of(data: Dataset) -> Frames:
    """A loaded dataset as what the app and the exports draw from."""
    return Frames(data.summary(), to_frame(data), actors_frame(data))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a dataset is built: it would walk the growing
    heap of models again and again (4.5 s of a 100,000-event first open); what is built
    holds no cycles to collect. Back on afterwards, if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _loaded(
    raw: bytes,
    file: str,
    base_dir: Path | None,
    max_bytes: int,
    given: dict[str, str] | None = None,
) -> Frames:
    with _collector_paused():
        return frames_of(load_bytes(raw, file, base_dir, max_bytes, given))


def open_bytes(
    raw: bytes,
    file: str,
    base_dir: Path | None,
    max_bytes: int | None = None,
    use_cache: bool = True,
    given: dict[str, str] | None = None,
) -> Frames:
    """The dataset in ``raw`` as frames: from the disk cache when this content was loaded
    before and its articles are unchanged. With no ``base_dir`` (an upload) no article
    file is read; ``given`` articles come with the data and bypass the disk cache."""
    max_bytes = size_limit(max_bytes)
    if base_dir is None or given:
        return _loaded(raw, file, base_dir, max_bytes, given)
    entry = _entry(raw, file, base_dir, max_bytes)
    use_cache = use_cache and _usable(entry.parent)
    with _collector_paused():
        found = _read(entry) if use_cache else None
    if found is not None:
        return replace(found, data=_renamed(found.data, file))
    frames = _loaded(raw, file, base_dir, max_bytes)
    if use_cache:
        _write(entry, frames)
    return frames


class _Memory:
    """The few datasets this process opened last, for the app's reruns: reused while the
    file's size and time and every article it read are unchanged."""

    def __init__(self, size: int = 4) -> None:
        self.size, self.lock = size, threading.Lock()
        self.entries: OrderedDict[tuple[str, ...], tuple[tuple[int, int], Frames]] = OrderedDict()

    def get(self, key: tuple[str, ...], stamp: tuple[int, int]) -> Frames | None:
        with self.lock:
            hit = self.entries.get(key)
        if hit is None or hit[0] != stamp or not fresh(hit[1].data):
            return None
        with self.lock:
            self.entries.move_to_end(key)
        return replace(hit[1], cached=True)

    def put(self, key: tuple[str, ...], stamp: tuple[int, int], frames: Frames) -> None:
        with self.lock:
            self.entries[key] = (stamp, frames)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


MEMORY = _Memory()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        found = path.stat()
    except OSError:
        return (-1, 0)
    return (found.st_size, found.st_mtime_ns)


def _memory_key(path: Path, limit: int) -> tuple[str, ...]:
    return (str(path), str(resolved(path)), str(limit))


def remembered(path: str | Path, max_bytes: int | None = None) -> Frames | None:
    """The dataset at ``path`` if this process has it and nothing it read has changed."""
    path = Path(path)
    return MEMORY.get(_memory_key(path, size_limit(max_bytes)), _stamp(path))


def _opened(path: Path, limit: int, raw: bytes, stamp: tuple[int, int], use_cache: bool) -> Frames:
    """The dataset in ``raw`` (read from ``path``), through the disk cache, remembered."""
    frames = open_bytes(raw, str(path), path.parent, limit, use_cache)
    if use_cache:
        MEMORY.put(_memory_key(path, limit), stamp, frames)
    return frames


def open_dataset(path: str | Path, max_bytes: int | None = None, use_cache: bool = True) -> Frames:
    """The dataset at ``path``, from a cache when nothing it read has changed; a file
    that cannot be read gives a dataset with one problem saying why, never an exception."""
    path, limit = Path(path), size_limit(max_bytes)
    stamp = _stamp(path)  # taken before the read
    found = MEMORY.get(_memory_key(path, limit), stamp) if use_cache else None
    if found is not None:
        return found
    raw = read_dataset(path, limit)
    if isinstance(raw, Problem):
        return frames_of(Dataset(str(path), problems=[raw]))
    return _opened(path, limit, raw, stamp, use_cache)


def open_summary(path: str | Path, max_bytes: int | None = None) -> Summary:
    """What ``open_dataset(path).data`` says, reading only a cached entry's summary when
    there is one (``check`` needs no events), else opening the dataset in full."""
    path, limit = Path(path), size_limit(max_bytes)
    stamp = _stamp(path)
    found = MEMORY.get(_memory_key(path, limit), stamp)
    if found is not None:
        return found.data
    raw = read_dataset(path, limit)
    if isinstance(raw, Problem):
        return Summary(str(path), problems=[raw])
    entry = _entry(raw, str(path), path.parent, limit)
    summary = _read_summary(entry) if _usable(entry.parent) else None
    if summary is not None:
        return _renamed(summary, str(path))
    return _opened(path, limit, raw, stamp, use_cache=True).data


def open_upload(raw: bytes, name: str) -> Frames:
    """A file uploaded through the browser, for one session: confined to itself (no file on
    this server is read for it), kept in memory only, marked ``uploaded``."""
    key, stamp = ("upload", hashlib.sha256(raw).hexdigest(), name), (len(raw), 0)
    found = MEMORY.get(key, stamp)
    if found is None:
        found = open_bytes(raw, f"{name} (uploaded)", None)
        MEMORY.put(key, stamp, found)
    return replace(found, uploaded=True)
