"""What a curator is shown before adding an article: the blocks to add, the dataset they
make, and that dataset's problems told against the lines of the blocks shown (the
merged file is never shown, so its line numbers would point nowhere)."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.merge import placed
from timeline.problems import Problem


@dataclass(frozen=True)
class Proposal:
    """The blocks as shown (``preview``), the merged dataset, and for each merged line
    that came from the blocks, its line in the preview (both 1-based)."""

    preview: str
    merged: str
    shown: dict[int, int]


def propose(
    original: str,
    parsed_lines: dict[tuple[str | int, ...], int],
    source: str,
    events: list[str],
    reports: dict[int, list[str]] | None = None,
) -> Proposal:
    """The source block and event blocks added to ``original``, and ``reports`` under the
    events they report (ValueError as :func:`timeline.merge.merge`), with the preview the
    source and event blocks are shown in."""
    merged, starts = placed(original, parsed_lines, source, events, reports)
    shown: dict[int, int] = {}
    preview: list[str] = []
    for header, text, start in zip(
        ("sources:", "events:"), (source, "".join(events)), starts, strict=True
    ):
        preview.append(header)
        for offset, line in enumerate(text.rstrip("\n").splitlines()):
            shown[start + offset] = len(preview) + 1
            preview.append(line)
    return Proposal("\n".join(preview) + "\n", merged, shown)


def told(problem: Problem, proposal: Proposal) -> str | None:
    """The problem against the preview's line ("line 9: events[x].actors: …"), or None
    when it is not in the shown blocks (a problem the dataset already had)."""
    line = proposal.shown.get(problem.line) if problem.line else None
    if line is None:
        return None
    field = f"{problem.where}: " if problem.where else ""
    return f"line {line}: {field}{problem.message}"
