"""The view state (filters, lanes, selected event) and its URL form.

``to_params`` and ``from_params`` are inverses for every valid state, so a copied
link reproduces the view. Values in a link that the dataset does not know are
dropped with a note, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from timeline.dataset.model import LANE_MODES as LANE_MODES  # the lanes are part of the view
from timeline.dataset.model import LaneMode as LaneMode
from timeline.filters import (
    DIMENSIONS,
    Filters,
    Params,
    first,
    known,
    offered,
    params_of,
    read_params,
)

LANE_LABELS = {
    "actor": "Actor",
    "affiliation": "Affiliation",
    "kind": "Kind",
    "source": "Source",
    "single": "One lane",
}


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    lanes: LaneMode = "actor"
    event: str | None = None
    step: int | None = None  # briefing mode: the 1-based event being presented
    projector: bool = False
    expand: tuple[str, ...] = ()  # affiliations whose actors keep a lane each


@dataclass(frozen=True, init=False)
class Choices:
    """What the dataset offers; a link may only pick from these. Each filter dimension's
    values are a keyword and an attribute: ``Choices(actors=("putin",)).actors``."""

    offered: tuple[tuple[str, tuple[str, ...]], ...] = ()
    events: Sequence[str] = ()
    dates: tuple[dt.date, dt.date] | None = None  # the first start and last end

    def __init__(
        self,
        *,
        events: Sequence[str] = (),
        dates: tuple[dt.date, dt.date] | None = None,
        **offered: Sequence[str],
    ) -> None:
        values = {d.name: tuple(offered.get(d.name, ())) for d in DIMENSIONS}
        object.__setattr__(self, "offered", tuple(values.items()))
        object.__setattr__(self, "events", tuple(events))
        object.__setattr__(self, "dates", dates)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        found = dict(self.__dict__.get("offered", ()))
        if name not in found:
            raise AttributeError(name)
        return tuple(found[name])


def choices_of(frame: pd.DataFrame, actors: pd.DataFrame) -> Choices:
    """What ``frame`` (the valid events) and ``actors`` offer to pick from."""
    dates = (frame["start"].min().date(), frame["end"].max().date()) if len(frame) else None
    picks = {d.name: offered(d, frame, actors) for d in DIMENSIONS}
    return Choices(events=list(frame["id"]), dates=dates, **picks)


def to_params(state: ViewState) -> Params:
    """The URL query of ``state``; defaults are left out so links stay short."""
    params = params_of(state.filters)
    params.update(
        {
            "lanes": state.lanes if state.lanes != "actor" else "",
            "expand": list(state.expand),
            "event": state.event or "",
            "step": str(state.step) if state.step else "",
            "projector": "1" if state.projector else "",
        }
    )
    return {key: value for key, value in params.items() if value}


def from_params(
    params: Mapping[str, Sequence[str]], choices: Choices
) -> tuple[ViewState, list[str]]:
    """The state a link asks for, and notes on whatever in it was ignored."""
    notes: list[str] = []
    filters = read_params(params, choices, notes)
    lanes = _lanes(first(params, "lanes"), notes)
    event = first(params, "event")
    if event and event not in choices.events:
        notes.append(f"ignored unknown event {event!r} in the link")
        event = None
    step = _step(first(params, "step"), notes)
    expand = known(list(params.get("expand") or []), choices.affiliations, "expand", notes)
    projector = first(params, "projector") == "1"
    return ViewState(filters, lanes, event, step, projector, expand), notes


def _step(text: str | None, notes: list[str]) -> int | None:
    if text is None:
        return None
    if text.isascii() and text.isdecimal() and len(text) <= 9 and int(text) >= 1:
        return int(text)  # nine digits at most: no int() of 5,000 digits (Python refuses)
    notes.append(f"ignored step={text[:20]!r} in the link: not a step number")
    return None


def _lanes(text: str | None, notes: list[str]) -> LaneMode:
    for mode in LANE_MODES:
        if text == mode:
            return mode
    if text:
        notes.append(f"ignored lanes={text!r} in the link")
    return "actor"
