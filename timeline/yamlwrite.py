"""Candidate events as YAML for a curator to review: a source block, event blocks, a file.

Values are written as JSON strings (valid YAML), so no title or quote can change the
structure; comments say what was suggested and why.
"""

from __future__ import annotations

import json
from collections import Counter

from timeline.suggest import Candidate


def _q(value: object) -> str:
    """A YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def source_block(source: dict[str, str]) -> str:
    lines = [f"  - id: {source['id']}"]
    lines += [f"    {key}: {_q(value)}" for key, value in source.items() if key != "id" and value]
    return "\n".join(lines) + "\n"


def event_block(c: Candidate, source_id: str, notes: bool = True, quote: str = "") -> str:
    """The candidate as an ``events:`` item; with ``notes``, comments say what was suggested.
    ``quote`` is the quote as written (an anchor and the sentence, or an alias to it);
    by default the sentence itself."""

    def note(text: str) -> str:
        return f"  # {text}" if notes and text else ""

    kind_cue = f" (cue: {c.kind_cue!r})" if c.kind_cue else ""
    status_cue = f" (cue: {c.status_cue!r})" if c.status_cue else ""
    names = f"new names, not actors yet: {', '.join(c.new_names)}" if c.new_names else ""
    lines = (
        [f"  # looks like {', '.join(c.duplicates)} already in the dataset"]
        if (notes and c.duplicates)
        else []
    )
    lines += _further(c, source_id) if notes else []
    lines += [
        f"  - id: {c.id}",
        f"    title: {_q(c.title)}{note('suggested: edit')}",
        f"    source: {source_id}",
        f"    when: {_q(c.phrase.text)}{note(c.phrase.note)}",
    ]
    if c.phrase.direction == "future":
        lines.append("    direction: future")
    if c.phrase.span is None:
        lines.append("    date: null  # REQUIRED: YYYY, YYYY-MM, YYYY-MM-DD or START/END")
    lines += [
        f"    actors: [{', '.join(c.actors)}]{note(names)}",
        f"    kind: {c.kind}{note('suggested' + kind_cue)}",
        f"    status: {c.status}{note('suggested' + status_cue)}",
        f"    quote: {quote or _q(' '.join(c.sentence.split()))}",
    ]
    return "\n".join(lines) + "\n"


def report_block(c: Candidate, source_id: str) -> str:
    """The candidate as a ``reports:`` item of the event it is a further report of."""
    lines = [f"  - source: {source_id}", f"    when: {_q(c.phrase.text)}"]
    lines += ["    direction: future"] if c.phrase.direction == "future" else []
    lines += [f"    status: {c.status}", f"    quote: {_q(' '.join(c.sentence.split()))}"]
    return "\n".join(lines) + "\n"


def _further(c: Candidate, source_id: str) -> list[str]:
    """Comments offering the candidate as a further report of a known event, with the
    ``reports:`` entry to paste under it instead of adding a new event."""
    if not c.reports_of:
        return []
    ident, why = c.reports_of[0]
    others = f" (or of {', '.join(i for i, _ in c.reports_of[1:4])})" if c.reports_of[1:] else ""
    entry = [f"  #   {line}" for line in report_block(c, source_id).splitlines()]
    return [
        f"  # a further report of {ident}{others}: {why}. Rather than a new event, paste this",
        f"  # under the `reports:` of {ident}:",
        *entry,
    ]


def event_blocks(candidates: list[Candidate], source_id: str, notes: bool = True) -> list[str]:
    """Each candidate's block, a sentence written once: the first candidate of a sentence
    anchors its quote (``&…``), the others refer to it (``*…``), so one sentence of 2,000
    dates is not written 2,000 times (72 MB from a 37 KB article)."""
    shared = Counter(c.sentence for c in candidates)
    blocks, anchors = [], dict[str, str]()  # sentence -> its anchor
    for c in candidates:
        quote = f"*{anchors[c.sentence]}" if c.sentence in anchors else ""
        if not quote and shared[c.sentence] > 1:
            anchors[c.sentence] = f"{source_id}-q{len(anchors) + 1}"
            quote = f"&{anchors[c.sentence]} {_q(' '.join(c.sentence.split()))}"
        blocks.append(event_block(c, source_id, notes, quote))
    return blocks


def to_yaml(source: dict[str, str], candidates: list[Candidate]) -> str:
    head = (
        f"# {len(candidates)} candidate events from {source.get('title', 'the article')}: "
        "review every line, keep what is right, then add them to the dataset.\n"
    )
    return (
        head
        + "sources:\n"
        + source_block(source)
        + "events:\n"
        + "".join(event_blocks(candidates, source["id"]))
    )
