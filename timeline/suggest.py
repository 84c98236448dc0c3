"""Curation assistant: a new article → candidate events for a curator to review.

Finds every dated statement (one candidate per date phrase), resolves the phrase with
the same normaliser as ``events.yaml`` (so a candidate's span is the span the event
will get), matches known actors and their aliases, flags new names, suggests a kind
and status from cue words, and notices candidates that look like events already in
the dataset. It never writes to a dataset; it returns data and YAML text.

Phrases are found by the project's own patterns first (dateparser's
``search_dates`` misses "mid-June" and "last August" and reads "we" as Wednesday),
then by ``search_dates`` for anything else, kept only when it holds a real date word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import pandas as pd
from dateparser.search import search_dates

from timeline.curate.kinds import propose_kind
from timeline.curate.names import name_spans
from timeline.dataset import reports
from timeline.dataset.articles import fold_text
from timeline.dataset.cache import frames_of
from timeline.dataset.frame import Frames
from timeline.dataset.types import Dataset, Summary
from timeline.dates import (
    FIND_YEAR,
    MONTH_WORDS,
    WEEKDAY_WORDS,
    DateError,
    Direction,
    Span,
    day_label,
    either,
    normalise,
    overlaps,
    read_with,
    rule_matches,
)
from timeline.ids import slug

MONTHS = either(MONTH_WORDS)  # the date words, from the one set of lists the rules use
WEEKDAYS = either(WEEKDAY_WORDS)
YEAR = FIND_YEAR
DATE_WORD = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS}|yesterday|today|tomorrow|{YEAR})\b|"
    r"\b(?:last|next|this) (?:week|month|year)\b"
)
STATUS_CUES = [
    ("disputed", re.compile(r"\b(?:denied|denies|deny|disputed|rejected)\b", re.I)),
    ("claimed", re.compile(r"\b(?:claim(?:s|ed)?|allegedly|alleged)\b", re.I)),
]
NOT_NAMES = {
    "In",
    "On",
    "At",
    "The",
    "A",
    "An",
    "But",
    "And",
    "Since",
    "From",
    "Outside",
    "More",
    "Please",
    "While",
    "Among",
    "According",
    "Quoting",
    "There",
    "These",
    "Our",
}


@dataclass(frozen=True)
class Phrase:
    """A date phrase in a sentence, and what it resolves to (``span`` None: needs a pin)."""

    text: str
    start: int
    span: Span | None
    direction: Direction
    note: str


@dataclass
class Candidate:
    """One suggested event: a dated statement, ready for review."""

    id: str
    title: str
    sentence: str
    phrase: Phrase
    actors: list[str]
    new_names: list[str]
    kind: str
    kind_cue: str
    status: str
    status_cue: str
    duplicates: list[str] = field(default_factory=list)
    reports_of: list[tuple[str, str]] = field(default_factory=list)  # (event id, why)


# --- sentences and phrases ----------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The article's sentences, verbatim (a paragraph break always ends one)."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"’']))\s+(?=[“\"A-Z])", paragraph.strip())
        out += [p.strip() for p in parts if len(p.strip()) > 1]
    return out


def _search_matches(
    sentence: str, base: dt.date, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """What dateparser's search adds, kept only with a real date word and no overlap."""
    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day)}
    try:
        found = search_dates(sentence, languages=["en"], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd text
        return []
    extra: list[tuple[int, int]] = []
    for text, _ in found:
        words = DATE_WORD.search(text)
        if re.fullmatch(rf"\W*(?:{MONTHS}|{WEEKDAYS})\W*", text):
            continue  # "May" alone is as likely a name or a verb; the rules catch "in May"
        start = sentence.find(text)
        if words and start >= 0 and not overlaps(start, start + len(text), [*taken, *extra]):
            extra.append((start + words.start(), start + words.end()))
    return extra


def _resolve(text: str, published: dt.date, sentence: str) -> Phrase:
    """Read with ``direction: auto``: the verb that governs the phrase decides, else the
    nearer reading; the direction that read it is kept for the event."""
    try:
        span, direction = read_with(text, published, "auto", sentence, None)
    except DateError as err:
        note = f"no date of its own ({err}); pin it with `date:` and a `date_note:`"
        return Phrase(text, 0, None, "past", note)
    return Phrase(text, 0, span, direction, f"{span.label} ({span.precision}): {span.how}")


HEDGE = re.compile(r"\b(?:about|around|circa|c\.|approximately|roughly) $", re.I)


def _hedged(sentence: str, start: int) -> int:
    """Where a phrase starts with the hedge before it ("about two weeks ago"): the
    normaliser reads it as approximate."""
    found = HEDGE.search(sentence[max(0, start - 16) : start])
    return start - len(found.group(0)) if found else start


def phrases(sentence: str, published: dt.date) -> list[Phrase]:
    """Every date phrase in ``sentence``, resolved against ``published``."""
    spots = rule_matches(sentence)
    spots += _search_matches(sentence, published, spots)
    spots = [(_hedged(sentence, start), end) for start, end in spots]
    return [
        replace(_resolve(sentence[start:end], published, sentence), start=start)
        for start, end in sorted(spots)
    ]


# --- actors, kind, status ---------------------------------------------------------------


def _terms(data: Summary | None) -> dict[str, str]:
    """Every name and alias of the known actors → the actor's id."""
    terms: dict[str, str] = {}
    for actor in data.actors.values() if data else []:
        for term in (actor.name, *actor.aliases):
            if len(term) >= 2:
                terms.setdefault(term, actor.id)
    return terms


def match_actors(sentence: str, terms: dict[str, str]) -> tuple[list[str], list[str]]:
    """Known actors named in ``sentence`` (by name or alias), and names no actor has."""
    named: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for term in sorted(
        terms, key=len, reverse=True
    ):  # longest first: "Chechen leader" over "Chechen"
        for match in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", sentence):
            if not overlaps(match.start(), match.end(), covered):
                covered.append((match.start(), match.end()))
                named.append((match.start(), terms[term]))
    ids = list(dict.fromkeys(ident for _, ident in sorted(named)))
    new = [
        _name(sentence[start:end])
        for start, end in name_spans(sentence)
        if not overlaps(start, end, covered)
    ]
    return ids, list(dict.fromkeys(n for n in new if n))


def _name(words: str) -> str:
    """A run of capitalised words less leading function words and date words ("" if none)."""
    parts = words.split()
    while parts and (parts[0] in NOT_NAMES or DATE_WORD.fullmatch(parts[0])):
        parts.pop(0)
    return " ".join(parts) if len(parts) >= 2 and not DATE_WORD.search(" ".join(parts)) else ""


def _cue(sentence: str, cues: list[tuple[str, re.Pattern[str]]], default: str) -> tuple[str, str]:
    for value, pattern in cues:
        match = pattern.search(sentence)
        if match:
            return value, match.group(0)
    return default, ""


# --- candidates -----------------------------------------------------------------------


def _title(sentence: str, limit: int = 90) -> str:
    text = " ".join(sentence.split()).strip("“”\"' ")
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def _duplicates(
    sentence: str, span: Span | None, actors: list[str], known: pd.DataFrame
) -> list[str]:
    """Events already in the dataset with this quote (``sentence`` folded, once a sentence),
    then those with shared actors and dates.

    ``known`` is the dataset's events frame with a ``folded`` column (see :func:`suggest`).
    """
    folded, same, near = sentence, [], []
    rows = zip(
        known["id"], known["folded"], known["actors"], known["start"], known["end"], strict=True
    )
    for ident, quote, their_actors, start, end in rows:
        if quote and (quote in folded or folded in quote):  # an event may have no quote
            same.append(f"events[{ident}] (same quote)")
        elif (
            span
            and set(actors) & set(their_actors)
            and start.date() <= span.end
            and span.start <= end.date()
        ):
            near.append(f"events[{ident}] (same actors, overlapping dates)")
    return same + near


# "GROZNY, March 2 (Reuters) - ": the story's dateline, not an event in it.
DATELINE = re.compile(
    rf"\A\s*(?P<place>[A-Z][A-Z.'’ -]*[A-Z](?:, [A-Z][A-Za-z.]+)?),\s+"
    rf"(?P<when>(?:{MONTHS})\.? \d{{1,2}}(?:, {YEAR})?)\b\.?\s*(?:\([^)\n]{{1,40}}\)\s*)?"
    r"(?:[-–—]+\s*)?"
)


@dataclass(frozen=True)
class Dateline:
    """A story's dateline: where and when it was filed, and how that compares with the
    publication date given."""

    place: str
    text: str
    span: Span | None
    end: int  # where the story itself begins
    note: str
    agrees: bool  # with the publication date given


def dateline(text: str, published: dt.date) -> Dateline | None:
    """The dateline that opens ``text``, if any, read against ``published``."""
    found = DATELINE.match(text)
    if found is None:
        return None
    place, when = found["place"], found["when"]
    try:
        span = normalise(when, published, "past")
    except DateError:
        span = None
    if span is None or span.start == published:
        note = f"dateline {place}, {when}: matches the publication date {day_label(published)}"
        return Dateline(place, when, span, found.end(), note, True)
    note = (
        f"dateline {place}, {when} reads as {span.label}, but the publication date given "
        f"is {day_label(published)}: check which is right"
    )
    return Dateline(place, when, span, found.end(), note, False)


def suggest(text: str, published: dt.date, into: Frames | Dataset | None = None) -> list[Candidate]:
    """One candidate per date phrase in ``text``, in the article's order.

    ``into`` (the dataset the article is for) gives the known actors and the events that
    candidates may repeat. A dateline ("GROZNY, March 2 -") is not a candidate.
    """
    filed = dateline(text, published)
    text = text[filed.end :] if filed else text
    frames = into if isinstance(into, Frames) else frames_of(into or Dataset(""))
    data, events = frames.data, frames.frame
    known = events.assign(folded=events["quote"].map(fold_text))
    terms, taken = _terms(data), set(events["id"])
    index = reports.index_of(events)
    out = []
    for sentence in sentences(text):
        actors, new = match_actors(sentence, terms)
        kind, kind_cue = propose_kind(sentence)
        status, status_cue = _cue(sentence, STATUS_CUES, "reported")
        title, folded = _title(sentence), fold_text(sentence)  # once a sentence, not a phrase
        for phrase in phrases(sentence, published):
            out.append(
                Candidate(
                    slug(title, taken, words=6),
                    title,
                    sentence,  # the one string, shared by the sentence's candidates
                    phrase,
                    actors,
                    new,
                    kind,
                    kind_cue,
                    status,
                    status_cue,
                    _duplicates(folded, phrase.span, actors, known),
                )
            )
            out[-1].reports_of = _further(out[-1], index)
    return out


def _further(c: Candidate, index: reports.EventIndex) -> list[tuple[str, str]]:
    """The events the candidate may be a further report of (none when it repeats one's
    very quote: then it is the same article again)."""
    if c.phrase.span is None or any(d.endswith("(same quote)") for d in c.duplicates):
        return []
    return reports.further_report_of(index, c.phrase.span, c.actors, c.sentence, c.kind)
