"""Names in a sentence: runs of capitalised words, an organisation's name kept whole.

"Syrian Observatory for Human Rights" is one name, not "Syrian Observatory" and "Human
Rights": "for", "of" (each maybe with "the") join capitalised words after a word that
heads an organisation's name (Observatory, Ministry, Council…); once joined, "and" joins
too ("Islamic State of Iraq and the Levant"). A person's name never joins another's
("Vladimir Putin and Barack Obama", "Ramzan Kadyrov of Chechnya" stay apart); "in" never
joins ("Ministry of Defence in Moscow").
"""

from __future__ import annotations

import re

WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
JOINER = r"(?:al-|bin |de |van )"  # inside a person's name: "Bashar al-Assad"
CONNECTOR = r"(?:for|of|and)(?: the)?"
RUN = re.compile(rf"\b{WORD}(?:(?: {JOINER}?| {CONNECTOR} ){WORD})*")
PART = re.compile(rf" {CONNECTOR} ")
HEADS = frozenset(  # words that head an organisation's name
    {
        "Observatory",
        "Ministry",
        "Council",
        "Committee",
        "Commission",
        "Organisation",
        "Organization",
        "Agency",
        "Service",
        "Office",
        "Union",
        "Court",
        "Front",
        "Army",
        "Party",
        "Forces",
        "Department",
        "Institute",
        "Centre",
        "Center",
        "Federation",
        "Bank",
        "Fund",
        "League",
        "Movement",
        "Coalition",
        "Network",
        "Association",
        "Board",
        "Bureau",
        "State",
        "Republic",
        "Assembly",
        "Guard",
        "Brigade",
        "Brigades",
        "Battalion",
        "Directorate",
        "Minister",
        "Secretary",
        "Chamber",
        "Academy",
        "University",
        "School",
        "Society",
        "Foundation",
        "Friends",
        "Doctors",
        "Mission",
        "Conference",
        "Corps",
        "Unit",
        "Group",
    }
)


def _joins(before: str, connector: str, joined: bool) -> bool:
    """Whether ``connector`` continues a name whose text so far is ``before``."""
    opens = connector.split()[0] in ("for", "of")
    return joined or (opens and before.split()[-1] in HEADS)


def _split(run: str, offset: int) -> list[tuple[int, int]]:
    """The names a run of capitalised words holds, as (start, end) in the sentence."""
    spans, start, joined = [], 0, False
    for found in PART.finditer(run):
        connector = found.group(0).strip()
        if _joins(run[start : found.start()], connector, joined):
            joined = True
            continue
        spans.append((offset + start, offset + found.start()))
        start, joined = found.end(), False
    spans.append((offset + start, offset + len(run)))
    return spans


def name_spans(sentence: str) -> list[tuple[int, int]]:
    """Every run of capitalised words in ``sentence``, organisations' names whole."""
    return [span for m in RUN.finditer(sentence) for span in _split(m.group(0), m.start())]
