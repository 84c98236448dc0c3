"""TimelineJS in: its JSON (TimelineJS 3 or 2) or spreadsheet CSV → a valid ``events.yaml``.

Every slide that can be held is imported, slide by slide: a slide becomes an event, the
event is checked with the same model as ``python -m timeline check``, and a slide that
would fail is converted (a time of day on a range dropped, HTML media kept as what it is)
or skipped, named with its number, headline and reason; the rest of the file still comes
in, and what is written always passes ``check``. What the file says is kept: headline,
text (links as Markdown links), date at its precision, the displayed date as the event's
phrase, time of day, media (with its TimelineJS type), group (as an actor, and the
dataset's lanes), eras (as periods), the title slide. What it cannot say is not invented:
an imported event's kind and status are ``unknown``, its source (the file) has no
publication date. What is dropped is counted in :attr:`Imported.summary`.

The export is :mod:`timeline.export.timelinejs`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml

from timeline.dataset.load import load_bytes
from timeline.problems import Problem, errors
from timeline.timelinejs.convert import Made, Skipped, to_dataset
from timeline.timelinejs.read import (
    DATE_KEYS,
    SHEET_COLUMNS,
    Read,
    Slide,
    TimelineJSError,
    read_csv,
    read_json,
)

__all__ = [
    "DATE_KEYS",
    "SHEET_COLUMNS",
    "Imported",
    "Read",
    "Skipped",
    "Slide",
    "TimelineJSError",
    "import_text",
    "read_csv",
    "read_json",
    "summary_line",
]
ROUNDS = 3  # checks of the whole: a slide dropped can only orphan what it alone used
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's when built with it


@dataclass
class Imported:
    """The YAML text of an import, the slides skipped, and what was kept, converted and
    dropped, counted (``summary`` says it in one line)."""

    text: str
    skipped: list[Skipped]
    counts: Counter[str]

    @property
    def summary(self) -> str:
        return summary_line(self.counts, len(self.skipped))


# --- checked as check checks it -------------------------------------------------------


def _yaml(data: dict[str, Any]) -> str:
    kept = {key: value for key, value in data.items() if value is not None}
    return yaml.dump(kept, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _item(where: str, section: str) -> str | None:
    """ "events[ada-born].time" → "ada-born" for section "events"."""
    if not where.startswith(section + "["):
        return None
    return where[len(section) + 1 : where.find("]")]


def _leave_out(made: Made, problems: list[Problem]) -> list[Problem]:
    """Leave out what each problem is about (an event, a period, the title's media), each
    said once; the problems about nothing an import can leave out."""
    events, periods, left = set(), set(), []
    for problem in problems:
        ident, number = _item(problem.where, "events"), _item(problem.where, "periods") or ""
        if ident in made.slides and ident not in events:
            events.add(ident)
            slide, field = made.slides[ident], problem.where.partition("].")[2] or "the event"
            made.skipped.append(Skipped(slide.where, slide.headline, f"{field} {problem.message}"))
        elif number.startswith("#") and number[1:].isdigit():
            periods.add(int(number[1:]) - 1)
        elif problem.where.startswith("media"):
            made.data["media"] = None
            made.counts["dropped the title's media, refused by check"] = 1
        elif ident not in events:
            left.append(problem)
    made.data["events"] = [e for e in made.data["events"] if e["id"] not in events]
    kept = [p for i, p in enumerate(made.data.get("periods") or []) if i not in periods]
    made.data["periods"] = kept or None
    made.skipped += [Skipped(f"era {i + 1}", "", "check refused its date") for i in periods]
    return left


def _used(data: dict[str, Any]) -> None:
    """Only the actors and cited sources that the events kept use."""
    actors = {a for e in data["events"] for a in e["actors"]}
    sources = {e["source"] for e in data["events"]} | {data["sources"][0]["id"]}
    data["actors"] = [a for a in data["actors"] if a["id"] in actors]
    data["sources"] = [s for s in data["sources"] if s["id"] in sources]


def checked(made: Made, name: str) -> str:
    """The YAML of ``made`` once ``check`` passes on it: what check refuses is left out
    and said (:func:`_drop`); TimelineJSError when nothing, or something unexpected, is."""
    for _ in range(ROUNDS):
        _used(made.data)
        if not made.data["events"]:
            reasons = "; ".join(map(str, made.skipped))
            raise TimelineJSError(f"nothing to import: {reasons}")
        text = _yaml(made.data)
        problems = errors(load_bytes(text.encode(), name, None).problems)
        if not problems:
            return text
        problems = _leave_out(made, problems)
        if problems:
            break
    raise TimelineJSError(
        "the import made data that does not pass check, so nothing was written "
        "(please report this with the file):\n" + "\n".join(p.message for p in problems)
    )


# --- what the import says ----------------------------------------------------------

_SAID = (  # (count key, how the summary line says it)
    ("event", "{n} events kept"),
    ("media", "media kept on {n} slides ({kinds})"),
    ("quote", "quotations (<blockquote> media) kept as the quote on {n} slides"),
    ("notes", "the slide's own text kept as notes on {n} slides with a quotation"),
    ("time", "times of day kept on {n} slides"),
    ("periods", "{n} eras kept as periods"),
    ("groups", "{n} groups kept as actors (lanes by actor)"),
    ("title text", "the title slide's text kept as the description"),
    ("title media", "the title slide's media kept"),
    ("links", "HTML links kept as Markdown links on {n} slides"),
    ("markup", "other HTML markup made plain text on {n} slides"),
    ("end time", "end times dropped on {n} slides (an event has one time of day)"),
    ("time without a day", "times dropped on {n} slides not dated to one day (a range, …)"),
    ("time unreadable", "times dropped on {n} slides where the time is not a time of day"),
    ("background", "backgrounds dropped on {n} slides"),
)


def _plural(said: str, count: int) -> str:
    """ "on 1 slides" → "on 1 slide": the count's noun in the singular when it is one."""
    for noun in ("slide", "event", "era", "group") if count == 1 else ():
        said = said.replace(f"1 {noun}s", f"1 {noun}")
    return said


def _kinds(counts: Counter[str]) -> str:
    kinds = sorted((k.removeprefix("kind "), n) for k, n in counts.items() if k.startswith("kind "))
    return ", ".join(f"{kind} {n:,}" for kind, n in kinds if n)


def _dropped(counts: Counter[str]) -> list[str]:
    """ "HTML given as media … dropped on 2 slides": each kind of media dropped, counted."""
    return [
        f"{key.removeprefix('dropped ')} dropped on {n:,} slide{'s' if n != 1 else ''}"
        for key, n in sorted(counts.items())
        if key.startswith("dropped ") and n
    ]


def summary_line(counts: Counter[str], skipped: int) -> str:
    """ "25 events kept; media kept on 19 slides; …; 1 slide skipped": what the import did."""
    said = [
        _plural(how.format(n=f"{counts[key]:,}", kinds=_kinds(counts)), counts[key])
        for key, how in _SAID
        if counts[key]
    ]
    said += _dropped(counts)
    said += (
        [f"{skipped:,} slide{'s' if skipped != 1 else ''} skipped (see above)"] if skipped else []
    )
    unknown = "kind and status 'unknown' on {n} events; " if counts["unknown"] else ""
    said += [unknown.format(n=f"{counts['unknown']:,}") + "the file's date of publication unknown"]
    return "; ".join(said)


def import_text(text: str, name: str, kind: str) -> Imported:
    """``events.yaml`` text from a TimelineJS ``json`` or ``csv`` file's text, the slides
    skipped (each with its reason) and the counts; TimelineJSError when nothing is left."""
    read = read_json(text) if kind == "json" else read_csv(text)
    made = to_dataset(read, name)
    body = checked(made, name)
    header = (
        f"# Imported from {name} ({read.version} {kind}). Its slides have no article: their "
        "text is kept as the quote, unchecked; kind and status are 'unknown'.\n"
    )
    return Imported(header + body, made.skipped, made.counts)
