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


Lines = dict[tuple[str | int, ...], int]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _item_end(lines: list[str], start: int, stop: int) -> int:
    """The index after the last line of an item running from ``start`` to before ``stop``
    that is neither blank nor a comment (a comment there belongs to what follows)."""
    end = stop
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
        end -= 1
    return end


def _report_insert(
    lines: list[str], parsed_lines: Lines, index: int, blocks: list[str]
) -> tuple[int, str]:
    """Where and what to insert so that ``blocks`` end the ``reports:`` of event ``index``
    (the key added at the end of the event when it has none)."""
    at = parsed_lines[("events", index)] - 1
    later = [v - 1 for k, v in parsed_lines.items() if len(k) <= 2 and v - 1 > at]
    stop = min(later) if later else len(lines)
    field = _indent(lines[at]) + "  "  # the event's fields, under its "- "
    key = parsed_lines.get(("events", index, "reports"))
    if key is None:
        end = _item_end(lines, at, stop)
        return end, f"{field}reports:\n" + "".join(_reindent(b, field + "  ") for b in blocks)
    if "[" in lines[key - 1]:
        raise ValueError("the event's `reports:` is not a block list to add to")
    fields = [v - 1 for k, v in parsed_lines.items() if len(k) == 3 and k[:2] == ("events", index)]
    after = [line for line in fields if line > key - 1]
    end = _item_end(lines, key - 1, min(after) if after else stop)
    first = parsed_lines.get(("events", index, "reports", 0))
    items = _indent(lines[first - 1]) if first else field + "  "
    return end, "".join(_reindent(b, items) for b in blocks)


def merge(
    original: str,
    parsed_lines: Lines,
    source: str,
    events: list[str],
    reports: dict[int, list[str]] | None = None,
) -> str:
    """``original`` with the source block added to ``sources:``, event blocks to ``events:``
    and ``reports`` (event index → ``reports:`` items) in place under those events.

    The text around them is kept as it is (comments, order, formatting). Blocks are
    re-indented to the file's own list indentation. Raises ValueError when a section is
    not a block list with at least one item (then there is nowhere to add to).
    """
    return placed(original, parsed_lines, source, events, reports)[0]


def placed(
    original: str,
    parsed_lines: Lines,
    source: str,
    events: list[str],
    reports: dict[int, list[str]] | None = None,
) -> tuple[str, list[int]]:
    """:func:`merge`'s text, and the 1-based line where the source block and where the
    event blocks begin in it (so a problem found in the merged file can be told against
    the blocks a curator was shown)."""
    lines = original.splitlines()
    key_lines = {str(k[0]): v - 1 for k, v in parsed_lines.items() if len(k) == 1}
    # (where, order, lines): at the end of the last event, its reports go before new events
    inserts: list[tuple[int, int, list[str]]] = []
    for index, blocks in (reports or {}).items():
        at, text = _report_insert(lines, parsed_lines, index, blocks)
        inserts.append((at, 0, text.rstrip("\n").splitlines()))
    for section, blocks in (("sources", [source]), ("events", events)):
        first = parsed_lines.get((section, 0))
        if section not in key_lines or first is None or "[" in lines[key_lines[section]]:
            raise ValueError(f"the dataset's `{section}:` is not a list to add to")
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        text = "".join(_reindent(b, indent) for b in blocks if b)
        inserts.append((_section_end(lines, key_lines, section), 1, text.rstrip("\n").splitlines()))
    for at, _, added in sorted(inserts, reverse=True):
        lines[at:at] = added
    starts = [
        at + 1 + sum(len(a) for b, o, a in inserts if (b, o) < (at, order))
        for at, order, _ in inserts
        if order == 1
    ]
    return "\n".join(lines) + "\n", starts
