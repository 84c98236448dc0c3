"""'Did you mean …?' from an index, in time linear in the input.

Comparing every unknown id with every known one is quadratic: 1,000 actors and 1,000
misspelt references took half a minute. Here the known words are indexed once by their
three-letter pieces (trigrams); a word is compared (with :mod:`difflib`) only with the
few known words that share the most of its rarest pieces (a bounded number of index
entries is looked at) and whose length could pass difflib's cutoff; and a
:class:`Nearest` answers at most ``budget`` words in full.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

CUTOFF = 0.6  # difflib's: a ratio 2·M/(a+b) below it is no suggestion
POOL = 12  # known words compared with difflib per unknown word
VISIT = 400  # index entries looked at per word, from its rarest pieces on
BUDGET = 50  # unknown words given a suggestion per load; the rest are named only
SHORT = 4  # known words this short or shorter are always compared (they have few pieces)


def pieces(word: str) -> set[str]:
    """The word's trigrams, with its ends marked so short words have some."""
    padded = f"^{word.lower()}$"
    return {padded[i : i + 3] for i in range(max(1, len(padded) - 2))}


def _could_match(a: int, b: int) -> bool:
    """Whether lengths ``a`` and ``b`` allow a ratio of CUTOFF (M ≤ the shorter one)."""
    return 2 * min(a, b) >= CUTOFF * (a + b)


class Nearest:
    """The known words, indexed; ``suggest(word)`` is the closest one or None."""

    def __init__(self, choices: Iterable[str], budget: int = BUDGET) -> None:
        self.choices = list(dict.fromkeys(choices))
        self.budget = budget
        self.asked = 0  # words answered so far
        self.index: defaultdict[str, list[str]] = defaultdict(list)
        self.short = [c for c in self.choices if len(c) <= SHORT]
        for choice in self.choices:
            for piece in pieces(choice):
                self.index[piece].append(choice)

    def pool(self, word: str) -> list[str]:
        """The few known words sharing the most pieces with ``word`` (bounded work); a
        short list whole."""
        if len(self.choices) <= 4 * POOL:
            return self.choices
        shared: Counter[str] = Counter()
        budget = VISIT  # index entries looked at, rarest pieces first
        for found in sorted((self.index.get(p, []) for p in pieces(word)), key=len):
            shared.update(c for c in found[:budget] if _could_match(len(c), len(word)))
            budget -= len(found)
            if budget <= 0:
                break
        return [c for c, _ in shared.most_common(POOL)] + self.short[:POOL]

    def suggest(self, word: str) -> str | None:
        if self.budget <= 0 or len(word) > 200:
            return None
        self.budget -= 1
        self.asked += 1
        close = difflib.get_close_matches(word, self.pool(word), n=1, cutoff=CUTOFF)
        return close[0] if close else None

    def hint(self, word: str) -> str:
        """``; did you mean 'x'?`` or nothing."""
        if self.budget == 0 and self.asked:
            self.budget, self.asked = -1, 0
            return f" (no more suggestions after {BUDGET} unknown names: fix those first)"
        close = self.suggest(word)
        return f"; did you mean {close!r}?" if close else ""
