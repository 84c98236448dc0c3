"""Dataset text made safe to show as literal text in Markdown, and quoted once."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: object) -> str:
    """Backslash-escape every ASCII punctuation mark (CommonMark allows it for all of them),
    so links, images, emphasis, HTML and Streamlit's ``:colour[...]`` directives stay text."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def quoted(quote: str) -> str:
    """The quote in one pair of quote marks, whatever marks the curator kept."""
    text = " ".join(str(quote).split())
    opens = "" if text[:1] in "“‘\"'«" else "“"
    closes = "" if text[-1:] in "”’\"'»" else "”"
    return f"{opens}{text}{closes}"
