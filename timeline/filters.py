"""Filters over the events DataFrame: plain functions, no Streamlit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from timeline.model import KINDS, STATUSES
from timeline.reports import disagreement

ActorMode = Literal["any", "all"]


@dataclass(frozen=True)
class Dimension:
    """One way to narrow the events by picking values, declared once: the filter function,
    the URL keys, the sidebar widgets, the CLI flags and the filters in words are all made
    from these rows. Adding a dimension is one row here (and a frame column to match)."""

    name: str  # the Filters field, and the session key f_<name>
    column: str  # the events frame column it matches
    key: str  # the URL key (?actor=…) and the CLI flag (--actor …)
    label: str  # the sidebar's label and the words in an export's header
    help: str  # the CLI's help and the sidebar's tooltip
    listed: bool = False  # the column holds a list per event: an event matches any of them
    vocabulary: tuple[str, ...] = ()  # a closed set of values, in the order shown
    offered: str = ""  # the actors table's column that lists the choices (else the events')
    shown_as: str = ""  # "actor" or "outlet": values are shown by name, not id
    modal: bool = False  # with several values, "any" or "all" of them (Filters.actor_mode)
    at_least: bool = False  # the column is a count: keep events with at least the value
    anything: str = ""  # a value that keeps every event whose list is not empty
    metavar: str = ""  # the CLI's name for a value (default: from the label)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "actors",
        "actors",
        "actor",
        "Actors",
        "keep events with this actor (repeat for several)",
        listed=True,
        offered="id",
        shown_as="actor",
        modal=True,
    ),
    Dimension(
        "affiliations",
        "affiliations",
        "affiliation",
        "Affiliation",
        "keep events with an actor of this affiliation, e.g. Russia (repeat for several)",
        listed=True,
        offered="affiliation",
    ),
    Dimension("kinds", "kind", "kind", "Kind", "keep events of this kind", vocabulary=KINDS),
    Dimension(
        "statuses",
        "status",
        "status",
        "Status",
        "keep events with this status",
        vocabulary=STATUSES,
    ),
    Dimension(
        "sources",
        "sources",
        "source",
        "Source",
        "keep events from this source id (the event's own or a further report's)",
        listed=True,
        shown_as="outlet",
    ),
    Dimension(
        "tags", "tags", "tag", "Tags", "keep events with this tag (repeat for several)", True
    ),
    Dimension(
        "outlets",
        "outlets",
        "outlets",
        "Reported by at least",
        "keep events reported by at least N independent outlets (relays count once)",
        shown_as="count",
        at_least=True,
        metavar="N",
    ),
    Dimension(
        "disagree",
        "disagree",
        "disagree",
        "Sources disagree on",
        "keep events whose sources disagree: any, date, status or figure:MEASURE",
        listed=True,
        shown_as="disagreement",
        anything="any",
        metavar="WHAT",
    ),
)
BY_NAME = {d.name: d for d in DIMENSIONS}
Picks = tuple[tuple[str, tuple[str, ...]], ...]


def _picks(values: Mapping[str, Iterable[str]]) -> Picks:
    """The chosen values of each dimension, in the table's order; empty ones left out."""
    unknown = set(values) - set(BY_NAME)
    if unknown:
        raise TypeError(f"unknown filter dimension(s): {', '.join(sorted(unknown))}")
    return tuple((d.name, tuple(values[d.name])) for d in DIMENSIONS if values.get(d.name))


@dataclass(frozen=True, init=False)
class Filters:
    """What the user asked to see. Empty choices mean "no restriction". Each dimension's
    choice is a keyword and an attribute: ``Filters(actors=("putin",)).actors``."""

    picks: Picks = ()
    actor_mode: ActorMode = "any"
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""

    def __init__(
        self,
        *,
        actor_mode: ActorMode = "any",
        start: dt.date | None = None,
        end: dt.date | None = None,
        text: str = "",
        picks: Picks = (),
        **chosen: Iterable[str],
    ) -> None:
        object.__setattr__(self, "picks", _picks({**dict(picks), **chosen}))
        object.__setattr__(self, "actor_mode", actor_mode)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if name not in BY_NAME:
            raise AttributeError(name)
        return dict(self.picks).get(name, ())


def offered(d: Dimension, frame: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    """The values a user may pick for ``d``: a closed vocabulary in its own order, actors in
    the dataset's order, anything else sorted."""
    if d.at_least:
        most = int(frame[d.column].max()) if len(frame) else 1
        return [str(n) for n in range(2, most + 1)]
    if d.offered:
        values = list(actors[d.offered])
    else:
        column = frame[d.column]
        values = list(column.explode().dropna() if d.listed else column)
    present = set(values)
    if d.anything and present:
        return [d.anything, *sorted(present)]
    if d.vocabulary:
        return [v for v in d.vocabulary if v in present]
    return list(dict.fromkeys(values)) if d.shown_as == "actor" else sorted(present)


def _has(column: pd.Series, wanted: Iterable[str], mode: ActorMode = "any") -> pd.Series:
    """Rows whose list in ``column`` holds any (or all) of ``wanted``."""
    wanted = set(wanted)
    if mode == "all":
        return column.map(wanted.issubset)
    return column.map(lambda values: not wanted.isdisjoint(values))


def _mask(d: Dimension, column: pd.Series, chosen: tuple[str, ...], mode: ActorMode) -> pd.Series:
    """The rows that ``chosen`` values of ``d`` keep."""
    if d.at_least:
        return column >= max(int(v) for v in chosen)
    if d.anything and d.anything in chosen:
        return column.map(bool)
    return _has(column, chosen, mode) if d.listed else column.isin(chosen)


def spoken(d: Dimension, value: str) -> str:
    """A value of ``d`` in words: "2 outlets", "anything", "the figure for …"."""
    if d.at_least:
        return f"{value} outlets"
    if value == d.anything:
        return "anything" if value else value
    return disagreement(value) if d.shown_as == "disagreement" else value


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
    for name, chosen in f.picks:
        d = BY_NAME[name]
        column = frame[d.column]
        out[d.label.lower()] = _mask(d, column, chosen, f.actor_mode if d.modal else "any")
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


NONE_CHOSEN = "All events"


def describe(
    f: Filters, names: dict[str, str] | None = None, outlets: dict[str, str] | None = None
) -> str:
    """The filters in words, for a deck's title slide or an export's header: actors by
    their ``names``, sources by their ``outlets`` (kept apart: an actor and a source may
    share an id)."""
    shown = {"actor": names or {}, "outlet": outlets or {}}
    parts = []
    for name, chosen in f.picks:
        d = BY_NAME[name]
        words = [shown.get(d.shown_as, {}).get(v) or spoken(d, v) for v in chosen]
        join = (" and " if f.actor_mode == "all" else " or ") if d.modal else ", "
        parts.append(f"{d.label}: {join.join(words)}")
    if f.start or f.end:
        parts.append(f"Dates: {f.start or '…'} to {f.end or '…'}")
    if f.text.strip():
        parts.append(f"Search: “{f.text.strip()}”")
    return " · ".join(parts) or NONE_CHOSEN
