"""Dataset text made safe to show as literal text in Markdown, and quoted once."""

from __future__ import annotations

import html
import re

_MARKUP = re.compile(r"[\\`*_\[\]{}<>#|!~$&]|:(?=\S)")
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def printable(text: object) -> str:
    """Text without control characters (ESC, BEL, NUL …; tabs and newlines become spaces):
    what is drawn or written for a reader, where XML (an SVG) allows none of them."""
    return _CONTROL.sub("", str(text).replace("\t", " ").replace("\n", " "))


def printable_lines(text: str) -> str:
    """:func:`printable`, keeping tabs and newlines (a page's or a file's layout)."""
    return _CONTROL.sub("", text)


def md_escape(text: object) -> str:
    """Dataset text as literal Markdown on one line, for Streamlit and the Markdown export
    alike: every character that can start markup is backslash-escaped (emphasis, code,
    links, images, HTML, tables, math ``$``, Streamlit's ``:red[…]`` and ``:smile:``), and
    a leading list or heading marker; commas, full stops and plain colons stay as typed."""
    line = _MARKUP.sub(lambda m: "\\" + m.group(), " ".join(printable(text).split()))
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


_OPENS_AFTER = "([{—–-/"  # a straight double quote after these (or a space) opens
_DOUBLED = re.compile(r"([“‘])[“‘]+")  # ““ typed twice: one is meant


def _curled(text: str) -> str:
    """Straight double quotes as curly ones: opening at the start or after a space or an
    opening bracket or dash, else closing."""
    out = []
    for i, char in enumerate(text):
        if char == '"':
            before = text[i - 1] if i else " "
            char = "“" if before.isspace() or before in _OPENS_AFTER else "”"
        out.append(char)
    return "".join(out)


def quoted(quote: str) -> str:
    """The quote in one pair of quote marks, however the curator marked it; what every
    output shows. Straight double quotes become curly. A quote that opens with its own
    mark (“I’m convinced…,” he said) keeps its marks, closed if left open; any other is
    wrapped in “…” and the quotations inside it turned to the inner kind ‘…’. So no
    output shows two opening marks in a row or an unbalanced pair."""
    text = _DOUBLED.sub(r"\1", _curled(" ".join(str(quote).split())))
    if text.startswith(("“", "‘", "«")):
        return text + "”" * max(0, text.count("“") - text.count("”"))
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


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


_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^()\s]+)\)")


def markdown_links_html(text: str) -> str:
    """Text with Markdown links ``[text](https://…)`` as HTML: links become ``<a>``,
    everything else is escaped."""
    parts, last = [], 0
    for match in _MD_LINK.finditer(text):
        parts.append(html.escape(text[last : match.start()]))
        parts.append(f'<a href="{html.escape(match[2])}">{html.escape(match[1])}</a>')
        last = match.end()
    return "".join(parts) + html.escape(text[last:])


def is_web(url: str) -> bool:
    """Whether ``url`` is an http(s) address, the only kind any output links to."""
    return url.lower().startswith(("http://", "https://"))


def md_links(text: object) -> str:
    """Dataset text as literal Markdown (:func:`md_escape`) but for its Markdown links to
    web addresses, kept as links (an import keeps a slide's HTML links that way)."""
    value, parts, last = " ".join(str(text).split()), [], 0
    for match in _MD_LINK.finditer(value):
        parts.append(_md_part(value[last : match.start()]))
        parts.append(f"[{md_escape(match[1])}]({match[2].replace(')', '%29')})")
        last = match.end()
    return "".join(parts) + _md_part(value[last:])


def _md_part(text: str) -> str:
    """A piece of text between links, escaped, keeping the space at either end."""
    if not text.strip():
        return text
    before, after = " " * text[:1].isspace(), " " * text[-1:].isspace()
    return before + md_escape(text) + after


def link_words(text: object) -> str:
    """Text with its Markdown links as their words alone, for outputs that cannot link
    (a slide's quote): "of [Lord Byron](https://…)" reads "of Lord Byron"."""
    return _MD_LINK.sub(lambda m: m[1], str(text))


def media_markdown(media: dict[str, str]) -> str:
    """ "[Ada](https://…) · A. E. Chalon": an event's media as a Markdown line."""
    name = media.get("caption") or "Media"
    url = media["url"]
    shown = (
        f"[{md_escape(name)}]({url.replace(')', '%29')})"
        if is_web(url)
        else md_escape(f"{name} ({url})")
    )
    return shown + (f" · {md_escape(media['credit'])}" if media.get("credit") else "")


def media_plain(media: dict[str, str]) -> str:
    """ "Ada (A. E. Chalon): https://…": an event's media as plain text."""
    credit = f" ({media['credit']})" if media.get("credit") else ""
    return f"{media.get('caption') or 'Media'}{credit}: {media['url']}"


def shorten(title: object, limit: int) -> str:
    """``title`` cut at a word boundary to at most ``limit`` characters, with "…"."""
    text = " ".join(str(title).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:–-") + "…"
