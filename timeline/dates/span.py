"""Spans: an inclusive run of days with the precision it was given at, a display label and
a note of how it was resolved; the errors; and the builders of every kind of span (a day,
a week, a month, part of a month, a quarter, a half, a season, a year, part of a year, a
decade, a century, a range).

The precision is the finest part the phrase gives, as TimelineJS models dates: a month
name is a month, a weekday is a day. The label is for display only; the position is
always ``start``/``end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from timeline.dates.words import ABBR, PARTS, SEASONS, YEAR_PARTS

Precision = Literal[
    "day",
    "week",
    "part-of-month",
    "month",
    "part-of-year",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "range",
]
Direction = Literal["past", "future"]
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
Looking = Literal["past", "future", "auto"]  # auto: the sentence's cue words, else the nearest
DateOrder = Literal["dmy", "mdy"]
PRECISIONS: tuple[Precision, ...] = get_args(Precision)
MAX_PHRASE = 200


class DateError(ValueError):
    """A phrase or pin that cannot be turned into a span; the message says why."""


class Refused(DateError):
    """A phrase with no date of its own (a fiscal year, "the same day"): the message says
    why and how to pin it."""


@dataclass(frozen=True)
class Span:
    """An inclusive run of days with the precision it was given at."""

    start: dt.date
    end: dt.date
    precision: Precision
    label: str
    how: str
    approximate: bool = False  # "about", "circa", EDTF ~: the label says "c."
    uncertain: bool = False  # EDTF ?, "Aug 2014?": the label ends in "?"
    ends: tuple[str, str] | None = None  # a range's EDTF marks, each end its own ("~", "")

    @property
    def vague(self) -> bool:
        """Approximate or uncertain: drawn faded, with a dashed band."""
        return self.approximate or self.uncertain

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def middle(self) -> dt.date:
        return self.start + dt.timedelta(days=(self.days - 1) // 2)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end


# --- labels and span builders -------------------------------------------------


def day_label(day: dt.date) -> str:
    return f"{day.day} {ABBR[day.month]} {day.year}"


def month_label(year: int, month: int) -> str:
    return f"{ABBR[month]} {year}"


def day_span(day: dt.date, how: str) -> Span:
    return Span(day, day, "day", day_label(day), how)


def week_span(day: dt.date, how: str) -> Span:
    monday = day - dt.timedelta(days=day.weekday())
    return Span(monday, monday + dt.timedelta(days=6), "week", f"week of {day_label(monday)}", how)


def month_span(year: int, month: int, how: str) -> Span:
    last = calendar.monthrange(year, month)[1]
    return Span(
        dt.date(year, month, 1), dt.date(year, month, last), "month", month_label(year, month), how
    )


def year_span(year: int, how: str) -> Span:
    return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year), how)


def part_span(part: str, year: int, month: int, how: str) -> Span:
    first, last = PARTS[part]
    last = min(last, calendar.monthrange(year, month)[1])
    label = f"{part}-{month_label(year, month)}"
    return Span(
        dt.date(year, month, first), dt.date(year, month, last), "part-of-month", label, how
    )


def range_span(first: Span, last: Span, how: str) -> Span:
    if last.end < first.start:
        raise DateError(f"the end ({last.label}) is before the start ({first.label})")
    label = f"{first.label} – {last.label}"
    approximate, uncertain = (
        first.approximate or last.approximate,
        first.uncertain or last.uncertain,
    )
    ends = (edtf_mark(first), edtf_mark(last))
    return Span(first.start, last.end, "range", label, how, approximate, uncertain, ends)


EDTF_MARK = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}


def edtf_mark(span: Span) -> str:
    """EDTF's qualifier for the span's flags: ``~`` approximate, ``?`` uncertain, ``%`` both."""
    return EDTF_MARK[(span.approximate, span.uncertain)]


# --- coarse spans: quarters, halves, seasons, decades, centuries ------------------
# dateparser reads none of these right ("the 1980s" becomes a day in the publication
# month, "Q3 2015" its first day): the project's own rules read them, and refuse what has
# no date of its own (a fiscal year, "the same day").


def months_span(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """The days of ``count`` months from month ``first`` of ``year`` (it may run on)."""
    last_year, last = year + (first + count - 2) // 12, (first + count - 2) % 12 + 1
    end = dt.date(last_year, last, calendar.monthrange(last_year, last)[1])
    return dt.date(year, first, 1), end


def quarter_span(year: int, quarter: int, how: str) -> Span:
    return Span(*months_span(year, 3 * quarter - 2, 3), "quarter", f"Q{quarter} {year}", how)


def half_span(year: int, half: int, how: str) -> Span:
    return Span(*months_span(year, 6 * half - 5, 6), "half", f"H{half} {year}", how)


def season_span(year: int, season: str, how: str) -> Span:
    """Meteorological seasons, as news in the northern hemisphere uses them; a winter is
    the one that begins in December of ``year`` ("winter 2015–16")."""
    name = "autumn" if season == "fall" else season
    label = f"winter {year}–{(year + 1) % 100:02d}" if name == "winter" else f"{name} {year}"
    return Span(*months_span(year, SEASONS[name], 3), "season", label, how)


def decade_span(decade: int, part: str, how: str) -> Span:
    first, last = {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
    label = f"{part} {decade}s" if part else f"{decade}s"
    start, end = dt.date(decade + first, 1, 1), dt.date(decade + last, 12, 31)
    return Span(start, end, "decade", label, how)


def century_span(number: int, how: str) -> Span:
    """The nth century: 1901–2000 is the 20th (the calendar's count, not the 1900s)."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    start, end = dt.date(100 * number - 99, 1, 1), dt.date(min(100 * number, 9999), 12, 31)
    return Span(start, end, "century", f"{number}{suffix} century", how)


def part_of_year_span(part: str, year: int, how: str) -> Span:
    first, last = YEAR_PARTS[part]
    start, end = months_span(year, first, last - first + 1)
    label = f"mid-{year}" if part == "mid" else f"{part} {year}"
    return Span(start, end, "part-of-year", label, how)
