"""Problems found in a dataset, each with where it is: file, line and field path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth a look (warning), with its location.

    ``where`` reads like ``events[airstrikes-begin].when``; ``line`` is 1-based and
    ``None`` where the input has no lines (or the problem concerns the whole file).
    """

    file: str
    line: int | None
    where: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.where}: " if self.where else ""
        return f"{place}: {self.severity}: {field}{self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def _item_name(items: Any, index: int) -> str:
    """``[airstrikes-begin]`` where the item has a usable id, else ``[#4]`` (1-based)."""
    item = items[index] if isinstance(items, Sequence) and index < len(items) else None
    ident = item.get("id") if isinstance(item, Mapping) else None
    if isinstance(ident, str) and ident.strip() and len(ident) <= 100:  # a slug's length
        return f"[{ident}]"
    return f"[#{index + 1}]"


def describe(path: Path, data: Any) -> str:
    """Turn ``("events", 3, "when")`` into ``events[airstrikes-begin].when``.

    Very deep paths are cut after six parts (``…``), so a message stays readable.
    """
    text, node = "", data
    if len(path) > 6:
        return describe(path[:6], data) + "…"
    for part in path:
        if isinstance(part, int):
            text += _item_name(node, part)
            node = node[part] if isinstance(node, Sequence) and part < len(node) else None
        else:
            text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, Mapping) else None
    return text


def line_of(path: Path, lines: Mapping[Path, int]) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    for cut in range(len(path), -1, -1):
        line = lines.get(path[:cut])
        if line is not None:
            return line
    return None
