"""TimelineJS in: its JSON or spreadsheet CSV → a valid ``events.yaml``.

An import becomes one source for the file, one actor per group, and each date as the
phrase TimelineJS displays (``when``) when it reads back as the same span, else as a pin,
so precision survives a round trip.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from timeline.dates import DateError, Span, normalise, parse_pin
from timeline.export.files import ExportError
from timeline.export.timelinejs import SHEET_COLUMNS
from timeline.ids import slug
from timeline.layout import short_title
from timeline.model import KINDS, STATUSES


@dataclass(frozen=True)
class Slide:
    """One TimelineJS event, in plain text."""

    ident: str
    headline: str
    text: str
    start: dict[str, str]
    end: dict[str, str]
    display: str
    group: str
    where: str = ""  # "event 3" in a JSON file, "row 5" in a spreadsheet


def _plain(markup: Any) -> str:
    text = re.sub(r"<[^>]+>", " ", str(markup or ""))
    return " ".join(html.unescape(text).split())


@dataclass(frozen=True)
class Skipped:
    """A slide that could not be imported, and why; the rest of the file still is."""

    where: str  # "event 3" in a JSON file, "row 5" in a spreadsheet
    headline: str
    reason: str

    def __str__(self) -> str:
        name = f" ({self.headline!r})" if self.headline else ""
        return f"{self.where}{name} skipped: {self.reason}"


MAX_DEPTH = 200  # JSON nested deeper than this is not a TimelineJS file


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text_object(value: Any) -> dict[str, Any]:
    """A slide's ``text``: an object with headline and text; a bare string is its text."""
    return {"text": value} if isinstance(value, str) else _mapping(value)


def _part(date: Any, key: str) -> str:
    value = _mapping(date).get(key)
    return "" if value in (None, "") else str(value).replace(",", "").strip()


def _slide(raw: dict[str, Any], where: str) -> Slide:
    text = _text_object(raw.get("text"))
    start, end = raw.get("start_date"), raw.get("end_date")
    return Slide(
        ident=str(raw.get("unique_id") or ""),
        headline=_plain(text.get("headline")),
        text=str(text.get("text") or ""),
        start={k: _part(start, k) for k in ("year", "month", "day")},
        end={k: _part(end, k) for k in ("year", "month", "day")},
        display=_plain(raw.get("display_date")),
        group=_plain(raw.get("group")),
        where=where,
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


def read_json(text: str) -> tuple[str, list[Slide]]:
    """The title and slides of a TimelineJS JSON file."""
    if _too_deep(text):
        raise ExportError(f"not a TimelineJS file: nested more than {MAX_DEPTH} levels deep")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ExportError(f"not valid JSON (line {err.lineno}): {err.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ExportError('not a TimelineJS file: it needs an "events" list')
    given = data.get("title")
    title = (
        {"headline": given} if isinstance(given, str) else _text_object(_mapping(given).get("text"))
    )
    slides = [_slide(_mapping(e), f"event {i}") for i, e in enumerate(data["events"], 1)]
    return _plain(title.get("headline")), slides


def _rows(text: str) -> list[dict[str, str]]:
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # one cell may be the file
    try:
        return list(csv.DictReader(io.StringIO(text), strict=True))
    except csv.Error as err:
        raise ExportError(f"not a readable CSV file: {err}") from None


def read_csv(text: str) -> tuple[str, list[Slide]]:
    """The title and slides of a TimelineJS spreadsheet saved as CSV."""
    rows = _rows(text)
    if not rows or "Year" not in rows[0] or "Headline" not in rows[0]:
        raise ExportError(
            "not a TimelineJS spreadsheet: it needs the columns "
            + ", ".join(SHEET_COLUMNS[:3])
            + ", Headline, …"
        )
    title, slides = "", []
    for number, row in enumerate(rows, start=2):  # the header is line 1
        raw = {
            "start_date": {
                "year": row.get("Year"),
                "month": row.get("Month"),
                "day": row.get("Day"),
            },
            "end_date": {
                "year": row.get("End Year"),
                "month": row.get("End Month"),
                "day": row.get("End Day"),
            },
            "display_date": row.get("Display Date"),
            "group": row.get("Group"),
            "text": {"headline": row.get("Headline"), "text": row.get("Text")},
        }
        if (row.get("Type") or "").strip().lower() == "title":
            title = _plain(row.get("Headline"))
        elif (row.get("Type") or "").strip().lower() != "era":
            slides.append(_slide(raw, f"row {number}"))
    return title, slides


YEARS = (1, 9999)  # what a date here holds (Python's calendar); others are skipped, said


def _year(text: str, which: str) -> int:
    if not text:
        raise ValueError(f"it has no {which} year (TimelineJS leaves such a slide out too)")
    try:
        year = int(text)
    except ValueError:
        raise ValueError(f"its {which} year {text!r} is not a number") from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(
            f"its {which} year {year} is outside {YEARS[0]}–{YEARS[1]}, the years timeline holds"
        )
    return year


def _iso(parts: dict[str, str], which: str = "start") -> str:
    """``{"year": "2015", "month": "9"}`` → ``2015-09``; ValueError says what is wrong."""
    year, month, day = _year(parts["year"], which), parts["month"], parts["day"]
    try:
        numbers = [int(month)] if month else []
        numbers += [int(day)] if month and day else []
    except ValueError:
        raise ValueError(f"its {which} month or day is not a number") from None
    return "-".join([f"{year:04d}", *(f"{n:02d}" for n in numbers)])


def _pin(slide: Slide) -> str:
    pin = _iso(slide.start)
    return pin + ("/" + _iso(slide.end, "end") if slide.end["year"] else "")


def _span(slide: Slide) -> Span:
    """The slide's span; ValueError or DateError says why it has none."""
    if not (slide.headline or _plain(slide.text)):
        raise ValueError("it has neither a headline nor text, so there is nothing to show")
    return parse_pin(_pin(slide))


_META = re.compile(r"Kind:\s*(\w+)\s*·\s*Status:\s*(\w+)")


def _quote(slide: Slide) -> str:
    quoted = re.search(r"<blockquote>(.*?)</blockquote>", slide.text, re.S)
    return _plain(quoted.group(1) if quoted else slide.text) or slide.headline


def _event(slide: Slide, ident: str, actor: str, source: str, base: dt.date) -> dict[str, Any]:
    span = _span(slide)
    meta = _META.search(_plain(slide.text))
    kind, status = meta.groups() if meta else ("statement", "reported")
    title = slide.headline or short_title(_plain(slide.text), 80) or ident
    event: dict[str, Any] = {"id": ident, "title": title, "source": source}
    try:
        phrase = normalise(slide.display, base) if slide.display else None
    except DateError:
        phrase = None
    # the displayed phrase carries the precision ("mid-Jun 2015") when it covers the same days
    if phrase and (phrase.start, phrase.end) == (span.start, span.end):
        event["when"] = slide.display
    else:
        event["date"] = _pin(slide)
    event.update(
        actors=[actor],
        kind=kind if kind in KINDS else "statement",
        status=status if status in STATUSES else "reported",
        quote=_quote(slide),
    )
    return event


def _usable(slides: list[Slide]) -> tuple[list[tuple[Slide, Span]], list[Skipped]]:
    """Each slide with its span, and the slides that have none, with the reason."""
    kept, skipped = [], []
    for slide in slides:
        try:
            kept.append((slide, _span(slide)))
        except (DateError, ValueError) as err:
            skipped.append(Skipped(slide.where, slide.headline, str(err)))
    return kept, skipped


def to_dataset(title: str, slides: list[Slide], name: str) -> tuple[dict[str, Any], list[Skipped]]:
    """A dataset (as plain data for YAML) from TimelineJS slides, and the slides skipped."""
    kept, skipped = _usable(slides)
    if not kept:
        reasons = "; ".join(map(str, skipped)) or "the file has no events"
        raise ExportError(f"nothing to import: {reasons}")
    base = max(span.end for _, span in kept)
    source_id = slug(name, set())
    groups = {g: slug(g) for g in dict.fromkeys(s.group or "Unattributed" for s, _ in kept)}
    taken: set[str] = set()
    events = [
        _event(
            s,
            slug(s.ident or s.headline, taken),
            groups[s.group or "Unattributed"],
            source_id,
            base,
        )
        for s, _ in kept
    ]
    data = {
        "title": title or name,
        "sources": [
            {
                "id": source_id,
                "title": title or name,
                "outlet": f"TimelineJS ({name})",
                "published": base.isoformat(),
            }
        ],
        "actors": [{"id": i, "name": g, "affiliation": g} for g, i in groups.items()],
        "events": events,
    }
    return data, skipped


def import_text(text: str, name: str, kind: str) -> tuple[str, list[Skipped]]:
    """``events.yaml`` text from a TimelineJS ``json`` or ``csv`` file's text, and the
    slides that were skipped (each with its reason); ExportError when nothing is left."""
    title, slides = read_json(text) if kind == "json" else read_csv(text)
    data, skipped = to_dataset(title, slides, name)
    header = (
        f"# Imported from {name} (TimelineJS {kind}). Quotes have no article to check against.\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return header + body, skipped
