"""One slug for every id the product makes: accents and Cyrillic transliterated."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dataset.model import SLUG_PATTERN
from timeline.ids import slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rózsa Péter", "rozsa-peter"),
        ("Рамзан Кадыров", "ramzan-kadyrov"),
        ("Вооружённые силы", "vooruzhyonnye-sily"),
        ("Ada Lovelace : Daughter", "ada-lovelace-daughter"),
        ("Łódź Straße", "lodz-strasse"),
        ("airstrikes-begin", "airstrikes-begin"),  # already an id: kept
        ("日本", "event"),  # nothing to spell: a placeholder, never empty
        ("", "event"),
    ],
)
def test_slug_transliterates(text, expected):
    assert slug(text) == expected


def test_slug_takes_a_free_name_and_counts_up():
    taken = {"tass-2015"}
    assert [slug("TASS 2015", taken) for _ in range(2)] == ["tass-2015-2", "tass-2015-3"]
    assert {"tass-2015-2", "tass-2015-3"} <= taken


def test_slug_keeps_the_first_words_when_asked():
    assert slug("Putin says the strikes will go on until spring", words=3) == "putin-says-the"


@given(st.text(max_size=200))
def test_every_slug_is_a_valid_id(text):
    made = slug(text, set())
    assert re.fullmatch(SLUG_PATTERN, made) and len(made) <= 100


def test_slug_fills_the_first_free_number_after_a_run():
    taken = {"a", "a-2", "a-3", "a-4", "a-5", "a-7"}
    assert slug("a", taken) == "a-6" and slug("a", taken) == "a-8"


def test_ids_for_repeated_titles_are_made_in_linear_time():
    """A 2 MB article's repeated titles took 65 s (each repeat counted up from -2): the
    k-th repeat now costs log k; timed at 20,000 and 40,000 repeats of one title."""
    from tests.growth import LINEAR, time_ratio

    def make(n):
        return lambda: [
            slug("Putin says the strikes go on", taken) for taken in [set()] for _ in range(n)
        ]

    assert time_ratio(make, 20_000) <= LINEAR
