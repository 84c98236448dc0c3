"""What an export shows: the filtered events, their actors and sources, and the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from timeline import filters
from timeline.dataset.cache import frames_of
from timeline.dataset.frame import ActorLookups, Frames, actor_names
from timeline.dataset.model import Media, Period, Source
from timeline.dataset.types import Dataset
from timeline.ids import slug
from timeline.state import LaneMode
from timeline.text import quoted

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class View(ActorLookups):
    """A filtered view of a dataset, ready to export or present."""

    title: str
    frame: pd.DataFrame
    actors: pd.DataFrame
    sources: dict[str, Source]
    filters_text: str
    total: int
    lanes: LaneMode = "actor"
    subject: str = "all-events"  # what the filters pick, for file names
    paper: Paper = "a4"  # for the PDF
    grouped: bool = False  # lanes the user chose (or the dataset's own): TimelineJS groups
    description: str = ""
    periods: tuple[Period, ...] = ()
    media: Media | None = None  # the title's
    named: bool = True  # the dataset has a title of its own (else "Timeline" stands in)
    first: tuple[str, ...] = ()  # the actors filtered on: their lanes come first

    def file_name(self, extension: str, kind: str = "") -> str:
        """ "kadyrov_2007-01-01_2016-02-10.pptx": what the filters pick and the period the
        events span, so a folder of briefings sorts and reads by what is inside."""
        if self.frame.empty:
            return f"{self.subject}{kind}{extension}"
        first, last = self.frame["start"].min(), self.frame["end"].max()
        return f"{self.subject}_{first:%Y-%m-%d}_{last:%Y-%m-%d}{kind}{extension}"

    @property
    def filtered(self) -> bool:
        return self.filters_text != filters.NONE_CHOSEN

    @property
    def period(self) -> str:
        """ "30 Sep 2015 to 10 Feb 2016", from the first and last event."""
        if self.frame.empty:
            return "no events"
        first, last = self.frame.iloc[0], self.frame.iloc[-1]
        return first["label"] if len(self.frame) == 1 else f"{first['label']} to {last['label']}"

    def used_sources(self) -> list[Source]:
        """The sources of the events shown (every report's), in order of first use."""
        used = zip(self.frame["source"], self.frame["reports"], strict=True)
        ids = [s for own, more in used for s in (own, *(r["source"] for r in more))]
        return [self.sources[s] for s in dict.fromkeys(ids)]


def subject(chosen: filters.Filters) -> str:
    """A file-name word for what ``chosen`` picks: its actors, else its other choices."""
    parts = filters.naming(chosen)
    if not parts:
        return "all-events"
    return slug(" ".join(parts), fallback="filtered")


def make_view(
    data: Frames | Dataset,
    chosen: filters.Filters | None = None,
    lanes: LaneMode | None = None,
    shown: pd.DataFrame | None = None,
) -> View:
    """The view of ``data`` (an opened dataset, or a loaded one with its events) through
    ``chosen``; ``shown``, the rows ``chosen`` leaves, may be passed when already known.
    ``lanes`` chosen here, or the dataset's own, make a grouped view; else lanes by actor."""
    frames = frames_of(data) if isinstance(data, Dataset) else data
    frame, actors, summary = frames.frame, frames.actors, frames.data
    chosen = chosen or filters.Filters()
    names = actor_names(actors)
    outlets = {s.id: s.outlet for s in summary.sources.values()}
    shown = filters.apply(frame, chosen) if shown is None else shown
    title = summary.title or "Timeline"
    described = filters.describe(chosen, names, outlets)
    lanes_chosen = lanes or summary.lanes
    return View(
        title,
        shown,
        actors,
        summary.sources,
        described,
        len(frame),
        lanes_chosen or "actor",
        subject(chosen),
        grouped=lanes_chosen is not None,
        description=summary.description,
        periods=tuple(summary.periods),
        media=summary.media,
        first=dict(chosen.picks).get("actors", ()),
        named=bool(summary.title),
    )


def citation(
    source: Source, escape: Callable[[str], str] = str, outlet: str = "", said: str = ""
) -> str:
    """Outlet, “Title”, 1 October 2015: how every output cites an article. ``escape`` makes
    outlet and title safe for the output's markup; ``outlet`` replaces the outlet's name
    (markup already, e.g. a link); ``said`` goes before the date ("published ")."""
    name = outlet or escape(source.outlet)
    when = f"{said}{long_date(source.published)}" if source.published else "date unknown"
    return f"{name}, {escape(quoted(source.title))}, {when}"


def citations(sources: Iterable[Source]) -> dict[str, tuple[str, str | None]]:
    """Source id → its citation ("… published 1 October 2015") and address: what the live
    timeline's event sheet cites, in the page and in the HTML export."""
    return {s.id: (citation(s, said="published "), s.url) for s in sources}


def report_citation(
    report: dict[str, Any], sources: dict[str, Source], escape: Callable[[str], str] = str
) -> str:
    """One report of an event: its article's citation, then what it says of the date and
    the status: 'AFP, “…”, 2 October 2015: “earlier this week”, read as week of 28 Sep 2015;
    confirmed'."""
    source = sources.get(report["source"])
    cited = citation(source, escape) if source else escape(report["outlet"])
    via = f" (via {escape(report['via'])})" if report.get("via") else ""
    said = f"{escape(quoted(report['when']))}, read as " if report.get("when") else "pinned to "
    return f"{cited}{via}: {said}{escape(report['label'])}; {escape(report['status'])}"


def long_date(day: dt.date) -> str:
    """ "1 October 2015": how every output writes a date in full."""
    return f"{day.day} {day:%B %Y}"


def today() -> str:
    return long_date(dt.date.today())
