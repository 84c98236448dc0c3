"""The view state (filters, lanes, selected event) and its URL form.

``to_params`` and ``from_params`` are inverses for every valid state, so a copied
link reproduces the view. Values in a link that the dataset does not know are
dropped with a note, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from timeline.filters import Choices as Choices  # what a link may pick from
from timeline.filters import Filters, Params, first, known, params_of, read_params
from timeline.filters import choices_of as choices_of
from timeline.model import LANE_MODES as LANE_MODES  # the lanes are part of the view
from timeline.model import LaneMode as LaneMode

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
    if text.isascii() and text.isdecimal() and int(text) >= 1:
        return int(text)
    notes.append(f"ignored step={text!r} in the link: not a step number")
    return None


def _lanes(text: str | None, notes: list[str]) -> LaneMode:
    for mode in LANE_MODES:
        if text == mode:
            return mode
    if text:
        notes.append(f"ignored lanes={text!r} in the link")
    return "actor"
