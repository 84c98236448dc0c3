"""Dataset text made safe to show as literal text in Markdown."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: object) -> str:
    """Backslash-escape every ASCII punctuation mark (CommonMark allows it for all of them),
    so links, images, emphasis, HTML and Streamlit's ``:colour[...]`` directives stay text."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))
