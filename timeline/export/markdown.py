"""A chronology in Markdown with a citation per event, ready to paste into a brief."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from timeline.dataset.reports import summary
from timeline.draw.words import dated, said_otherwise
from timeline.export.view import View, citation, report_citation, today
from timeline.text import md_escape, md_links, media_markdown, quoted


def md_url(url: str) -> str:
    """A URL for a Markdown autolink ``<…>``: anything that could end the link or open HTML
    (``<``, ``>``, quotes, spaces, backslashes, control characters) is percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def _event(row: dict[Any, Any], view: View) -> list[str]:
    source = view.sources[row["source"]]
    actors = ", ".join(md_escape(view.names.get(a, a)) for a in row["actors"])
    status = f"*({row['status']}, {row['kind']})*"
    lines = [
        f"- **{md_escape(dated(row))}** — {md_escape(row['title'])} {status}  ",
        f"  Actors: {actors}  ",
    ]
    # a blank line either side: else CommonMark reads the lines after the quote into it
    lines += ["", f"  > {md_links(quoted(row['quote']))}", ""] if row["quote"] else []
    lines += [f"  Media: {media_markdown(row['media'])}  "] if row["media"] else []
    if said_otherwise(row):
        note = row["date_note"] or ""
        lines.append(
            f"  Date: the article's {md_escape(quoted(row['when']))}; pinned to "
            f"{md_escape(row['label'])}. {md_escape(note)}  "
        )
    if row["reports"]:
        return lines + _reports(row, view)
    lines.append(
        f"  Source: {citation(source, md_escape)}"
        + (f", <{md_url(source.url)}>" if source.url else "")
        + "."
    )
    return [*lines, ""]


def _reports(row: dict[Any, Any], view: View) -> list[str]:
    """Every report of an event that has several, each cited with its reading and quote."""
    # a paragraph of its own (after a blank line), not a lazy line of the quote above
    lines = ["", f"  {md_escape(summary(row['reports'], row['disagree']))}:", ""]
    for report in row["reports"]:
        link = f", <{md_url(report['url'])}>" if report["url"] else ""
        lines.append(f"  - {report_citation(report, view.sources, md_escape)}{link}.")
        lines += [f"    > {md_links(report['quote'])}"] if report["quote"] else []
    return lines


def _periods(view: View) -> list[str]:
    """The dataset's periods, each with its dates: "- Ceasefire: Feb 2016 – Mar 2016"."""
    lines = [f"- {md_escape(p.name)}: {md_escape(p.span.label)}" for p in view.periods]
    return ["## Periods", "", *lines, ""] if lines else []


def to_markdown(view: View) -> str:
    out = [
        f"# {md_escape(view.title)}",
        "",
        f"{md_escape(view.filters_text)}. {len(view.frame)} of {view.total} events, "
        f"{md_escape(view.period)}. Prepared {today()}.",
        "",
    ]
    out += [md_links(view.description), ""] if view.description else []
    out += _periods(view)
    year = None
    for row in view.frame.to_dict("records"):
        if row["start"].year != year:
            year = row["start"].year
            out += ["", f"## {year}", ""]
        out += _event(row, view)
    out += ["", "## Sources", ""]
    out += [
        f"- {citation(s, md_escape)}" + (f", <{md_url(s.url)}>" if s.url else "")
        for s in view.used_sources()
    ]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
