"""The articles a dataset names: found within its folder, read with a bound, and the
quotes matched against them (word by word, with where a quote stops matching).
"""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path as FsPath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from timeline.dataset.model import (
    Source,
)
from timeline.dataset.sections import Context, raw_list, short_text
from timeline.dataset.types import ArticleRead, default_max_bytes
from timeline.problems import Path
from timeline.reading import NotAFile, TooBig, read_stamped, within

# --- articles -----------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold_text(text: str) -> str:
    """Fold white space, curly quotes and dashes so a pasted quote still matches."""
    return " ".join(text.translate(_FOLD).replace("…", "...").split())


def _article_file(ctx: Context, where: Path, relative: str, base: FsPath) -> FsPath | None:
    if "\0" in relative:
        ctx.add(where, f"{short_text(relative)} holds a NUL byte, which no file name can; refused")
        return None
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute():
        ctx.add(
            where,
            f"{relative!r} is an absolute path; give a path relative to the dataset's "
            "folder (refused, not read)",
        )
        return None
    path = within(base, relative)
    if path is None:
        ctx.add(
            where,
            f"{relative!r} leaves the dataset's folder; keep articles beside or below "
            "the YAML file (refused, not read)",
        )
        return None
    if path == ctx.dataset or path.suffix.lower() in (".yaml", ".yml"):
        ctx.add(
            where,
            f"{relative!r} is {'the dataset itself' if path == ctx.dataset else 'a YAML file'}"
            "; an article is the article's own text, or every quote would pass (refused)",
        )
        return None
    return path


def _read_article(ctx: Context, where: Path, relative: str, path: FsPath) -> str | None:
    """The folded text of the article at ``path``; what was found is recorded for the
    caches, a file that could not be read as absent (any later change is a change)."""
    try:
        raw, found = read_stamped(path, default_max_bytes())
    except OSError as err:
        ctx.add(where, f"the article {relative!r} {_unreadable(err, relative)}")
        ctx.read.append(ArticleRead.absent(path))
        return None
    ctx.read.append(ArticleRead.of(path, found, raw))
    try:
        return fold_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        ctx.add(where, f"the article {relative!r} cannot be read as UTF-8 text: {err.reason}")
        return None


def _unreadable(err: OSError, relative: str) -> str:
    """Why an article file could not be read, in the words of a message about it."""
    if isinstance(err, TooBig):
        return f"{err}; refused (not read)"
    if isinstance(err, NotAFile):
        return str(err)
    if isinstance(err, FileNotFoundError):
        return f"does not exist (looked for {relative})"
    if err.errno == errno.ELOOP:
        return "is a loop of symbolic links (each points on to the next); refused (not read)"
    return f"cannot be read as UTF-8 text: {err.strerror or err}"


def _article(ctx: Context, where: Path, relative: str, base: FsPath | None) -> str | None:
    """The folded text of an article: one that came with the data, else the file below
    ``base`` (None: an upload, whose other articles are not looked up)."""
    path = None if base is None else _article_file(ctx, where, relative, base)
    if base is not None and path is None:
        return None  # refused: outside the folder, absolute, the dataset itself
    if relative in ctx.given:
        return fold_text(ctx.given[relative])
    if path is None or base is None:
        return None
    text = _read_article(ctx, where, relative, path)
    ctx.read[-1] = replace(ctx.read[-1], link=os.path.abspath(base / relative))
    return text


def _no_article(source: Source) -> str:
    if source.published is None:
        return (
            "has no article `text:` and no publication date (as an import has): the quotes "
            "of its events cannot be checked, and their dates need pins"
        )
    return "has no article `text:`, so the quotes of its events cannot be checked"


UNCHECKED = (
    "this file was uploaded: its articles are not on this server and none is looked up "
    "there, so the quotes are not checked (run `python -m timeline check` where the "
    "articles are)"
)


def read_articles(ctx: Context, sources: dict[str, Source], base: FsPath | None) -> dict[str, str]:
    """The folded text of each source's article: those that came with the data, the rest
    read below ``base``; with no ``base`` (an upload) no file is read, which is said once."""
    if base is None and any(s.text not in ctx.given for s in sources.values()):
        ctx.add(("sources",), UNCHECKED, "warning")
    index: dict[Any, int] = {}
    for i, raw in enumerate(raw_list(ctx.data.get("sources"))):
        index.setdefault(str(raw.get("id")) if isinstance(raw, dict) else None, i)
    texts = {}
    for ident, source in sources.items():
        if source.text is None:
            ctx.add(("sources", index[ident]), _no_article(source), "warning")
            continue
        text = _article(ctx, ("sources", index[ident], "text"), source.text, base)
        if text is not None:
            texts[ident] = text
        elif base is not None:
            ctx.refused.add(ident)
    return texts


def _prefix_table(words: list[str]) -> list[int]:
    """Knuth–Morris–Pratt: for each i, the longest proper prefix of ``words[: i + 1]``
    that is also its suffix."""
    table, k = [0] * len(words), 0
    for i in range(1, len(words)):
        while k and words[i] != words[k]:
            k = table[k - 1]
        k += words[i] == words[k]
        table[i] = k
    return table


def _longest_prefix(words: list[str], text: list[str]) -> int:
    """How many of the first ``words`` occur together somewhere in ``text`` (linear)."""
    table, k, best = _prefix_table(words), 0, 0
    for word in text:
        while k and (k == len(words) or word != words[k]):
            k = table[k - 1]
        k += k < len(words) and word == words[k]
        best = max(best, k)
    return best


EXPLAINED = 50  # quotes per load told where they stop matching; the rest are named only


def where_it_differs(quote: str, text: str) -> str:
    """Where the quote stops matching the article: its longest run of first words found
    in the article's words, in one pass over each (a 40,000-word quote differing at its
    last word took 40 s one prefix at a time)."""
    words = quote.split()
    good = _longest_prefix(words, text.split())
    if good == 0:
        return " (not even its first word matches)"
    return f" (it matches up to {' '.join(words[max(0, good - 4) : good])!r}, then differs)"
