"""Pins: dates as a dataset writes them exactly, ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
``START/END`` and EDTF (ISO 8601-2, checked by the ``edtf`` library); and a span written
back as EDTF for the exports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from edtf import parse_edtf

from timeline.dates.span import (
    DateError,
    Span,
    day_span,
    decade_span,
    edtf_mark,
    half_span,
    month_span,
    quarter_span,
    range_span,
    season_span,
    year_span,
)

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
    halves), ``201X`` (a decade), intervals of any of these. Outside years 1–9999 (``XXXX``,
    ``0000-21``, ``9999-24``): a DateError that says so."""
    try:
        return _pin(text, how)
    except DateError:
        raise
    except (ValueError, OverflowError) as err:  # a day the calendar has no room for
        raise DateError(
            f"{str(text).strip()!r} reaches outside the years 1 to 9999 this timeline can "
            f"place ({err}); pin a date within them"
        ) from None


def _pin(text: str, how: str) -> Span:
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


_STDOUT = threading.Lock()  # one swap of sys.stdout at a time, so each is undone in order


def quiet_edtf(text: str) -> Any:
    """``parse_edtf``, with what the library prints on a failed parse kept off stdout
    (where ``list --format json`` writes only data)."""
    with _STDOUT, contextlib.redirect_stdout(io.StringIO()):
        return parse_edtf(text)


def _edtf_pin(text: str, how: str) -> Span:
    """An EDTF pin, checked by the ``edtf`` library, as a span of the project's own kinds
    (its seasons are meteorological, its decades and centuries its own) with its flags."""
    try:
        quiet_edtf(text)
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
        found = quiet_edtf(core)
        first, last = (dt.date(*t[:3]) for t in (found.lower_strict(), found.upper_strict()))
        return range_span(day_span(first, how), day_span(last, how), how)
    return _iso_part(core, how)


def flagged(span: Span, approximate: bool, uncertain: bool) -> Span:
    """``span`` approximate ("c. Aug 2014") and/or uncertain ("Aug 2014?"), as flagged."""
    approximate, uncertain = approximate or span.approximate, uncertain or span.uncertain
    label = span.label.removeprefix("c. ").removesuffix("?")
    label = ("c. " if approximate else "") + label + ("?" if uncertain else "")
    whole = replace(span, approximate=approximate, uncertain=uncertain, ends=None)
    return replace(whole, label=label, ends=span.ends and (edtf_mark(whole), edtf_mark(whole)))


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
    mark = edtf_mark(span)
    whole = _EDTF_WHOLE.get(span.precision)
    if whole is not None:
        return whole(span.start) + mark
    group = _edtf_group(span)
    if group and not mark:  # the library reads no qualifier on a grouping
        return f"{span.start.year:04d}-{group}{mark}"
    if span.precision == "decade" and span.start.year % 10 == 0 and span.end.year % 10 == 9:
        return f"{span.start.year // 10:03d}X{mark}"
    first, last = span.ends or (mark, mark)  # each end its own qualifier (2014~/2015)
    return f"{span.start.isoformat()}{first}/{span.end.isoformat()}{last}"
