"""Reading a date the way its sentence means it (#26): the direction from the verb that
governs the phrase, phrases anchored on the publication date, and the finder in every
position of a sentence."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVENT, dataset_text
from timeline.dataset.load import load_file
from timeline.dates import DateError, Refused, normalise, read
from timeline.suggest import phrases

D = dt.date.fromisoformat
PUBLISHED = D("2015-10-01")  # a Thursday, the publication date of the tests' dataset

# case, sentence (the event's quote), phrase, expected start and end (one day unless a pair)
DIRECTIONS = [
    # said … would: the date attaches to the verb next to it
    ("said-would", "The envoy said Friday that he would seek new talks.", "Friday", "2015-09-25"),
    (
        "said-would",
        "Officials said Monday the convoy would reach the town within days.",
        "Monday",
        "2015-09-28",
    ),
    ("said-would", "The envoy said the talks would resume on Friday.", "on Friday", "2015-10-02"),
    # since the … slaying: an event named by its date, and "since", look back
    (
        "since",
        "Police have been searching for him since shortly after the Oct. 23 shooting.",
        "Oct. 23",
        "2014-10-23",
    ),
    (
        "since",
        "Investigators have questioned dozens of people since the Dec. 2 slaying.",
        "Dec. 2",
        "2014-12-02",
    ),
    # planned to … on Friday: an intention or a schedule looks ahead
    ("planned", "The council planned to vote on the text on Friday.", "on Friday", "2015-10-02"),
    ("planned", "The ministers plan to meet again Monday in Vienna.", "Monday", "2015-10-05"),
    ("planned", "The contact group is due to meet on Tuesday.", "on Tuesday", "2015-10-06"),
    (
        "planned",
        "He made the claims in a documentary set to air on state television on Wednesday.",
        "on Wednesday",
        "2015-10-07",
    ),
    # was … on Friday: the nearest verb of the phrase's own clause
    ("was", "The convoy was stopped at a checkpoint on Friday.", "on Friday", "2015-09-25"),
    (
        "was",
        "The bridge, which will reopen next month, was damaged on Friday.",
        "on Friday",
        "2015-09-25",
    ),
    # the Aug. 7 blasts: a date used as an adjective names a past event
    (
        "adjectival",
        "Officials hope to identify all the victims of the Aug. 7 blasts.",
        "Aug. 7",
        "2015-08-07",
    ),
    (
        "adjectival",
        "The government will publish its report on the Nov. 24 downing of the jet.",
        "Nov. 24",
        "2014-11-24",
    ),
    # a present says nothing: the reading nearer the publication date
    ("present", "The deadline is Oct. 12.", "Oct. 12", "2015-10-12"),
]
IDS = [f"{case}: {sentence}" for case, sentence, *_ in DIRECTIONS]


@pytest.mark.parametrize(("case", "sentence", "phrase", "expected"), DIRECTIONS, ids=IDS)
def test_read_auto_takes_the_direction_of_the_governing_verb(case, sentence, phrase, expected):
    span = read(phrase, PUBLISHED, "auto", sentence)
    assert (span.start, span.end) == (D(expected), D(expected)), span.how
    assert "auto: " in span.how  # says what decided


def test_the_loader_reads_direction_auto_and_by_default_as_read_does(write):
    """The same table through a dataset: each sentence is the article's and an event's
    quote, once with `direction: auto` and once with no direction (auto is the default)."""
    blocks = []
    for number, (_, sentence, phrase, _) in enumerate(DIRECTIONS):
        for looking in ("auto", None):
            blocks.append(
                EVENT.replace("id: strikes", f"id: e{number}-{looking or 'default'}")
                .replace("when: on Wednesday", f"when: {phrase}")
                .replace("quote: the strikes began.", f'quote: "{sentence}"')
                + (f"    direction: {looking}\n" if looking else "")
            )
    path = write(dataset_text(*blocks))
    article = " ".join(sentence for _, sentence, *_ in DIRECTIONS)
    (path.parent / "article.txt").write_text(article, encoding="utf-8")
    data = load_file(path)
    assert data.problems == []
    spans = {item.event.id: item.span for item in data.events}
    for number, (_, _, _, expected) in enumerate(DIRECTIONS):
        for looking in ("auto", "default"):
            span = spans[f"e{number}-{looking}"]
            assert span is not None and (span.start, span.end) == (D(expected), D(expected))


PHRASES = ["on Friday", "Aug. 7", "in March", "Tuesday", "last fall", "Christmas", "mid-June"]
PHRASES += ["the same day", "a year earlier", "Q3", "the past year", "in 2014", "xyzzy", ""]


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.sampled_from(PHRASES) | st.text(max_size=30),
    before=st.text(max_size=60),
    after=st.text(max_size=60),
    base=st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)),
)
def test_auto_gives_the_past_or_the_future_reading_and_no_other_error(phrase, before, after, base):
    """Whatever the sentence: a DateError, or exactly the past or the future reading."""
    try:
        span = read(phrase, base, "auto", f"{before}{phrase}{after}")
    except DateError:
        return
    readings = []
    for direction in ("past", "future"):
        with contextlib.suppress(DateError):
            readings.append(normalise(phrase, base, direction))
    assert (span.start, span.end) in [(r.start, r.end) for r in readings]


# phrase, published, expected start and end, the anchor `how` names
ANCHORED = [
    ("a year earlier", "2016-03-15", "2015-01-01", "2015-12-31", "publication date 2016-03-15"),
    ("two years before", "2016-01-06", "2014-01-01", "2014-12-31", "publication date"),
    ("the past year", "2016-09-10", "2015-09-11", "2016-09-10", "publication date 2016-09-10"),
    ("over the past 12 months", "2015-10-01", "2014-10-02", "2015-10-01", "publication date"),
    ("the end of 1990", "2015-06-22", "1990-12-01", "1990-12-31", "late 1990"),
    ("the end of last year", "2016-01-06", "2015-12-01", "2015-12-31", "late 2015"),
    ("the start of March", "2016-03-15", "2016-03-01", "2016-03-10", "early Mar 2016"),
    ("late yesterday", "2014-12-18", "2014-12-17", "2014-12-17", "yesterday"),
    ("early on Monday", "2016-02-09", "2016-02-08", "2016-02-08", "whatever its hour"),
    ("the year two thousand", "2016-01-06", "2000-01-01", "2000-12-31", "is 2000"),
]


@pytest.mark.parametrize(("phrase", "published", "start", "end", "anchor"), ANCHORED)
def test_anchored_phrases_resolve_against_the_publication_date(
    phrase, published, start, end, anchor
):
    span = read(phrase, D(published), "auto", f"Output fell {phrase}.")
    assert (span.start, span.end) == (D(start), D(end))
    assert anchor in span.how


@pytest.mark.parametrize("phrase", ["the quarter", "three days earlier", "that day"])
def test_phrases_counted_from_another_event_stay_refused_with_the_pin_advice(phrase):
    with pytest.raises(Refused, match="pin it with `date:`"):
        read(phrase, PUBLISHED, "auto", f"Sales fell {phrase}.")


# sentence -> the phrases the finder offers
FOUND = [
    ("Talks will resume next month, the envoy said.", ["next month"]),
    ("Talks will resume next month.", ["next month"]),
    ("Growth will slow this year, the bank said in a report.", ["this year"]),
    ("Arrivals doubled compared with a year earlier.", ["a year earlier"]),
    ("A year earlier, the town was quiet.", ["A year earlier"]),
    ("The city fell two years before the war.", []),  # counted from the war: no date
    ("November 13 was the deadliest day of the year.", ["November 13"]),
    ("The talks that opened Jan. 29 were suspended.", ["Jan. 29"]),
    ("Since March 4, no aid has reached the town.", ["March 4"]),
    ("December was the deadliest month, the group said.", ["December"]),
    ("Troop numbers rose through October.", ["through October"]),
    ("Elections are scheduled for March.", ["for March"]),
    ("The February agreement collapsed within weeks.", ["February"]),
    ("The decree was signed late yesterday.", ["late yesterday"]),
    ("The base has been in use since the end of 1990.", ["the end of 1990"]),
    # precision: a verb, a name and a bare season are no dates
    ("Officials may meet again.", []),
    ("Theresa May said nothing.", []),
    ("March organisers said 2,000 people came.", []),  # a bare month needs a date's place
    ("June saw heavy fighting.", ["June"]),
    ("Prices fall in spring.", []),
]


@pytest.mark.parametrize(("sentence", "found"), FOUND)
def test_the_finder_finds_phrases_in_every_position(sentence, found):
    assert [p.text for p in phrases(sentence, PUBLISHED)] == found


def test_a_dataset_cached_under_another_date_grammar_is_read_again(tmp_path, monkeypatch):
    """The disk cache keys on dates.GRAMMAR: after a change to how phrases read, no span
    cached under the old rules is served."""
    from tests.conftest import EVENTS
    from timeline.dataset import cache

    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path / "cache"))

    def opened() -> bool:
        return cache.open_bytes(EVENTS.read_bytes(), "events.yaml", EVENTS.parent).cached

    assert (opened(), opened()) == (False, True)
    monkeypatch.setattr(cache, "GRAMMAR", cache.GRAMMAR + 1)
    cache.MEMORY.clear()
    assert (opened(), opened()) == (False, True)
