"""What a load gives: the size limits, the error, the resolved event and the dataset."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, fields
from pathlib import Path as FsPath
from typing import TypeVar

from timeline.dataset import reports as rep
from timeline.dataset.model import (
    Actor,
    Event,
    Identified,
    LaneMode,
    Media,
    Period,
    Source,
    Strict,
)
from timeline.dates import Span
from timeline.problems import Problem, errors

DEFAULT_MAX_MB = 64.0


def default_max_bytes() -> int:
    """The size limit: ``TIMELINE_MAX_MB`` (megabytes) when set, else 64 MB."""
    text = os.environ.get("TIMELINE_MAX_MB", "")
    try:
        return megabytes_to_bytes(float(text)) if text else megabytes_to_bytes(DEFAULT_MAX_MB)
    except ValueError:
        return megabytes_to_bytes(DEFAULT_MAX_MB)


MAX_MB = 1024 * 1024  # a terabyte: past it a "limit" is no limit


def megabytes_to_bytes(megabytes: float) -> int:
    """A size limit in bytes; ValueError for one that is no size (negative, zero, NaN,
    infinite or past a terabyte), with the reason."""
    if not 0 < megabytes <= MAX_MB:  # NaN fails every comparison
        raise ValueError(
            f"{megabytes!r} MB is no size limit: give a number above 0, up to {MAX_MB:,}"
        )
    return int(megabytes * 1024 * 1024)


def size_limit(max_bytes: int | None = None) -> int:
    """``max_bytes`` when given, else the default limit (``TIMELINE_MAX_MB`` or 64 MB)."""
    return default_max_bytes() if max_bytes is None else max_bytes


class DatasetError(Exception):
    """A dataset with errors; ``problems`` lists every one, each with its location."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


M = TypeVar("M", bound=Strict)
Item = TypeVar("Item", bound=Identified)


@dataclass(frozen=True)
class ResolvedEvent:
    """A valid event with its effective span (the pin if any, else the phrase's)."""

    event: Event
    span: Span
    phrase: Span | None
    line: int | None
    readings: tuple[rep.Reading, ...] = ()  # every report, the event's own first; () if one
    outlets: int = 1  # independent outlets among the reports
    disagree: tuple[str, ...] = ()  # "date", "status", "figure:<measure>"

    @property
    def pinned(self) -> bool:
        return self.event.date is not None


@dataclass(frozen=True)
class ArticleRead:
    """An article file the loader looked at, as it was: a later load may reuse the result
    only while every one is unchanged. ``size`` is -1 for a file that was not there."""

    path: str  # resolved
    size: int
    mtime_ns: int
    sha256: str
    link: str = ""  # the path as named (a symbolic link re-pointed is a change)

    @classmethod
    def absent(cls, path: FsPath) -> ArticleRead:
        return cls(str(path), -1, 0, "")

    @classmethod
    def of(cls, path: FsPath, before: os.stat_result, raw: bytes) -> ArticleRead:
        """``before`` is taken before reading, so an edit during the read shows as a change."""
        return cls(str(path), before.st_size, before.st_mtime_ns, hashlib.sha256(raw).hexdigest())


@dataclass
class Summary:
    """What a load found, without the events themselves: title, sources, actors, every
    problem, the events left out, and the article files read. What a cache keeps beside
    the frames; it has no ``events``, so it cannot pass for a dataset with none."""

    file: str
    title: str = ""
    description: str = ""
    lanes: LaneMode | None = None  # the lanes the dataset's author chose, if any
    media: Media | None = None  # the title's (a TimelineJS title slide's)
    periods: list[Period] = field(default_factory=list)  # valid ones, in file order
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    valid: int = 0
    articles: list[ArticleRead] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass
class Dataset(Summary):
    """A loaded dataset: its summary and its valid events in date order."""

    events: list[ResolvedEvent] = field(default_factory=list)

    def summary(self) -> Summary:
        return Summary(**{f.name: getattr(self, f.name) for f in fields(Summary)})
