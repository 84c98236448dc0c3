"""The phrase finder: where the date phrases are in running text, by the patterns the rules
carry (``Rule.find``), so it finds what the normaliser reads; dateparser's search adds
what they miss (see :mod:`timeline.suggest`)."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.dates.rules import FINDS


def overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def rule_matches(sentence: str) -> list[tuple[int, int]]:
    """Where the rules' phrases are in ``sentence``: of overlapping matches the longest
    ("mid-June 2015" over "June 2015"), then the first."""
    found = [m.span() for _, pattern in FINDS for m in pattern.finditer(sentence)]
    taken: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        if not overlaps(start, end, taken):
            taken.append((start, end))
    return sorted(taken)
