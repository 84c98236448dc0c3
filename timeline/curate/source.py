"""The new article's ``sources:`` item, built one way for the command line and the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePosixPath

from timeline.ids import slug
from timeline.text import shorten

UNKNOWN_OUTLET = "Unknown outlet"
HEADLINE_CHARS = 100  # a first line longer than this is the story, not its headline


def headline(text: str, published: dt.date) -> str:
    """The article's first line; when that is the story itself (no headline line), its
    first sentence without the dateline, cut at a word to ``HEADLINE_CHARS``."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= HEADLINE_CHARS:
        return first
    from timeline.suggest import dateline, sentences  # suggest imports this package

    filed = dateline(first, published)
    body = first[filed.end :] if filed else first
    return shorten(next(iter(sentences(body)), body), HEADLINE_CHARS)


def new_source(
    text: str,
    published: dt.date,
    taken: Iterable[str] = (),
    *,
    outlet: str = "",
    title: str = "",
    url: str = "",
    path: str | None = None,
) -> dict[str, str]:
    """The source item of an article: a free id from the outlet and the date, the headline
    (default: :func:`headline`), and ``path`` of its text (default:
    ``articles/<id>.txt``). Blank values are kept as "" (the block writer leaves them out).
    """
    outlet = outlet.strip() or UNKNOWN_OUTLET
    ident = slug(f"{outlet} {published}", set(taken))
    path = path or f"articles/{ident}.txt"
    return {
        "id": ident,
        "title": title.strip() or headline(text, published) or PurePosixPath(path).stem,
        "outlet": outlet,
        "published": published.isoformat(),
        "url": url.strip(),
        "text": path,
    }
