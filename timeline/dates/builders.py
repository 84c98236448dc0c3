"""How each rule reads its match against a publication date and a direction (the table
that says which phrases each reads is :mod:`timeline.dates.rules`).

The common shapes ("in May", "on Tuesday", "5 May 2014") are read as dateparser would, in
microseconds; what dateparser gets wrong or cannot read (see SOURCES.md) by the project's
own builders; dateparser reads the rest, and phrases with no date of their own are refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from dateparser.date import DateDataParser

from timeline.dates.pins import flagged, parse_pin
from timeline.dates.span import (
    DateError,
    Direction,
    Refused,
    Span,
    century_span,
    day_label,
    day_span,
    decade_span,
    half_span,
    month_span,
    part_of_year_span,
    part_span,
    quarter_span,
    range_span,
    season_span,
    week_span,
    year_span,
)
from timeline.dates.words import (
    CENTURY_WORDS,
    HOLIDAYS,
    MONTHS,
    ORDINAL,
    RELATIVE_YEARS,
    WEEKDAYS,
    YEAR_PARTS,
    words_number,
)


def again(text: str, base: dt.date, direction: Direction) -> Span:
    """A part of the phrase read by the whole table (the table holds these builders)."""
    from timeline.dates.read import normalise

    return normalise(text, base, direction)


# --- the phrase rules ---------------------------------------------------------
# One table (RULES, below): each rule is a pattern that depends on the phrase alone and a
# builder that reads the match against a publication date. A phrase is matched against
# the table once (``read.candidates``); each publication date then costs one builder call,
# microseconds, so 100,000 events from 2,000 articles cost what their phrases cost.

Match = re.Match[str]


def _month_year(month: int, base: dt.date, direction: Direction, strict: bool) -> int:
    """The year of the nearest ``month`` before (past) or after (future) the base month."""
    if direction == "past":
        earlier = month < base.month if strict else month <= base.month
        return base.year if earlier else base.year - 1
    later = month > base.month if strict else month >= base.month
    return base.year if later else base.year + 1


def rule_iso(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return parse_pin(m.string, how=f"ISO date {m.string!r}")


def rule_since_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    year = int(m[1])
    return year_span(year, f"rule since-year: {m.string!r} starts in {year}")


def rule_part_of_month(m: Match, base: dt.date, direction: Direction) -> Span | None:
    part, name, year_text = m.groups()
    month = MONTHS[name]
    year = int(year_text) if year_text else _month_year(month, base, direction, strict=False)
    how = f"rule part-of-month: {m.string!r} read {direction} from {base.isoformat()}"
    return part_span(part, year, month, how)


def rule_last_next_month(m: Match, base: dt.date, direction: Direction) -> Span | None:
    which, name = m.groups()
    looking: Direction = "past" if which in ("last", "this past") else "future"
    year = _month_year(MONTHS[name], base, looking, strict=True)
    nearest, side = ("last", "before") if looking == "past" else ("next", "after")
    how = f"rule {nearest}-month: the {nearest} {name.title()} {side} {base:%b %Y}"
    return month_span(year, MONTHS[name], how)


def rule_same_weekday(m: Match, base: dt.date, direction: Direction) -> Span | None:
    if WEEKDAYS[m[1]] != base.weekday():
        return None
    how = f"rule same-weekday: {m[1].title()} is the publication weekday, {base.isoformat()}"
    return day_span(base, how)


def rule_earlier_this_week(m: Match, base: dt.date, direction: Direction) -> Span | None:
    monday = base - dt.timedelta(days=base.weekday())
    end = max(monday, base - dt.timedelta(days=1))
    how = f"rule earlier-this-week: Monday of the week of {base.isoformat()} to the day before"
    return Span(monday, end, "week", f"week of {day_label(monday)}", how)


def rule_bare_duration(m: Match, base: dt.date, direction: Direction) -> Span | None:
    raise DateError(f"{m.string!r} is a length of time, not a date")


def rule_week_of(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "week of 1 Feb 2016", as the week labels read."""
    day = again(m[1], base, direction)
    if day.precision != "day":
        return None
    return week_span(day.start, f"rule week-of: the week (Monday to Sunday) of {day.label}")


_RANGE_SEPARATOR = re.compile(r"\s+(?:–|—|-|to|until)\s+")


def rule_range(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "30 Sep 2015 – 1 Oct 2015", as the range labels read: two phrases and a dash."""
    parts = _RANGE_SEPARATOR.split(m.string)
    if len(parts) != 2:
        return None
    try:
        first, last = (again(part, base, direction) for part in parts)
    except DateError:
        return None
    return range_span(first, last, f"rule range: from {first.label} to {last.label}")


# --- the common shapes, without dateparser -------------------------------------
# Each reads exactly as dateparser does (same span, precision and label: a test compares
# them over many publication dates), in microseconds instead of about 2 ms a call.


def fast_weekday(m: Match, base: dt.date, direction: Direction) -> Span | None:
    wanted = WEEKDAYS[m[1]]
    if direction == "past":
        day = base - dt.timedelta(days=(base.weekday() - wanted) % 7 or 7)
    else:
        day = base + dt.timedelta(days=(wanted - base.weekday()) % 7 or 7)
    return day_span(day, f"rule weekday: {m.string!r} read {direction} from {base.isoformat()}")


def fast_last_week(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return week_span(base - dt.timedelta(days=7), f"rule last-week: the week before {base}")


def fast_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "2014", "in 2014"."""
    return year_span(
        int(m[1]), f"rule calendar: {m.string!r} read {direction} from {base.isoformat()}"
    )


def fast_month_day(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "in May", "May 5th", "May 2014" (month first) or "on 5 May", "5 May 2014"."""
    name, day, year = m.group("month", "day", "year")
    return _calendar(MONTHS[name], int(day) if day else None, year, m.string, base, direction)


def _calendar(
    month: int, day: int | None, written: str | None, text: str, base: dt.date, d: Direction
) -> Span | None:
    how = f"rule calendar: {text!r} read {d} from {base.isoformat()}"
    year = int(written) if written else _calendar_year(month, day, base, d)
    if day is None:
        return month_span(year, month, how)
    if day > calendar.monthrange(year, month)[1]:
        return None  # "30 February": dateparser's answer, whatever it is
    return day_span(dt.date(year, month, day), how)


def _calendar_year(month: int, day: int | None, base: dt.date, direction: Direction) -> int:
    """The nearest such day or month before (past) or after (future) the base."""
    later = (month, day or 0) > (base.month, base.day if day else 0)
    if direction == "past":
        return base.year - 1 if later else base.year
    return base.year if later else base.year + 1


def _nearest(spans: list[Span], base: dt.date, looking: str) -> Span:
    """Of one kind of span in successive years: the latest begun by ``base`` (past), the
    first not ended before it (future), the latest ended before it (last), the first begun
    after it (next)."""
    chosen = {
        "last": [s for s in spans if s.end < base][-1:],
        "next": [s for s in spans if s.start > base][:1],
        "past": [s for s in spans if s.start <= base][-1:],
    }.get(looking, [s for s in spans if s.end >= base][:1])
    if not chosen:
        raise DateError(f"no such span {looking} from {base.isoformat()} in the calendar")
    return chosen[0]


def _around(make: Callable[[int], Span], base: dt.date) -> list[Span]:
    return [make(year) for year in range(max(1, base.year - 2), min(9999, base.year + 2) + 1)]


def _of_year(
    kind: str,
    build: Callable[[int, int, str], Span],
    number: int,
    year: str | None,
    text: str,
    base: dt.date,
    direction: Direction,
) -> Span:
    """The ``number``th quarter or half of ``year``; with no year, the nearest one."""
    how = f"rule {kind}: {text!r}" + ("" if year else f" read {direction} from {base.isoformat()}")
    if year:
        return build(int(year), number, how)
    return _nearest(_around(lambda y: build(y, number, how), base), base, direction)


def rule_quarter(m: Match, base: dt.date, direction: Direction) -> Span | None:
    quarter = int(m[1] or m[4] or ORDINAL[m[5]])
    year = m[2] or m[3] or m[6]
    return _of_year("quarter", quarter_span, quarter, year, m.string, base, direction)


def rule_half(m: Match, base: dt.date, direction: Direction) -> Span | None:
    half, year = int(m[1] or ORDINAL[m[3]]), m[2] or m[4]
    return _of_year("half", half_span, half, year, m.string, base, direction)


def rule_season(m: Match, base: dt.date, direction: Direction) -> Span | None:
    which, season, year, _ = m.groups()
    how = f"rule season: {m.string!r}"
    if year:
        return season_span(int(year), season, how)
    if which == "this":  # the one the publication is in, else the one of its year
        year_of = base.year - (season == "winter" and base.month <= 2)
        return season_span(year_of, season, how + f": the {season} of {base:%b %Y}")
    looking = {"last": "last", "this past": "last", "next": "next", "this coming": "next"}
    side = looking.get(which or "", direction)
    how += f" read {side} from {base.isoformat()}"
    return _nearest(_around(lambda y: season_span(y, season, how), base), base, side)


def rule_decade(m: Match, base: dt.date, direction: Direction) -> Span | None:
    part, full, short = m.groups()
    if full:
        decade = int(full) * 10
    else:  # "the '80s": the latest such decade not after the publication's
        decade = (base.year // 100) * 100 + int(short) * 10
        decade -= 100 if decade > base.year else 0
    return decade_span(decade, part or "", f"rule decade: {m.string!r}")


def rule_century(m: Match, base: dt.date, direction: Direction) -> Span | None:
    number = int(m[1]) if m[1] else CENTURY_WORDS[m[2]]
    if not 1 <= number <= 100:
        raise DateError(f"{m.string!r}: there is no {number}th century in the calendar")
    return century_span(
        number, f"rule century: {m.string!r} (years {100 * number - 99}–{100 * number})"
    )


def rule_approximate(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "about two weeks ago", "c. Aug 2014": the phrase's own span, marked approximate."""
    span = again(m[1], base, direction)
    return replace(flagged(span, True, False), how=f"approximate ({m.string!r}): {span.how}")


def rule_uncertain(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "Aug 2014?": the phrase's own span, marked uncertain."""
    span = again(m[1], base, direction)
    return replace(flagged(span, False, True), how=f"uncertain ({m.string!r}): {span.how}")


def rule_fiscal(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """A fiscal year has no calendar dates of its own: refused, never guessed."""
    raise Refused(
        f"{m.string!r} is a fiscal year, not a calendar year: when it starts depends on whose "
        "it is; pin the span with `date:` and say whose fiscal year in `date_note:`"
    )


def rule_anaphora(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """Dated only by another event ("the same day"): refused, never guessed."""
    raise Refused(
        f"{m.string!r} is dated only by another event it refers to; pin it with `date:` "
        "(that event's date) and say which event in `date_note:`"
    )


# --- relative to the publication date, holidays, spelled years --------------------
# dateparser reads "two weeks ago" and "last month" right and is left to; these it cannot.


def rule_within_period(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "earlier this month" (its first day to the day before publication), "later this
    year" (the day after to its last day): the period's precision and label."""
    which, unit = m.groups()
    whole = month_span(base.year, base.month, "") if unit == "month" else year_span(base.year, "")
    one = dt.timedelta(days=1)
    if which == "earlier":
        start, end = whole.start, max(whole.start, base - one)
    else:
        start, end = min(base + one, whole.end), whole.end
    how = f"rule {which}-this-{unit}: {start} to {end}, within the {unit} of {base}"
    return replace(whole, start=start, end=end, how=how)


def rule_weekend(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """Saturday and Sunday: "the weekend" the latest begun by publication (looking back) or
    the next not yet over (looking ahead); "last weekend" the latest over before it, "next
    weekend" the first begun after it."""
    which = m[1] or ("past" if direction == "past" else "coming")
    saturday = _weekend(base, which)
    first, last = day_span(saturday, ""), day_span(saturday + dt.timedelta(days=1), "")
    how = f"rule weekend: {m.string!r} read {which} from {base.isoformat()}"
    return range_span(first, last, how)


def _weekend(base: dt.date, which: str) -> dt.date:
    """The Saturday of the weekend ``which`` (last, past, this, coming, next) from ``base``."""
    saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)  # the latest, on or before
    within = base <= saturday + dt.timedelta(days=1)  # published on that weekend
    week = dt.timedelta(days=7)
    if which == "next" or (which in ("this", "coming") and not within):
        return saturday + week
    if which == "last" and within:
        return saturday - week  # published on a weekend: the one before
    return saturday


def rule_month_of_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "June last year", "March next year"."""
    month, which = MONTHS[m[1]], m[2]
    year = base.year + RELATIVE_YEARS[which]
    return month_span(
        year, month, f"rule month-of-year: {m.string!r}, {which} year from {base.isoformat()}"
    )


def rule_part_of_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "early 2016", "mid-2015", "late next year": January–April, May–August or
    September–December."""
    part, written, which = m.groups()
    year = int(written) if written else base.year + RELATIVE_YEARS[which]
    return part_of_year_span(
        part,
        year,
        f"rule part-of-year: {m.string!r} ({YEAR_PARTS[part][0]}–{YEAR_PARTS[part][1]} of {year})",
    )


def rule_holiday(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """A named holiday: of the year written, else the nearest one looking back (or ahead),
    "last"/"next" the one strictly before or after publication, "this" the one of its year."""
    which, written = m["which"], m["year"]
    day_of = HOLIDAYS[re.sub(r" (?:day|sunday)$", "", m["holiday"])]
    how = f"rule holiday: {m.string!r}"
    if written or which == "this":
        year = int(written) if written else base.year
        return day_span(day_of(year), how + f" in {year}")
    looking = {"last": "last", "next": "next"}.get(which or "", direction)
    spans = _around(
        lambda y: day_span(day_of(y), how + f" read {looking} from {base.isoformat()}"), base
    )
    return _nearest(spans, base, looking)


def rule_spelled_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "nineteen ninety-six", "twenty fifteen", "two thousand and three"."""
    century, rest, thousands_rest = m.group("century", "rest", "thousands")
    if century:
        year = words_number(century) * 100 + (words_number(rest) if rest else 0)
    else:
        year = 2000 + (words_number(thousands_rest) if thousands_rest else 0)
    return year_span(year, f"rule spelled-year: {m.string!r} is {year}")


# --- dateparser ---------------------------------------------------------------


@lru_cache(maxsize=512)
def _parser(base: dt.date, direction: Direction) -> DateDataParser:
    settings = {
        "PREFER_DATES_FROM": direction,
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def rule_dateparser(text: str, base: dt.date, direction: Direction) -> Span | None:
    """dateparser's own reading of ``text`` (about 2 ms a call)."""
    try:
        data = _parser(base, direction).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data.date_obj is None:
        return None
    found, period = data.date_obj.date(), data.period or "day"
    how = f"dateparser: {text!r} read {direction} from {base.isoformat()} as a {period}"
    if period == "week":
        return week_span(found, how)
    if period == "month":
        return month_span(found.year, found.month, how)
    if period == "year":
        return year_span(found.year, how)
    return day_span(found, how)


def by_dateparser(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return rule_dateparser(m.string, base, direction)
