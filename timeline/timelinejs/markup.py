"""HTML from a TimelineJS file read as text, through the standard library's ``html.parser``.

The parser of Python 3.11 slows to quadratic time on constructs that never close (an
unclosed ``<a href=`` scans to the end of the input, again for each one), so every ``<``
is vetted once, left to right, before the parser sees it: a tag is markup only when it
closes at the next ``>`` with no ``<`` inside and its quotes around attribute values; a
comment only when it closes; ``<![`` never. Anything else is text (``&lt;``), which is
what it is. Each tag is then scanned once, so reading is linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from timeline.text import is_web

BLOCKS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "blockquote", "tr", "td", "th", "table", "hr", "figure"}
    | {f"h{level}" for level in range(1, 7)}
)
PLAIN_TAGS = frozenset({"a", "p", "br"})  # what plain text with links loses nothing of
_QUOTED = re.compile(r"=\s*\"[^\"<>]*\"|=\s*'[^'<>]*'")
_COMMENT_END = re.compile(r"--\s*>")  # where html.parser ends a comment


class _Next:
    """The next position of ``needle`` at or after a position, remembered: positions only
    grow, so each search covers new text only."""

    def __init__(self, text: str, needle: str | re.Pattern[str]) -> None:
        self.text, self.needle, self.found, self.since = text, needle, -1, -1  # none yet

    def at(self, start: int) -> int:
        if self.since < 0 or self.since > start or 0 <= self.found < start:
            self.found, self.since = self._search(start), start
        return self.found

    def _search(self, start: int) -> int:
        if isinstance(self.needle, str):
            return self.text.find(self.needle, start)
        match = self.needle.search(self.text, start)
        return match.start() if match else -1


def _closed_tag(text: str, start: int, close: int, following: int) -> bool:
    """Whether the tag at ``start`` ends at ``close`` (the next ``>``) with no ``<`` inside
    and no quote but those around attribute values."""
    if close < 0 or 0 <= following < close:
        return False
    inside = _QUOTED.sub("", text[start:close])
    return '"' not in inside and "'" not in inside


class _Vetter:
    """Marks each ``<`` as markup or text in one pass (see the module's docstring)."""

    def __init__(self, text: str) -> None:
        self.text, self.gt, self.lt = text, _Next(text, ">"), _Next(text, "<")
        self.comment_end = _Next(text, _COMMENT_END)

    def end_of(self, i: int) -> int:
        """Where the markup that starts at ``i`` ends, or -1 when it is text."""
        text, after = self.text, self.text[i + 1 : i + 2]
        if text.startswith("<!--", i):
            found = self.comment_end.at(i + 4)
            return -1 if found < 0 else text.index(">", found) + 1
        if text.startswith("<![", i) or not (after.isalpha() or after in ("/", "!", "?")):
            return -1
        close = self.gt.at(i + 1)
        return close + 1 if _closed_tag(text, i, close, self.lt.at(i + 1)) else -1

    def vetted(self) -> str:
        parts, i, text = [], 0, self.text
        while (j := text.find("<", i)) >= 0:
            end = self.end_of(j)
            parts += [text[i:j], text[j:end]] if end > 0 else [text[i:j], "&lt;"]
            i = end if end > 0 else j + 1
        return "".join([*parts, text[i:]])


@dataclass
class Markup:
    """What a piece of HTML says: its text (links as Markdown links ``[words](url)`` where
    ``linked``), its top-level paragraphs and quotes, each element's first attributes and
    attributes, and whether making it plain lost anything."""

    linked: str = ""
    plain: str = ""
    links: int = 0
    lossy: bool = False
    blocks: list[tuple[str, str]] = field(default_factory=list)
    first: tuple[str, dict[str, str]] | None = None  # the first element, its attributes
    elements: dict[str, dict[str, str]] = field(default_factory=dict)  # tag → first's
    cite: tuple[str, str] = ("", "")  # a <cite>'s words and link
    cite_linked: str = ""  # the <cite> as it stands in ``linked``


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


class _Reader(HTMLParser):
    """Collects :class:`Markup` as the parser walks the tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.linked: list[str] = []
        self.plain: list[str] = []
        self.href: tuple[str, int] | None = None  # an open link: its address, where it began
        self.block: tuple[str, int] | None = None  # an open top-level block, where it began
        self.cite: tuple[int, int] | None = None  # an open <cite>: where it began
        self.breaks, self.paragraph, self.other = 0, False, False
        self.skipping = False  # inside <script> or <style>: no text
        self.said = Markup()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        self.said.first = self.said.first or (tag, given)
        self.said.elements.setdefault(tag, given)
        self._count(tag)
        self.skipping = tag in ("script", "style")
        if tag == "a":
            self._close_link()
            self.href = (given.get("href", "").strip(), len(self.linked))
        elif tag == "cite":
            self.cite = (len(self.plain), len(self.linked))
        if tag in BLOCKS:
            self._space()
            self._open_block(tag)

    def handle_endtag(self, tag: str) -> None:
        self._count(tag)
        self.skipping = False
        if tag == "a":
            self._close_link()
        elif tag == "cite" and self.cite is not None:
            self._close_link()
            self.said.cite = (_words(self.plain[self.cite[0] :]), self.said.cite[1])
            self.said.cite_linked = _words(self.linked[self.cite[1] :])
            self.cite = None
        if self.block and self.block[0] == tag:
            self.said.blocks.append((tag, _words(self.linked[self.block[1] :])))
            self.block = None
        if tag in BLOCKS:
            self._space()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.linked.append(data)
            self.plain.append(data)

    def _count(self, tag: str) -> None:
        self.breaks += tag in ("p", "br")
        self.paragraph |= tag == "p"
        self.other |= tag not in PLAIN_TAGS

    def _open_block(self, tag: str) -> None:
        if self.block is None and tag in ("p", "blockquote"):
            self.block = (tag, len(self.linked))

    def _space(self) -> None:
        self.linked.append(" ")
        self.plain.append(" ")

    def _close_link(self) -> None:
        if self.href is None:
            return
        url, begun = self.href
        words = _words(self.linked[begun:])
        self.href = None
        if not is_web(url) or not words:
            return
        shown = words.replace("[", "(").replace("]", ")")
        self.linked[begun:] = [f"[{shown}]({url.replace(' ', '%20')})"]
        self.said.links += 1
        if self.cite is not None:
            self.said.cite = (self.said.cite[0], self.said.cite[1] or url)

    def result(self) -> Markup:
        self._close_link()
        said = self.said
        said.linked, said.plain = _words(self.linked), _words(self.plain)
        said.lossy = self.other or self.breaks - 2 * self.paragraph > 0
        return said


def read_markup(markup: object) -> Markup:
    """HTML (any text; None is empty) as :class:`Markup`, in time linear in its length."""
    reader = _Reader()
    reader.feed(_Vetter(str(markup or "")).vetted())
    reader.close()
    return reader.result()


def plain_text(markup: object) -> str:
    """HTML as plain text: block tags (paragraphs, line breaks) become spaces, inline tags
    (bold, links) nothing, so "<b>Ada Lovelace</b>: Daughter" keeps its colon on the word
    and "one<br>two" its two words; entities are read and white space collapses."""
    return read_markup(markup).plain


def html_links(markup: object) -> tuple[str, int]:
    """HTML as plain text with its http(s) links kept as Markdown links ``[text](url)``,
    and how many links were kept."""
    said = read_markup(markup)
    return said.linked, said.links
