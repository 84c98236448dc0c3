"""Relative phrases anchored on the publication date, which dateparser cannot read: "a year
earlier", "two years before" (the calendar year that many years back), "the past year" (the
year up to the publication day), "the end of 1990" (its last month), "late yesterday" (the
day). ``how`` names the anchor. Phrases counted from another event in the story ("three days
earlier", "the quarter") stay refused: only a year is coarse enough to count from the
publication date when the story names no other anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dateutil.relativedelta import relativedelta

from timeline.dates.builders import again
from timeline.dates.span import (
    DateError,
    Direction,
    Span,
    day_label,
    month_span,
    part_of_year_span,
    part_span,
)
from timeline.dates.words import SMALL_NUMBERS

Match = re.Match[str]


def count_of(word: str) -> int:
    """ "a", "one", "two", "12" -> the number."""
    if word.isdigit():
        return int(word)
    return 1 if word in ("a", "an") else SMALL_NUMBERS[word]


def rule_years_earlier(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "a year earlier", "two years before": the calendar year that many years before the
    publication's (the story names no other anchor: a pin says which, if it does)."""
    year = base.year - count_of(m[1])
    how = f"rule years-earlier: {m.string!r}, counted from the publication date {base}"
    if year < 1:
        raise DateError(f"{m.string!r} from {base} is before year 1")
    return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year), how)


def rule_past_period(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "the past year", "the last 12 months": the run of days up to the publication day."""
    count = count_of(m[1]) if m[1] else 1
    back = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),
        "year": relativedelta(years=count),
    }[m[2]]
    start = base - back + dt.timedelta(days=1)
    how = f"rule past-period: {m.string!r}, up to the publication date {base}"
    label = f"{day_label(start)} – {day_label(base)}"
    return Span(start, base, "range", label, how)


def rule_part_of(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "the end of 1990" (December), "the start of March" (1–10 March), "the middle of
    2015" (mid-2015): the part of the year or month that follows."""
    part = {"end": "late", "start": "early", "beginning": "early", "middle": "mid"}[m[1]]
    whole = again(m[2], base, direction)
    how = f"rule part-of: {m.string!r}, {part} {whole.label}"
    if whole.precision == "month":
        return part_span(part, whole.start.year, whole.start.month, how)
    if whole.precision != "year":
        return None
    if part == "mid":
        return part_of_year_span("mid", whole.start.year, how)
    return month_span(whole.start.year, 12 if part == "late" else 1, how)


def rule_time_of_day(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "late yesterday", "early on Monday": the day itself (a time of day is no span)."""
    day = again(m[1], base, direction)
    return replace(day, how=f"{day.how} ({m.string!r}: the day, whatever its hour)")
