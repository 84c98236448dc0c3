"""A dataset as a pandas DataFrame (one row per valid event) and as plain records."""

from __future__ import annotations

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
    "figures",
    "tags",
    "notes",
    "line",
]
RECORD_FIELDS = [
    "id",
    "title",
    "source",
    "when",
    "start",
    "end",
    "precision",
    "label",
    "how",
    "pinned",
    "phrase_label",
    "date_note",
    "actors",
    "kind",
    "status",
    "quote",
    "figures",
    "tags",
]


def _row(item: ResolvedEvent, data: Dataset) -> dict[str, Any]:
    event, span = item.event, item.span
    actors = [data.actors[a] for a in event.actors]
    how = span.how
    if item.pinned and item.phrase is not None:
        phrase = item.phrase
        how += f"; the article's {event.when!r} reads as {phrase.label} ({phrase.how})"
    return {
        "id": event.id,
        "title": event.title,
        "source": event.source,
        "outlet": data.sources[event.source].outlet,
        "when": event.when,
        "direction": event.direction,
        "start": span.start,
        "end": span.end,
        "middle": span.middle,
        "precision": span.precision,
        "label": span.label,
        "how": how,
        "pinned": item.pinned,
        "phrase_label": item.phrase.label if item.phrase else None,
        "date_note": event.date_note,
        "actors": list(event.actors),
        "actor_names": [a.name for a in actors],
        "actor_terms": " ".join(term for a in actors for term in (a.name, *a.aliases)),
        "affiliations": sorted({a.affiliation for a in actors}),
        "kind": event.kind,
        "status": event.status,
        "quote": event.quote,
        "figures": [f.model_dump(exclude_none=True) for f in event.figures],
        "tags": list(event.tags),
        "notes": event.notes,
        "line": item.line,
    }


def to_frame(data: Dataset) -> pd.DataFrame:
    """One row per valid event, in chronological order; dates as ``datetime64``."""
    frame = pd.DataFrame([_row(item, data) for item in data.events], columns=COLUMNS)
    for column in ("start", "end", "middle"):
        frame[column] = pd.to_datetime(frame[column])
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
    return [{str(key): value for key, value in row.items()} for row in out.to_dict("records")]
