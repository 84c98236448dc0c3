"""Which way a phrase looks, from the verb that governs it (``direction: auto``).

A hand-written clause heuristic, no tagger: the sentence is cut into clauses at commas,
semicolons, dashes and the words that open one ("that", "which", "who", "when", "but"); in the
phrase's clause the nearest verb group is found (a verb and the auxiliaries before it) and
its tense read: a future ("will", "would", "is going to", "is due to", "plans to",
"scheduled to") reads the phrase ahead; a past ("was", "said", "took", a verb in -ed) or a
present perfect ("has fled") reads it back; a present ("the deadline is") says nothing.
Before the verb: "since" before the phrase reads it back, and so does a date used as an
adjective ("the Aug. 7 blasts", "the February agreement": a named past event). With no
verb that says, the reading nearer the publication date wins (``read``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.dates.span import Direction

# "that", "which", ... open a clause; so do punctuation marks that set one off.
_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:that|which|who|whom|whose|when|where|but|while)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# A future: the modal or the phrase that announces one, as it stands before the verb.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|going to|due to|(?:is|are|was|were) due|set to|"
    r"(?:is|are|was|were) to|"
    r"plans? to|planned to|planning to|intends? to|intended to|expected to|scheduled (?:to|for)|"
    r"hopes? to|hoped to|aims? to|wants? to|is to be|about to|to be held)\b",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PAST_AUX = _words("was were had did has have been")
_PRESENT = _words("is are am says remains begins starts ends takes take")
_IRREGULAR = _words(
    "said told took began came went met fought fell rose struck lost won held left led sent "
    "spent saw made gave got put cut shot broke brought bought caught chose drove fled flew "
    "found grew hung kept knew laid meant paid ran sought sold shook sank spoke stood stole "
    "swore taught thought threw understood wrote became withdrew overran ate forgave hid "
    "slew swept tore froze rode arose bore beat bit blew dealt drew dug fed felt forbade "
    "heard lit rang sang shone slid stuck stung swam swung undertook upheld woke wore"
)
_NOT_VERBS = _words(  # words in -ed that are no verbs
    "red bed hundred united armed alleged naked wicked sacred speed need seed feed deed "
    "shed bred ed ted med creed indeed embed"
)
_MODAL = _words("will would shall")
_INTENT = _words("plan plans hope hopes aim aims intend intends expect expects want wants")
# ... the head of a future with "to": "set to air", "due to meet"
_TO_HEADS = _INTENT | _words("set due going about planned scheduled expected intended hoped")
_TO_HEADS |= _words("aimed wanted")
# Words that close a verb group the date could sit before: "the Aug. 7 blasts" needs a noun.
_FUNCTION = _words(
    "and or of in on at by for to from with after before since until during "
    "was were is are be been had has have will would said says"
)


@dataclass(frozen=True)
class Cue:
    """The direction a sentence gives a phrase, and the words that gave it."""

    direction: Direction | None  # None: a present, or no verb, says nothing
    why: str


def direction_of(sentence: str, phrase: str) -> Cue:
    """The direction ``sentence`` gives ``phrase`` (where it first stands in it)."""
    where = sentence.lower().find(phrase.lower())
    if where < 0:
        return Cue(None, "the phrase is not in the sentence")
    before, after = sentence[:where], sentence[where + len(phrase) :]
    fixed = _fixed(before, phrase, after)
    if fixed is not None:
        return fixed
    return _verb_cue(_clause_words(before, left=True), _clause_words(after, left=False))


def _fixed(before: str, phrase: str, after: str) -> Cue | None:
    """ "since …" and a date used as an adjective look back, whatever the verb."""
    if re.search(
        r"\bsince(?: (?:shortly |just |soon )?(?:after|before))?(?: the)?\s*$", before, re.I
    ):
        return Cue("past", "'since' looks back")
    if phrase.lower().startswith("since "):
        return Cue("past", "'since' looks back")
    if re.search(r"\bfor\s*$", before, re.I) or phrase.lower().startswith("for "):
        return Cue("future", "'for' names a date aimed at ('scheduled for', 'invited for')")
    noun = _WORD.match(after.lstrip())
    if re.search(r"\b(?:the|a|an|[a-z]+['’]s)\s*$", before, re.I) and noun and after[:1] == " ":
        word = noun.group(0).lower()
        if word not in _FUNCTION and not _FUTURE.match(after.lstrip()):
            return Cue(
                "past", f"a date naming an event ('the {phrase} {noun.group(0)}') looks back"
            )
    return None


def _clause_words(text: str, left: bool) -> list[str]:
    """The words of the phrase's clause on one side of it, nearest first."""
    cuts = list(_BREAK.finditer(text))
    if left:
        part = text[cuts[-1].end() :] if cuts else text
        return [w.lower() for w in reversed(_WORD.findall(part))]
    part = text[: cuts[0].start()] if cuts else text
    return [w.lower() for w in _WORD.findall(part)]


def _verb_cue(left: list[str], right: list[str]) -> Cue:
    """The tense of the verb group nearest the phrase (the left one on a tie)."""
    for distance in range(max(len(left), len(right))):
        for side, words in (("left", left), ("right", right)):
            if distance < len(words) and _is_verb(words, distance, side):
                return _tense(words, distance, side)
    return Cue(None, "no verb in its clause")


def _is_verb(words: list[str], at: int, side: str) -> bool:
    """Whether ``words[at]`` is a verb, or the "to" of "set to", "due to" (a future)."""
    word = words[at]
    if word == "to":
        head = at + 1 if side == "left" else at - 1
        return 0 <= head < len(words) and words[head] in _TO_HEADS
    if word in _IRREGULAR or word in _PAST_AUX or word in _PRESENT:
        return True
    if word in _MODAL or word in _INTENT:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS


def _tense(words: list[str], at: int, side: str) -> Cue:
    """The tense of the verb group around ``words[at]`` (the words run away from the phrase)."""
    group = _group(words, at, side)
    text = " ".join(group)
    future = _FUTURE.search(text)
    word = future.group(0) if future else (words[at] if words[at] in _INTENT else "")
    if word:
        return Cue("future", f"the verb {text!r} looks ahead ({word!r})")
    if any(w in _PRESENT for w in group) and not any(w in _PAST_AUX for w in group):
        return Cue(None, f"the verb {text!r} is a present")
    return Cue("past", f"the verb {text!r} looks back")


def _group(words: list[str], at: int, side: str) -> list[str]:
    """The verb at ``at`` with up to four words on its far side and the near side (its
    auxiliaries and what follows), in reading order."""
    if side == "left":  # words run right to left from the phrase
        return list(reversed(words[at : at + 4])) + list(reversed(words[max(0, at - 3) : at]))
    return words[max(0, at - 3) : at + 4]
