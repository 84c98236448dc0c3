"""An event's kind proposed from its sentence, with the words that made it.

The rules are tried in order and the first whose cue words are in the sentence wins, so
the thing that happened outranks the verb that reports it: "Russian jets struck targets,
the ministry said" is military ('struck'), not a statement ('said'). A count of people
("405 people left Chechnya …, 104 killed") is an estimate: its figure is the news. A
sentence with no cue word is a statement (most of a news story is someone saying
something). On the curated dataset the table proposes the curator's kind for 20 of its
25 events (the cue list before it: 19); ``tests/test_curate.py`` keeps that figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rule(NamedTuple):
    kind: str
    cues: re.Pattern[str]


def _words(*words: str) -> re.Pattern[str]:
    """Whole words or phrases, any case; a space in a phrase matches any spacing."""
    alternatives = "|".join(w.replace(" ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


NUMBER = r"\d[\d,.]*"
RULES = [  # first match wins: claims, counts of people, the deed, then who says what
    Rule("claim", _words(r"claim(?:s|ed|ing)?")),
    Rule(
        "estimate",
        re.compile(
            rf"\b{NUMBER} (?:people|Russians|Chechens|fighters|militants|civilians)\b"
            r"|\bestimated?\b",
            re.I,
        ),
    ),
    Rule(
        "military",
        _words(
            *("struck", "strikes?", "airstrikes?", "air strikes?", "launched strikes", "bombed"),
            *("bombing", "bombard(?:ed|ment)", "shelled", "shelling", "killed", "attacked"),
            *("attacks?", "offensive", "raided", "shot down", "captured", "recaptured"),
            *("seized", "fired (?:missiles|rockets|shells)", "ambushed", "clashed", "clashes"),
        ),
    ),
    Rule(
        "broadcast",
        _words(
            "documentary", "preview", "television", "broadcast", r"air(?:s|ed)", "programme", "TV"
        ),
    ),
    Rule("media", _words("videos?", "footage", "photographs?", "images")),
    Rule("meeting", _words("met", "meets", "meeting", "summit", "talks", "visited")),
    Rule(
        "political",
        _words(
            *("elected", "appointed", "signed", "decree", "law", "sanctions", "resigned"),
            *("vote[sd]?", "election", "treaty", "ratified", "parliament"),
        ),
    ),
    Rule(
        "statement",
        _words(
            *("said", "says", "told", "announced", "stated", "declared", "conceded"),
            *("insists", "reported", "denied", "warned", "added", "according to"),
        ),
    ),
]
DEFAULT = "statement"


def propose_kind(sentence: str) -> tuple[str, str]:
    """The kind the sentence suggests and the words that suggest it ("" for none)."""
    for rule in RULES:
        found = rule.cues.search(sentence)
        if found:
            return rule.kind, " ".join(found.group(0).split())
    return DEFAULT, ""


def reason(kind: str, cue: str) -> str:
    """Why a kind was proposed, as shown beside the candidate: "military: 'struck'"."""
    return f"{kind}: '{cue}'" if cue else f"{kind}: no cue word"
