"""What the event sheet says about each event, as plain text lines for the page's sheet.

The page writes these with ``textContent``: dataset text is never markup there. Links are
kept only when they are web addresses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from timeline.dataset import reports
from timeline.dataset.frame import actor_affiliations, actor_names
from timeline.draw.spec import Look, view_spec
from timeline.draw.words import dated
from timeline.text import _MD_LINK, is_web

SHEET_COLUMNS = [
    *("id", "label", "time", "precision", "when", "pinned", "phrase_label", "date_note"),
    *("how", "actors", "kind", "quote", "figures", "notes", "source", "media"),
    *("reports", "outlets", "disagree"),
]


def _given(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def date_lines(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Date, what the article says and how it was read, and why it was pinned."""
    lines = [("Date", f"{dated(row)} ({row['precision']})")]
    if row["pinned"] and _given(row["when"]):
        phrase = row["phrase_label"] if _given(row["phrase_label"]) else "nothing it can resolve"
        lines.append(("Article says", f"“{row['when']}”, which reads as {phrase}"))
    if _given(row["date_note"]):
        lines.append(("Pinned because", str(row["date_note"])))
    lines.append(("How it was read", str(row["how"])))
    return lines


def figure_text(fact: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """ "about 2,200 fighters (2,000–2,500), claimed by Oleg Syromolotov; note"."""
    qualifier = fact.get("qualifier") or ""
    text = f"{'' if qualifier == 'exactly' else qualifier + ' '}{fact['value']:,.0f} "
    text += str(fact["measure"])
    low, high = fact.get("low"), fact.get("high")
    if low is not None or high is not None:
        text += (
            f" ({'' if low is None else f'{low:,.0f}'}–{'' if high is None else f'{high:,.0f}'})"
        )
    claimant = names.get(fact.get("claimant") or "", "")
    text += f", claimed by {claimant}" if claimant else ""
    return text + (f"; {fact['note']}" if fact.get("note") else "")


def _web(url: Any) -> bool:
    return isinstance(url, str) and is_web(url)


def segments(text: str) -> list[list[str]]:
    """ "Daughter of [Lord Byron](https://…)." as [["Daughter of ", ""], ["Lord Byron",
    "https://…"], [".", ""]]: text the page writes as text, and web links as links."""
    out, at = [], 0
    for match in _MD_LINK.finditer(text):
        out += [[text[at : match.start()], ""], [match.group(1), match.group(2)]]
        at = match.end()
    return [part for part in [*out, [text[at:], ""]] if part[0]]


def details(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    sources: Mapping[str, tuple[str, str | None]],
) -> list[dict[str, Any]]:
    """Per event of ``frame`` (in its order): the sheet's lines, quote and links.
    ``sources`` maps a source id to its citation text and its address."""
    names = actor_names(actors)
    affiliation = actor_affiliations(actors)
    return [
        _detail(row, names, affiliation, sources) for row in frame[SHEET_COLUMNS].to_dict("records")
    ]


def _detail(
    row: Mapping[Any, Any],
    names: Mapping[str, str],
    affiliation: Mapping[str, str],
    sources: Mapping[str, tuple[str, str | None]],
) -> dict[str, Any]:
    who = ", ".join(f"{names.get(a, a)} ({affiliation.get(a, '')})" for a in row["actors"])
    lines = [("Actors", who), ("Kind", str(row["kind"]))]
    lines += [("Figure", figure_text(f, names)) for f in row["figures"]]
    notes = segments(str(row["notes"])) if _given(row["notes"]) else []
    lines += date_lines(row)
    cited, url = sources.get(row["source"], (str(row["source"]), None))
    lines.append(("Source", cited))
    lines += reports.sheet_lines(row)  # every report of an event that has several
    links = [("Open the article", url)] if _web(url) else []
    links += reports.sheet_links(row)
    media = row["media"] or {}
    if _web(media.get("url")):
        credit = f" · {media['credit']}" if media.get("credit") else ""
        links.append((f"{media.get('caption') or 'Media'}{credit}", media["url"]))
    quote = segments(str(row["quote"]).strip()) if _given(row["quote"]) else []
    return {"lines": lines, "quote": quote, "notes": notes, "links": links}


# What the live timeline says of itself: to a screen reader (after its name), and under it.
LIVE_HELP = ". Arrow keys move between events; Enter opens one."
HOW_TO = (
    "Drag across the chart to zoom in; double-click for the first view, again for every "
    "event. Click an event, or focus the chart and use the arrow keys and Enter, to read "
    "its quote, source and how its date was read."
)


def live_spec(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    look: Look,
    sources: Mapping[str, tuple[str, str | None]],
) -> dict[str, Any]:
    """The view description with every event's sheet: what the live timeline draws and
    opens, in the page and in the HTML export. ``sources`` as for ``details``."""
    described = view_spec(frame, actors, look)
    described["details"] = details(
        frame.sort_values(["start", "end"], kind="stable"), actors, sources
    )
    return described
