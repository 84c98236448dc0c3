"""Load a dataset: YAML file → validated, date-resolved :class:`Dataset`.

Every problem is collected (never only the first) and located by file, line and
field path. An event with an error is left out of ``Dataset.events`` and named
in ``Dataset.invalid``; nothing is skipped silently. Warnings keep the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from timeline.dataset.articles import read_articles
from timeline.dataset.events import PIN_FORMS, resolve_events
from timeline.dataset.model import (
    LANE_MODES,
    Actor,
    Media,
    Period,
    Source,
)
from timeline.dataset.sections import (
    Context,
    did_you_mean,
    located_message,
    section_items,
    short_text,
    top_level,
    unique_ids,
)
from timeline.dataset.types import Dataset, DatasetError, size_limit
from timeline.dataset.yamlread import Parsed, deep_for_libyaml, fast_read, read_yaml
from timeline.dates import DateError
from timeline.problems import Problem, errors
from timeline.reading import TooBig, read_bounded, resolved

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
    ctx = Context(file, parsed)
    ctx.given = given
    ctx.dataset = resolved(base_dir / FsPath(file).name) if base_dir else None
    top = top_level(ctx)
    data = Dataset(file, title=_text_field(ctx, top, "title"))
    _dataset_fields(ctx, top, data)
    data.sources = unique_ids(
        ctx, "sources", section_items(ctx, "sources", Source, top.get("sources"))
    )
    data.actors = unique_ids(ctx, "actors", section_items(ctx, "actors", Actor, top.get("actors")))
    if top:
        resolve_events(ctx, data, read_articles(ctx, data.sources, base_dir))
    data.problems = sorted(ctx.problems, key=lambda p: (p.line or 0, p.severity))
    data.valid, data.articles = len(data.events), ctx.read
    return data


def _text_field(ctx: Context, top: dict[str, Any], key: str) -> str:
    """The dataset's ``title:`` or ``description:``: text (a number or date as written);
    a list or mapping is a problem, not a Python repr on the page."""
    value = top.get(key)
    if isinstance(value, (list, dict)):
        ctx.add((key,), f"must be text; got {short_text(value)}")
        return ""
    return "" if value is None else str(value).strip()


def _dataset_fields(ctx: Context, top: dict[str, Any], data: Dataset) -> None:
    """The dataset's own fields besides its sections: description, lanes, media, periods."""
    data.description = _text_field(ctx, top, "description")
    lanes = top.get("lanes")
    data.lanes = next((mode for mode in LANE_MODES if mode == lanes), None)
    if lanes is not None and data.lanes is None:
        choices = ", ".join(LANE_MODES)
        ctx.add(
            ("lanes",),
            f"{short_text(lanes)} is not one of {choices}{did_you_mean(lanes, LANE_MODES)}",
        )
    if top.get("media") is not None:
        try:
            data.media = Media.model_validate(top["media"])
        except ValidationError as err:
            for detail in err.errors(include_url=False):
                ctx.add(("media", *detail["loc"]), located_message(detail, "media"))
    for index, period in section_items(ctx, "periods", Period, top.get("periods")):
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
    and tools that need them); entry points use ``timeline.dataset.cache.open_dataset``."""
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
