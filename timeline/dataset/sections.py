"""The parsed file as a load reads it: its lines, the problems found so far, the
messages they are written in, and the top-level sections read as lists of models.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path as FsPath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from timeline.dataset.model import (
    FIELDS,
    TOP_LEVEL,
)
from timeline.dataset.types import ArticleRead, Item, M
from timeline.dataset.yamlread import Parsed
from timeline.nearest import Nearest
from timeline.problems import Path, Problem, Severity, describe, errors, line_of


class Context:
    """The parsed data, its lines, and the problems found so far."""

    def __init__(self, file: str, parsed: Parsed) -> None:
        self.file, self.data, self.lines = file, parsed.data, parsed.lines
        self.problems: list[Problem] = list(parsed.problems)
        self.dataset: FsPath | None = None  # the dataset's own file, never an article
        self.refused: set[str] = set()  # sources whose article could not be read
        self.given: Mapping[str, str] = {}  # articles that come with the data, by `text:`
        self.read: list[ArticleRead] = []  # article files looked at, for the caches
        self.spoiled = {p[1] for p in parsed.bad_paths if len(p) > 1 and p[0] == "events"}
        self.errors = len(errors(self.problems))  # counted as added: checked once an event

    def add(self, path: Path, message: str, severity: Severity = "error") -> None:
        self.errors += severity == "error"
        where = describe(path, self.data)
        self.problems.append(
            Problem(self.file, line_of(path, self.lines), where, message, severity)
        )


# --- messages -----------------------------------------------------------------


def did_you_mean(word: Any, choices: Sequence[str]) -> str:
    return Nearest(choices).hint(str(word))


def short_text(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_HINTS = {
    "list_type": "must be a list, e.g. [russia, putin]",
    "string_pattern_mismatch": "must be a slug: lower-case letters, digits and hyphens "
    "(e.g. airstrikes-begin)",
    "float_parsing": "must be a number (write 2200, not 2,200)",
    "float_type": "must be a number (write 2200, not 2,200)",
    "finite_number": "must be a finite number (not .inf or .nan, nor one too large to hold)",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "too_short": "must list at least one",
    "dict_type": "must be a mapping of fields",
    "model_type": "must be a mapping of fields",
    (
        "string_pattern_mismatch",
        "time",
    ): 'must be a time of day written HH:MM or HH:MM:SS, e.g. "17:16"',
}


def located_message(err: Mapping[str, Any], section: str) -> str:
    kind, name = err["type"], err["loc"][-1] if err["loc"] else ""
    if kind == "missing":
        return f"is required; add `{name}: …`"
    if kind == "extra_forbidden":
        nearest = [k for k in err["loc"][:-1] if isinstance(k, str) and k in FIELDS]
        fields = FIELDS[nearest[-1] if nearest else section]
        return f"is not a known field{did_you_mean(name, fields)} (known: {', '.join(fields)})"
    if kind == "literal_error":
        choices = re.findall(r"'([^']+)'", err["msg"])
        return f"{short_text(err['input'])} is not one of {', '.join(choices)}" + did_you_mean(
            err["input"], choices
        )
    hint = _HINTS.get((kind, name)) or _HINTS.get(
        kind, str(err["msg"]).removeprefix("Value error, ")
    )
    if kind.startswith("date"):
        hint = f"must be a real date written YYYY-MM-DD ({err['msg']})"
    return f"{hint}; got {short_text(err['input'])}"


# --- sections -----------------------------------------------------------------


def top_level(ctx: Context) -> dict[str, Any]:
    if ctx.data is None:
        return {}
    if not isinstance(ctx.data, dict):
        ctx.add((), "the top level must be a mapping with sources:, actors: and events:")
        return {}
    for key in ctx.data:
        if key not in TOP_LEVEL:
            ctx.add(
                (key,),
                f"is not a known section{did_you_mean(key, TOP_LEVEL)} "
                f"(known: {', '.join(TOP_LEVEL)})",
            )
    for key in ("sources", "actors", "events"):
        if key not in ctx.data:
            ctx.add((), f"the section `{key}:` is missing")
    return ctx.data


@cache
def _list_of(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def raw_list(raw: Any) -> list[Any]:
    """A section as written, if it is a list (any other type is reported once, by section_items)."""
    return raw if isinstance(raw, list) else []


def section_items(ctx: Context, section: str, model: type[M], raw: Any) -> list[tuple[int, M]]:
    """Validate each item of a section on its own, so one bad item spoils no other."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        first = "name" if section == "periods" else "id"
        ctx.add((section,), f"must be a list of {section}, each starting with `- {first}: …`")
        return []
    try:
        return list(enumerate(_list_of(model).validate_python(raw)))  # one call, in Rust
    except ValidationError:
        pass  # item by item, so that one bad item spoils no other and each error has its place
    valid: list[tuple[int, M]] = []
    for index, item in enumerate(raw):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError as err:
            for detail in err.errors(include_url=False):
                ctx.add((section, index, *detail["loc"]), located_message(detail, section))
    return valid


def unique_ids(ctx: Context, section: str, items: list[tuple[int, Item]]) -> dict[str, Item]:
    seen: dict[str, int] = {}
    for index, item in items:
        ident = item.id
        if ident in seen:
            first = line_of((section, seen[ident]), ctx.lines)
            ctx.add(
                (section, index, "id"),
                f"{ident!r} is used twice (first at line {first}); ids must be unique",
            )
        else:
            seen[ident] = index
    return {item.id: item for index, item in items if seen[item.id] == index}
