"""TimelineJS out: a view as TimelineJS3's JSON (the import is ``timeline.timelinejs_import``).

The JSON is TimelineJS3's documented format: ``{"title": slide, "events": [slide]}``,
each slide with ``start_date``/``end_date`` objects giving year, month and day only
as far as the precision goes, plus ``display_date``, ``text`` (headline, text),
``group`` and ``unique_id``. The spreadsheet CSV has TimelineJS's column layout.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from timeline.export.view import View, citation

SHEET_COLUMNS = [
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
]
WHOLE_PARTS = {"day": 3, "month": 2, "year": 1}


# --- export -------------------------------------------------------------------


def _date(day: dt.date, parts: int) -> dict[str, str]:
    values = {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
    return dict(list(values.items())[:parts])


def _dates(row: dict[Any, Any]) -> dict[str, Any]:
    """Year, month and day as far as the precision goes; other spans get an end date."""
    start, end = row["start"].date(), row["end"].date()
    parts = WHOLE_PARTS.get(row["precision"])
    if parts:
        return {"start_date": _date(start, parts)}
    return {"start_date": _date(start, 3), "end_date": _date(end, 3)}


def _slide_text(row: dict[Any, Any], view: View) -> str:
    e = html.escape
    source = view.sources[row["source"]]
    actors = ", ".join(view.names.get(a, a) for a in row["actors"])
    link = f'<a href="{e(source.url)}">{e(source.outlet)}</a>' if source.url else ""
    return (
        f"<blockquote>{e(row['quote'])}</blockquote>"
        f"<p>Actors: {e(actors)}</p>"
        f"<p>Kind: {e(row['kind'])} · Status: {e(row['status'])}</p>"
        f"<p>Source: {citation(source, e, link)}</p>"
    )


def to_timelinejs(view: View) -> dict[str, Any]:
    events = [
        {
            "unique_id": row["id"],
            **_dates(row),
            "display_date": row["label"],
            "text": {"headline": html.escape(row["title"]), "text": _slide_text(row, view)},
            "group": view.names.get(row["actors"][0], row["actors"][0]),
        }
        for row in view.frame.to_dict("records")
    ]
    title = {"text": {"headline": html.escape(view.title), "text": html.escape(view.filters_text)}}
    return {"title": title, "events": events}


def to_timelinejs_json(view: View) -> str:
    return json.dumps(to_timelinejs(view), ensure_ascii=False, indent=2) + "\n"
