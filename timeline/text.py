"""Dataset text made safe to show as literal text in Markdown, and quoted once."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"[\\`*_\[\]{}<>#|!~$&]|:(?=\S)")
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def md_escape(text: object) -> str:
    """Dataset text as literal Markdown on one line, for Streamlit and the Markdown export
    alike: every character that can start markup is backslash-escaped (emphasis, code,
    links, images, HTML, tables, math ``$``, Streamlit's ``:red[…]`` and ``:smile:``), and
    a leading list or heading marker; commas, full stops and plain colons stay as typed."""
    line = _MARKUP.sub(lambda m: "\\" + m.group(), " ".join(str(text).split()))
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


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
