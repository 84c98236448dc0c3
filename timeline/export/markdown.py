"""A chronology in Markdown with a citation per event, ready to paste into a brief."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from timeline.export.view import View, long_date, today

_MARKUP = re.compile(r"([\\`*_\[\]<>#|!~])")


def md_url(url: str) -> str:
    """A URL for a Markdown autolink ``<…>``: anything that could end the link or open HTML
    (``<``, ``>``, quotes, spaces, backslashes, control characters) is percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def md_text(text: object) -> str:
    """Dataset text as literal Markdown: characters that start markup are escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def _event(row: dict[Any, Any], view: View) -> list[str]:
    source = view.sources[row["source"]]
    actors = ", ".join(md_text(view.names.get(a, a)) for a in row["actors"])
    status = f"*({row['status']}, {row['kind']})*"
    lines = [
        f"- **{md_text(row['label'])}** — {md_text(row['title'])} {status}  ",
        f"  Actors: {actors}  ",
        f"  > {md_text(row['quote'])}  ",
    ]
    if row["pinned"] and row["when"]:
        note = row["date_note"] or ""
        lines.append(
            f"  Date: the article's “{md_text(row['when'])}”; pinned to "
            f"{md_text(row['label'])}. {md_text(note)}  "
        )
    lines.append(
        f"  Source: {md_text(source.outlet)}, “{md_text(source.title)}”, "
        f"{long_date(source.published)}" + (f", <{md_url(source.url)}>" if source.url else "") + "."
    )
    return lines


def to_markdown(view: View) -> str:
    out = [
        f"# {md_text(view.title)}",
        "",
        f"{md_text(view.filters_text)}. {len(view.frame)} of {view.total} events, "
        f"{md_text(view.period)}. Prepared {today()}.",
        "",
    ]
    year = None
    for row in view.frame.to_dict("records"):
        if row["start"].year != year:
            year = row["start"].year
            out += ["", f"## {year}", ""]
        out += _event(row, view)
    out += ["", "## Sources", ""]
    out += [
        f"- {md_text(s.outlet)}, “{md_text(s.title)}”, {long_date(s.published)}"
        + (f", <{md_url(s.url)}>" if s.url else "")
        for s in view.used_sources()
    ]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
