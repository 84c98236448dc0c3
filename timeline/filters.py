"""Filters over the events DataFrame: plain functions, no Streamlit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

ActorMode = Literal["any", "all"]


@dataclass(frozen=True)
class Filters:
    """What the user asked to see. Empty choices mean "no restriction"."""

    actors: tuple[str, ...] = ()
    actor_mode: ActorMode = "any"
    affiliations: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""


def _has(column: pd.Series, wanted: Iterable[str], mode: ActorMode = "any") -> pd.Series:
    """Rows whose list in ``column`` holds any (or all) of ``wanted``."""
    wanted = set(wanted)
    if mode == "all":
        return column.map(wanted.issubset)
    return column.map(lambda values: not wanted.isdisjoint(values))


def _in_dates(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """Rows whose span overlaps ``[start, end]``."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["end"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["start"] <= pd.Timestamp(end)
    return keep


def masks(frame: pd.DataFrame, f: Filters) -> dict[str, pd.Series]:
    """One boolean mask per active filter, named as the user would name it."""
    out: dict[str, pd.Series] = {}
    if f.actors:
        out["actors"] = _has(frame["actors"], f.actors, f.actor_mode)
    if f.affiliations:
        out["affiliation"] = _has(frame["affiliations"], f.affiliations)
    for name, column, chosen in (
        ("kind", "kind", f.kinds),
        ("status", "status", f.statuses),
        ("source", "source", f.sources),
    ):
        if chosen:
            out[name] = frame[column].isin(chosen)
    if f.start is not None or f.end is not None:
        out["date range"] = _in_dates(frame, f.start, f.end)
    if f.text.strip():
        out["search"] = search_mask(frame, f.text)
    return out


def search_mask(frame: pd.DataFrame, text: str) -> pd.Series:
    """Case-insensitive match of every word of ``text`` in title, quote, actor names, aliases."""
    haystack = (frame["title"] + " " + frame["quote"] + " " + frame["actor_terms"]).str.lower()
    keep = pd.Series(True, index=frame.index)
    for word in text.lower().split():
        keep &= haystack.str.contains(word, regex=False)
    return keep


def apply(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass every filter in ``f``."""
    keep = pd.Series(True, index=frame.index)
    for mask in masks(frame, f).values():
        keep &= mask
    return frame[keep]


def explain_empty(frame: pd.DataFrame, f: Filters) -> list[str]:
    """Why no event passes ``f``: which filters to clear, and how much each would bring back."""
    if frame.empty:
        return ["The dataset has no valid events."]
    active = masks(frame, f)
    notes = [
        f"The {name} filter alone matches no event." for name, m in active.items() if not m.any()
    ]
    for name in active:
        keep = pd.Series(True, index=frame.index)
        for other, mask in active.items():
            if other != name:
                keep &= mask
        if keep.any():
            count = int(keep.sum())
            notes.append(
                f"Clearing the {name} filter would show {count} event{'s' * (count != 1)}."
            )
    return notes or ["No single filter empties the view: clear several, or press Reset."]


def describe(
    f: Filters, names: dict[str, str] | None = None, outlets: dict[str, str] | None = None
) -> str:
    """The filters in words, for a deck's title slide or an export's header: actors by
    their ``names``, sources by their ``outlets`` (kept apart: an actor and a source may
    share an id)."""
    names, outlets = names or {}, outlets or {}
    join = " and " if f.actor_mode == "all" else " or "
    parts = []
    if f.actors:
        parts.append("Actors: " + join.join(names.get(a, a) for a in f.actors))
    for label, chosen in (
        ("Affiliation", f.affiliations),
        ("Kind", f.kinds),
        ("Status", f.statuses),
        ("Source", tuple(outlets.get(s, s) for s in f.sources)),
    ):
        if chosen:
            parts.append(f"{label}: {', '.join(chosen)}")
    if f.start or f.end:
        parts.append(f"Dates: {f.start or '…'} to {f.end or '…'}")
    if f.text.strip():
        parts.append(f"Search: “{f.text.strip()}”")
    return " · ".join(parts) or "All events"
