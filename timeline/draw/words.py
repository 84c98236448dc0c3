"""The words of a row, as every output writes them: the date label, the date line (with
the article's phrase when it was pinned), the actors line and the hover."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from timeline.text import printable, quoted

HOVER_ACTORS = 8  # actors named in a hover; the rest are counted


def esc(text: object) -> str:
    """Dataset text as literal text inside Plotly's HTML-like labels."""
    return html.escape(printable(text), quote=False)  # no ESC or BEL: an SVG is XML


def _text(value: Any) -> str:
    """An optional text field as text: "" when the curator left it out."""
    return value.strip() if isinstance(value, str) else ""


def dated(row: Mapping[Any, Any]) -> str:
    """ "10 Dec 1815, 17:16": the date label, with the time of day when there is one."""
    time = _text(row.get("time"))
    return f"{row['label']}, {time}" if time else str(row["label"])


def said_otherwise(row: Mapping[Any, Any]) -> bool:
    """Whether the event is pinned and its source's phrase says something other than the
    label (an import's displayed date usually says just what the label does)."""
    when = _text(row.get("when"))
    return bool(row.get("pinned") and when and when != row["label"])


def date_line(row: Mapping[Any, Any]) -> str:
    """ "2 Sep 2014 — the article says “last September”" for a pinned phrase (unless it says
    just what the label does), else the label (with the time of day)."""
    if said_otherwise(row):
        return f"{dated(row)} — the article says {quoted(_text(row.get('when')))}"
    return dated(row)


def actors_line(names: Sequence[str], most: int = HOVER_ACTORS) -> str:
    """ "A, B, C and 4,990 more": a hover stays short whatever an event's actor count."""
    more = len(names) - most
    return ", ".join(names[:most]) + (f" and {more:,} more" if more > 0 else "")


def hover_text(rows: pd.DataFrame) -> list[str]:
    return [
        f"<b>{esc(r['title'])}</b><br>{esc(date_line(r))}"
        f"<br>Actors: {esc(actors_line(r['actor_names']))}"
        f"<br>Status: {esc(r['status'])} · {esc(r['kind'])}<br>Source: {esc(r['outlet'])}"
        for r in rows[HOVERED].to_dict("records")
    ]


# What a hover reads of a row (to_dict of these alone: a third of the time of all columns).
HOVERED = ["title", "label", "time", "when", "pinned", "actor_names", "status", "kind", "outlet"]
