"""A dataset as a pandas DataFrame (one row per valid event) and as plain records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from timeline.dataset.model import Event
from timeline.dataset.types import Dataset, ResolvedEvent, Summary
from timeline.dates import edtf_of

COLUMNS = [
    "id",
    "title",
    "source",
    "outlet",
    "when",
    "direction",
    "start",
    "end",
    "middle",
    "precision",
    "label",
    "edtf",
    "approximate",
    "uncertain",
    "time",
    "how",
    "pinned",
    "phrase_label",
    "date_note",
    "actors",
    "actor_names",
    "actor_terms",
    "affiliations",
    "kind",
    "status",
    "quote",
    "media",
    "figures",
    "tags",
    "notes",
    "reports",  # every report, the event's own first; empty when it has only its own
    "sources",  # the source ids of every report, the event's own first
    "outlets",  # how many independent outlets report it
    "disagree",  # what its reports disagree on: "date", "status", "figure:<measure>"
    "line",
]
# Fields a curator may leave out: "" in the frame (pandas would show a missing one as "nan"),
# null again in JSON records.
OPTIONAL_TEXT = ["when", "phrase_label", "date_note", "notes", "time", "quote"]
# What the JSON/CSV records carry: the columns less those kept for drawing and lookups.
FRAME_ONLY = (
    *("outlet", "direction", "middle", "actor_names", "actor_terms", "affiliations"),
    "sources",  # the records carry them in `reports`
    *("approximate", "uncertain"),  # the records carry them in `edtf` (~ ? %) and the label
)
RECORD_FIELDS = [c for c in COLUMNS if c not in (*FRAME_ONLY, "notes", "line")]


@dataclass(frozen=True)
class _Lookup:
    """What every row needs from the actors and sources, worked out once per dataset."""

    names: dict[str, str]
    affiliation: dict[str, str]
    terms: dict[str, str]
    outlets: dict[str, str]

    @classmethod
    def of(cls, data: Dataset) -> _Lookup:
        actors = data.actors.values()
        return cls(
            {a.id: a.name for a in actors},
            {a.id: a.affiliation for a in actors},
            {a.id: " ".join((a.name, *a.aliases)) for a in actors},
            {s.id: s.outlet for s in data.sources.values()},
        )


def _how(item: ResolvedEvent) -> str:
    if item.pinned and item.phrase is not None:
        phrase = item.phrase
        said = f"the article's {item.event.when!r} reads as {phrase.label} ({phrase.how})"
        return f"{item.span.how}; {said}"
    return item.span.how


EPOCH = dt.date(1970, 1, 1).toordinal()


def _days(days: list[dt.date]) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """Dates as ``datetime64[D]``, through their day numbers (numpy reads a list of date
    objects one by one, ten times slower)."""
    return (np.fromiter((d.toordinal() for d in days), np.int64, len(days)) - EPOCH).astype(
        "datetime64[D]"
    )


def _dates(items: list[ResolvedEvent]) -> dict[str, Any]:
    spans = [item.span for item in items]
    start = _days([s.start for s in spans])
    end = _days([s.end for s in spans])
    return {
        "start": pd.to_datetime(start),
        "end": pd.to_datetime(end),
        "middle": pd.to_datetime(start + (end - start) // 2),
        "precision": [s.precision for s in spans],
        "label": [s.label for s in spans],
        "edtf": [edtf_of(s) for s in spans],
        "approximate": [s.approximate for s in spans],
        "uncertain": [s.uncertain for s in spans],
        "how": [_how(item) for item in items],
        "pinned": [item.pinned for item in items],
        "phrase_label": [item.phrase.label if item.phrase else None for item in items],
    }


def _said(events: list[Event]) -> dict[str, Any]:
    return {
        "id": [e.id for e in events],
        "title": [e.title for e in events],
        "source": [e.source for e in events],
        "when": [e.when for e in events],
        "direction": [e.direction for e in events],
        "time": [e.time for e in events],
        "date_note": [e.date_note for e in events],
        "kind": [e.kind for e in events],
        "status": [e.status for e in events],
        "quote": [e.quote for e in events],
        "tags": [list(e.tags) for e in events],
        "notes": [e.notes for e in events],
    }


def _looked_up(events: list[Event], look: _Lookup) -> dict[str, Any]:
    return {
        "outlet": [look.outlets[e.source] for e in events],
        "actors": [list(e.actors) for e in events],
        "actor_names": [[look.names[a] for a in e.actors] for e in events],
        "actor_terms": [" ".join(look.terms[a] for a in e.actors) for e in events],
        "affiliations": [sorted({look.affiliation[a] for a in e.actors}) for e in events],
        "media": [e.media.model_dump(exclude_none=True) if e.media else None for e in events],
        "figures": [[f.model_dump(exclude_none=True) for f in e.figures] for e in events],
    }


def _reported(items: list[ResolvedEvent]) -> dict[str, Any]:
    """What the reports say together; nothing to build for an event with its own alone."""
    return {
        "reports": [[r.record() for r in i.readings] if i.readings else [] for i in items],
        "sources": [
            [r.source for r in i.readings] if i.readings else [i.event.source] for i in items
        ],
        "outlets": [item.outlets for item in items],
        "disagree": [list(item.disagree) if item.disagree else [] for item in items],
    }


def to_frame(data: Dataset) -> pd.DataFrame:
    """One row per valid event, in chronological order; dates as ``datetime64``. Built
    column by column (a list per field), not row by row."""
    items, look = data.events, _Lookup.of(data)
    events = [item.event for item in items]
    columns = {**_said(events), **_dates(items), **_looked_up(events, look)}
    columns.update(_reported(items))
    columns["line"] = [item.line for item in items]
    frame = pd.DataFrame(columns, columns=COLUMNS)
    for column in OPTIONAL_TEXT:
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def actors_frame(data: Dataset) -> pd.DataFrame:
    """The dataset's actors: ``id, name, affiliation, aliases``, in file order."""
    rows = [
        {"id": a.id, "name": a.name, "affiliation": a.affiliation, "aliases": list(a.aliases)}
        for a in data.actors.values()
    ]
    return pd.DataFrame(rows, columns=["id", "name", "affiliation", "aliases"])


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id → name, from the actors frame (``actors_frame``)."""
    return dict(zip(actors["id"], actors["name"], strict=True))


def actor_affiliations(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id → affiliation, from the actors frame (``actors_frame``)."""
    return dict(zip(actors["id"], actors["affiliation"], strict=True))


def to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain JSON-ready records with dates as ``YYYY-MM-DD``."""
    out = frame[RECORD_FIELDS].copy()
    for column in ("start", "end"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    out = out.astype(object).where(out.notna(), None)
    optional = set(OPTIONAL_TEXT)
    return [
        {str(key): (value or None) if key in optional else value for key, value in row.items()}
        for row in out.to_dict("records")
    ]


class ActorLookups:
    """An ``actors`` frame's lookups, made once: what a dataset or a view of it carries."""

    actors: pd.DataFrame

    @cached_property
    def names(self) -> dict[str, str]:
        """Actor id → name."""
        return actor_names(self.actors)

    @cached_property
    def affiliations(self) -> dict[str, str]:
        """Actor id → affiliation."""
        return actor_affiliations(self.actors)


@dataclass(frozen=True)
class Frames(ActorLookups):
    """A dataset ready to draw: its summary (no per-event models), the events frame and
    the actors frame."""

    data: Summary
    frame: pd.DataFrame
    actors: pd.DataFrame
    cached: bool = False  # served from the disk cache
    uploaded: bool = False  # opened from a session upload (the app sets it)
