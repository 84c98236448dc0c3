"""Dataset text made safe to show as literal text in Markdown, and quoted once."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


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


def terminal(text: object) -> str:
    """Text for a terminal: control characters (escape sequences that retitle the window
    or clear the screen) shown as ``\\x1b`` rather than obeyed; newlines and tabs kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a
    leading apostrophe (OWASP's advice for CSV injection); other values are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
