"""Reading a TimelineJS file: its JSON (TimelineJS 3 or 2) or its spreadsheet as CSV, into
slides whose fields are still the file's own text (numbers are checked when dated)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from timeline.timelinejs.markup import plain_text

DATE_KEYS = ("year", "month", "day", "hour", "minute", "second")
MAX_DEPTH = 200  # JSON nested deeper than this is not a TimelineJS file
SHEET_COLUMNS = (  # TimelineJS 3's spreadsheet template, in its order
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
SHEET2_COLUMNS = ("Start Date", "End Date", "Headline", "Text", "Media", "Tag")  # TimelineJS 2's


class TimelineJSError(Exception):
    """The file is not a TimelineJS file, or none of its slides can be imported."""


@dataclass(frozen=True)
class Slide:
    """One TimelineJS event (or era), as the file gives it."""

    where: str  # "event 3" in a JSON file, "row 5" in a spreadsheet
    headline: str
    text: str  # HTML
    start: dict[str, str]
    end: dict[str, str]
    display: str = ""
    group: str = ""
    ident: str = ""
    media: dict[str, str] = field(default_factory=dict)  # url, caption, credit, thumbnail
    background: bool = False


@dataclass
class Read:
    """What a TimelineJS file holds: its version, title slide, slides and eras."""

    version: str
    title: str = ""
    description: str = ""
    media: dict[str, str] = field(default_factory=dict)
    slides: list[Slide] = field(default_factory=list)
    eras: list[Slide] = field(default_factory=list)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text_object(value: Any) -> dict[str, Any]:
    """A slide's ``text``: an object with headline and text; a bare string is its text."""
    return {"text": value} if isinstance(value, str) else _mapping(value)


def _part(value: Any) -> str:
    return "" if value in (None, "") else str(value).replace(",", "").strip()


def _parts(date: Any) -> dict[str, str]:
    return {key: _part(_mapping(date).get(key)) for key in DATE_KEYS}


def _media(raw: Any, url_key: str = "url") -> dict[str, str]:
    """A slide's media as ``url, caption, credit, thumbnail`` (those given); the url as the
    file has it (it may be HTML: see :mod:`timeline.timelinejs.media`)."""
    given = _mapping(raw)
    media = {
        "url": str(given.get(url_key) or "").strip(),
        "caption": plain_text(given.get("caption")),
        "credit": plain_text(given.get("credit")),
        "thumbnail": str(given.get("thumbnail") or given.get("thumb") or "").strip(),
    }
    return {key: value for key, value in media.items() if value} if media["url"] else {}


def _slide(raw: dict[str, Any], where: str) -> Slide:
    text = _text_object(raw.get("text"))
    return Slide(
        where=where,
        headline=plain_text(text.get("headline")),
        text=str(text.get("text") or ""),
        start=_parts(raw.get("start_date")),
        end=_parts(raw.get("end_date")),
        display=plain_text(raw.get("display_date")),
        group=plain_text(raw.get("group")),
        ident=str(raw.get("unique_id") or ""),
        media=_media(raw.get("media")),
        background=bool(raw.get("background")),
    )


def _too_deep(text: str) -> bool:
    depth = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _json(text: str) -> Any:
    if _too_deep(text):
        raise TimelineJSError(f"not a TimelineJS file: nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise TimelineJSError(f"not valid JSON (line {err.lineno}): {err.msg}") from None


def read_json(text: str) -> Read:
    """The title slide, slides and eras of a TimelineJS 3 (or 2) JSON file."""
    data = _json(text)
    if isinstance(data, dict) and isinstance(data.get("timeline"), dict):
        return read_json_v2(data["timeline"])
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise TimelineJSError(
            'not a TimelineJS file: TimelineJS 3 needs an "events" list, '
            'TimelineJS 2 a "timeline" object with a "date" list'
        )
    given = data.get("title")
    title = _mapping(given) if not isinstance(given, str) else {"text": {"headline": given}}
    words = _text_object(title.get("text"))
    return Read(
        "TimelineJS 3",
        plain_text(words.get("headline")),
        str(words.get("text") or ""),
        _media(title.get("media")),
        [_slide(_mapping(e), f"event {i}") for i, e in enumerate(data["events"], 1)],
        [_slide(_mapping(e), f"era {i}") for i, e in enumerate(_list(data.get("eras")), 1)],
    )


def _v2_parts(text: Any) -> dict[str, str]:
    """A TimelineJS 2 date ("2011,12,10,07,02" or a sheet's "12/10/2011") as date parts,
    split (never searched with a pattern); numbers are checked when the slide is dated.
    Text it cannot split is kept as the year, so the slide is skipped saying what it was."""
    value = str(text or "").strip()
    us = [p.strip() for p in value.split("/")]
    if len(us) == 3:
        return dict(zip(DATE_KEYS, (us[2], us[0], us[1], "", "", ""), strict=True))
    pieces = [p.strip() for p in value.split(",")]
    if "/" in value or len(pieces) > len(DATE_KEYS):
        return dict(zip(DATE_KEYS, (value, "", "", "", "", ""), strict=True))
    pieces += [""] * (len(DATE_KEYS) - len(pieces))
    return dict(zip(DATE_KEYS, pieces, strict=True))


def _v2_slide(raw: dict[str, Any], where: str) -> Slide:
    return Slide(
        where=where,
        headline=plain_text(raw.get("headline")),
        text=str(raw.get("text") or ""),
        start=_v2_parts(raw.get("startDate")),
        end=_v2_parts(raw.get("endDate")) if raw.get("endDate") else _parts({}),
        group=plain_text(raw.get("tag")),
        media=_media(raw.get("asset"), "media"),
    )


def read_json_v2(timeline: dict[str, Any]) -> Read:
    """A TimelineJS 2 file: ``{"timeline": {"headline", "text", "asset", "date", "era"}}``."""
    dates = timeline.get("date")
    if not isinstance(dates, list):
        raise TimelineJSError('not a TimelineJS 2 file: its "timeline" needs a "date" list')
    eras = _list(timeline.get("era"))
    return Read(
        "TimelineJS 2",
        plain_text(timeline.get("headline")),
        str(timeline.get("text") or ""),
        _media(timeline.get("asset"), "media"),
        [_v2_slide(_mapping(d), f"date {i}") for i, d in enumerate(dates, 1)],
        [_v2_slide(_mapping(e), f"era {i}") for i, e in enumerate(eras, 1)],
    )


def _rows(text: str) -> list[dict[str, str]]:
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # one cell may be the file
    try:
        return list(csv.DictReader(io.StringIO(text), strict=True))
    except csv.Error as err:
        raise TimelineJSError(f"not a readable CSV file: {err}") from None


_HALVES = (("a.m.", "a"), ("p.m.", "p"), ("am", "a"), ("pm", "p"), ("a", "a"), ("p", "p"))


def _half_day(value: str) -> tuple[str, str]:
    """ "5:16 PM" → ("5:16", "p"); "17:16" → ("17:16", "")."""
    for mark, half in _HALVES:
        if value.endswith(mark):
            return value.removesuffix(mark).strip(), half
    return value, ""


def _clock(text: str | None) -> dict[str, str]:
    """A sheet's Time cell ("17:16", "5:16 PM", "17:16:05") as hour, minute and second,
    split (never searched with a pattern); what does not split is kept as the hour, so the
    slide is dated without it, saying so."""
    value, half = _half_day((text or "").strip().lower())
    if not value:
        return {}
    pieces = value.split(":")
    if len(pieces) > 3 or not all(p.isascii() and p.isdigit() and len(p) <= 2 for p in pieces):
        return {"hour": str(text)}
    hour = int(pieces[0])
    hour = hour % 12 + (12 if half == "p" else 0) if half else hour
    pieces += [""] * (3 - len(pieces))
    return {"hour": str(hour), "minute": pieces[1] or "0", "second": pieces[2]}


def _sheet_date(row: dict[str, str], prefix: str) -> dict[str, str]:
    parts = {
        "year": row.get(f"{prefix}Year"),
        "month": row.get(f"{prefix}Month"),
        "day": row.get(f"{prefix}Day"),
        **_clock(row.get(f"{prefix}Time")),
    }
    return _parts(parts)


def _sheet_media(row: dict[str, str]) -> dict[str, str]:
    return _media(
        {
            "url": row.get("Media"),
            "caption": row.get("Media Caption"),
            "credit": row.get("Media Credit"),
            "thumbnail": row.get("Media Thumbnail"),
        }
    )


def _sheet_slide(row: dict[str, str], where: str, version: str) -> Slide:
    v2 = version == "TimelineJS 2"
    return Slide(
        where=where,
        headline=plain_text(row.get("Headline")),
        text=row.get("Text") or "",
        start=_v2_parts(row.get("Start Date")) if v2 else _sheet_date(row, ""),
        end=_v2_parts(row.get("End Date")) if v2 else _sheet_date(row, "End "),
        display=plain_text(row.get("Display Date")),
        group=plain_text(row.get("Tag" if v2 else "Group")),
        media=_sheet_media(row),
        background=bool((row.get("Background") or "").strip()),
    )


def _sheet_version(header: list[str]) -> str:
    if "Start Date" in header and "Headline" in header:
        return "TimelineJS 2"
    if "Year" in header and "Headline" in header:
        return "TimelineJS 3"
    raise TimelineJSError(
        "not a TimelineJS spreadsheet: TimelineJS 3 sheets have the columns "
        + ", ".join(SHEET_COLUMNS[:3])
        + ", Headline, …; TimelineJS 2 sheets "
        + ", ".join(SHEET2_COLUMNS[:3])
        + ", …"
    )


def read_csv(text: str) -> Read:
    """The title slide, slides and eras of a TimelineJS 3 (or 2) spreadsheet saved as CSV."""
    rows = _rows(text)
    read = Read(_sheet_version(list(rows[0]) if rows else []))
    for number, row in enumerate(rows, start=2):  # the header is line 1
        kind = (row.get("Type") or "").strip().lower()
        slide = _sheet_slide(row, f"row {number}", read.version)
        if kind == "title":
            read.title, read.description, read.media = slide.headline, slide.text, slide.media
        else:
            (read.eras if kind == "era" else read.slides).append(slide)
    return read
