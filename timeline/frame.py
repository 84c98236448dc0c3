"""A dataset as a pandas DataFrame (one row per valid event) and as plain records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.load import Dataset, ResolvedEvent

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
    "line",
]
# Fields a curator may leave out: "" in the frame (pandas would show a missing one as "nan"),
# null again in JSON records.
OPTIONAL_TEXT = ["when", "phrase_label", "date_note", "notes", "time", "quote"]
# What the JSON/CSV records carry: the columns less those kept for drawing and lookups.
FRAME_ONLY = ("outlet", "direction", "middle", "actor_names", "actor_terms", "affiliations")
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


def _row(item: ResolvedEvent, look: _Lookup) -> dict[str, Any]:
    event, span, ids = item.event, item.span, item.event.actors
    return {
        "id": event.id,
        "title": event.title,
        "source": event.source,
        "outlet": look.outlets[event.source],
        "when": event.when,
        "direction": event.direction,
        "start": span.start,
        "end": span.end,
        "middle": span.middle,
        "precision": span.precision,
        "label": span.label,
        "time": event.time,
        "how": _how(item),
        "pinned": item.pinned,
        "phrase_label": item.phrase.label if item.phrase else None,
        "date_note": event.date_note,
        "actors": list(ids),
        "actor_names": [look.names[a] for a in ids],
        "actor_terms": " ".join(look.terms[a] for a in ids),
        "affiliations": sorted({look.affiliation[a] for a in ids}),
        "kind": event.kind,
        "status": event.status,
        "quote": event.quote,
        "media": event.media.model_dump(exclude_none=True) if event.media else None,
        "figures": [f.model_dump(exclude_none=True) for f in event.figures]
        if event.figures
        else [],
        "tags": list(event.tags),
        "notes": event.notes,
        "line": item.line,
    }


def to_frame(data: Dataset) -> pd.DataFrame:
    """One row per valid event, in chronological order; dates as ``datetime64``."""
    look = _Lookup.of(data)
    frame = pd.DataFrame([_row(item, look) for item in data.events], columns=COLUMNS)
    for column in ("start", "end", "middle"):
        frame[column] = pd.to_datetime(frame[column])
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
