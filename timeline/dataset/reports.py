"""One event, several reports: where their dates agree, how many independent outlets
they are, and what they disagree on. Plain functions over spans and sources; the loader
calls them and the frame carries what they find (``reports``, ``outlets``, ``disagree``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.dataset.model import Figure, Source
from timeline.dates import Span, day_label, range_span
from timeline.text import is_web

# How the chart marks an event by its reports (drawn by the live view): a count beside a
# corroborated marker, a sign beside one whose sources disagree, and the legend's words.
REPORT_MARKS: dict[str, dict[str, str]] = {
    "corroborated": {
        "symbol": "circle",
        "text": "×{n}",  # the number of independent outlets
        "colour": "#1b7837",
        "legend": "reported by {n} independent outlets",
    },
    "disagree": {
        "symbol": "x-thin-open",
        "text": "≠",
        "colour": "#b2182b",
        "legend": "sources disagree (date, status or a figure)",
    },
}


@dataclass(frozen=True)
class Reading:
    """What one report of an event says: its article, phrase, span and status."""

    source: str
    outlet: str
    when: str | None
    span: Span
    quote: str | None
    status: str
    url: str | None = None
    figures: tuple[Figure, ...] = ()
    pinned: bool = False  # the span is a pin, not what ``when`` reads as
    via: str | None = None  # the outlet (or agency) a relayed copy comes from

    @property
    def phrase(self) -> str:
        """How the report gives its date: its phrase, and whether it is pinned."""
        if self.pinned:
            return f"{self.when}, pinned" if self.when else "pinned"
        return self.when or ""

    def says(self) -> str:
        """ "Breitbart News says 30 Sep 2015 (on Wednesday)"."""
        phrase = f" ({self.phrase})" if self.phrase else ""
        return f"{self.outlet} says {self.span.label}{phrase}"

    def record(self) -> dict[str, str | None]:
        """The report as the frame and the exports carry it."""
        return {
            "source": self.source,
            "outlet": self.outlet,
            "when": self.when,
            "start": self.span.start.isoformat(),
            "end": self.span.end.isoformat(),
            "label": self.span.label,
            "quote": self.quote,
            "status": self.status,
            "url": self.url,
            "via": self.via,
        }


# --- dates ------------------------------------------------------------------------------


def intersect(spans: Sequence[Span]) -> tuple[int, int] | None:
    """The day numbers (ordinals) every span covers, or None when they share no day."""
    start = max(s.start.toordinal() for s in spans)
    end = min(s.end.toordinal() for s in spans)
    return (start, end) if start <= end else None


MAX_PAIRS = 5  # disagreeing pairs named in one warning


def clashes(readings: Sequence[Reading]) -> list[tuple[int, int]]:
    """Pairs of readings (by index, in order) whose spans share no day: those against the
    reading that ends first and the one that starts last (none when all share a day).
    Linear in the readings; at most ``MAX_PAIRS``."""
    first = min(range(len(readings)), key=lambda i: readings[i].span.end)
    last = max(range(len(readings)), key=lambda i: readings[i].span.start)
    pairs = [(first, i) for i, r in enumerate(readings) if r.span.start > readings[first].span.end]
    pairs += [(i, last) for i, r in enumerate(readings) if r.span.end < readings[last].span.start]
    return sorted({(min(p), max(p)) for p in pairs})[:MAX_PAIRS]


def _named(readings: Sequence[Reading]) -> str:
    said = [f"{r.outlet} ({r.phrase}: {r.span.label})" for r in readings]
    return " and ".join([", ".join(said[:-1]), said[-1]]) if len(said) > 1 else said[0]


def agreed(readings: Sequence[Reading]) -> Span | None:
    """Where every reading's span agrees, with ``how`` naming the reports; a span that is
    exactly one reading's keeps its precision and label. None: no day is shared."""
    days = intersect([r.span for r in readings])
    if days is None:
        return None
    how = f"where the reports agree: {_named(readings)}"
    for r in readings:
        if (r.span.start.toordinal(), r.span.end.toordinal()) == days:
            return Span(r.span.start, r.span.end, r.span.precision, r.span.label, how)
    first, last = (day_of(d) for d in days)
    return range_span(_day(first, how), _day(last, how), how)


def union(readings: Sequence[Reading]) -> Span:
    """Every day any reading gives: the event drawn over its sources' disagreement."""
    first = min(r.span.start for r in readings)
    last = max(r.span.end for r in readings)
    how = f"the reports disagree, drawn over all they say: {_named(readings)}"
    return range_span(_day(first, how), _day(last, how), how)


def day_of(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _day(day: dt.date, how: str) -> Span:
    return Span(day, day, "day", day_label(day), how)


# --- outlets ----------------------------------------------------------------------------


def origins(sources: Mapping[str, Source]) -> dict[str, str]:
    """Each source's origin: where it comes from, following ``via`` (a source id or an
    agency's name) to its end. Relays of one origin are one outlet, not several."""
    return {ident: _origin(ident, sources) for ident in sources}


def _origin(ident: str, sources: Mapping[str, Source]) -> str:
    seen = {ident}
    source = sources[ident]
    while source.via is not None:
        if source.via not in sources or source.via in seen:  # an agency, or a loop: stop
            return source.via.casefold()
        seen.add(source.via)
        source = sources[source.via]
    return source.outlet.casefold()


def relayed_from(source: Source, sources: Mapping[str, Source]) -> str | None:
    """The outlet or agency a relayed copy names in ``via`` (None: not a relay)."""
    if source.via is None:
        return None
    return sources[source.via].outlet if source.via in sources else source.via


def independent(readings: Sequence[Reading], origin: Mapping[str, str]) -> int:
    """How many independent outlets the readings are (relays of one origin count once)."""
    return len({origin.get(r.source, r.source) for r in readings})


# --- status and figures -----------------------------------------------------------------

STATUS_CLASHES = (
    frozenset({"confirmed", "claimed"}),
    frozenset({"confirmed", "disputed"}),
    frozenset({"reported", "disputed"}),
)


def status_clash(readings: Sequence[Reading]) -> tuple[int, int] | None:
    """The first pair of readings whose statuses disagree (confirmed against claimed or
    disputed; reported against disputed), or None. Linear: by each status's first reading."""
    first: dict[str, int] = {}
    for i, r in enumerate(readings):
        first.setdefault(r.status, i)
    found = [
        tuple(sorted(first[s] for s in pair)) for pair in STATUS_CLASHES if pair <= first.keys()
    ]
    return min(found) if found else None  # type: ignore[return-value]


_BOUNDS = {  # what a qualified figure allows, as factors of its value
    "exactly": (1.0, 1.0),
    "about": (0.95, 1.05),
    "nearly": (0.95, 1.0),
    "over": (1.0, math.inf),
    "at least": (1.0, math.inf),
    "up to": (0.0, 1.0),
}


def bounds(figure: Figure) -> tuple[float, float]:
    """The values a figure allows: its ``low``/``high`` when given, else its qualifier's."""
    below, above = _BOUNDS[figure.qualifier]
    low = figure.low if figure.low is not None else figure.value * below
    high = figure.high if figure.high is not None else figure.value * above
    return min(low, high), max(low, high)


def figure_clashes(readings: Sequence[Reading]) -> list[tuple[str, int, int]]:
    """Each measure (with its unit) on which two readings give figures that cannot both be
    right, with the pair: ``(measure, i, j)``: the reading whose lowest allowed value is
    highest against the one whose highest is lowest. Linear in the figures."""
    highest_low: dict[tuple[str, str], tuple[float, int]] = {}
    lowest_high: dict[tuple[str, str], tuple[float, int]] = {}
    for i, r in enumerate(readings):
        for f in r.figures:
            low, high = bounds(f)
            key = (f.measure, f.unit)
            if key not in highest_low or low > highest_low[key][0]:
                highest_low[key] = (low, i)
            if key not in lowest_high or high < lowest_high[key][0]:
                lowest_high[key] = (high, i)
    found = []
    for key, (low, i) in highest_low.items():
        high, j = lowest_high[key]
        if high < low and i != j:
            found.append((key[0], min(i, j), max(i, j)))
    return found


def joined(outlets: Sequence[str]) -> str:
    """ "AFP, Breitbart News and GlobalPost": each outlet once, in order."""
    names = list(dict.fromkeys(outlets))
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def reported_by(outlets: Sequence[str]) -> str:
    """ "Reported by AFP and Breitbart News"."""
    return f"Reported by {joined(outlets)}"


def disagreement(value: str) -> str:
    """What a ``disagree`` entry says: "the date", "the status", "the figure for …"."""
    return "the " + value.replace("figure:", "figure for ", 1)


def summary(reports: Sequence[Mapping[str, object]], disagree: Sequence[str]) -> str:
    """ "Reported by AFP and Breitbart News; they disagree on the date" for an event with
    several reports ("" for one with its own alone): what the briefing and slides say."""
    if not reports:
        return ""
    line = reported_by([str(r["outlet"]) for r in reports])
    if disagree:
        line += "; they disagree on " + " and ".join(disagreement(d) for d in disagree)
    return line


# --- curation: which known event may a new article's statement be a further report of ---

_COMMON = (
    "a an the and or but of in on at to for from by with as is are was were be been has have "
    "had it its this that these those he she they his her their said says say will would "
    "not no than then there which who what when where after before about into over"
)
STOPWORDS = frozenset(_COMMON.split())
LONG = 36  # months: an event longer than this is checked against every candidate
MATCH_WORDS = 0.2  # the share of words a title or quote must have in common to look alike


def words(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-case, for comparing a sentence with an event."""
    found = (w.strip(".,;:!?\"'“”‘’()[]—–-").lower() for w in text.split())
    return frozenset(w for w in found if len(w) > 2 and w not in STOPWORDS)


def _months(start: dt.date, end: dt.date) -> range:
    return range(start.year * 12 + start.month - 1, end.year * 12 + end.month)


@dataclass(frozen=True)
class Known:
    """What a known event offers to a comparison: its days, actors and words."""

    id: str
    start: dt.date
    end: dt.date
    actors: frozenset[str]
    words: frozenset[str]
    kind: str = ""


class EventIndex:
    """The known events by the months they cover, so that a candidate is compared with
    the events of its own months only (and the few longer than ``LONG`` months), never
    with every event of the dataset."""

    def __init__(self, known: Sequence[Known]) -> None:
        self.months: dict[int, list[Known]] = {}
        self.long: list[Known] = []
        for event in known:
            span = _months(event.start, event.end)
            if len(span) > LONG:
                self.long.append(event)
                continue
            for month in span:
                self.months.setdefault(month, []).append(event)

    def near(self, start: dt.date, end: dt.date) -> list[Known]:
        """The known events whose days overlap ``start``–``end`` (none for a candidate
        vaguer than ``LONG`` months: too vague to say which event it reports)."""
        span = _months(start, end)
        if len(span) > LONG:
            return []
        seen: dict[str, Known] = {}
        for event in (e for m in span for e in self.months.get(m, ())):
            seen.setdefault(event.id, event)
        near = [*seen.values(), *self.long]
        return [e for e in near if e.start <= end and start <= e.end]


def further_report_of(
    index: EventIndex, span: Span, actors: Sequence[str], sentence: str, kind: str = ""
) -> list[tuple[str, str]]:
    """The known events a candidate may be a further report of: overlapping days and a
    shared actor or words alike; each with why, the likeliest first (words alike count
    twice, then the actors in common, the same kind, and how closely the days agree)."""
    said, mine = words(sentence), set(actors)
    found = []
    for event in index.near(span.start, span.end):
        shared = sorted(mine & event.actors)
        alike = len(said & event.words) / max(1, min(len(said), len(event.words)))
        if shared or alike >= MATCH_WORDS:
            why = ["overlapping dates"]
            why += [f"shared actor {', '.join(shared)}"] if shared else []
            why += [f"{alike:.0%} of words alike"] if alike >= MATCH_WORDS else []
            score = 2 * alike + len(shared) / len(mine | event.actors)
            score += 0.5 * (kind == event.kind) + _closeness(span, event)
            found.append((score, event.id, ", ".join(why)))
    return [(ident, why) for _, ident, why in sorted(found, key=lambda f: -f[0])]


def _closeness(span: Span, event: Known) -> float:
    """The days both give as a share of the days either gives (1: the very same days)."""
    shared = (min(span.end, event.end) - max(span.start, event.start)).days + 1
    either = (max(span.end, event.end) - min(span.start, event.start)).days + 1
    return max(0, shared) / either


def index_of(frame: pd.DataFrame) -> EventIndex:
    """The index of an events frame (``id, start, end, actors, title, quote``)."""
    said = frame["title"].fillna("").astype(str) + " " + frame["quote"].fillna("").astype(str)
    texts = said.map(words)  # an event with no quote has its title alone
    rows = zip(frame["id"], frame["start"], frame["end"], frame["actors"], texts, strict=True)
    kinds = list(frame["kind"])
    return EventIndex(
        [
            Known(ident, start.date(), end.date(), frozenset(actors), said, kinds[i])
            for i, (ident, start, end, actors, said) in enumerate(rows)
        ]
    )


# --- the event sheet --------------------------------------------------------------------


def sheet_lines(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The event sheet's lines for an event with several reports: who reports it, what
    they disagree on, and each report (its phrase and reading, status, citation, quote)."""
    if not row["reports"]:
        return []
    n = int(row["outlets"])
    outlets = [str(r["outlet"]) for r in row["reports"]]
    count = f"{n} independent outlet{'s' * (n != 1)}"
    lines = [("Reported by", f"{joined(outlets)} ({count})")]
    if row["disagree"]:
        lines.append(("Sources disagree on", ", ".join(disagreement(d) for d in row["disagree"])))
    first, *further = row["reports"]  # the first is the event's own: its quote is the sheet's
    lines.append((_report_label(first), _report_text(first, quoted=False)))
    return lines + [(_report_label(r), _report_text(r)) for r in further]


def _report_label(report: Mapping[str, Any]) -> str:
    via = f" (via {report['via']})" if report.get("via") else ""
    return f"{report['outlet']}{via}"


def _report_text(report: Mapping[str, Any], quoted: bool = True) -> str:
    said = f"“{report['when']}”, which reads as " if report.get("when") else "pinned to "
    quote = f" · “{report['quote']}”" if quoted and report.get("quote") else ""
    return f"{said}{report['label']} · {report['status']}{quote}"


def sheet_links(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A link to each further report's article (the event's own is the sheet's own link)."""
    return [
        (f"Open the {r['outlet']} article", str(r["url"]))
        for r in list(row["reports"])[1:]
        if isinstance(r.get("url"), str) and is_web(r["url"])
    ]
