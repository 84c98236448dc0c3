"""Slides to events: dates from the slide's own numbers, times of day where the date is to
the day, media as what TimelineJS shows it as, text as plain text with its links."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from timeline.dataset.model import KINDS, STATUSES, UNATTRIBUTED
from timeline.dates import DateError, parse_pin
from timeline.ids import slug
from timeline.timelinejs.markup import Markup, plain_text, read_markup
from timeline.timelinejs.media import Quote, slide_media
from timeline.timelinejs.read import Read, Slide, TimelineJSError

LIMITS = {  # what each number of a TimelineJS date may be, checked before any date rule
    "year": (1, 9999),  # what a date here holds (Python's calendar); others are skipped, said
    "month": (1, 12),
    "day": (1, 31),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
}
TITLE_CHARS = 80


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
class Made:
    """The dataset being made (plain data for YAML), the slide of each event, what was
    skipped, and what was kept, converted and dropped (counted)."""

    data: dict[str, Any]
    slides: dict[str, Slide] = field(default_factory=dict)  # event id → its slide
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    cited: dict[str, dict[str, str]] = field(default_factory=dict)  # url → its source


# --- dates ------------------------------------------------------------------------


def _integer(text: str) -> int | None:
    digits = text.removeprefix("-")
    return int(text) if digits.isascii() and digits.isdigit() else None


def number(parts: dict[str, str], key: str, which: str) -> int | None:
    """One number of a date, checked as a number in its range (ValueError says which);
    None when it is not given."""
    text = parts.get(key, "")
    if not text:
        return None
    value = _integer(text)
    if value is None:
        raise ValueError(f"its {which} {key} {text!r} is not a number")
    low, high = LIMITS[key]
    if not low <= value <= high:
        holds = ", the years timeline holds" if key == "year" else ""
        raise ValueError(f"its {which} {key} {value} is outside {low}–{high}{holds}")
    return value


def _iso(parts: dict[str, str], which: str = "start") -> str:
    """``{"year": "2015", "month": "9"}`` → ``2015-09``, from numbers checked in range."""
    if not parts["year"]:
        raise ValueError(f"it has no {which} year (TimelineJS leaves such a slide out too)")
    year, month = number(parts, "year", which), number(parts, "month", which)
    day = number(parts, "day", which) if month else None
    return "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate((year, month, day)) if n)


def _pin(slide: Slide) -> str:
    """The slide's dates as a pin (an end on the start's very day is no range); ValueError
    or DateError says why it has none."""
    start = _iso(slide.start)
    end = _iso(slide.end, "end") if slide.end["year"] else start
    pin = start if end == start else f"{start}/{end}"
    parse_pin(pin)
    return pin


def _clock(parts: dict[str, str]) -> str:
    """ "HH:MM" (":SS" when given) from checked numbers; ValueError when one is not."""
    hour, minute = number(parts, "hour", "start"), number(parts, "minute", "start") or 0
    second = number(parts, "second", "start")
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")


def _time(slide: Slide, pin: str, counts: Counter[str]) -> str | None:
    """The time of day where the date is one day; on a coarser date or a range it is
    dropped (an event has one time, of one day) and counted, never failing the slide."""
    if not slide.start["hour"]:
        return None
    try:
        clock = _clock(slide.start)
    except ValueError:
        counts["time unreadable"] += 1
        return None
    if len(pin) != len("YYYY-MM-DD"):
        counts["time without a day"] += 1
        return None
    return clock


# --- text ----------------------------------------------------------------------------


def _title(slide: Slide, text: str) -> str:
    short = textwrap.shorten(text, TITLE_CHARS, placeholder="…") if text else ""
    short = text[: TITLE_CHARS - 1] + "…" if short == "…" else short
    title = slide.headline or short or slide.media.get("caption", "")
    if not title:
        raise ValueError("it has no headline, text or media caption to title it by")
    return title


def _ours(said: Markup) -> tuple[str, str] | None:
    """The quote and the kind/status line when the text is what timeline's own export
    writes for an article's event (quote, actors, kind and status, source); else None."""
    blocks = said.blocks
    quoted = bool(blocks) and blocks[0][0] == "blockquote"
    rest = [text for _, text in blocks[1:]] if quoted else [text for _, text in blocks]
    if not rest or not rest[0].startswith("Actors: "):
        return None
    meta = rest[1] if len(rest) > 2 and not rest[1].startswith("Source: ") else ""
    source = rest[2] if meta else rest[1] if len(rest) > 1 else ""
    return (blocks[0][1] if quoted else "", meta) if source.startswith("Source: ") else None


def _known(meta: str, name: str, choices: tuple[str, ...]) -> str:
    """ "Kind: military · Status: reported" → "military" for Kind (when one of choices)."""
    for said in meta.split(" · "):
        label, _, value = said.partition(": ")
        if label == name and value.strip() in choices:
            return value.strip()
    return "unknown"


def said(slide: Slide) -> tuple[str, Markup, str, str]:
    """The slide's text, its links kept as Markdown links, its markup, and the kind and
    status when the file says them (a file timeline exported); else 'unknown'."""
    markup = read_markup(slide.text)
    ours = _ours(markup)
    text, meta = ours if ours else (markup.linked, "")
    return text, markup, _known(meta, "Kind", KINDS), _known(meta, "Status", STATUSES)


# --- slides to events --------------------------------------------------------------


def _cited(made: Made, quote: Quote, source: str) -> str:
    """The source of a quotation that cites a page: one source per page, linked."""
    if not quote.url:
        return source
    if quote.url not in made.cited:
        host = urlsplit(quote.url).hostname or quote.url
        taken = {s["id"] for s in made.cited.values()} | {source}
        made.cited[quote.url] = {
            "id": slug(quote.cite or host, taken),
            "title": quote.cite or quote.url,
            "outlet": host,
            "url": quote.url,
        }
    return made.cited[quote.url]["id"]


def _quoted(made: Made, event: dict[str, Any], quote: Quote) -> None:
    """A quotation given as media: the event's quote, its cite the source (when a page)
    or said after the words; the slide's own text, if any, kept as the event's notes."""
    cite = f" — {quote.cite}" if quote.cite and not quote.url else ""
    event["notes"] = event["quote"]
    event["quote"] = (quote.text + cite) or None
    event["source"] = _cited(made, quote, event["source"])
    made.counts["quote"] += 1
    made.counts["notes"] += bool(event["notes"])


def _media(made: Made, slide: Slide, event: dict[str, Any]) -> None:
    shown = slide_media(slide.media)
    event["media"] = shown.media
    if shown.quote:
        _quoted(made, event, shown.quote)
    if shown.media:
        made.counts["media"] += 1
        made.counts[f"kind {shown.media['kind']}"] += 1
    made.counts[f"dropped {shown.dropped}"] += bool(shown.dropped)


def event_of(made: Made, slide: Slide, ident: str, actor: str) -> dict[str, Any]:
    """One event from a slide; ValueError or DateError says why the slide cannot be one."""
    text, markup, kind, status = said(slide)
    pin = _pin(slide)
    event: dict[str, Any] = {"id": ident, "title": "", "source": made.data["sources"][0]["id"]}
    event.update({"when": slide.display} if slide.display else {})
    event.update(date=pin, time=_time(slide, pin, made.counts))
    event.update(actors=[actor], kind=kind, status=status, quote=text or None)
    _media(made, slide, event)
    event["title"] = _title(slide, text or event.get("quote") or "")
    _count(made.counts, slide, event, markup)
    return {key: value for key, value in event.items() if value is not None}


def _count(counts: Counter[str], slide: Slide, event: dict[str, Any], markup: Markup) -> None:
    counts["event"] += 1
    counts["unknown"] += event["kind"] == "unknown" or event["status"] == "unknown"
    counts["time"] += event["time"] is not None
    counts["end time"] += bool(slide.end["hour"])
    counts["links"] += bool(markup.links)
    counts["markup"] += markup.lossy
    counts["background"] += slide.background


def period_of(era: Slide) -> dict[str, Any]:
    name = era.headline or plain_text(era.text)
    if not name:
        raise ValueError("it has no headline to name it by")
    return {"name": name, "date": _pin(era)}


def _actors(slides: list[Slide]) -> dict[str, str]:
    """Group name → actor id; slides with no group share one actor."""
    taken: set[str] = set()
    return {g: slug(g, taken) for g in dict.fromkeys(s.group or UNATTRIBUTED for s in slides)}


def _events(made: Made, read: Read, groups: dict[str, str]) -> list[dict[str, Any]]:
    taken: set[str] = set()
    events = []
    for slide in read.slides:
        try:
            ident = slug(slide.ident or slide.headline or slide.where, set(taken))
            events.append(event_of(made, slide, ident, groups[slide.group or UNATTRIBUTED]))
        except (DateError, ValueError) as err:
            made.skipped.append(Skipped(slide.where, slide.headline, str(err)))
            continue
        taken.add(ident)
        made.slides[ident] = slide
    return events


def _periods(made: Made, eras: list[Slide]) -> list[dict[str, Any]]:
    periods = []
    for era in eras:
        try:
            periods.append(period_of(era))
        except (DateError, ValueError) as err:
            made.skipped.append(Skipped(era.where, era.headline, str(err)))
    return periods


def to_dataset(read: Read, name: str) -> Made:
    """A dataset (as plain data for YAML) from a TimelineJS file, what was skipped and what
    was kept, converted and dropped; TimelineJSError when no slide can be an event."""
    source = {"id": slug(name, set()), "title": read.title or name}
    source["outlet"] = f"{read.version} file {name}"
    made, groups = Made({"sources": [source]}), _actors(read.slides)
    events = _events(made, read, groups)
    if not events:
        reasons = "; ".join(map(str, made.skipped)) or "the file has no events"
        raise TimelineJSError(f"nothing to import: {reasons}")
    periods = _periods(made, read.eras)
    made.counts["periods"] = len(periods)
    made.counts["groups"] = len(set(groups) - {UNATTRIBUTED})
    made.data = {"title": read.title or None, **_title_slide(read, made.counts)}
    made.data.update(lanes="actor" if made.counts["groups"] else None, periods=periods or None)
    made.data["sources"] = [source, *made.cited.values()]
    made.data["actors"] = [{"id": i, "name": g, "affiliation": g} for g, i in groups.items()]
    made.data["events"] = events
    return made


def _title_slide(read: Read, counts: Counter[str]) -> dict[str, Any]:
    markup = read_markup(read.description)
    shown = slide_media(read.media)
    counts["title text"], counts["title media"] = bool(markup.linked), bool(shown.media)
    counts["links"] += bool(markup.links)
    counts[f"dropped {shown.dropped}"] += bool(shown.dropped)
    counts["dropped the title slide's quotation (a title has no quote)"] += bool(shown.quote)
    return {"description": markup.linked or None, "media": shown.media}
