"""Each event checked and its date resolved: actors, sources, reports, pins and
phrases, with every problem located by file, line and field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from timeline.dataset import reports as rep
from timeline.dataset.articles import EXPLAINED, fold_text, where_it_differs
from timeline.dataset.model import (
    Event,
    Report,
    Source,
)
from timeline.dataset.sections import Context, raw_list, section_items, unique_ids
from timeline.dataset.types import Dataset, ResolvedEvent
from timeline.dates import DateError, Refused, Span, parse_pin, read
from timeline.nearest import Nearest
from timeline.problems import Path, describe, line_of

# --- events -------------------------------------------------------------------


class _Checker:
    """Checks one section-validated event against the rest of the dataset."""

    def __init__(self, ctx: Context, data: Dataset, texts: dict[str, str]) -> None:
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
            where_it_differs(fold_text(event.quote), text) if self.explained <= EXPLAINED else ""
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


def _raw_ids(raw: Any) -> set[str]:
    """Every id written in a section, valid item or not."""
    items = raw_list(raw)
    return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item}


def resolve_events(ctx: Context, data: Dataset, texts: dict[str, str]) -> None:
    raw = ctx.data.get("events")
    items = section_items(ctx, "events", Event, raw)
    data.total = len(raw) if isinstance(raw, list) else 0
    checker, unique, kept = _Checker(ctx, data, texts), unique_ids(ctx, "events", items), set()
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
    ctx: Context,
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


def _clashes(ctx: Context, path: Path, readings: list[rep.Reading]) -> list[str]:
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


def _unknowns(ctx: Context, events: list[Event]) -> None:
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


def _name(ctx: Context, path: Path) -> str:
    return f"{describe(path, ctx.data)} (line {line_of(path, ctx.lines)})"
