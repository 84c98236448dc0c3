"""URL state: state → params → state round trips; links with unknown values are tolerated."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.filters import Filters
from timeline.state import LANE_MODES, Choices, ViewState, from_params, to_params

CHOICES = Choices(
    actors=("putin", "obama", "kadyrov"),
    affiliations=("Russia", "Chechnya"),
    kinds=("military", "claim"),
    statuses=("reported", "claimed"),
    sources=("a", "b"),
    events=("e1", "e2"),
)


def as_url(params):
    """What st.query_params.get_all gives back: every value a list of strings."""
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def subsets(values):
    return st.lists(st.sampled_from(values), unique=True).map(tuple)


states = st.builds(
    ViewState,
    filters=st.builds(
        Filters,
        actors=subsets(CHOICES.actors),
        actor_mode=st.sampled_from(["any", "all"]),
        affiliations=subsets(CHOICES.affiliations),
        kinds=subsets(CHOICES.kinds),
        statuses=subsets(CHOICES.statuses),
        sources=subsets(CHOICES.sources),
        start=st.none() | st.dates(),
        end=st.none() | st.dates(),
        text=st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Z"]), max_size=20
        ),
    ),
    lanes=st.sampled_from(LANE_MODES),
    event=st.none() | st.sampled_from(CHOICES.events),
    step=st.none() | st.integers(1, 10_000),
    projector=st.booleans(),
)


@given(states)
def test_state_to_params_to_state_round_trips(state):
    back, notes = from_params(as_url(to_params(state)), CHOICES)
    assert notes == []
    assert back == state


def test_default_state_is_an_empty_query():
    assert to_params(ViewState()) == {}


def test_params_read_as_a_user_would_write_them():
    params = {
        "actor": ["putin", "obama"],
        "match": ["all"],
        "from": ["2015-09-01"],
        "lanes": ["kind"],
        "event": ["e2"],
        "q": ["strikes"],
    }
    state, notes = from_params(params, CHOICES)
    assert state.filters.actors == ("putin", "obama") and state.filters.actor_mode == "all"
    assert state.filters.start == dt.date(2015, 9, 1) and state.filters.text == "strikes"
    assert (state.lanes, state.event, notes) == ("kind", "e2", [])


def test_unknown_values_in_a_link_are_dropped_with_a_note():
    params = {
        "actor": ["putin", "nobody"],
        "lanes": ["sideways"],
        "event": ["gone"],
        "from": ["soon"],
        "step": ["0"],
    }
    state, notes = from_params(params, CHOICES)
    assert state == ViewState(Filters(actors=("putin",)))
    assert notes == [
        "ignored unknown actor 'nobody' in the link",
        "ignored from='soon' in the link: 'soon' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
        "ignored lanes='sideways' in the link",
        "ignored unknown event 'gone' in the link",
        "ignored step='0' in the link: not a step number",
    ]


@pytest.mark.parametrize(
    ("params", "start", "end"),
    [
        ({"from": ["2015"]}, dt.date(2015, 1, 1), None),
        ({"to": ["2015"]}, None, dt.date(2015, 12, 31)),
        ({"from": ["2015-10"], "to": ["2015-10"]}, dt.date(2015, 10, 1), dt.date(2015, 10, 31)),
        ({"to": ["2016-02"]}, None, dt.date(2016, 2, 29)),
        (
            {"from": ["2015-10-02"], "to": ["2015-10-02"]},
            dt.date(2015, 10, 2),
            dt.date(2015, 10, 2),
        ),
    ],
)
def test_a_link_takes_the_cli_date_syntax(params, start, end):
    """YYYY, YYYY-MM or YYYY-MM-DD, as on the command line: a year or month from its first
    day, to its last; a link is written with the days in full."""
    state, notes = from_params(params, CHOICES)
    assert (state.filters.start, state.filters.end, notes) == (start, end, [])
    written = {"from": start, "to": end}
    assert to_params(state) == {k: day.isoformat() for k, day in written.items() if day}


@pytest.mark.parametrize("text", ["soon", "2015-13", "2015-02-30", "15", "2015-09~", "2015/2016"])
def test_a_link_date_in_another_syntax_is_ignored_with_a_note(text):
    state, notes = from_params({"from": [text]}, CHOICES)
    assert state.filters.start is None
    assert len(notes) == 1 and notes[0].startswith(f"ignored from={text!r} in the link: ")
