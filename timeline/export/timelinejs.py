"""TimelineJS out: a view as TimelineJS3's JSON (the import is ``timeline.timelinejs``).

The JSON is TimelineJS3's documented format: ``{"title": slide, "events": [slide]}``,
each slide with ``start_date``/``end_date`` objects giving year, month and day only
as far as the precision goes, plus ``display_date``, ``text`` (headline, text),
``group`` and ``unique_id``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
from typing import Any

from pydantic import ValidationError

from timeline.dataset.model import UNATTRIBUTED, Media, Period, Source
from timeline.dataset.reports import summary
from timeline.export.view import View, citation, report_citation
from timeline.text import is_web, markdown_links_html

WHOLE_PARTS = {"day": 3, "month": 2, "year": 1}


# --- export -------------------------------------------------------------------


def _date(day: dt.date, parts: int) -> dict[str, str]:
    values = {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
    return dict(list(values.items())[:parts])


def _end_parts(start: dt.date, end: dt.date) -> int:
    """How far a range's dates go: whole years (1), whole months (2) or days (3), as a
    TimelineJS date ``{"year": "602"}`` means the whole of 602."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return 1
    last = calendar.monthrange(end.year, end.month)[1]
    return 2 if (start.day, end.day) == (1, last) else 3


def _clock(time: str) -> dict[str, str]:
    hour, minute, *second = time.split(":")
    return {"hour": str(int(hour)), "minute": str(int(minute))} | (
        {"second": str(int(second[0]))} if second else {}
    )


def _dates(row: dict[Any, Any]) -> dict[str, Any]:
    """Year, month and day as far as the precision goes, the time of day when given; any
    other span (a range, quarter, season, decade, week) with an end date, each end as far
    as its boundaries go."""
    start, end = row["start"].date(), row["end"].date()
    parts = WHOLE_PARTS.get(row["precision"])
    if parts:
        first = _date(start, parts) | (_clock(row["time"]) if row["time"] else {})
        return {"start_date": first}
    parts = _end_parts(start, end)  # a quarter or decade in months or years, a week in days
    return {"start_date": _date(start, parts), "end_date": _date(end, parts)}


def _display(row: dict[Any, Any], source: Source) -> dict[str, str]:
    """The date as shown: an import's own displayed date (its ``when``) as it was; the
    label for an article's event; nothing TimelineJS would write the same itself."""
    if source.published is None:
        shown = row["when"] or ("" if row["precision"] in (*WHOLE_PARTS, "range") else row["label"])
        return {"display_date": html.escape(shown)} if shown else {}
    return {"display_date": row["label"]}


def _paragraphs(text: str) -> str:
    return f"<p>{markdown_links_html(text)}</p>" if text else ""


def _slide_text(row: dict[Any, Any], view: View) -> str:
    """An article's event: its quote and what the article says of it (actors, kind and
    status when known, the source); an import's (no publication date): its text alone."""
    source = view.sources[row["source"]]
    if source.published is None:
        return _paragraphs(row["quote"])
    e = html.escape
    actors = ", ".join(view.names.get(a, a) for a in row["actors"])
    link = f'<a href="{e(source.url)}">{e(source.outlet)}</a>' if source.url else ""
    known = [f"{k}: {e(row[k.lower()])}" for k in ("Kind", "Status") if row[k.lower()] != "unknown"]
    return (
        (f"<blockquote>{e(row['quote'])}</blockquote>" if row["quote"] else "")
        + f"<p>Actors: {e(actors)}</p>"
        + (f"<p>{' · '.join(known)}</p>" if known else "")
        + f"<p>Source: {citation(source, e, link)}</p>"
        + _reports_html(row, view)
    )


LINK_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in "<>\"'` \t\r\n"})


def _link(url: str) -> str:
    """A media address that TimelineJS (or any reader of the file) can only take as an
    address: what could end an attribute or open a tag is percent-encoded (the dataset
    refuses such addresses already; the export does not rely on it)."""
    return url.translate(LINK_ESCAPES)


def _reports_html(row: dict[Any, Any], view: View) -> str:
    """Every report of an event that has several, as a list under the source."""
    if not row["reports"]:
        return ""
    e = html.escape
    items = "".join(
        f"<li>{report_citation(r, view.sources, e)}"
        + (f' <a href="{e(_link(r["url"]))}">link</a>' if r["url"] and is_web(r["url"]) else "")
        + "</li>"
        for r in row["reports"]
    )
    return f"<p>{e(summary(row['reports'], row['disagree']))}:</p><ul>{items}</ul>"


def _media(media: dict[str, str] | None) -> dict[str, Any]:
    """The media as TimelineJS takes it: caption and credit are HTML there, so escaped;
    the addresses encoded, and only what the dataset's model takes as a link (no
    ``javascript:``); an embedded page as the ``<iframe>`` TimelineJS embeds, of an http(s)
    address (the media's kind is otherwise TimelineJS's to tell from the address)."""
    given = {k: v for k, v in (media or {}).items() if v and k != "kind"}
    shown = {
        k: html.escape(v) if k in ("caption", "credit") else _link(v) for k, v in given.items()
    }
    try:
        Media.model_validate({k: v for k, v in shown.items() if k in ("url", "thumbnail")})
    except ValidationError:
        return {}
    if (media or {}).get("kind") == "embed" and is_web(shown["url"]):
        shown["url"] = f'<iframe src="{html.escape(shown["url"])}"></iframe>'
    return {"media": shown}


def _group(row: dict[Any, Any], view: View) -> dict[str, str]:
    """The event's lane as its TimelineJS group, when the lanes were chosen (by the user or
    the dataset); none otherwise, so TimelineJS draws no group row nobody asked for."""
    if not view.grouped or view.lanes == "single":
        return {}
    first = row["actors"][0]
    lane = {
        "actor": view.names.get(first, first),
        "affiliation": view.affiliations.get(first, first),
        "kind": str(row["kind"]).capitalize(),
        "source": row["outlet"],
    }[view.lanes]
    return {"group": html.escape(lane)} if lane != UNATTRIBUTED else {}


def _era(period: Period) -> dict[str, Any]:
    span = period.span
    parts = _end_parts(span.start, span.end)
    return {
        "start_date": _date(span.start, parts),
        "end_date": _date(span.end, parts),
        "text": {"headline": html.escape(period.name)},
    }


def _words(headline: str, text: str) -> dict[str, str]:
    return {"headline": headline} | ({"text": text} if text else {})


def _event(row: dict[Any, Any], view: View) -> dict[str, Any]:
    source = view.sources[row["source"]]
    return {
        "unique_id": row["id"],
        **_dates(row),
        **_display(row, source),
        "text": _words(html.escape(row["title"]), _slide_text(row, view)),
        **_media(row["media"]),
        **_group(row, view),
    }


def _title(view: View) -> dict[str, Any]:
    """The title slide: the dataset's title, its description, and what the filters chose
    when they chose anything; the title's media."""
    said = [_paragraphs(view.description)] if view.description else []
    said += [f"<p>{html.escape(view.filters_text)}</p>"] if view.filtered else []
    return {
        "text": _words(html.escape(view.title) if view.named else "", "".join(said)),
        **_media(view.media.model_dump(exclude_none=True) if view.media else None),
    }


def to_timelinejs(view: View) -> dict[str, Any]:
    events = [_event(row, view) for row in view.frame.to_dict("records")]
    eras = [_era(p) for p in view.periods]
    titled = view.named or view.description or view.media or view.filtered
    return (
        ({"title": _title(view)} if titled else {})
        | {"events": events}
        | ({"eras": eras} if eras else {})
    )


def to_timelinejs_json(view: View) -> str:
    return json.dumps(to_timelinejs(view), ensure_ascii=False, indent=2) + "\n"
