"""The new article's ``sources:`` item, built one way for the command line and the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePosixPath

from timeline.ids import slug

UNKNOWN_OUTLET = "Unknown outlet"


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
    (default: the article's first line), and ``path`` of its text (default:
    ``articles/<id>.txt``). Blank values are kept as "" (the block writer leaves them out).
    """
    outlet = outlet.strip() or UNKNOWN_OUTLET
    ident = slug(f"{outlet} {published}", set(taken))
    path = path or f"articles/{ident}.txt"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {
        "id": ident,
        "title": title.strip() or first or PurePosixPath(path).stem,
        "outlet": outlet,
        "published": published.isoformat(),
        "url": url.strip(),
        "text": path,
    }
