"""YAML text to plain data, safely, with the line of every field.

PyYAML only *composes* the text into a node graph here; this module builds the
Python values itself. So no tag ever constructs an object (``!!python/...`` is
reported, never run), a key given twice in one mapping is reported instead of
silently keeping the last, every key and list item keeps its line for error
messages, and aliases cannot expand without bound. Timestamps stay strings: the
schema decides what a date is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import ryaml
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from timeline.problems import Path, Problem, describe

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

TAG = "tag:yaml.org,2002:"
TEXT_TAGS = {TAG + "str", TAG + "timestamp"}
VALUE_TAGS = {TAG + "int", TAG + "float", TAG + "bool", TAG + "null"}
COLLECTION_TAGS = {TAG + "map", TAG + "seq"}
MAX_DEPTH = 64
_constructor = yaml.constructor.SafeConstructor()


class _Stop(Exception):
    """Building must stop: the data is too deep or expands too far."""


@dataclass
class Parsed:
    """What a YAML text holds, where each path is, and what was wrong with it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    bad_paths: list[Path] = field(default_factory=list)


def _syntax_problem(err: yaml.YAMLError, text: str, file: str) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = " ".join(str(getattr(err, "problem", None) or err).split())
    message = f"not valid YAML: {what}"
    if line is not None and "\t" in _indent(text, line):
        message += "; this line is indented with a tab: YAML indents with spaces only"
    return Problem(file, line, "", message)


def _indent(text: str, line: int) -> str:
    """The leading white space of a 1-based line of ``text``."""
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    return row[: len(row) - len(row.lstrip())]


class _Builder:
    def __init__(self, file: str, budget: int) -> None:
        self.file = file
        self.budget = budget
        self.parsed = Parsed(None)
        self.found: list[tuple[Path, int, str]] = []

    def problem(self, node: Node, message: str, path: Path = ()) -> None:
        self.found.append((path, node.start_mark.line + 1, message))

    def finish(self, data: Any) -> Parsed:
        """Name each problem's place once the data is built, so ids can be used."""
        self.parsed.data = data
        for path, line, message in self.found:
            self.parsed.problems.append(Problem(self.file, line, describe(path, data), message))
            self.parsed.bad_paths.append(path)
        return self.parsed

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            self.problem(
                node,
                "the file expands to far more values than it has text "
                "(aliases nested as in a 'billion laughs' bomb); refused",
            )
            raise _Stop
        if depth > MAX_DEPTH:
            self.problem(node, f"nested deeper than {MAX_DEPTH} levels; refused", path)
            raise _Stop
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return self.sequence(node, path, depth)
        return self.scalar(node, path)

    def tag_ok(self, node: Node, allowed: set[str], path: Path) -> bool:
        if node.tag in allowed:
            return True
        tag = node.tag.replace(TAG, "!!")
        self.problem(
            node,
            f"the tag {tag} is not allowed (tags that build objects are never "
            "run); remove it and write plain text, numbers, lists and mappings",
            path,
        )
        return False

    def sequence(self, node: SequenceNode, path: Path, depth: int) -> list[Any] | None:
        if not self.tag_ok(node, COLLECTION_TAGS, path):
            return None
        items = []
        for index, item in enumerate(node.value):
            self.parsed.lines[(*path, index)] = item.start_mark.line + 1
            items.append(self.build(item, (*path, index), depth + 1))
        return items

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any] | None:
        if not self.tag_ok(node, COLLECTION_TAGS, path):
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path, out)
            if key is not None:
                self.parsed.lines[(*path, key)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def key(self, node: Node, path: Path, seen: dict[str, Any]) -> str | None:
        if node.tag == TAG + "merge":
            self.problem(node, "merge keys (<<) are not supported; write the fields out", path)
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, "a key must be a plain name, not a list or mapping", path)
            return None
        key = str(node.value)
        if key in seen:
            first = self.parsed.lines[(*path, key)]
            self.problem(
                node,
                f"the key {key!r} is given twice in one mapping (first at line "
                f"{first}); YAML would silently keep only the last, so remove one",
                (*path, key),
            )
            return None
        return key

    def scalar(self, node: Node, path: Path) -> Any:
        if node.tag in TEXT_TAGS or _yaml11_only(node):
            return node.value
        if node.tag in VALUE_TAGS:
            return _value(node)
        self.tag_ok(node, TEXT_TAGS | VALUE_TAGS, path)
        return None


def _value(node: Node) -> Any:
    """A number, boolean or null; an integer past Python's integer-string limit (4,300
    digits) stays text, as the fast reader keeps it, for the schema to refuse."""
    try:
        return _constructor.construct_object(node)
    except ValueError:
        return str(node.value)


def _yaml11_only(node: Node) -> bool:
    """Plain scalars that only YAML 1.1 reads as booleans or numbers (``yes``, ``off``,
    ``12:30``) stay text, as YAML 1.2 and the fast reader read them."""
    value = str(node.value)
    if node.tag == TAG + "bool":
        return value.lower() not in ("true", "false")
    return node.tag in (TAG + "int", TAG + "float") and (":" in value or "_" in value)


# Anything the fast reader would handle silently (tags ignored, aliases expanded) sends the
# text to the careful path instead: a tag, anchor or alias at the start of a token, or a merge key.
_NOT_FOR_FAST = re.compile(r"[\s\[{,][!&*]\S|<<\s*:")


def fast_read(text: str, deep: bool | None = None) -> Any | None:
    """The data of ``text`` by ryaml (Rust, several times faster than composing with
    libyaml), or None when ``text`` has anything it would not report, or any error: then
    :func:`read_yaml` reads it, with lines for every message."""
    risky = text[:1] in ("!", "&", "*") or any(c in text for c in "!&*<")
    deep = deep_for_libyaml(text) if deep is None else deep
    if (risky and _NOT_FOR_FAST.search(text)) or deep:
        return None
    try:
        return ryaml.loads(text)  # type: ignore[attr-defined]
    except Exception:  # any trouble, including duplicate keys: the careful path reports it
        return None


def deep_for_libyaml(text: str, limit: int = 200) -> bool:
    """Whether ``text`` may nest deeper than libyaml's recursive C composer survives.

    libyaml crashes the whole process (a segmentation fault) on tens of thousands of
    nested ``[`` — a 200 KB file. A cheap scan catches every way to nest that deep:
    flow brackets (a running count; quoted brackets only make it cautious), inline
    ``- - - …`` block sequences, and very deep indentation.
    """
    if _bracket_depth(text) > limit:
        return True
    inline = re.compile(rf"(?:[-?]\s+){{{limit}}}")  # needs a line of 2 * limit characters
    if any(inline.search(line) for line in text.splitlines() if len(line) >= 2 * limit):
        return True
    return "\n" + " " * (2 * limit) in text or "\n" + "\t" * limit in text


def _bracket_depth(text: str) -> int:
    """The deepest running count of ``[``/``{`` less ``]``/``}`` (over the brackets only)."""
    if text.count("[") + text.count("{") <= 200:
        return text.count("[") + text.count("{")
    raw = np.frombuffer(text.encode("utf-8", "replace"), dtype=np.uint8)
    opening = (raw == ord("[")) | (raw == ord("{"))
    where = np.flatnonzero(opening | (raw == ord("]")) | (raw == ord("}")))
    steps = np.where(opening[where], 1, -1)
    return int(np.cumsum(steps).max()) if steps.size else 0


def read_yaml(text: str, file: str, deep: bool | None = None) -> Parsed:
    """Compose ``text`` and build plain data; every problem is collected, none raised.

    Text that could nest too deep for libyaml goes to PyYAML's pure-Python composer,
    where too deep is a ``RecursionError`` to report rather than a crash.
    """
    deep = deep_for_libyaml(text) if deep is None else deep  # the caller may know already
    loader = yaml.SafeLoader if deep else _Loader
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as err:
        return Parsed(None, problems=[_syntax_problem(err, text, file)])
    except RecursionError:
        message = f"nested deeper than {MAX_DEPTH} levels; refused"
        return Parsed(None, problems=[Problem(file, None, "", message)])
    if root is None:
        return Parsed(
            None,
            problems=[
                Problem(file, None, "", "the file is empty; it needs sources:, actors: and events:")
            ],
        )
    builder = _Builder(file, budget=len(text) + 1000)
    builder.parsed.lines[()] = root.start_mark.line + 1
    try:
        return builder.finish(builder.build(root, (), 0))
    except _Stop:
        return builder.finish(None)
