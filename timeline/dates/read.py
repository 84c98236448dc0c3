"""Reading a phrase: a numeric date by the source's order, else the first rule of the
table that reads it, against the publication date and a direction; and with ``auto``, the
direction decided by the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from timeline.dates.direction import Cue, direction_of
from timeline.dates.rules import RULES, Rule
from timeline.dates.span import (
    DIRECTIONS,
    MAX_PHRASE,
    DateError,
    DateOrder,
    Direction,
    Looking,
    Span,
    day_label,
    day_span,
)

Match = re.Match[str]

NUMERIC = re.compile(r"(?:on )?(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
ORDER_WORDS = {"dmy": "day first", "mdy": "month first"}


def _numeric(text: str, order: DateOrder | None) -> Span | None:
    """``05/09/2015``: day first or month first? Read by the source's ``date_order``; with
    none, read only when one reading is impossible, else refused with both readings."""
    found = NUMERIC.fullmatch(text)
    if found is None:
        return None
    first, second, year = int(found[1]), int(found[3]), _numeric_year(found[4], found[0])
    readings: dict[DateOrder, tuple[int, int]] = {"dmy": (second, first), "mdy": (first, second)}
    possible = {k: v for k, v in readings.items() if 1 <= v[0] <= 12}  # (month, day)
    if not possible:
        raise DateError(f"{found[0]!r} is not a date: neither number is a month")
    if order in possible:
        chosen: DateOrder = order
    elif len(set(possible.values())) == 1:  # one reading, or both the same (05/05/2015)
        chosen = next(iter(possible))
    else:
        raise DateError(f"{found[0]!r} is ambiguous: {_readings(possible, year)}; {ORDER_HINT}")
    month, day = readings[chosen]
    try:
        day_read = dt.date(year, month, day)
    except ValueError as err:  # 31/09/2015, whichever way it is read
        raise DateError(f"{found[0]!r} is not a real date: {err}") from None
    return day_span(day_read, f"numeric date {found[0]!r} read {ORDER_WORDS[chosen]}")


def _numeric_year(written: str, text: str) -> int:
    """ "15" is 2015; four digits are read as written ("0015" is the year 15), and a year
    before 1 is refused rather than moved a century."""
    year = int(written)
    if len(written) == 2:
        return 2000 + year
    if year < 1:
        raise DateError(f"{text!r}: the year {written} is before year 1, where the calendar starts")
    return year


ORDER_HINT = "set `date_order: dmy` (most non-US outlets) or `mdy` on the source, or pin it"


def _readings(possible: dict[DateOrder, tuple[int, int]], year: int) -> str:
    return " or ".join(
        f"{day_label(dt.date(year, m, d))} ({ORDER_WORDS[k]})" for k, (m, d) in possible.items()
    )


def clean_phrase(phrase: str) -> str:
    """Lower-case, fold white space and curly apostrophes, drop surrounding punctuation."""
    return " ".join(phrase.lower().replace("’", "'").split()).strip(" .,;:")


@lru_cache(maxsize=16384)
def candidates(text: str) -> tuple[tuple[Rule, Match], ...]:
    """The rules whose pattern matches ``text``, in the table's order: found once per
    phrase, whatever the publication date."""
    found = ((rule, rule.pattern.fullmatch(text)) for rule in RULES)
    return tuple((rule, match) for rule, match in found if match is not None)


@lru_cache(maxsize=65536)
def normalise(
    phrase: str, base: dt.date, direction: Direction = "past", order: DateOrder | None = None
) -> Span:
    """Resolve ``phrase`` against ``base``; raise :class:`DateError` when it cannot.
    ``order`` says how the source writes numeric dates (``05/09/2015``)."""
    text = clean_phrase(phrase)
    if not text:
        raise DateError("the phrase is empty")
    if len(text) > MAX_PHRASE:
        raise DateError(f"the phrase is longer than {MAX_PHRASE} characters")
    numeric = _numeric(text, order)
    if numeric is not None:
        return numeric
    for rule, match in candidates(text):
        span = _built(rule, match, base, direction)
        if span is not None:
            return span
    raise DateError(
        f"cannot read {phrase!r} as a date (looking {direction} from {base.isoformat()})"
    )


def _built(rule: Rule, match: Match, base: dt.date, direction: Direction) -> Span | None:
    try:
        return rule.build(match, base, direction)
    except DateError:
        raise
    except (ValueError, OverflowError) as err:
        raise DateError(str(err)) from None


# --- direction: auto ----------------------------------------------------------------------
# News text mostly looks back; an announcement looks ahead. With ``auto`` the verb that
# governs the phrase decides (``direction.direction_of``): "said Friday that he would" reads
# Friday back, "would resume on Friday" ahead; with no verb that says, the reading nearer the
# publication date wins ("Jan. 14" in a story of 6 January is eight days ahead, not a year
# back); with no sentence at all (an event with no quote), it reads back, as news does.


NO_SENTENCE = Cue("past", "no sentence to read it in, and news looks back")


def read(
    phrase: str,
    base: dt.date,
    looking: Looking = "past",
    sentence: str = "",
    order: DateOrder | None = None,
) -> Span:
    """``normalise``, with ``looking="auto"`` decided by ``sentence`` (see above)."""
    return read_with(phrase, base, looking, sentence, order)[0]


def read_with(
    phrase: str, base: dt.date, looking: Looking, sentence: str, order: DateOrder | None
) -> tuple[Span, Direction]:
    """The span, and the direction that read it. With ``auto``, the governing verb decides
    (one reading: microseconds, not two); with none that says, the nearer of the two
    readings, unless they are the same days; ``how`` says which."""
    if looking != "auto":
        return normalise(phrase, base, looking, order), looking
    cue = direction_of(sentence, phrase) if sentence.strip() else NO_SENTENCE
    if cue.direction is not None:
        return _as_told(phrase, base, cue.direction, cue.why, order)
    past, future = _both(phrase, base, order)
    if past is None or future is None or (past.start, past.end) == (future.start, future.end):
        return (past, "past") if past is not None else (future, "future")  # type: ignore[return-value]
    chosen: Direction = "future" if _distance(future, base) < _distance(past, base) else "past"
    span, other = (future, past) if chosen == "future" else (past, future)
    why = f"{cue.why}, and it is nearer than {other.label}, the other way"
    return replace(span, how=f"{span.how}; auto: {why}"), chosen


def _as_told(
    phrase: str, base: dt.date, direction: Direction, why: str, order: DateOrder | None
) -> tuple[Span, Direction]:
    """The reading the verb asks for; the other one if only that reads."""
    try:
        span = normalise(phrase, base, direction, order)
    except DateError as err:
        other: Direction = "past" if direction == "future" else "future"
        try:
            return normalise(phrase, base, other, order), other
        except DateError as other_err:  # neither reads: say it as looking back, as news does
            raise (err if direction == "past" else other_err) from None
    return replace(span, how=f"{span.how}; auto: {why}"), direction


def _both(phrase: str, base: dt.date, order: DateOrder | None) -> tuple[Span | None, Span | None]:
    """The past and the future reading; a DateError only when neither reads."""
    readings: dict[Direction, Span] = {}
    refusals: list[DateError] = []
    for direction in DIRECTIONS:
        try:
            readings[direction] = normalise(phrase, base, direction, order)
        except DateError as err:
            refusals.append(err)
    if not readings:
        raise refusals[0]  # looking back, as news does
    return readings.get("past"), readings.get("future")


def _distance(span: Span, base: dt.date) -> int:
    if span.start <= base <= span.end:
        return 0
    return min(abs((span.start - base).days), abs((span.end - base).days))
