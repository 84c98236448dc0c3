"""TimelineJS in: its JSON (TimelineJS 3 or 2) or spreadsheet CSV → a valid ``events.yaml``.

Every slide that can be represented is imported; a slide that cannot (no start year, an
unreadable date, a year outside 1–9999) is skipped and named with the reason, and the
rest of the file still comes in. What the file says is kept: headline, text (links as
Markdown links), date at its precision, the displayed date as the event's phrase, time of
day, media, group (as an actor, and the dataset's lanes), eras (as periods), the title
slide's headline, text and media. What it cannot say is not invented: an imported
event's kind and status are ``unknown``, its source (the file) has no publication date.
What is dropped (backgrounds, end times) is counted in :attr:`Imported.summary`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from timeline.dates import DateError, parse_pin
from timeline.export.files import ExportError
from timeline.export.timelinejs import SHEET_COLUMNS
from timeline.ids import slug
from timeline.layout import short_title
from timeline.model import KINDS, STATUSES, UNATTRIBUTED
from timeline.text import html_links, plain_text

DATE_KEYS = ("year", "month", "day", "hour", "minute", "second")
YEARS = (1, 9999)  # what a date here holds (Python's calendar); others are skipped, said
MAX_DEPTH = 200  # JSON nested deeper than this is not a TimelineJS file


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
    media: dict[str, str] = field(default_factory=dict)
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


@dataclass(frozen=True)
class Skipped:
    """A slide that could not be imported, and why; the rest of the file still is."""

    where: str
    headline: str
    reason: str

    def __str__(self) -> str:
        name = f" ({self.headline!r})" if self.headline else ""
        return f"{self.where}{name} skipped: {self.reason}"


@dataclass
class Imported:
    """The YAML text of an import, the slides skipped, and what was kept, converted and
    dropped, counted (``summary`` says it in one line)."""

    text: str
    skipped: list[Skipped]
    counts: Counter[str]

    @property
    def summary(self) -> str:
        return summary_line(self.counts, len(self.skipped))


# --- reading the file -----------------------------------------------------------


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text_object(value: Any) -> dict[str, Any]:
    """A slide's ``text``: an object with headline and text; a bare string is its text."""
    return {"text": value} if isinstance(value, str) else _mapping(value)


def _part(value: Any) -> str:
    return "" if value in (None, "") else str(value).replace(",", "").strip()


def _parts(date: Any) -> dict[str, str]:
    return {key: _part(_mapping(date).get(key)) for key in DATE_KEYS}


def _media(raw: Any, url_key: str = "url") -> dict[str, str]:
    """A slide's media as ``url, caption, credit, thumbnail`` (those given)."""
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
        raise ExportError(f"not a TimelineJS file: nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ExportError(f"not valid JSON (line {err.lineno}): {err.msg}") from None


def read_json(text: str) -> Read:
    """The title slide, slides and eras of a TimelineJS 3 (or 2) JSON file."""
    data = _json(text)
    if isinstance(data, dict) and isinstance(data.get("timeline"), dict):
        return read_json_v2(data["timeline"])
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ExportError(
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


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# TimelineJS 2 wrote a date as "2011,12,10,07,02,10" (a sheet also as "12/10/2011")
_V2_DATE = re.compile(r"^\s*(-?\d+)(?:\s*,\s*(\d*)(?:\s*,\s*(\d*))?)?((?:\s*,\s*\d*){0,3})\s*$")
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(-?\d+)\s*$")


def _v2_parts(text: Any) -> dict[str, str]:
    """A TimelineJS 2 date ("2011,12,10,07,02" or "12/10/2011") as date parts; text it
    cannot read is kept as the year, so the slide is skipped saying what it was."""
    value = str(text or "").strip()
    us = _US_DATE.match(value)
    if us:
        return dict(zip(DATE_KEYS, (us[3], us[1], us[2], "", "", ""), strict=True))
    v2 = _V2_DATE.match(value)
    if not v2:
        return dict(zip(DATE_KEYS, (value, "", "", "", "", ""), strict=True))
    clock = [p.strip() for p in v2[4].split(",")[1:]] + ["", "", ""]
    return dict(zip(DATE_KEYS, (v2[1], v2[2] or "", v2[3] or "", *clock[:3]), strict=True))


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
        raise ExportError('not a TimelineJS 2 file: its "timeline" needs a "date" list')
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
        raise ExportError(f"not a readable CSV file: {err}") from None


_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.I)


def _clock(text: str | None) -> dict[str, str]:
    """A sheet's Time cell ("17:16", "5:16 PM", "17:16:05") as hour, minute and second."""
    match = _CLOCK.match(text or "")
    if not (text or "").strip():
        return {}
    if not match:
        return {"hour": str(text)}  # unreadable: the slide is skipped, saying so
    half = (match[4] or "").lower()
    hour = int(match[1]) % 12 + (12 if half.startswith("p") else 0) if half else int(match[1])
    return {"hour": str(hour), "minute": match[2] or "0", "second": match[3] or ""}


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
    raise ExportError(
        "not a TimelineJS spreadsheet: TimelineJS 3 sheets have the columns "
        + ", ".join(SHEET_COLUMNS[:3])
        + ", Headline, …; TimelineJS 2 sheets Start Date, End Date, Headline, …"
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


# --- dates ------------------------------------------------------------------------


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
    """The slide's dates as a pin; ValueError or DateError says why it has none."""
    pin = _iso(slide.start)
    pin += "/" + _iso(slide.end, "end") if slide.end["year"] else ""
    parse_pin(pin)
    return pin


def _time(parts: dict[str, str]) -> str | None:
    """The time of day as ``HH:MM`` (``HH:MM:SS`` when seconds are given), or None."""
    if not parts["hour"] or not parts["day"]:
        return None
    try:
        hour, minute = int(parts["hour"]), int(parts["minute"] or 0)
        second = int(parts["second"]) if parts["second"] else None
    except ValueError:
        raise ValueError("its time of day is not a number") from None
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= (second or 0) < 60):
        raise ValueError(f"its time of day {hour}:{minute:02d} is not a time")
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")


# --- slides to events --------------------------------------------------------------


def _title(slide: Slide, text: str) -> str:
    title = slide.headline or short_title(text, 80) or slide.media.get("caption", "")
    if not title:
        raise ValueError("it has no headline, text or media caption to title it by")
    return title


# what timeline's own export writes for an article's event: the quote, then actors, kind
# and status (those known) and the source; read back, not guessed
_OURS = re.compile(
    r"^(?:<blockquote>(.*?)</blockquote>)?<p>Actors: .*?</p>(?:<p>(.*?)</p>)?<p>Source: ", re.S
)


def _said(slide: Slide) -> tuple[str, int, str, str]:
    """The slide's text, its links kept, and the kind and status when the file says them
    (a file timeline exported); else 'unknown'."""
    ours = _OURS.search(slide.text)
    text, links = html_links((ours[1] or "") if ours else slide.text)
    meta = (ours[2] or "") if ours else ""
    kind, status = (re.search(rf"{name}: (\w+)", meta) for name in ("Kind", "Status"))
    return (
        text,
        links,
        kind[1] if kind and kind[1] in KINDS else "unknown",
        status[1] if status and status[1] in STATUSES else "unknown",
    )


def _event(
    slide: Slide, ident: str, actor: str, source: str, counts: Counter[str]
) -> dict[str, Any]:
    """One event from a slide; ValueError or DateError says why the slide cannot be one."""
    text, links, kind, status = _said(slide)
    event: dict[str, Any] = {"id": ident, "title": _title(slide, text), "source": source}
    event.update({"when": slide.display} if slide.display else {})
    event.update(date=_pin(slide), time=_time(slide.start))
    event.update(actors=[actor], kind=kind, status=status, quote=text or None)
    event.update(media=slide.media or None)
    _count(counts, slide, event, links)
    return {key: value for key, value in event.items() if value is not None}


def _count(counts: Counter[str], slide: Slide, event: dict[str, Any], links: int) -> None:
    counts["event"] += 1
    counts["unknown"] += event["kind"] == "unknown" or event["status"] == "unknown"
    counts["media"] += bool(slide.media)
    counts["time"] += event["time"] is not None
    counts["end time"] += bool(slide.end["hour"])
    counts["time without a day"] += bool(slide.start["hour"]) and event["time"] is None
    counts["links"] += bool(links)
    counts["markup"] += _lossy_markup(slide.text)
    counts["background"] += slide.background


def _lossy_markup(text: str) -> bool:
    """Whether making ``text`` plain loses anything: markup besides links and a single
    paragraph (bold, lists, several paragraphs run together)."""
    tags = re.findall(r"<\s*/?\s*([a-z][a-z0-9]*)", text, re.I)
    breaks = sum(t.lower() in ("p", "br") for t in tags) - 2 * ("<p" in text.lower())
    return any(t.lower() not in ("a", "p", "br") for t in tags) or breaks > 0


def _period(era: Slide) -> dict[str, Any]:
    name = era.headline or plain_text(era.text)
    if not name:
        raise ValueError("it has no headline to name it by")
    return {"name": name, "date": _pin(era)}


def _each(items: list[Slide], make: Any) -> tuple[list[Any], list[Skipped]]:
    """``make(item)`` for each item, and the items it refuses, each with the reason."""
    made, skipped = [], []
    for item in items:
        try:
            made.append(make(item))
        except (DateError, ValueError) as err:
            skipped.append(Skipped(item.where, item.headline, str(err)))
    return made, skipped


def _actors(slides: list[Slide]) -> dict[str, str]:
    """Group name → actor id; slides with no group share one actor."""
    taken: set[str] = set()
    return {g: slug(g, taken) for g in dict.fromkeys(s.group or UNATTRIBUTED for s in slides)}


def to_dataset(read: Read, name: str, counts: Counter[str]) -> tuple[dict[str, Any], list[Skipped]]:
    """A dataset (as plain data for YAML) from a TimelineJS file, and what was skipped."""
    source_id, groups, taken = slug(name, set()), _actors(read.slides), set[str]()

    def event(s: Slide) -> dict[str, Any]:
        ident = slug(s.ident or s.headline or s.where, set(taken))
        made = _event(s, ident, groups[s.group or UNATTRIBUTED], source_id, counts)
        taken.add(ident)
        return made

    events, skipped = _each(read.slides, event)
    if not events:
        reasons = "; ".join(map(str, skipped)) or "the file has no events"
        raise ExportError(f"nothing to import: {reasons}")
    periods, skipped_eras = _each(read.eras, _period)
    counts["periods"], counts["groups"] = len(periods), len(set(groups) - {UNATTRIBUTED})
    used = {e["actors"][0] for e in events}
    data: dict[str, Any] = {"title": read.title or None}
    data.update(_title_slide(read, counts))
    data.update(lanes="actor" if counts["groups"] else None, periods=periods or None)
    data["sources"] = [
        {"id": source_id, "title": read.title or name, "outlet": f"{read.version} file {name}"}
    ]
    data["actors"] = [
        {"id": i, "name": g, "affiliation": g} for g, i in groups.items() if i in used
    ]
    data["events"] = events
    return {k: v for k, v in data.items() if v is not None}, skipped + skipped_eras


def _title_slide(read: Read, counts: Counter[str]) -> dict[str, Any]:
    description, links = html_links(read.description)
    counts["title text"], counts["title media"] = bool(description), bool(read.media)
    counts["links"] += bool(links)
    return {"description": description or None, "media": read.media or None}


# --- what the import says ----------------------------------------------------------

_SAID = (  # (count key, how the summary line says it)
    ("event", "{n} events kept"),
    ("media", "media kept on {n} slides"),
    ("time", "times of day kept on {n} slides"),
    ("periods", "{n} eras kept as periods"),
    ("groups", "{n} groups kept as actors (lanes by actor)"),
    ("title text", "the title slide's text kept as the description"),
    ("title media", "the title slide's media kept"),
    ("links", "HTML links kept as Markdown links on {n} slides"),
    ("markup", "other HTML markup made plain text on {n} slides"),
    ("end time", "end times dropped on {n} slides (an event has one time of day)"),
    ("time without a day", "times dropped on {n} slides dated coarser than a day"),
    ("background", "backgrounds dropped on {n} slides"),
)


def _plural(said: str) -> str:
    """ "on 1 slides" → "on 1 slide": the count's noun in the singular when it is one."""
    return re.sub(r"\b1 (slide|event|era|group)s\b", r"1 \1", said)


def summary_line(counts: Counter[str], skipped: int) -> str:
    """ "25 events kept; media kept on 19 slides; …; 1 slide skipped": what the import did."""
    said = [_plural(how.format(n=f"{counts[key]:,}")) for key, how in _SAID if counts[key]]
    said += (
        [f"{skipped:,} slide{'s' if skipped != 1 else ''} skipped (see above)"] if skipped else []
    )
    unknown = "kind and status 'unknown' on {n} events; " if counts["unknown"] else ""
    said += [unknown.format(n=f"{counts['unknown']:,}") + "the file's date of publication unknown"]
    return "; ".join(said)


def import_text(text: str, name: str, kind: str) -> Imported:
    """``events.yaml`` text from a TimelineJS ``json`` or ``csv`` file's text, the slides
    skipped (each with its reason) and the counts; ExportError when nothing is left."""
    read = read_json(text) if kind == "json" else read_csv(text)
    counts: Counter[str] = Counter()
    data, skipped = to_dataset(read, name, counts)
    header = (
        f"# Imported from {name} ({read.version} {kind}). Its slides have no article: their "
        "text is kept as the quote, unchecked; kind and status are 'unknown'.\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return Imported(header + body, skipped, counts)
