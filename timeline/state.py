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

from timeline.filters import BY_NAME, DIMENSIONS, MAX_WORDS, ActorMode, Filters, offered
from timeline.model import LANE_MODES as LANE_MODES  # the lanes are part of the view
from timeline.model import LaneMode as LaneMode

Params = dict[str, str | list[str]]
LIST_KEYS = {d.key: d.name for d in DIMENSIONS}  # URL key -> Filters field

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
    f = state.filters
    params: Params = {BY_NAME[name].key: list(chosen) for name, chosen in f.picks}
    params.update(
        {
            "match": f.actor_mode if f.actor_mode != "any" else "",
            "from": f.start.isoformat() if f.start else "",
            "to": f.end.isoformat() if f.end else "",
            "q": f.text,
            "lanes": state.lanes if state.lanes != "actor" else "",
            "expand": list(state.expand),
            "event": state.event or "",
            "step": str(state.step) if state.step else "",
            "projector": "1" if state.projector else "",
        }
    )
    return {key: value for key, value in params.items() if value}


def _first(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = params.get(key) or []
    return values[0] if values else None


def _date(
    params: Mapping[str, Sequence[str]],
    key: str,
    notes: list[str],
    bounds: tuple[dt.date, dt.date] | None = None,
) -> dt.date | None:
    """A YYYY-MM-DD date from the link, moved inside the dataset's span when outside it."""
    text = _first(params, key)
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        notes.append(f"ignored {key}={text!r} in the link: not a YYYY-MM-DD date")
        return None
    if bounds and not bounds[0] <= day <= bounds[1]:
        near = min(max(day, bounds[0]), bounds[1])
        notes.append(
            f"{key}={text} in the link is outside the events' span ({bounds[0]} to "
            f"{bounds[1]}): {near} is used"
        )
        return near
    return day


def _pick(
    values: Sequence[str], allowed: Sequence[str], key: str, notes: list[str]
) -> tuple[str, ...]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notes.append(f"ignored unknown {key} {', '.join(map(repr, unknown))} in the link")
    return tuple(dict.fromkeys(v for v in values if v in allowed))


def from_params(
    params: Mapping[str, Sequence[str]], choices: Choices
) -> tuple[ViewState, list[str]]:
    """The state a link asks for, and notes on whatever in it was ignored."""
    notes: list[str] = []
    lists = {
        name: _pick(list(params.get(key) or []), getattr(choices, name), key, notes)
        for key, name in LIST_KEYS.items()
    }
    mode = _first(params, "match") or "any"
    actor_mode: ActorMode = "all" if mode == "all" else "any"
    filters = Filters(
        picks=tuple(lists.items()),
        actor_mode=actor_mode,
        start=_date(params, "from", notes, choices.dates),
        end=_date(params, "to", notes, choices.dates),
        text=_search(_first(params, "q") or "", notes),
    )
    lanes = _lanes(_first(params, "lanes"), notes)
    event = _first(params, "event")
    if event and event not in choices.events:
        notes.append(f"ignored unknown event {event!r} in the link")
        event = None
    step = _step(_first(params, "step"), notes)
    expand = _pick(list(params.get("expand") or []), choices.affiliations, "expand", notes)
    projector = _first(params, "projector") == "1"
    return ViewState(filters, lanes, event, step, projector, expand), notes


def _search(text: str, notes: list[str]) -> str:
    """The link's search words; past MAX_WORDS distinct words the rest are said unused."""
    if len(set(text.lower().split())) > MAX_WORDS:
        notes.append(f"the search in the link uses its first {MAX_WORDS} distinct words only")
    return text


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
