"""Load a dataset: YAML file → validated, date-resolved :class:`Dataset`.

Every problem is collected (never only the first) and located by file, line and
field path. An event with an error is left out of ``Dataset.events`` and named
in ``Dataset.invalid``; nothing is skipped silently. Warnings keep the event.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path as FsPath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from timeline import reports as rep
from timeline.dates import DateError, Refused, Span, parse_pin, read
from timeline.model import (
    FIELDS,
    LANE_MODES,
    TOP_LEVEL,
    Actor,
    Event,
    Identified,
    LaneMode,
    Media,
    Period,
    Report,
    Source,
    Strict,
)
from timeline.nearest import Nearest
from timeline.problems import Path, Problem, Severity, describe, errors, line_of
from timeline.reading import NotAFile, TooBig, read_bounded, read_stamped, resolved, within
from timeline.yamlread import Parsed, deep_for_libyaml, fast_read, read_yaml

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


class _Context:
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


def _short(value: Any) -> str:
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


def _message(err: Mapping[str, Any], section: str) -> str:
    kind, name = err["type"], err["loc"][-1] if err["loc"] else ""
    if kind == "missing":
        return f"is required; add `{name}: …`"
    if kind == "extra_forbidden":
        nearest = [k for k in err["loc"][:-1] if isinstance(k, str) and k in FIELDS]
        fields = FIELDS[nearest[-1] if nearest else section]
        return f"is not a known field{did_you_mean(name, fields)} (known: {', '.join(fields)})"
    if kind == "literal_error":
        choices = re.findall(r"'([^']+)'", err["msg"])
        return f"{_short(err['input'])} is not one of {', '.join(choices)}" + did_you_mean(
            err["input"], choices
        )
    hint = _HINTS.get((kind, name)) or _HINTS.get(
        kind, str(err["msg"]).removeprefix("Value error, ")
    )
    if kind.startswith("date"):
        hint = f"must be a real date written YYYY-MM-DD ({err['msg']})"
    return f"{hint}; got {_short(err['input'])}"


# --- sections -----------------------------------------------------------------


def _top_level(ctx: _Context) -> dict[str, Any]:
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


def _items(ctx: _Context, section: str, model: type[M], raw: Any) -> list[tuple[int, M]]:
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
                ctx.add((section, index, *detail["loc"]), _message(detail, section))
    return valid


def _unique(ctx: _Context, section: str, items: list[tuple[int, Item]]) -> dict[str, Item]:
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


# --- articles -----------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold_text(text: str) -> str:
    """Fold white space, curly quotes and dashes so a pasted quote still matches."""
    return " ".join(text.translate(_FOLD).replace("…", "...").split())


def _article_file(ctx: _Context, where: Path, relative: str, base: FsPath) -> FsPath | None:
    if "\0" in relative:
        ctx.add(where, f"{_short(relative)} holds a NUL byte, which no file name can; refused")
        return None
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute():
        ctx.add(
            where,
            f"{relative!r} is an absolute path; give a path relative to the dataset's "
            "folder (refused, not read)",
        )
        return None
    path = within(base, relative)
    if path is None:
        ctx.add(
            where,
            f"{relative!r} leaves the dataset's folder; keep articles beside or below "
            "the YAML file (refused, not read)",
        )
        return None
    if path == ctx.dataset or path.suffix.lower() in (".yaml", ".yml"):
        ctx.add(
            where,
            f"{relative!r} is {'the dataset itself' if path == ctx.dataset else 'a YAML file'}"
            "; an article is the article's own text, or every quote would pass (refused)",
        )
        return None
    return path


def _read_article(ctx: _Context, where: Path, relative: str, path: FsPath) -> str | None:
    """The folded text of the article at ``path``; what was found is recorded for the
    caches, a file that could not be read as absent (any later change is a change)."""
    try:
        raw, found = read_stamped(path, default_max_bytes())
    except OSError as err:
        ctx.add(where, f"the article {relative!r} {_unreadable(err, relative)}")
        ctx.read.append(ArticleRead.absent(path))
        return None
    ctx.read.append(ArticleRead.of(path, found, raw))
    try:
        return fold_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        ctx.add(where, f"the article {relative!r} cannot be read as UTF-8 text: {err.reason}")
        return None


def _unreadable(err: OSError, relative: str) -> str:
    """Why an article file could not be read, in the words of a message about it."""
    if isinstance(err, TooBig):
        return f"{err}; refused (not read)"
    if isinstance(err, NotAFile):
        return str(err)
    if isinstance(err, FileNotFoundError):
        return f"does not exist (looked for {relative})"
    if err.errno == errno.ELOOP:
        return "is a loop of symbolic links (each points on to the next); refused (not read)"
    return f"cannot be read as UTF-8 text: {err.strerror or err}"


def _article(ctx: _Context, where: Path, relative: str, base: FsPath | None) -> str | None:
    """The folded text of an article: one that came with the data, else the file below
    ``base`` (None: an upload, whose other articles are not looked up)."""
    path = None if base is None else _article_file(ctx, where, relative, base)
    if base is not None and path is None:
        return None  # refused: outside the folder, absolute, the dataset itself
    if relative in ctx.given:
        return fold_text(ctx.given[relative])
    if path is None or base is None:
        return None
    text = _read_article(ctx, where, relative, path)
    ctx.read[-1] = replace(ctx.read[-1], link=os.path.abspath(base / relative))
    return text


def _no_article(source: Source) -> str:
    if source.published is None:
        return (
            "has no article `text:` and no publication date (as an import has): the quotes "
            "of its events cannot be checked, and their dates need pins"
        )
    return "has no article `text:`, so the quotes of its events cannot be checked"


UNCHECKED = (
    "this file was uploaded: its articles are not on this server and none is looked up "
    "there, so the quotes are not checked (run `python -m timeline check` where the "
    "articles are)"
)


def _articles(ctx: _Context, sources: dict[str, Source], base: FsPath | None) -> dict[str, str]:
    """The folded text of each source's article: those that came with the data, the rest
    read below ``base``; with no ``base`` (an upload) no file is read, which is said once."""
    if base is None and any(s.text not in ctx.given for s in sources.values()):
        ctx.add(("sources",), UNCHECKED, "warning")
    index: dict[Any, int] = {}
    for i, raw in enumerate(_raw_list(ctx.data.get("sources"))):
        index.setdefault(str(raw.get("id")) if isinstance(raw, dict) else None, i)
    texts = {}
    for ident, source in sources.items():
        if source.text is None:
            ctx.add(("sources", index[ident]), _no_article(source), "warning")
            continue
        text = _article(ctx, ("sources", index[ident], "text"), source.text, base)
        if text is not None:
            texts[ident] = text
        elif base is not None:
            ctx.refused.add(ident)
    return texts


# --- events -------------------------------------------------------------------


class _Checker:
    """Checks one section-validated event against the rest of the dataset."""

    def __init__(self, ctx: _Context, data: Dataset, texts: dict[str, str]) -> None:
        self.ctx, self.data, self.texts = ctx, data, texts
        self.broken = {
            section: _raw_ids(ctx.data.get(section)) for section in ("sources", "actors")
        }
        self.nearest = {"sources": Nearest(data.sources), "actors": Nearest(data.actors)}
        self.explained = 0  # quotes told where they differ (EXPLAINED at most)

    def unknown(self, path: Path, section: str, ident: str, known: dict[str, Any]) -> None:
        if ident in known:
            return
        what = section.removesuffix("s")
        if ident in self.broken[section]:
            self.ctx.add(path, f"the {what} {ident!r} has errors of its own (see above)")
        else:
            self.ctx.add(path, f"unknown {what} {ident!r}{self.nearest[section].hint(ident)}")

    def references(self, path: Path, event: Event) -> None:
        self.unknown((*path, "source"), "sources", event.source, self.data.sources)
        for i, actor in enumerate(event.actors):
            self.unknown((*path, "actors", i), "actors", actor, self.data.actors)
        for i, figure in enumerate(event.figures):
            if figure.claimant:
                where = (*path, "figures", i, "claimant")
                self.unknown(where, "actors", figure.claimant, self.data.actors)

    def quote(self, path: Path, event: Event | Report) -> None:
        if event.source in self.ctx.refused:
            self.ctx.add(
                (*path, "quote"),
                f"cannot be checked: the article of source {event.source!r} was refused "
                "(see its `text:`); an unchecked quote is not shown as checked",
            )
            return
        text = self.texts.get(event.source)
        if event.quote is None:
            self.missing_quote(path, event)
            return
        if text is None or event.quote in text or fold_text(event.quote) in text:
            return
        source = self.data.sources[event.source]
        self.explained += 1
        where = (
            _where_it_differs(fold_text(event.quote), text) if self.explained <= EXPLAINED else ""
        )
        self.ctx.add(
            (*path, "quote"), f"is not in the article {source.text}{where}; copy it verbatim"
        )

    def missing_quote(self, path: Path, event: Event | Report) -> None:
        source = self.data.sources.get(event.source)
        if source is not None and source.text is not None:
            self.ctx.add(
                (*path, "quote"),
                "is required; add `quote: …` with the article's words that report this event",
            )

    def time(self, path: Path, event: Event, span: Span | None) -> None:
        if event.time and span and span.precision != "day":
            self.ctx.add(
                (*path, "time"),
                f"a time of day needs a date to the day; this event's is {span.label} "
                f"({span.precision}): pin the day with `date:` or leave the time out",
            )

    def phrase(
        self, event: Event | Report, pin: Span | None
    ) -> tuple[Span | None, DateError | None]:
        source = self.data.sources.get(event.source)
        if event.when is None or source is None:
            return None, None
        try:
            if source.published is None:
                return _displayed(event, source, pin), None
            span = read(
                event.when, source.published, event.direction, event.quote or "", source.date_order
            )
            return span, None
        except DateError as err:
            return None, err

    def undated(self, event: Event | Report) -> bool:
        """Whether the event's source has no publication date (an import's)."""
        source = self.data.sources.get(event.source)
        return source is not None and source.published is None

    def pin(self, path: Path, event: Event | Report) -> Span | None:
        if event.date is None:
            return None
        try:
            return parse_pin(event.date)
        except DateError as err:
            self.ctx.add((*path, "date"), f"{err}; {PIN_FORMS}")
            return None

    def span(self, path: Path, event: Event | Report) -> tuple[Span | None, Span | None]:
        pin = self.pin(path, event)
        phrase, trouble = self.phrase(event, pin)
        if phrase and self.undated(event):
            return phrase, None  # an import's displayed date, on the pin's very days
        if trouble and event.date is None:
            advised = isinstance(trouble, Refused)  # it says how to pin it itself
            self.ctx.add((*path, "when"), str(trouble) if advised else f"{trouble}; {PIN_IT}")
        elif trouble and pin:
            self.ctx.add((*path, "when"), f"{trouble}; the pin {pin.label} is used", "warning")
        elif event.when is None and event.date is None:
            self.ctx.add(
                path, "has no date: give `when:` (the article's phrase) or `date:` (a pin)"
            )
        if pin and phrase and not phrase.contains(pin):
            self.disagreement(path, event, phrase, pin)
        return pin or phrase, phrase

    def disagreement(self, path: Path, event: Event | Report, phrase: Span, pin: Span) -> None:
        said = f"the pin {pin.label} is outside {phrase.label}, what {event.when!r} reads as"
        if event.date_note:
            self.ctx.add((*path, "date"), f"{said}; kept because: {event.date_note}", "warning")
        else:
            self.ctx.add((*path, "date"), f"{said}; if the pin is right, say why in `date_note:`")

    def reports(self, path: Path, event: Event, span: Span | None) -> list[rep.Reading]:
        """Each further report checked as the event is (source, quote against its own
        article, date), and what every report reads as, the event's own first."""
        out = [self.reading(event, span)] if span and event.source in self.data.sources else []
        seen = {event.source}
        for i, report in enumerate(event.reports):
            where: Path = (*path, "reports", i)
            self.unknown((*where, "source"), "sources", report.source, self.data.sources)
            if report.source in seen:
                self.ctx.add((*where, "source"), REPORTED_TWICE, "warning")
            seen.add(report.source)
            for j, figure in enumerate(report.figures):
                if figure.claimant:
                    claimant = (*where, "figures", j, "claimant")
                    self.unknown(claimant, "actors", figure.claimant, self.data.actors)
            if report.source in self.data.sources:
                self.quote(where, report)
            said, _ = self.span(where, report)
            if said and report.source in self.data.sources:
                out.append(self.reading(report, said, event.status))
        return out

    def reading(self, said: Event | Report, span: Span, status: str = "") -> rep.Reading:
        source = self.data.sources[said.source]
        return rep.Reading(
            said.source,
            source.outlet,
            said.when,
            span,
            said.quote,
            said.status or status,
            source.url,
            tuple(said.figures),
            said.date is not None,
            rep.relayed_from(source, self.data.sources),
        )


REPORTED_TWICE = (
    "is already a source of this event (its own or an earlier report's); a further report "
    "is another article: name that article's source, or remove this report"
)
PIN_IT = "pin the date with `date:` and say why in `date_note:`"
PIN_FORMS = (
    "write YYYY, YYYY-MM, YYYY-MM-DD or START/END, or EDTF: 2014-08~ (about), 2014? "
    "(uncertain), 2015-21 (spring), 2015-35 (Q3), 201X (the 2010s)"
)


def _displayed(event: Event | Report, source: Source, pin: Span | None) -> Span | None:
    """A phrase of a source with no publication date (an import) is how the file displayed
    the date: read against the pin, it lends the pin its precision and label when it covers
    the very same days; otherwise the pin stands and the phrase is kept as it was said.
    With no pin there is nothing to read it against: DateError."""
    if pin is None:
        raise DateError(
            f"the source {source.id!r} has no publication date (`published:`), so the "
            "phrase cannot be read against it"
        )
    try:
        said = read(str(event.when), pin.end, event.direction, event.quote or "", source.date_order)
    except DateError:
        return None
    if (said.start, said.end) != (pin.start, pin.end):
        return None
    how = f"pinned to {event.date}, displayed as {event.when!r} ({said.precision})"
    return replace(said, how=how)


def _raw_list(raw: Any) -> list[Any]:
    """A section as written, if it is a list (any other type is reported once, by _items)."""
    return raw if isinstance(raw, list) else []


def _raw_ids(raw: Any) -> set[str]:
    """Every id written in a section, valid item or not."""
    items = _raw_list(raw)
    return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item}


def _prefix_table(words: list[str]) -> list[int]:
    """Knuth–Morris–Pratt: for each i, the longest proper prefix of ``words[: i + 1]``
    that is also its suffix."""
    table, k = [0] * len(words), 0
    for i in range(1, len(words)):
        while k and words[i] != words[k]:
            k = table[k - 1]
        k += words[i] == words[k]
        table[i] = k
    return table


def _longest_prefix(words: list[str], text: list[str]) -> int:
    """How many of the first ``words`` occur together somewhere in ``text`` (linear)."""
    table, k, best = _prefix_table(words), 0, 0
    for word in text:
        while k and (k == len(words) or word != words[k]):
            k = table[k - 1]
        k += k < len(words) and word == words[k]
        best = max(best, k)
    return best


EXPLAINED = 50  # quotes per load told where they stop matching; the rest are named only


def _where_it_differs(quote: str, text: str) -> str:
    """Where the quote stops matching the article: its longest run of first words found
    in the article's words, in one pass over each (a 40,000-word quote differing at its
    last word took 40 s one prefix at a time)."""
    words = quote.split()
    good = _longest_prefix(words, text.split())
    if good == 0:
        return " (not even its first word matches)"
    return f" (it matches up to {' '.join(words[max(0, good - 4) : good])!r}, then differs)"


def _resolve_events(ctx: _Context, data: Dataset, texts: dict[str, str]) -> None:
    raw = ctx.data.get("events")
    items = _items(ctx, "events", Event, raw)
    data.total = len(raw) if isinstance(raw, list) else 0
    checker, unique, kept = _Checker(ctx, data, texts), _unique(ctx, "events", items), set()
    origin = rep.origins(data.sources)
    for index, event in items:
        before = ctx.errors
        path: Path = ("events", index)
        checker.references(path, event)
        checker.quote(path, event)
        span, phrase = checker.span(path, event)
        checker.time(path, event, span)
        readings = checker.reports(path, event, span) if event.reports else []
        clean = ctx.errors == before and index not in ctx.spoiled
        if unique.get(event.id) is event and span and clean:
            resolved = ResolvedEvent(event, span, phrase, line_of(path, ctx.lines))
            data.events.append(_corroborated(ctx, path, resolved, readings, origin))
            kept.add(index)
    data.events.sort(key=lambda r: (r.span.start, r.span.end, r.event.time or "", r.event.id))
    data.invalid = [_name(ctx, ("events", i)) for i in range(data.total) if i not in kept]
    _unknowns(ctx, [e for _, e in items])


def _field(path: Path, index: int, reading: rep.Reading, name: str = "") -> Path:
    """Where reading ``index`` of an event is written: the event's own fields (0) or its
    ``reports[index - 1]``; ``name`` a field, else its `when` (or `date` when pinned)."""
    base = path if index == 0 else (*path, "reports", index - 1)
    return (*base, name or ("when" if reading.when else "date"))


def _corroborated(
    ctx: _Context,
    path: Path,
    item: ResolvedEvent,
    readings: list[rep.Reading],
    origin: dict[str, str],
) -> ResolvedEvent:
    """The event with what its reports say together: the days they agree on (else all
    they say, flagged), the independent outlets, and each disagreement as a warning."""
    if len(readings) < 2:
        return item
    span, disagree = rep.agreed(readings), []
    if span is None:
        span, pairs = rep.union(readings), rep.clashes(readings)
        said = "; ".join(f"{readings[i].says()}, {readings[j].says()}" for i, j in pairs)
        ctx.add(
            _field(path, pairs[0][1], readings[pairs[0][1]]),
            f"the reports disagree on the date: {said}; the event is drawn over "
            f"{span.label}, flagged: its sources disagree",
            "warning",
        )
        disagree.append("date")
    disagree += _clashes(ctx, path, readings)
    outlets = rep.independent(readings, origin)
    return replace(
        item, span=span, readings=tuple(readings), outlets=outlets, disagree=tuple(disagree)
    )


def _clashes(ctx: _Context, path: Path, readings: list[rep.Reading]) -> list[str]:
    """Disagreements on the status and on figures of one measure, each warned of."""
    found = []
    pair = rep.status_clash(readings)
    if pair is not None:
        a, b = (readings[k] for k in pair)
        ctx.add(
            _field(path, pair[1], b, "status"),
            f"the reports disagree on the status: {a.outlet} says {a.status}, "
            f"{b.outlet} says {b.status}",
            "warning",
        )
        found.append("status")
    for measure, i, j in rep.figure_clashes(readings):
        ctx.add(
            _field(path, j, readings[j], "figures"),
            f"the reports disagree on the figure for {measure!r}: "
            f"{_figures(readings[i], measure)}, {_figures(readings[j], measure)}",
            "warning",
        )
        found.append(f"figure:{measure}")
    return found


def _figures(reading: rep.Reading, measure: str) -> str:
    given = [f for f in reading.figures if f.measure == measure]
    return f"{reading.outlet} says " + " or ".join(
        f"{f.qualifier + ' ' if f.qualifier != 'exactly' else ''}{f.value:g} {f.unit}"
        for f in given
    )


def _unknowns(ctx: _Context, events: list[Event]) -> None:
    """One line for what the data does not know (an import's kind and status), not one
    warning per event."""
    kinds = sum(e.kind == "unknown" for e in events)
    statuses = sum(e.status == "unknown" for e in events)
    if kinds or statuses:
        ctx.add(
            ("events",),
            f"{kinds:,} of {len(events):,} events have kind 'unknown' and {statuses:,} status "
            "'unknown' (as imported: the file said nothing of them); set them where a source "
            "says",
            "warning",
        )


def _name(ctx: _Context, path: Path) -> str:
    return f"{describe(path, ctx.data)} (line {line_of(path, ctx.lines)})"


# --- entry points -------------------------------------------------------------


def too_big(size: int, file: str, max_bytes: int, at_least: str = "") -> Problem:
    limit, have = f"{max_bytes / 1024 / 1024:.3g} MB", f"{at_least}{size / 1024 / 1024:.3g} MB"
    return Problem(
        file,
        None,
        "",
        f"the file ({have}) is larger than the {limit} limit; refused "
        "(raise it with --max-mb or TIMELINE_MAX_MB if the file is trusted)",
    )


def _decode(raw: bytes, file: str, max_bytes: int) -> tuple[str | None, list[Problem]]:
    if len(raw) > max_bytes:
        return None, [too_big(len(raw), file, max_bytes)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"byte {raw[err.start]:#04x} is not UTF-8 text; save the file as UTF-8"
        return None, [Problem(file, line, "", message)]


def load_bytes(
    raw: bytes,
    file: str,
    base_dir: FsPath | None,
    max_bytes: int | None = None,
    given: Mapping[str, str] | None = None,
) -> Dataset:
    """Validate a dataset given as bytes; ``base_dir`` is where article paths start (None:
    an upload, whose articles are not on this machine and are not looked up). ``given``
    holds articles that come with the data (by their `text:` path), e.g. a new article
    being added, checked without writing it anywhere.

    A clean file is read by the fast reader; any problem at all (or anything the fast
    reader must not handle) and the file is read again with a line for every message.
    """
    text, problems = _decode(raw, file, size_limit(max_bytes))
    if text is None:
        return Dataset(file, problems=problems)
    deep = deep_for_libyaml(text)  # one scan serves both readers
    quick = fast_read(text, deep)
    if quick is not None:
        data = _validate(Parsed(quick), file, base_dir, given or {})
        if not data.problems:
            return data
    return _validate(read_yaml(text, file, deep), file, base_dir, given or {})


def _validate(
    parsed: Parsed, file: str, base_dir: FsPath | None, given: Mapping[str, str]
) -> Dataset:
    ctx = _Context(file, parsed)
    ctx.given = given
    ctx.dataset = resolved(base_dir / FsPath(file).name) if base_dir else None
    top = _top_level(ctx)
    data = Dataset(file, title=_text_field(ctx, top, "title"))
    _dataset_fields(ctx, top, data)
    data.sources = _unique(ctx, "sources", _items(ctx, "sources", Source, top.get("sources")))
    data.actors = _unique(ctx, "actors", _items(ctx, "actors", Actor, top.get("actors")))
    if top:
        _resolve_events(ctx, data, _articles(ctx, data.sources, base_dir))
    data.problems = sorted(ctx.problems, key=lambda p: (p.line or 0, p.severity))
    data.valid, data.articles = len(data.events), ctx.read
    return data


def _text_field(ctx: _Context, top: dict[str, Any], key: str) -> str:
    """The dataset's ``title:`` or ``description:``: text (a number or date as written);
    a list or mapping is a problem, not a Python repr on the page."""
    value = top.get(key)
    if isinstance(value, (list, dict)):
        ctx.add((key,), f"must be text; got {_short(value)}")
        return ""
    return "" if value is None else str(value).strip()


def _dataset_fields(ctx: _Context, top: dict[str, Any], data: Dataset) -> None:
    """The dataset's own fields besides its sections: description, lanes, media, periods."""
    data.description = _text_field(ctx, top, "description")
    lanes = top.get("lanes")
    data.lanes = next((mode for mode in LANE_MODES if mode == lanes), None)
    if lanes is not None and data.lanes is None:
        choices = ", ".join(LANE_MODES)
        ctx.add(
            ("lanes",), f"{_short(lanes)} is not one of {choices}{did_you_mean(lanes, LANE_MODES)}"
        )
    if top.get("media") is not None:
        try:
            data.media = Media.model_validate(top["media"])
        except ValidationError as err:
            for detail in err.errors(include_url=False):
                ctx.add(("media", *detail["loc"]), _message(detail, "media"))
    for index, period in _items(ctx, "periods", Period, top.get("periods")):
        try:
            period.span  # noqa: B018  (its pin must read as a date)
            data.periods.append(period)
        except DateError as err:
            ctx.add(("periods", index, "date"), f"{err}; {PIN_FORMS}")


def read_dataset(path: FsPath, limit: int) -> bytes | Problem:
    """The bytes of the dataset file at ``path``, or the problem that stops it being read."""
    try:
        return read_bounded(path, limit)  # never more than the limit, regular files only
    except TooBig as err:
        return too_big(err.size, str(path), limit, "at least ")
    except OSError as err:
        return Problem(str(path), None, "", f"cannot read: {err.strerror or err}")


def load_file(path: str | FsPath, max_bytes: int | None = None) -> Dataset:
    """Validate the dataset at ``path`` with no cache, keeping every event's model (tests
    and tools that need them); entry points use ``timeline.cache.open_dataset``."""
    path, limit = FsPath(path), size_limit(max_bytes)
    raw = read_dataset(path, limit)
    if isinstance(raw, Problem):
        return Dataset(str(path), problems=[raw])
    return load_bytes(raw, str(path), path.parent, limit)


def load_checked(path: str | FsPath, max_bytes: int | None = None) -> Dataset:
    """Like :func:`load_file`, but a dataset with errors raises :class:`DatasetError`."""
    data = load_file(path, max_bytes)
    if not data.ok:
        raise DatasetError(errors(data.problems))
    return data
