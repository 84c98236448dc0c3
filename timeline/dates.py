"""Date phrases to spans.

A phrase as an article words it ("In July", "on Wednesday", "mid-June") is read
against the article's publication date (the *base*) and a direction (``past`` for
looking-back news text, ``future`` for announcements) and becomes a :class:`Span`:
inclusive start and end dates, the precision of what the phrase says, a display
label and a note of how it was resolved.

The precision is the finest part the phrase gives, as TimelineJS models dates: a
month name is a month, a weekday is a day. The label is for display only; the
position is always ``start``/``end``.

The project's own rules, one table (``RULES``) with examples, read the common shapes
as dateparser would ("in May", "on Tuesday", "5 May 2014") in microseconds, and what
dateparser gets wrong or cannot read (see SOURCES.md): ISO dates and ranges, "since
2007", "early/mid/late June", "last/next August", a weekday equal to the publication
weekday, "earlier this week", quarters, halves, seasons, decades and centuries. Bare
durations ("two years"), fiscal years and phrases dated only by another event ("the same
day") are refused. dateparser reads the rest. A phrase is matched against the table once,
whatever its publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, get_args

from dateparser.date import DateDataParser
from dateutil.easter import EASTER_ORTHODOX, easter
from edtf import parse_edtf

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

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
ABBR = ("", *(calendar.month_abbr[i] for i in range(1, 13)))  # read once: each look-up formats
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"({_MONTH_NAMES})\.?"
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"
_NUMBER_WORDS = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|many"


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
    return Span(first.start, last.end, "range", label, how, approximate, uncertain)


# --- ISO dates and pins -------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _iso_part(text: str, how: str) -> Span:
    match = _ISO.match(text.strip())
    if not match:
        raise DateError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            return day_span(dt.date(year, month, day), how)
        if month is not None:
            dt.date(year, month, 1)
            return month_span(year, month, how)
        return year_span(year, how)
    except ValueError as err:
        raise DateError(f"{text.strip()!r} is not a real date ({err})") from None


def parse_pin(text: str, how: str = "") -> Span:
    """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END`` of those forms, and EDTF
    (ISO 8601-2, through the ``edtf`` library): ``2014-08~`` (approximate), ``2014?``
    (uncertain), ``2015-21`` (spring; 21–24 the seasons, 33–36 the quarters, 40–41 the
    halves), ``201X`` (a decade), intervals of any of these."""
    how = how or f"pinned to {text.strip()}"
    if EDTF_ONLY.search(str(text)):
        return _edtf_pin(str(text).strip(), how)
    parts = str(text).split("/")
    if len(parts) == 1:
        return _iso_part(parts[0], how)
    if len(parts) == 2:
        return range_span(_iso_part(parts[0], how), _iso_part(parts[1], how), how)
    raise DateError(f"{text!r} has more than one '/': write START/END")


# What only EDTF writes: qualifiers, unspecified digits, sub-year groupings (YYYY-21 and up).
EDTF_ONLY = re.compile(r"[~?%X]|(?:^|/)\d{4}-(?:2[1-9]|3\d|4[01])(?:$|/)")
EDTF_GROUPS: dict[int, tuple[str, str | int]] = {
    **{21 + i: ("season", name) for i, name in enumerate(("spring", "summer", "autumn", "winter"))},
    **{33 + i: ("quarter", i + 1) for i in range(4)},
    **{40 + i: ("half", i + 1) for i in range(2)},
}


def _edtf_pin(text: str, how: str) -> Span:
    """An EDTF pin, checked by the ``edtf`` library, as a span of the project's own kinds
    (its seasons are meteorological, its decades and centuries its own) with its flags."""
    try:
        parse_edtf(text)
    except Exception as err:  # the library's own errors, whatever their class
        raise DateError(f"{text!r} is not a date in EDTF either ({err})") from None
    parts = text.split("/")
    if len(parts) == 2:
        return range_span(_edtf_part(parts[0], how), _edtf_part(parts[1], how), how)
    return _edtf_part(text, how)


def _edtf_part(text: str, how: str) -> Span:
    core = text.rstrip("~?%")
    approximate, uncertain = any(c in text for c in "~%"), any(c in text for c in "?%")
    return flagged(_edtf_core(core, how), approximate, uncertain)


def _edtf_core(core: str, how: str) -> Span:
    grouped = re.fullmatch(r"(\d{4})-(\d\d)", core)
    if grouped and int(grouped[2]) in EDTF_GROUPS:
        kind, which = EDTF_GROUPS[int(grouped[2])]
        year = int(grouped[1])
        if kind == "season":
            return season_span(year, str(which), how)
        return (quarter_span if kind == "quarter" else half_span)(year, int(which), how)
    if re.fullmatch(r"\d{3}X", core):
        return decade_span(int(core[:3]) * 10, "", how)
    if "X" in core:  # 19XX, 2014-XX: the library's bounds, as a range of days
        found = parse_edtf(core)
        first, last = (dt.date(*t[:3]) for t in (found.lower_strict(), found.upper_strict()))
        return range_span(day_span(first, how), day_span(last, how), how)
    return _iso_part(core, how)


def flagged(span: Span, approximate: bool, uncertain: bool) -> Span:
    """``span`` approximate ("c. Aug 2014") and/or uncertain ("Aug 2014?"), as flagged."""
    approximate, uncertain = approximate or span.approximate, uncertain or span.uncertain
    label = span.label.removeprefix("c. ").removesuffix("?")
    label = ("c. " if approximate else "") + label + ("?" if uncertain else "")
    return replace(span, label=label, approximate=approximate, uncertain=uncertain)


_EDTF_MARK = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}
_EDTF_WHOLE: dict[str, Callable[[dt.date], str]] = {
    "day": lambda d: d.isoformat(),
    "month": lambda d: d.isoformat()[:7],
    "year": lambda d: f"{d.year:04d}",
}


def _edtf_group(span: Span) -> int | None:
    """EDTF's sub-year grouping of a season (21–24), quarter (33–36) or half (40–41)."""
    month = span.start.month
    codes = {"season": 21 + (month - 3) % 12 // 3, "quarter": 33 + (month - 1) // 3}
    return (codes | {"half": 40 + (month > 6)}).get(span.precision)


def edtf_of(span: Span) -> str:
    """The span in EDTF (ISO 8601-2), as the JSON and CSV exports carry it: a day, month or
    year as itself, a whole decade as ``201X``, anything else as its interval of days."""
    mark = _EDTF_MARK[(span.approximate, span.uncertain)]
    whole = _EDTF_WHOLE.get(span.precision)
    if whole is not None:
        return whole(span.start) + mark
    group = _edtf_group(span)
    if group and not mark:  # the library reads no qualifier on a grouping
        return f"{span.start.year:04d}-{group}{mark}"
    if span.precision == "decade" and span.start.year % 10 == 0 and span.end.year % 10 == 9:
        return f"{span.start.year // 10:03d}X{mark}"
    return f"{span.start.isoformat()}{mark}/{span.end.isoformat()}{mark}"


# --- the phrase rules ---------------------------------------------------------
# One table (RULES, below): each rule is a pattern that depends on the phrase alone and a
# builder that reads the match against a publication date. A phrase is matched against
# the table once (``_candidates``); each publication date then costs one builder call,
# microseconds, so 100,000 events from 2,000 articles cost what their phrases cost.

Match = re.Match[str]


def _month_year(month: int, base: dt.date, direction: Direction, strict: bool) -> int:
    """The year of the nearest ``month`` before (past) or after (future) the base month."""
    if direction == "past":
        earlier = month < base.month if strict else month <= base.month
        return base.year if earlier else base.year - 1
    later = month > base.month if strict else month >= base.month
    return base.year if later else base.year + 1


def _rule_iso(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return parse_pin(m.string, how=f"ISO date {m.string!r}")


def _rule_since_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    year = int(m[1])
    return year_span(year, f"rule since-year: {m.string!r} starts in {year}")


def _rule_part_of_month(m: Match, base: dt.date, direction: Direction) -> Span | None:
    part, name, year_text = m.groups()
    month = MONTHS[name]
    year = int(year_text) if year_text else _month_year(month, base, direction, strict=False)
    how = f"rule part-of-month: {m.string!r} read {direction} from {base.isoformat()}"
    return part_span(part, year, month, how)


def _rule_last_next_month(m: Match, base: dt.date, direction: Direction) -> Span | None:
    which, name = m.groups()
    looking: Direction = "past" if which in ("last", "this past") else "future"
    year = _month_year(MONTHS[name], base, looking, strict=True)
    nearest, side = ("last", "before") if looking == "past" else ("next", "after")
    how = f"rule {nearest}-month: the {nearest} {name.title()} {side} {base:%b %Y}"
    return month_span(year, MONTHS[name], how)


def _rule_same_weekday(m: Match, base: dt.date, direction: Direction) -> Span | None:
    if WEEKDAYS[m[1]] != base.weekday():
        return None
    how = f"rule same-weekday: {m[1].title()} is the publication weekday, {base.isoformat()}"
    return day_span(base, how)


def _rule_earlier_this_week(m: Match, base: dt.date, direction: Direction) -> Span | None:
    monday = base - dt.timedelta(days=base.weekday())
    end = max(monday, base - dt.timedelta(days=1))
    how = f"rule earlier-this-week: Monday of the week of {base.isoformat()} to the day before"
    return Span(monday, end, "week", f"week of {day_label(monday)}", how)


def _rule_bare_duration(m: Match, base: dt.date, direction: Direction) -> Span | None:
    raise DateError(f"{m.string!r} is a length of time, not a date")


def _rule_week_of(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "week of 1 Feb 2016", as the week labels read."""
    day = normalise(m[1], base, direction)
    if day.precision != "day":
        return None
    return week_span(day.start, f"rule week-of: the week (Monday to Sunday) of {day.label}")


_RANGE_SEPARATOR = re.compile(r"\s+(?:–|—|-|to|until)\s+")


def _rule_range(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "30 Sep 2015 – 1 Oct 2015", as the range labels read: two phrases and a dash."""
    parts = _RANGE_SEPARATOR.split(m.string)
    if len(parts) != 2:
        return None
    try:
        first, last = (normalise(part, base, direction) for part in parts)
    except DateError:
        return None
    return range_span(first, last, f"rule range: from {first.label} to {last.label}")


# --- the common shapes, without dateparser -------------------------------------
# Each reads exactly as dateparser does (same span, precision and label: a test compares
# them over many publication dates), in microseconds instead of about 2 ms a call.


def _fast_weekday(m: Match, base: dt.date, direction: Direction) -> Span | None:
    wanted = WEEKDAYS[m[1]]
    if direction == "past":
        day = base - dt.timedelta(days=(base.weekday() - wanted) % 7 or 7)
    else:
        day = base + dt.timedelta(days=(wanted - base.weekday()) % 7 or 7)
    return day_span(day, f"rule weekday: {m.string!r} read {direction} from {base.isoformat()}")


def _fast_last_week(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return week_span(base - dt.timedelta(days=7), f"rule last-week: the week before {base}")


def _fast_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "2014", "in 2014"."""
    return year_span(
        int(m[1]), f"rule calendar: {m.string!r} read {direction} from {base.isoformat()}"
    )


def _fast_month_day(m: Match, base: dt.date, direction: Direction) -> Span | None:
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


# --- coarse spans: quarters, halves, seasons, decades, centuries ------------------
# dateparser reads none of these right ("the 1980s" becomes a day in the publication
# month, "Q3 2015" its first day): the project's own rules read them, and refuse what has
# no date of its own (a fiscal year, "the same day").

ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
ORDINAL |= {"fourth": 4, "4th": 4}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_IN = r"(?:in |during |by |since |until )?(?:the )?"


def _months_span(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """The days of ``count`` months from month ``first`` of ``year`` (it may run on)."""
    last_year, last = year + (first + count - 2) // 12, (first + count - 2) % 12 + 1
    end = dt.date(last_year, last, calendar.monthrange(last_year, last)[1])
    return dt.date(year, first, 1), end


def quarter_span(year: int, quarter: int, how: str) -> Span:
    return Span(*_months_span(year, 3 * quarter - 2, 3), "quarter", f"Q{quarter} {year}", how)


def half_span(year: int, half: int, how: str) -> Span:
    return Span(*_months_span(year, 6 * half - 5, 6), "half", f"H{half} {year}", how)


def season_span(year: int, season: str, how: str) -> Span:
    """Meteorological seasons, as news in the northern hemisphere uses them; a winter is
    the one that begins in December of ``year`` ("winter 2015–16")."""
    name = "autumn" if season == "fall" else season
    label = f"winter {year}–{(year + 1) % 100:02d}" if name == "winter" else f"{name} {year}"
    return Span(*_months_span(year, SEASONS[name], 3), "season", label, how)


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


def _rule_quarter(m: Match, base: dt.date, direction: Direction) -> Span | None:
    quarter = int(m[1] or m[4] or ORDINAL[m[5]])
    year = m[2] or m[3] or m[6]
    return _of_year("quarter", quarter_span, quarter, year, m.string, base, direction)


def _rule_half(m: Match, base: dt.date, direction: Direction) -> Span | None:
    half, year = int(m[1] or ORDINAL[m[3]]), m[2] or m[4]
    return _of_year("half", half_span, half, year, m.string, base, direction)


def _rule_season(m: Match, base: dt.date, direction: Direction) -> Span | None:
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


def _rule_decade(m: Match, base: dt.date, direction: Direction) -> Span | None:
    part, full, short = m.groups()
    if full:
        decade = int(full) * 10
    else:  # "the '80s": the latest such decade not after the publication's
        decade = (base.year // 100) * 100 + int(short) * 10
        decade -= 100 if decade > base.year else 0
    return decade_span(decade, part or "", f"rule decade: {m.string!r}")


_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
CENTURY_WORDS = {w: i for i, w in enumerate([*_ORDINAL_WORDS.split(" "), "twenty-first"], 1)}


def _rule_century(m: Match, base: dt.date, direction: Direction) -> Span | None:
    number = int(m[1]) if m[1] else CENTURY_WORDS[m[2]]
    if not 1 <= number <= 100:
        raise DateError(f"{m.string!r}: there is no {number}th century in the calendar")
    return century_span(
        number, f"rule century: {m.string!r} (years {100 * number - 99}–{100 * number})"
    )


ANAPHORA = re.compile(
    r"(?:on |at |by )?(?:the same (?:day|week|month|year|time)|that (?:day|week|month|year|time)|"
    r"the (?:next|following|previous) (?:day|week|month|year)|the day (?:before|after)|"
    r"at the (?:same )?time|(?:the )?quarter|(?:the )?half|"
    rf"(?:\d+|{_NUMBER_WORDS}) (?:days?|weeks?|months?|years?) (?:later|earlier|after|before))"
)


def _rule_approximate(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "about two weeks ago", "c. Aug 2014": the phrase's own span, marked approximate."""
    span = normalise(m[1], base, direction)
    return replace(flagged(span, True, False), how=f"approximate ({m.string!r}): {span.how}")


def _rule_uncertain(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "Aug 2014?": the phrase's own span, marked uncertain."""
    span = normalise(m[1], base, direction)
    return replace(flagged(span, False, True), how=f"uncertain ({m.string!r}): {span.how}")


def _rule_fiscal(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """A fiscal year has no calendar dates of its own: refused, never guessed."""
    raise Refused(
        f"{m.string!r} is a fiscal year, not a calendar year: when it starts depends on whose "
        "it is; pin the span with `date:` and say whose fiscal year in `date_note:`"
    )


def _rule_anaphora(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """Dated only by another event ("the same day"): refused, never guessed."""
    raise Refused(
        f"{m.string!r} is dated only by another event it refers to; pin it with `date:` "
        "(that event's date) and say which event in `date_note:`"
    )


# --- relative to the publication date, holidays, spelled years --------------------
# dateparser reads "two weeks ago" and "last month" right and is left to; these it cannot.


def _rule_within_period(m: Match, base: dt.date, direction: Direction) -> Span | None:
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


def _rule_weekend(m: Match, base: dt.date, direction: Direction) -> Span | None:
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


RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}


def _rule_month_of_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "June last year", "March next year"."""
    month, which = MONTHS[m[1]], m[2]
    year = base.year + RELATIVE_YEARS[which]
    return month_span(
        year, month, f"rule month-of-year: {m.string!r}, {which} year from {base.isoformat()}"
    )


YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # thirds of a year


def part_of_year_span(part: str, year: int, how: str) -> Span:
    first, last = YEAR_PARTS[part]
    start, end = _months_span(year, first, last - first + 1)
    label = f"mid-{year}" if part == "mid" else f"{part} {year}"
    return Span(start, end, "part-of-year", label, how)


def _rule_part_of_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "early 2016", "mid-2015", "late next year": January–April, May–August or
    September–December."""
    part, written, which = m.groups()
    year = int(written) if written else base.year + RELATIVE_YEARS[which]
    return part_of_year_span(
        part,
        year,
        f"rule part-of-year: {m.string!r} ({YEAR_PARTS[part][0]}–{YEAR_PARTS[part][1]} of {year})",
    )


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "orthodox christmas": lambda y: dt.date(y, 1, 7),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's": lambda y: dt.date(y, 1, 1),
    "defender of the fatherland": lambda y: dt.date(y, 2, 23),
    "international women's": lambda y: dt.date(y, 3, 8),
    "victory": lambda y: dt.date(y, 5, 9),
    "russia": lambda y: dt.date(y, 6, 12),
    "national unity": lambda y: dt.date(y, 11, 4),
    "unity": lambda y: dt.date(y, 11, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),  # the fourth Thursday of November
    "easter": lambda y: easter(y),
    "orthodox easter": lambda y: easter(y, EASTER_ORTHODOX),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's": lambda y: dt.date(y, 2, 14),
}
# Named after a word that is no date by itself ("Russia", "victory"): only with their "Day".
NAMED_BY_DAY = {"victory", "russia", "unity", "national unity", "defender of the fatherland"}
NAMED_BY_DAY |= {"international women's"}


def _holiday_pattern(name: str) -> str:
    words = re.escape(name).replace("'", "['’]")
    return f"{words} day" if name in NAMED_BY_DAY else f"{words}(?: day| sunday)?"


HOLIDAY = "|".join(  # a holiday's name as written, lower case; also what the finder looks for
    _holiday_pattern(name) for name in sorted(HOLIDAYS, key=len, reverse=True)
)


def _rule_holiday(m: Match, base: dt.date, direction: Direction) -> Span | None:
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


_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SMALL_NUMBERS = {w: i for i, w in enumerate(_UNITS_WORDS, 1)} | {
    w: i for i, w in enumerate(_TEENS, 10)
}
SMALL_NUMBERS |= {w: 10 * i for i, w in enumerate(_TENS, 2)}
_TENS_OR_TEENS = "|".join([*_TEENS, *_TENS])
_UNITS_ONLY = "|".join(_UNITS_WORDS)
_TEN_TO_99 = (
    rf"(?:(?:{'|'.join(_TENS)})[- ](?:{_UNITS_ONLY})|{_TENS_OR_TEENS})"  # "twenty-five" is no year
)
_UP_TO_99 = rf"(?:{_TEN_TO_99}|{_UNITS_ONLY})"


SPELLED_YEAR = (  # also what the phrase finder looks for
    rf"(?:(?P<century>{'|'.join(_TEENS)}|twenty)[- ](?:(?P<rest>{_TEN_TO_99})|hundred)"
    rf"|two thousand(?: and)?(?: (?P<thousands>{_UP_TO_99}))?)"
)


def _words_number(words: str) -> int:
    """ "ninety-six" -> 96, "fifteen" -> 15 (at most two words, tens then units)."""
    return sum(SMALL_NUMBERS[w] for w in re.split(r"[- ]", words) if w)


def _rule_spelled_year(m: Match, base: dt.date, direction: Direction) -> Span | None:
    """ "nineteen ninety-six", "twenty fifteen", "two thousand and three"."""
    century, rest, thousands_rest = m.group("century", "rest", "thousands")
    if century:
        year = _words_number(century) * 100 + (_words_number(rest) if rest else 0)
    else:
        year = 2000 + (_words_number(thousands_rest) if thousands_rest else 0)
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


def _rule_dateparser(text: str, base: dt.date, direction: Direction) -> Span | None:
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


def _by_dateparser(m: Match, base: dt.date, direction: Direction) -> Span | None:
    return _rule_dateparser(m.string, base, direction)


# --- the table ----------------------------------------------------------------

Build = Callable[[Match, dt.date, Direction], "Span | None"]


@dataclass(frozen=True)
class Rule:
    """A phrase rule: what it is called, the phrases it may read (matched on the cleaned
    phrase alone, with no date), how it reads them against a date, and examples of it
    (each read by this rule in an article of Thursday 1 October 2015: a test checks)."""

    name: str
    pattern: re.Pattern[str]
    build: Build
    examples: tuple[str, ...]


def _rule(name: str, pattern: str, build: Build, *examples: str) -> Rule:
    return Rule(name, re.compile(pattern), build, examples)


_TIMES = "morning|afternoon|evening|night"
_UNITS = r"(?:day|week|month|year|decade)s?"
_NAMED_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_NAMED_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_NAMED_YEAR = r"(?: (?P<year>\d{4}))?"
_CENTURIES = "|".join(sorted(CENTURY_WORDS, key=len, reverse=True))

# In order: the first rule whose pattern matches and whose builder gives a span reads it.
RULES: tuple[Rule, ...] = (
    _rule(
        "approximate",
        r"(?:about|around|circa|c\.|ca\.|approximately|roughly|some) (.+)",
        _rule_approximate,
        "c. Aug 2014",
        "about two weeks ago",
        "around mid-June",
    ),
    _rule("uncertain", r"(.+?) ?\?", _rule_uncertain, "Aug 2014?"),
    _rule(
        "fiscal",
        r"(?:in |during |by )?(?:the )?(?:fiscal|fy)(?: year)? ?'?\d{2,4}",
        _rule_fiscal,
        "fiscal 1989",
        "FY2015",
    ),
    _rule("anaphora", ANAPHORA.pattern, _rule_anaphora, "the same day", "two days later"),
    _rule("iso", r"\d{4}[\d/-]*|\d{1,3}", _rule_iso, "2015-09-30", "2015-09/2015-10"),
    _rule("since-year", r"since (\d{4})", _rule_since_year, "since 2007"),
    _rule(
        "part-of-month",
        rf"(?:in |during |by )?(early|mid|late)[- ]?{_MONTH}(?:,? (\d{{4}}))?",
        _rule_part_of_month,
        "mid-June",
        "late March 2016",
    ),
    _rule(
        "last-next-month",
        rf"(last|next|this past|this coming) {_MONTH}",
        _rule_last_next_month,
        "last August",
        "next March",
    ),
    _rule(
        "same-weekday",
        rf"(?:on |this )?{_WEEKDAY}(?: (?:{_TIMES}))?",
        _rule_same_weekday,
        "Thursday",  # in an article of a Thursday
    ),
    _rule(
        "earlier-this-week",
        r"earlier (?:this|in the) week",
        _rule_earlier_this_week,
        "earlier this week",
    ),
    _rule(
        "duration",
        rf"(?:for |over )?(?:\d+|{_NUMBER_WORDS}) {_UNITS}",
        _rule_bare_duration,
        "two years",
    ),
    _rule("week-of", r"(?:the )?week of (.+)", _rule_week_of, "week of 1 Feb 2016"),
    _rule("range", r".+\s+(?:–|—|-|to|until)\s+.+", _rule_range, "30 Sep 2015 – 1 Oct 2015"),
    _rule(
        "quarter",
        rf"{_IN}(?:q([1-4])[ -]?(\d{{4}})|(\d{{4}})[ -]q([1-4])|"
        rf"(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of)?(?: (\d{{4}}))?)",
        _rule_quarter,
        "Q3 2015",
        "the third quarter",
    ),
    _rule(
        "half",
        rf"{_IN}(?:h([12])[ -]?(\d{{4}})|(first|second|1st|2nd)[- ]half(?: of)?(?: (\d{{4}}))?)",
        _rule_half,
        "H1 2016",
        "the first half",
    ),
    _rule(
        "season",
        rf"{_IN}(?:(last|next|this|this past|this coming) )?(spring|summer|fall|autumn|winter)"
        rf"(?: (?:of )?(\d{{4}})(?:[–/-](\d{{2}}))?)?",
        _rule_season,
        "last fall",
        "winter 2015",
    ),
    _rule(
        "decade",
        rf"{_IN}(early|mid|late)?[- ]?(?:(\d{{3}})0|'(\d)0)['’]?s",
        _rule_decade,
        "the 1980s",
        "the early '90s",
    ),
    _rule(
        "century",
        rf"{_IN}(?:(\d{{1,2}})(?:st|nd|rd|th)|({_CENTURIES}))[- ]century",
        _rule_century,
        "the 20th century",
    ),
    _rule(
        "within-period",
        r"(earlier|later) (?:this|in the) (month|year)",
        _rule_within_period,
        "earlier this month",
        "later this year",
    ),
    _rule(
        "weekend",
        r"(?:on |at |over |during )?(?:the )?(?:(last|next|this|coming|past) )?weekend",
        _rule_weekend,
        "over the weekend",
        "last weekend",
    ),
    _rule(
        "month-of-year",
        rf"(?:in |since |by )?{_MONTH}(?: of)? (last|this|next) year",
        _rule_month_of_year,
        "June last year",
    ),
    _rule(
        "part-of-year",
        r"(?:in |by |since |until )?(?:the )?(early|mid|late)[- ]?"
        r"(?:(\d{4})|(last|this|next) year)",
        _rule_part_of_year,
        "early 2016",
        "mid-2015",
        "late next year",
    ),
    _rule(
        "holiday",
        rf"(?:on |at |over |during |by |until |since )?(?:(?P<which>last|next|this) )?(?:the )?"
        rf"(?P<holiday>{HOLIDAY})(?:,? (?P<year>\d{{4}}))?",
        _rule_holiday,
        "Christmas",
        "Victory Day 2015",
        "last Thanksgiving",
    ),
    _rule(
        "spelled-year",
        rf"(?:in |since |by |until )?{SPELLED_YEAR}",
        _rule_spelled_year,
        "nineteen ninety-six",
        "in twenty fifteen",
        "two thousand and three",
    ),
    _rule("weekday", rf"(?:on )?{_WEEKDAY}", _fast_weekday, "on Tuesday"),
    _rule("last-week", r"last week", _fast_last_week, "last week"),
    _rule(
        "month-day",
        rf"(?:in |on )?{_NAMED_MONTH}(?: {_NAMED_DAY})?,?{_NAMED_YEAR}",
        _fast_month_day,
        "in May",
        "May 5th",
        "May 2014",
    ),
    _rule(
        "day-month",
        rf"(?:on )?{_NAMED_DAY} {_NAMED_MONTH},?{_NAMED_YEAR}",
        _fast_month_day,
        "on 5 May",
        "5 May 2014",
    ),
    _rule("year", r"(?:in )?(\d{4})", _fast_year, "in 2014"),
    _rule("dateparser", r".+", _by_dateparser, "three weeks ago"),
)

NUMERIC = re.compile(r"(?:on )?(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
ORDER_WORDS = {"dmy": "day first", "mdy": "month first"}


def _numeric(text: str, order: DateOrder | None) -> Span | None:
    """``05/09/2015``: day first or month first? Read by the source's ``date_order``; with
    none, read only when one reading is impossible, else refused with both readings."""
    found = NUMERIC.fullmatch(text)
    if found is None:
        return None
    first, second, year = int(found[1]), int(found[3]), int(found[4])
    year += 2000 if year < 100 else 0
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


ORDER_HINT = "set `date_order: dmy` (most non-US outlets) or `mdy` on the source, or pin it"


def _readings(possible: dict[DateOrder, tuple[int, int]], year: int) -> str:
    return " or ".join(
        f"{day_label(dt.date(year, m, d))} ({ORDER_WORDS[k]})" for k, (m, d) in possible.items()
    )


def clean_phrase(phrase: str) -> str:
    """Lower-case, fold white space and curly apostrophes, drop surrounding punctuation."""
    return " ".join(phrase.lower().replace("’", "'").split()).strip(" .,;:")


@lru_cache(maxsize=16384)
def _candidates(text: str) -> tuple[tuple[Rule, Match], ...]:
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
    for rule, match in _candidates(text):
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
# News text mostly looks back; an announcement looks ahead. With ``auto`` the sentence the
# phrase sits in decides: a future cue ("will", "is due to") reads it ahead, a past cue
# ("said", "was", a verb in -ed) back, and with neither the reading nearer the publication
# date wins ("Jan. 14" in a story of 6 January is eight days ahead, not a year back).

FUTURE_CUES = re.compile(
    r"\b(?:set to|will|would|is to|are to|scheduled|due to|is due|are due|planned|plans|"
    r"upcoming|tomorrow|next|expected to|intends? to|going to)\b",
    re.I,
)
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|took|began|came|went|met|fought|ago|last|earlier|"
    r"yesterday|previously|[a-z]{3,}ed)\b",
    re.I,
)


def cue_of(sentence: str) -> tuple[Direction, str] | None:
    """The direction a sentence's words give, and the word that gave it (future first)."""
    for direction, cues in (("future", FUTURE_CUES), ("past", PAST_CUES)):
        found = cues.search(sentence)
        if found:
            return direction, found.group(0)  # type: ignore[return-value]
    return None


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
    """The span, and the direction that read it. With ``auto``, when looking back and
    looking ahead give the same days there is nothing to decide; else the sentence's cue
    decides, or the nearer reading; ``how`` says which."""
    if looking != "auto":
        return normalise(phrase, base, looking, order), looking
    past, future = _both(phrase, base, order)
    if past is None or future is None or (past.start, past.end) == (future.start, future.end):
        return (past, "past") if past is not None else (future, "future")  # type: ignore[return-value]
    cue = cue_of(sentence)
    if cue is not None:
        chosen, why = cue[0], f"the cue {cue[1]!r} reads it {cue[0]}"
    else:
        chosen = "future" if _distance(future, base) < _distance(past, base) else "past"
        other = past if chosen == "future" else future
        why = f"no cue, and it is nearer than {other.label}, the other way"
    span = future if chosen == "future" else past
    return replace(span, how=f"{span.how}; auto: {why}"), chosen


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
        raise refusals[-1]
    return readings.get("past"), readings.get("future")


def _distance(span: Span, base: dt.date) -> int:
    if span.start <= base <= span.end:
        return 0
    return min(abs((span.start - base).days), abs((span.end - base).days))
