"""Filters over the events DataFrame: plain functions, no Streamlit.

Every filter is one row of ``FILTERS``, of one of four kinds: a pick-list (``Dimension``),
the any/all ``Mode`` of a pick-list, a ``DateRange`` and a ``Text`` search. From its row a
filter gets its function, its URL keys, its CLI flags and its words in an export's header;
``timeline.ui.widgets`` makes its sidebar widget from the row's kind. Adding a filter is
one row here (and a frame column to match), as Django's admin builds its filters from one
declaration.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from timeline.dataset.model import KINDS, STATUSES
from timeline.dataset.reports import disagreement
from timeline.dates import DateError, parse_pin

if TYPE_CHECKING:
    from timeline.state import Choices  # what a link may pick from (the same layer)

ActorMode = Literal["any", "all"]
Params = dict[str, str | list[str]]  # a link's query as written: a value or a list
Query = Mapping[str, Sequence[str]]  # a link's query as read: every value a list
Shown = Mapping[str, Mapping[str, str]]  # "actor" or "outlet" -> id -> the words shown


class Row:
    """One filter, declared once; each kind below says how its value is matched, written
    in a link and on the command line, and said in words. Its fields' defaults mean "no
    restriction", and are left out of links, flags and words."""

    name: str  # the session key f_<name>
    label: str  # the sidebar's label and the words in an export's header
    help: str  # the CLI's help; the sidebar's tooltip is its first clause

    def fields(self) -> dict[str, Any]:
        """The ``Filters`` fields this row sets, each with its "no restriction" value."""
        return {self.name: ""}

    def mask(self, frame: pd.DataFrame, f: Filters) -> pd.Series | None:
        """The rows this filter keeps, or None when it does not restrict."""
        return None

    def words(self, f: Filters, shown: Shown) -> str:
        """The filter in words ("Actors: Putin or Obama"), or "" when it does not restrict."""
        return ""

    def to_params(self, f: Filters) -> Params:
        """The filter in a link (empty values are left out)."""
        return {}

    def naming(self, f: Filters) -> list[str]:
        """Words for a file name of what the filter picks ("kadyrov", "dated")."""
        return []

    def from_params(self, query: Query, choices: Choices, notes: list[str]) -> dict[str, Any]:
        """The fields a link sets; what the link gets wrong goes to ``notes``."""
        return {}

    def add_flags(self, parser: argparse.ArgumentParser) -> None:
        """The filter's command-line flags, each stored under the field it sets."""

    def from_args(self, args: argparse.Namespace) -> dict[str, Any]:
        return {name: getattr(args, name) for name in self.fields()}


@dataclass(frozen=True)
class Dimension(Row):
    """A filter by picking values of a frame column: an event matches any of them."""

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
    metavar: str = ""  # the CLI's name for a value (default: the flag's word)

    def fields(self) -> dict[str, Any]:
        return {self.name: ()}

    def mask(self, frame: pd.DataFrame, f: Filters) -> pd.Series | None:
        chosen = getattr(f, self.name)
        if not chosen:
            return None
        column = frame[self.column]
        if self.at_least:
            return column >= max(int(v) for v in chosen)
        if self.anything and self.anything in chosen:
            return column.map(bool)
        mode: ActorMode = f.actor_mode if self.modal else "any"
        return _has(column, chosen, mode) if self.listed else column.isin(chosen)

    def words(self, f: Filters, shown: Shown) -> str:
        chosen = getattr(f, self.name)
        words = [shown.get(self.shown_as, {}).get(v) or spoken(self, v) for v in chosen]
        join = (" and " if f.actor_mode == "all" else " or ") if self.modal else ", "
        return f"{self.label}: {join.join(words)}" if chosen else ""

    def to_params(self, f: Filters) -> Params:
        return {self.key: list(getattr(f, self.name))}

    def naming(self, f: Filters) -> list[str]:
        return list(getattr(f, self.name))

    def from_params(self, query: Query, choices: Choices, notes: list[str]) -> dict[str, Any]:
        values = list(query.get(self.key) or [])
        return {self.name: known(values, getattr(choices, self.name), self.key, notes)}

    def add_flags(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            f"--{self.key}",
            dest=self.name,
            action="append",
            default=[],
            type=_count if self.at_least else str,  # a vocabulary is checked with the data,
            metavar=self.metavar or self.key.upper(),  # --status STATUS
            help=f"{self.help}: {', '.join(self.vocabulary)}" if self.vocabulary else self.help,
        )


def _count(text: str) -> str:
    """A number of outlets, 1 or more (kept as the text the filters compare)."""
    if not (text.isascii() and text.isdecimal() and int(text) >= 1):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of outlets (1, 2, 3 …)")
    return str(int(text))


def spoken(d: Dimension, value: str) -> str:
    """A value of ``d`` in words: "2 outlets", "anything", "the figure for …"."""
    if d.at_least:
        return f"{value} outlets"
    if d.anything and value == d.anything:
        return "anything"
    return disagreement(value) if d.shown_as == "disagreement" else value


@dataclass(frozen=True)
class Mode(Row):
    """How the values of the modal pick-list combine: the first option (any of them, the
    default) or the second (all of them), which the CLI's ``flag`` picks."""

    name: str
    key: str  # the URL key (?match=all)
    flag: str  # the CLI flag (--all-actors) that picks the second option
    label: str
    help: str
    options: tuple[tuple[str, str], ...] = (("any", "any of them"), ("all", "all of them"))

    def fields(self) -> dict[str, Any]:
        return {self.name: self.options[0][0]}

    def to_params(self, f: Filters) -> Params:
        value = getattr(f, self.name)
        return {self.key: value} if value != self.options[0][0] else {}

    def from_params(self, query: Query, choices: Choices, notes: list[str]) -> dict[str, Any]:
        text = first(query, self.key)
        if text is None or text in dict(self.options):
            return {self.name: text} if text else {}
        notes.append(f"ignored {self.key}={text!r} in the link: write {self.options[1][0]}")
        return {}

    def add_flags(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            f"--{self.flag}",
            dest=self.name,
            action="store_const",
            const=self.options[1][0],
            default=self.options[0][0],
            help=self.help,
        )


@dataclass(frozen=True)
class DateRange(Row):
    """Events whose span overlaps a range, either end open; both ends written
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` in a link and on the command line."""

    name: str  # the session key f_<name>
    keys: tuple[str, str]  # the URL keys and CLI flags of the start and the end
    label: str
    help: str
    ends: tuple[str, str] = ("start", "end")  # the Filters fields

    def fields(self) -> dict[str, Any]:
        return dict.fromkeys(self.ends)

    def _range(self, f: Filters) -> tuple[dt.date | None, dt.date | None]:
        return getattr(f, self.ends[0]), getattr(f, self.ends[1])

    def mask(self, frame: pd.DataFrame, f: Filters) -> pd.Series | None:
        start, end = self._range(f)
        return None if start is None and end is None else _in_dates(frame, start, end)

    def words(self, f: Filters, shown: Shown) -> str:
        start, end = self._range(f)
        return f"{self.label}: {start or '…'} to {end or '…'}" if start or end else ""

    def naming(self, f: Filters) -> list[str]:
        return ["dated"] if any(self._range(f)) else []

    def to_params(self, f: Filters) -> Params:
        dates = zip(self.keys, self._range(f), strict=True)
        return {key: day.isoformat() for key, day in dates if day}

    def from_params(self, query: Query, choices: Choices, notes: list[str]) -> dict[str, Any]:
        read = functools.partial(_date_param, query, bounds=choices.dates, notes=notes)
        ends = zip(self.ends, self.keys, (False, True), strict=True)
        return {field: read(key, end) for field, key, end in ends}

    def add_flags(self, parser: argparse.ArgumentParser) -> None:
        for key, field, end in zip(self.keys, self.ends, (False, True), strict=True):
            parser.add_argument(
                f"--{key}",
                dest=field,
                type=functools.partial(_date_arg, end=end),
                metavar="DATE",
                help=f"keep events {'starting on or before' if end else 'ending on or after'} "
                f"DATE: {DATE_FORMS} (a year or month {key} its {'last' if end else 'first'} day)",
            )


@dataclass(frozen=True)
class Text(Row):
    """Events with every word of a text in their title, quote, actor names or aliases."""

    name: str  # the Filters field and the session key f_<name>
    key: str  # the URL key (?q=…)
    flag: str  # the CLI flag (--search …)
    label: str
    help: str
    placeholder: str = ""  # the sidebar's hint in the empty box

    def mask(self, frame: pd.DataFrame, f: Filters) -> pd.Series | None:
        text = getattr(f, self.name)
        return search_mask(frame, text) if text.strip() else None

    def words(self, f: Filters, shown: Shown) -> str:
        text = getattr(f, self.name).strip()
        return f"{self.label}: “{text}”" if text else ""

    def naming(self, f: Filters) -> list[str]:
        return list(getattr(f, self.name).split())

    def to_params(self, f: Filters) -> Params:
        return {self.key: getattr(f, self.name)}

    def from_params(self, query: Query, choices: Choices, notes: list[str]) -> dict[str, Any]:
        """The link's search; past MAX_WORDS distinct words the rest are said unused."""
        text = first(query, self.key) or ""
        if len(set(text.lower().split())) > MAX_WORDS:
            notes.append(f"the search in the link uses its first {MAX_WORDS} distinct words only")
        return {self.name: text}

    def add_flags(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            f"--{self.flag}", dest=self.name, default="", metavar="WORDS", help=self.help
        )


FILTERS: tuple[Row, ...] = (
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
    Mode(
        "actor_mode",
        "match",
        "all-actors",
        "Events with",
        "with several actors: keep events that have all of them, not any",
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
    DateRange(
        "dates",
        ("from", "to"),
        "Date range",
        "keep events whose span overlaps the range",
    ),
    Text(
        "text",
        "q",
        "search",
        "Search",
        "keep events with every word in the title, quote or actor names (case does not matter)",
        placeholder="title, quote, actor or alias",
    ),
)
DIMENSIONS = tuple(row for row in FILTERS if isinstance(row, Dimension))  # the pick-lists
BY_NAME = {d.name: d for d in DIMENSIONS}
FIELDS = {name: value for row in FILTERS for name, value in row.fields().items()}
Picks = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, init=False)
class Filters:
    """What the user asked to see: the fields of the rows of ``FILTERS``, each a keyword
    and an attribute: ``Filters(actors=("putin",), start=day).actors``. A field left out
    means no restriction."""

    values: tuple[tuple[str, Any], ...] = ()  # the fields that restrict, in the table's order

    def __init__(self, *, picks: Picks = (), **chosen: Any) -> None:
        given = {**dict(picks), **chosen}
        unknown = set(given) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown filter field(s): {', '.join(sorted(unknown))}")
        values = [(k, _same_kind(FIELDS[k], given[k])) for k in FIELDS if k in given]
        object.__setattr__(self, "values", tuple((k, v) for k, v in values if v != FIELDS[k]))

    def __getattr__(self, name: str) -> Any:
        if name not in FIELDS:
            raise AttributeError(name)
        return dict(self.__dict__.get("values", ())).get(name, FIELDS[name])

    @property
    def picks(self) -> Picks:
        """The values picked in each pick-list, in the table's order; empty ones left out."""
        return tuple((name, value) for name, value in self.values if name in BY_NAME)


def _same_kind(default: Any, value: Any) -> Any:
    """Picked values as a tuple, whatever iterable they came in."""
    return tuple(value) if isinstance(default, tuple) else value


def params_of(f: Filters) -> Params:
    """The filters in a link; what does not restrict is left out."""
    params: Params = {}
    for row in FILTERS:
        params.update(row.to_params(f))
    return {key: value for key, value in params.items() if value}


def read_params(query: Query, choices: Choices, notes: list[str]) -> Filters:
    """The filters a link asks for, keeping only what ``choices`` offers."""
    fields: dict[str, Any] = {}
    for row in FILTERS:
        fields.update(row.from_params(query, choices, notes))
    return Filters(**fields)


def naming(f: Filters) -> list[str]:
    """Words for a file name of what ``f`` picks, in the table's order."""
    return [word for row in FILTERS for word in row.naming(f)]


def add_flags(parser: argparse.ArgumentParser) -> None:
    """Every filter's command-line flags."""
    for row in FILTERS:
        row.add_flags(parser)


def read_args(args: argparse.Namespace) -> Filters:
    """The filters the command line asks for."""
    return Filters(**{k: v for row in FILTERS for k, v in row.from_args(args).items()})


def first(query: Query, key: str) -> str | None:
    """The first value of ``key`` in a link, if any."""
    values = query.get(key) or []
    return values[0] if values else None


def known(
    values: Sequence[str], allowed: Sequence[str], key: str, notes: list[str]
) -> tuple[str, ...]:
    """The ``values`` of a link that are ``allowed``, once each; a note names the rest."""
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notes.append(f"ignored unknown {key} {', '.join(map(repr, unknown))} in the link")
    return tuple(dict.fromkeys(v for v in values if v in allowed))


DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DATE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")


def read_date(text: str, end: bool = False) -> dt.date:
    """One date syntax for links and the command line: ``2015-10-01`` a day, ``2015-10``
    and ``2015`` their first day (their last as the ``end`` of a range)."""
    if not _DATE.fullmatch(text.strip()):
        raise DateError(f"{text!r} is not a date: write {DATE_FORMS}")
    span = parse_pin(text.strip())
    return span.end if end else span.start


def _date_arg(text: str, end: bool) -> dt.date:
    try:
        return read_date(text, end)
    except DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _date_param(
    query: Query, key: str, end: bool, bounds: tuple[dt.date, dt.date] | None, notes: list[str]
) -> dt.date | None:
    """A date from a link, moved inside the dataset's span when outside it."""
    text = first(query, key)
    if not text:
        return None
    try:
        day = read_date(text, end)
    except DateError as err:
        notes.append(f"ignored {key}={text!r} in the link: {err}")
        return None
    if bounds and not bounds[0] <= day <= bounds[1]:
        near = min(max(day, bounds[0]), bounds[1])
        notes.append(
            f"{key}={text} in the link is outside the events' span ({bounds[0]} to "
            f"{bounds[1]}): {near} is used"
        )
        return near
    return day


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
    found = ((row.label.lower(), row.mask(frame, f)) for row in FILTERS)
    return {name: mask for name, mask in found if mask is not None}


def search_mask(frame: pd.DataFrame, text: str) -> pd.Series:
    """Case-insensitive match of every word of ``text`` in title, quote, actor names, aliases."""
    haystack = (frame["title"] + " " + frame["quote"] + " " + frame["actor_terms"]).str.lower()
    keep = pd.Series(True, index=frame.index)
    for word in search_words(text):
        keep &= haystack.str.contains(word, regex=False)
    return keep


MAX_WORDS = 20  # search words used; a word repeated counts once


def search_words(text: str) -> list[str]:
    """The distinct words of a search, lower-case, the first MAX_WORDS of them (50,000
    repeated words in a link cost one pass over the events per word otherwise)."""
    return list(dict.fromkeys(text.lower().split()))[:MAX_WORDS]


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
    return " · ".join(w for row in FILTERS if (w := row.words(f, shown))) or NONE_CHOSEN
