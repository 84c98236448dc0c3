"""Ids: one way to make a slug from any text, with accents and Cyrillic transliterated.

An id is lower-case ASCII letters, digits and hyphens (``model.SLUG_PATTERN``). "Rózsa
Péter" becomes ``rozsa-peter``, "Рамзан Кадыров" ``ramzan-kadyrov`` (BGN/PCGN-style
letters), never ``r-zsa-p-ter``.
"""

from __future__ import annotations

import re
import unicodedata

from timeline.dataset.model import SLUG_PATTERN

# BGN/PCGN-style: hard and soft signs are dropped.
CYRILLIC = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
    **{"ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
    **{"ю": "yu", "я": "ya", "ъ": "", "ь": ""},
}
LIGATURES = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"}


def ascii_words(text: str) -> str:
    """``text`` in lower-case ASCII: accents dropped, Cyrillic and ligatures spelled out."""
    lower = text.lower()
    spelled = "".join(CYRILLIC.get(c, LIGATURES.get(c, c)) for c in lower)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode()
    )


def slug(
    text: str,
    taken: set[str] | None = None,
    words: int = 0,
    limit: int = 60,
    fallback: str = "event",
) -> str:
    """A free id made from ``text`` (``text`` itself when it is already a free id); at most
    ``words`` words when given, ``limit`` characters; ``fallback`` when nothing in ``text``
    can be spelled; ``-2``, ``-3`` … when taken. The id is added to ``taken``."""
    taken = set() if taken is None else taken
    if re.fullmatch(SLUG_PATTERN, text) and len(text) <= 100 and text not in taken:
        taken.add(text)
        return text
    parts = re.findall(r"[a-z0-9]+", ascii_words(text))
    base = "-".join(parts[:words] if words else parts)[:limit].strip("-") or fallback
    name = base if base not in taken else _numbered(base, taken)
    taken.add(name)
    return name


def _numbered(base: str, taken: set[str]) -> str:
    """``base-N`` free in ``taken``: N doubles past the taken ones, then halves back to
    the first free one after them, so the k-th repeat of a title costs log k lookups, not
    k (the ids of a 2 MB article took 65 s)."""
    low, high = 1, 2  # base-low is taken (base itself for 1); base-high is being tried
    while f"{base}-{high}" in taken:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if f"{base}-{middle}" in taken else (low, middle)
    return f"{base}-{high}"
