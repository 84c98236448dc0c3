"""Adding reviewed blocks to a dataset's own text, keeping everything around them
(comments, order, formatting) as the curator wrote it."""

from __future__ import annotations


def _section_end(lines: list[str], key_lines: dict[str, int], section: str) -> int:
    """The index to insert at: after the last non-blank line of ``section`` (0-based)."""
    start = key_lines[section]
    later = [line for line in key_lines.values() if line > start]
    end = min(later) - 1 if later else len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _reindent(block: str, indent: str) -> str:
    return "".join(indent + line.removeprefix("  ") + "\n" for line in block.splitlines())


def merge(
    original: str, parsed_lines: dict[tuple[str | int, ...], int], source: str, events: list[str]
) -> str:
    """``original`` with the source block added to ``sources:`` and event blocks to ``events:``.

    The text around them is kept as it is (comments, order, formatting). Blocks are
    re-indented to the file's own list indentation. Raises ValueError when a section is
    not a block list with at least one item (then there is nowhere to add to).
    """
    return placed(original, parsed_lines, source, events)[0]


def placed(
    original: str, parsed_lines: dict[tuple[str | int, ...], int], source: str, events: list[str]
) -> tuple[str, list[int]]:
    """:func:`merge`'s text, and the 1-based line where the source block and where the
    event blocks begin in it (so a problem found in the merged file can be told against
    the blocks a curator was shown)."""
    lines = original.splitlines()
    key_lines = {str(k[0]): v - 1 for k, v in parsed_lines.items() if len(k) == 1}
    inserts = []
    for section, blocks in (("sources", [source]), ("events", events)):
        first = parsed_lines.get((section, 0))
        if section not in key_lines or first is None or "[" in lines[key_lines[section]]:
            raise ValueError(f"the dataset's `{section}:` is not a list to add to")
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        text = "".join(_reindent(b, indent) for b in blocks if b)
        inserts.append((_section_end(lines, key_lines, section), text.rstrip("\n").splitlines()))
    for at, added in sorted(inserts, reverse=True):
        lines[at:at] = added
    starts = [at + 1 + sum(len(a) for b, a in inserts if b < at) for at, _ in inserts]
    return "\n".join(lines) + "\n", starts
