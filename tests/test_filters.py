"""Filters over the events frame: every dimension, any/all, search, date range, empty states."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import EVENTS
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_file
from timeline.filters import Filters, apply, explain_empty


@pytest.fixture(scope="module")
def frame():
    return to_frame(load_file(EVENTS))


def ids(frame, **chosen):
    return set(apply(frame, Filters(**chosen))["id"])


def test_no_filter_keeps_everything(frame):
    assert len(apply(frame, Filters())) == len(frame) == 25


def test_actors_any_of(frame):
    assert ids(frame, actors=("obama", "assad")) == {
        "putin-obama-un",
        "airstrikes-begin",
        "russia-says-is-main-target",
    }


def test_actors_all_of(frame):
    assert ids(frame, actors=("kadyrov", "russia"), actor_mode="all") == {
        "kadyrov-chechens-ready",
        "kadyrov-no-laws-violated",
        "kadyrov-agent-network-claim",
    }


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (
            {"affiliations": ("United States",)},
            {"putin-obama-un", "pentagon-taken-aback", "us-official-embassy-note"},
        ),
        (
            {"kinds": ("estimate",)},
            {
                "chechnya-405-left-for-is",
                "syromolotov-2200-russians-with-is",
                "fsb-2900-russians-with-is",
            },
        ),
        (
            {"statuses": ("claimed", "disputed")},
            {
                "kadyrov-agent-network-claim",
                "documentary-claims-agents-set-targets",
                "russia-says-is-main-target",
                "kadyrov-victim-not-an-agent",
            },
        ),
        (
            {"sources": ("afp-2016-02-09",), "kinds": ("broadcast",)},
            {"documentary-preview", "documentary-airs"},
        ),
    ],
)
def test_each_dimension(frame, chosen, expected):
    assert ids(frame, **chosen) == expected


def test_date_range_keeps_spans_that_overlap(frame):
    # "since 2007" is the whole of 2007; the Aug 2014 video is a month span
    assert ids(frame, end=dt.date(2014, 8, 15)) == {
        "kadyrov-leads-chechnya",
        "is-shishani-training-video",
    }
    assert ids(frame, start=dt.date(2016, 2, 9)) == {
        "peskov-declines-comment",
        "chechen-source-volunteers",
        "documentary-airs",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEHEADING", {"is-beheads-alleged-russian-spy"}),  # title, any case
        ("de-confliction", {"pentagon-taken-aback"}),  # quote
        ("Bortnikov", {"fsb-2900-russians-with-is"}),  # actor name
        ("daesh claims", {"kadyrov-agent-network-claim", "documentary-claims-agents-set-targets"}),
        ("ITAR-TASS", {"syromolotov-2200-russians-with-is"}),  # alias
        ("nothing-like-this", set()),
    ],
)
def test_search_every_word_in_title_quote_names_aliases(frame, text, expected):
    assert ids(frame, text=text) == expected


def test_empty_view_says_which_filter_emptied_it(frame):
    chosen = Filters(actors=("obama",), statuses=("claimed",))
    assert apply(frame, chosen).empty
    assert explain_empty(frame, chosen) == [
        "Clearing the actors filter would show 2 events.",
        "Clearing the status filter would show 1 event.",
    ]


def test_empty_view_names_a_filter_that_matches_nothing(frame):
    notes = explain_empty(frame, Filters(text="zzzz", kinds=("media",)))
    assert notes[0] == "The search filter alone matches no event."
    assert "Clearing the search filter would show 3 events." in notes
