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


def _plain(markup: Any) -> str:
    text = re.sub(r"<[^>]+>", " ", str(markup or ""))
    return " ".join(html.unescape(text).split())


def _part(date: Any, key: str) -> str:
    value = date.get(key) if isinstance(date, dict) else None
    return "" if value in (None, "") else str(value).replace(",", "").strip()


def _slide(raw: dict[str, Any]) -> Slide:
    text = raw.get("text") or {}
    start, end = raw.get("start_date") or {}, raw.get("end_date") or {}
    return Slide(
        ident=str(raw.get("unique_id") or ""),
        headline=_plain(text.get("headline")),
        text=str(text.get("text") or ""),
        start={k: _part(start, k) for k in ("year", "month", "day")},
        end={k: _part(end, k) for k in ("year", "month", "day")},
        display=_plain(raw.get("display_date")),
        group=_plain(raw.get("group")),
    )


def read_json(text: str) -> tuple[str, list[Slide]]:
    """The title and slides of a TimelineJS JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ExportError(f"not valid JSON (line {err.lineno}): {err.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ExportError('not a TimelineJS file: it needs an "events" list')
    title = (data.get("title") or {}).get("text") or {}
    slides = [_slide(e) for e in data["events"] if isinstance(e, dict)]
    return _plain(title.get("headline")), slides


def read_csv(text: str) -> tuple[str, list[Slide]]:
    """The title and slides of a TimelineJS spreadsheet saved as CSV."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Year" not in rows[0] or "Headline" not in rows[0]:
        raise ExportError(
            "not a TimelineJS spreadsheet: it needs the columns "
            + ", ".join(SHEET_COLUMNS[:3])
            + ", Headline, …"
        )
    title, slides = "", []
    for row in rows:
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
            slides.append(_slide(raw))
    return title, slides


def _iso(parts: dict[str, str]) -> str:
    """``{"year": "2015", "month": "9"}`` → ``2015-09``."""
    year, month, day = parts["year"], parts["month"], parts["day"]
    if not month:
        return f"{int(year):04d}"
    if not day:
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _span(slide: Slide) -> Span:
    pin = _iso(slide.start)
    if slide.end["year"]:
        pin += "/" + _iso(slide.end)
    return parse_pin(pin)


_META = re.compile(r"Kind:\s*(\w+)\s*·\s*Status:\s*(\w+)")


def _quote(slide: Slide) -> str:
    quoted = re.search(r"<blockquote>(.*?)</blockquote>", slide.text, re.S)
    return _plain(quoted.group(1) if quoted else slide.text) or slide.headline


def _event(slide: Slide, ident: str, actor: str, source: str, base: dt.date) -> dict[str, Any]:
    span = _span(slide)
    meta = _META.search(_plain(slide.text))
    kind, status = meta.groups() if meta else ("statement", "reported")
    event: dict[str, Any] = {"id": ident, "title": slide.headline or ident, "source": source}
    try:
        phrase = normalise(slide.display, base) if slide.display else None
    except DateError:
        phrase = None
    # the displayed phrase carries the precision ("mid-Jun 2015") when it covers the same days
    if phrase and (phrase.start, phrase.end) == (span.start, span.end):
        event["when"] = slide.display
    else:
        event["date"] = _iso(slide.start) + ("/" + _iso(slide.end) if slide.end["year"] else "")
    event.update(
        actors=[actor],
        kind=kind if kind in KINDS else "statement",
        status=status if status in STATUSES else "reported",
        quote=_quote(slide),
    )
    return event


def to_dataset(title: str, slides: list[Slide], name: str) -> dict[str, Any]:
    """A dataset (as plain data for YAML) from TimelineJS slides."""
    if not slides:
        raise ExportError("the file has no events to import")
    spans = []
    for number, slide in enumerate(slides, start=1):
        try:
            spans.append(_span(slide))
        except (DateError, ValueError) as err:
            raise ExportError(f"event {number} ({slide.headline!r}): bad date: {err}") from None
    base = max(s.end for s in spans)
    source_id = slug(name, set())
    groups = {g: slug(g, set()) for g in dict.fromkeys(s.group or "Unattributed" for s in slides)}
    taken: set[str] = set()
    events = [
        _event(
            slide,
            slug(slide.ident or slide.headline, taken),
            groups[slide.group or "Unattributed"],
            source_id,
            base,
        )
        for slide in slides
    ]
    return {
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


def import_text(text: str, name: str, kind: str) -> str:
    """``events.yaml`` text from a TimelineJS ``json`` or ``csv`` file's text."""
    title, slides = read_json(text) if kind == "json" else read_csv(text)
    data = to_dataset(title, slides, name)
    header = (
        f"# Imported from {name} (TimelineJS {kind}). Quotes have no article to check against.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
