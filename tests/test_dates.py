"""Date phrases → spans: every phrase in both articles, and the tricky cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import (
    PRECISIONS,
    DateError,
    Span,
    century_span,
    day_span,
    decade_span,
    half_span,
    month_span,
    normalise,
    parse_pin,
    part_of_year_span,
    part_span,
    quarter_span,
    range_span,
    season_span,
    week_span,
    year_span,
)

D = dt.date.fromisoformat
BREITBART = D("2015-10-01")  # a Thursday
AFP = D("2016-02-09")  # a Tuesday

# phrase, base, direction -> start, end, precision, label
PHRASES = [
    # every date phrase in the two articles
    ("on Wednesday", BREITBART, "past", "2015-09-30", "2015-09-30", "day", "30 Sep 2015"),
    ("Thursday morning", BREITBART, "past", "2015-10-01", "2015-10-01", "day", "1 Oct 2015"),
    ("In July", BREITBART, "past", "2015-07-01", "2015-07-31", "month", "Jul 2015"),
    ("In mid-June", BREITBART, "past", "2015-06-11", "2015-06-20", "part-of-month", "mid-Jun 2015"),
    ("last August", BREITBART, "past", "2015-08-01", "2015-08-31", "month", "Aug 2015"),
    ("last September", BREITBART, "past", "2015-09-01", "2015-09-30", "month", "Sep 2015"),
    ("since 2007", AFP, "past", "2007-01-01", "2007-12-31", "year", "2007"),
    ("on Wednesday", AFP, "future", "2016-02-10", "2016-02-10", "day", "10 Feb 2016"),
    ("on Tuesday", AFP, "past", "2016-02-09", "2016-02-09", "day", "9 Feb 2016"),
    ("in December", AFP, "past", "2015-12-01", "2015-12-31", "month", "Dec 2015"),
    # a weekday equal to the publication weekday is that day, whichever the direction
    ("Thursday", BREITBART, "past", "2015-10-01", "2015-10-01", "day", "1 Oct 2015"),
    ("on Thursday", BREITBART, "future", "2015-10-01", "2015-10-01", "day", "1 Oct 2015"),
    ("Wednesday", BREITBART, "future", "2015-10-07", "2015-10-07", "day", "7 Oct 2015"),
    ("last Thursday", BREITBART, "past", "2015-09-24", "2015-09-24", "day", "24 Sep 2015"),
    # month names: nearest before (past) or after (future); the base's day is not kept
    ("December", BREITBART, "past", "2014-12-01", "2014-12-31", "month", "Dec 2014"),
    ("in July", BREITBART, "future", "2016-07-01", "2016-07-31", "month", "Jul 2016"),
    ("October", BREITBART, "past", "2015-10-01", "2015-10-31", "month", "Oct 2015"),
    ("September 2014", BREITBART, "past", "2014-09-01", "2014-09-30", "month", "Sep 2014"),
    # last/next <Month> is strictly before/after the base month
    ("last October", BREITBART, "past", "2014-10-01", "2014-10-31", "month", "Oct 2014"),
    ("next March", BREITBART, "past", "2016-03-01", "2016-03-31", "month", "Mar 2016"),
    ("this past August", BREITBART, "past", "2015-08-01", "2015-08-31", "month", "Aug 2015"),
    # parts of a month
    ("early March", AFP, "past", "2015-03-01", "2015-03-10", "part-of-month", "early-Mar 2015"),
    (
        "late February 2016",
        AFP,
        "past",
        "2016-02-21",
        "2016-02-29",
        "part-of-month",
        "late-Feb 2016",
    ),
    (
        "late Feb",
        D("2015-03-01"),
        "past",
        "2015-02-21",
        "2015-02-28",
        "part-of-month",
        "late-Feb 2015",
    ),
    ("mid-June", BREITBART, "future", "2016-06-11", "2016-06-20", "part-of-month", "mid-Jun 2016"),
    (
        "early Sept.",
        BREITBART,
        "past",
        "2015-09-01",
        "2015-09-10",
        "part-of-month",
        "early-Sep 2015",
    ),
    # weeks and days relative to the base
    ("last week", AFP, "past", "2016-02-01", "2016-02-07", "week", "week of 1 Feb 2016"),
    (
        "earlier this week",
        D("2016-02-10"),
        "past",
        "2016-02-08",
        "2016-02-09",
        "week",
        "week of 8 Feb 2016",
    ),
    ("yesterday", BREITBART, "past", "2015-09-30", "2015-09-30", "day", "30 Sep 2015"),
    ("tomorrow", AFP, "future", "2016-02-10", "2016-02-10", "day", "10 Feb 2016"),
    # explicit dates and the ISO fast path
    ("30 September 2015", AFP, "past", "2015-09-30", "2015-09-30", "day", "30 Sep 2015"),
    ("2015-09-30", AFP, "past", "2015-09-30", "2015-09-30", "day", "30 Sep 2015"),
    ("2015-09", AFP, "past", "2015-09-01", "2015-09-30", "month", "Sep 2015"),
    ("2015", AFP, "past", "2015-01-01", "2015-12-31", "year", "2015"),
    (
        "2015-09-30/2015-10-01",
        AFP,
        "past",
        "2015-09-30",
        "2015-10-01",
        "range",
        "30 Sep 2015 – 1 Oct 2015",
    ),
    # the labels the tool writes read back as the same span
    ("week of 1 Feb 2016", AFP, "past", "2016-02-01", "2016-02-07", "week", "week of 1 Feb 2016"),
    (
        "30 Sep 2015 – 1 Oct 2015",
        AFP,
        "past",
        "2015-09-30",
        "2015-10-01",
        "range",
        "30 Sep 2015 – 1 Oct 2015",
    ),
    (
        "Jun 2015 to Jul 2015",
        AFP,
        "past",
        "2015-06-01",
        "2015-07-31",
        "range",
        "Jun 2015 – Jul 2015",
    ),
    # white space, case and trailing punctuation do not matter
    ("  On   WEDNESDAY. ", BREITBART, "past", "2015-09-30", "2015-09-30", "day", "30 Sep 2015"),
]


@pytest.mark.parametrize(
    ("phrase", "base", "direction", "start", "end", "precision", "label"), PHRASES
)
def test_phrase_resolves_to_span(phrase, base, direction, start, end, precision, label):
    span = normalise(phrase, base, direction)
    assert (span.start, span.end) == (D(start), D(end))
    assert span.precision == precision
    assert span.label == label


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("In mid-June", "rule part-of-month"),
        ("last August", "rule last-month"),
        ("Thursday morning", "rule same-weekday"),
        ("since 2007", "rule since-year"),
        ("In July", "rule calendar"),
        ("Wednesday", "rule weekday"),
        ("two weeks ago", "dateparser"),
        ("2015-09-30", "ISO date"),
    ],
)
def test_span_says_how_it_was_resolved(phrase, rule):
    how = normalise(phrase, BREITBART).how
    assert how.startswith(rule)
    assert "2015-10-01" in how or phrase in how


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("at the time", "'at the time' is dated only by another event it refers to"),
        ("two years", "a length of time, not a date"),
        ("3 weeks", "a length of time, not a date"),
        ("", "empty"),
        ("   ", "empty"),
        ("blorp", "cannot read 'blorp'"),
        ("2015-02-30", "not a real date"),
        ("2015-13", "not a real date"),
        ("2015-03/2015-01", "before the start"),
        ("x" * 300, "longer than 200"),
    ],
)
def test_unreadable_phrase_is_a_date_error(phrase, message):
    with pytest.raises(DateError, match=message):
        normalise(phrase, BREITBART)


@pytest.mark.parametrize(
    ("pin", "start", "end", "precision", "label"),
    [
        ("2014-09-02", "2014-09-02", "2014-09-02", "day", "2 Sep 2014"),
        ("2014-08", "2014-08-01", "2014-08-31", "month", "Aug 2014"),
        ("2007", "2007-01-01", "2007-12-31", "year", "2007"),
        ("2016-02", "2016-02-01", "2016-02-29", "month", "Feb 2016"),
        ("2015-06/2015-07", "2015-06-01", "2015-07-31", "range", "Jun 2015 – Jul 2015"),
        ("2015-12-31/2016", "2015-12-31", "2016-12-31", "range", "31 Dec 2015 – 2016"),
    ],
)
def test_pin_forms(pin, start, end, precision, label):
    span = parse_pin(pin)
    assert shape(span) == (D(start), D(end), precision, label)


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("2015-02-30", "not a real date"),
        ("15-02-03", "not a date"),
        ("Feb 2015", "not a date"),
        ("2015-01-02/2015-01-01", "before the start"),
        ("2015/2016/2017", "more than one '/'"),
    ],
)
def test_bad_pin_is_a_date_error(pin, message):
    with pytest.raises(DateError, match=message):
        parse_pin(pin)


def test_label_never_moves_the_position():
    span = normalise("In July", BREITBART)
    assert span.middle == D("2015-07-16")
    assert Span(span.start, span.end, span.precision, "anything", span.how).middle == span.middle


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.text(max_size=60),
    base=st.dates(),
    direction=st.sampled_from(["past", "future"]),
)
def test_normaliser_returns_a_span_or_a_date_error_for_any_input(phrase, base, direction):
    try:
        span = normalise(phrase, base, direction)
    except DateError as err:
        assert str(err)
    else:
        assert span.start <= span.end
        assert span.precision in PRECISIONS
        assert span.label and span.how


SPAN_BUILDERS = {
    "day": lambda d: day_span(d, ""),
    "week": lambda d: week_span(d, ""),
    "part-of-month": lambda d: part_span(
        ("early", "mid", "late")[min(d.day - 1, 29) // 10], d.year, d.month, ""
    ),
    "month": lambda d: month_span(d.year, d.month, ""),
    "year": lambda d: year_span(d.year, ""),
    "quarter": lambda d: quarter_span(d.year, (d.month + 2) // 3, ""),
    "half": lambda d: half_span(d.year, 1 + (d.month > 6), ""),
    "season": lambda d: season_span(
        d.year, ("winter", "spring", "summer", "autumn")[d.month % 12 // 3], ""
    ),
    "decade": lambda d: decade_span(d.year // 10 * 10, ("", "early", "mid", "late")[d.day % 4], ""),
    "century": lambda d: century_span(d.year // 100 + 1, ""),
    "part-of-year": lambda d: part_of_year_span(("early", "mid", "late")[d.day % 3], d.year, ""),
}


@settings(max_examples=200, deadline=None)
@given(
    precision=st.sampled_from(sorted(SPAN_BUILDERS)),
    day=st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)),
    days=st.none() | st.integers(1, 900),
    base=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_every_label_reads_back_as_its_span(precision, day, days, base):
    span = SPAN_BUILDERS[precision](day)
    if days is not None:
        span = range_span(span, day_span(span.end + dt.timedelta(days=days), ""), "")
    back = normalise(span.label, base)
    assert (back.start, back.end, back.precision, back.label) == (
        span.start,
        span.end,
        span.precision,
        span.label,
    )


@settings(max_examples=200, deadline=None)
@given(day=st.dates(dt.date(1000, 1, 1), dt.date(9988, 12, 31)), days=st.integers(0, 4000))
def test_iso_pins_round_trip(day, days):
    last = day + dt.timedelta(days=days)
    if last.year > 9999:
        return
    assert parse_pin(day.isoformat()).start == day
    span = parse_pin(f"{day.isoformat()}/{last.isoformat()}")
    assert (span.start, span.end, span.days) == (day, last, days + 1)


# --- numeric dates: day first or month first ---------------------------------------------

NUMERIC = [
    # phrase, the source's date_order, the day it reads as (None: refused)
    ("05/09/2015", "dmy", dt.date(2015, 9, 5)),
    ("05/09/2015", "mdy", dt.date(2015, 5, 9)),
    ("05/09/2015", None, None),  # ambiguous with no order given: never a silent guess
    ("25/09/2015", None, dt.date(2015, 9, 25)),  # only one reading is a date
    ("09/25/2015", "dmy", dt.date(2015, 9, 25)),  # the only possible reading wins
    ("05.05.2015", None, dt.date(2015, 5, 5)),  # both readings the same day
    ("on 5.9.15", "dmy", dt.date(2015, 9, 5)),
    ("5-9-2015", "mdy", dt.date(2015, 5, 9)),
]


@pytest.mark.parametrize(("phrase", "order", "day"), NUMERIC)
def test_numeric_dates_follow_the_sources_order(phrase, order, day):
    if day is None:
        with pytest.raises(DateError) as err:
            normalise(phrase, dt.date(2015, 10, 1), "past", order)
        assert "5 Sep 2015 (day first) or 9 May 2015 (month first)" in str(err.value)
        assert "date_order: dmy" in str(err.value)
    else:
        span = normalise(phrase, dt.date(2015, 10, 1), "past", order)
        assert (span.start, span.end, span.precision) == (day, day, "day")


@pytest.mark.parametrize("phrase", ["31/09/2015", "13/13/2015"])
def test_impossible_numeric_dates_are_refused(phrase):
    with pytest.raises(DateError, match="not a"):
        normalise(phrase, dt.date(2015, 10, 1), "past", "dmy")


def test_a_dataset_reads_numeric_dates_by_its_sources_date_order(write):
    from tests.conftest import EVENT, dataset_text
    from timeline.dataset.load import load_file

    text = dataset_text(EVENT.replace("when: on Wednesday", "when: 05/09/2015"))
    refused = load_file(write(text))
    [problem] = [p for p in refused.problems if p.where == "events[strikes].when"]
    assert "is ambiguous" in problem.message and refused.invalid
    read = load_file(
        write(
            text.replace("    text: article.txt\n", "    text: article.txt\n    date_order: dmy\n")
        )
    )
    assert read.ok and read.events[0].span.label == "5 Sep 2015"


# --- the fast path: common shapes without dateparser ----------------------------------------


FAST = ("rule weekday", "rule last-week", "rule calendar")


def dateparser_bug(phrase: str, base: dt.date, span) -> bool:
    """dateparser carries the base's day into a month-only search ("in February" read
    forwards from 29 March 2016 is Feb 2020, the next February with a 29th)."""
    return span.precision == "month" and base.day > 28


def test_the_fast_path_reads_as_dateparser_does_on_a_generated_dataset(tmp_path):
    """Over a generated dataset with many publication dates, every phrase the fast rules
    read gets the span dateparser gives (start, end, precision, label)."""
    import yaml

    from benchmarks.make_events import generate
    from timeline.dates import clean_phrase, rule_dateparser

    path = generate(3000, tmp_path / "events.yaml", sources=150)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    published = {s["id"]: s["published"] for s in data["sources"]}
    pairs = {(e["when"], published[e["source"]]) for e in data["events"] if "when" in e}
    compared = 0
    for phrase, base in sorted(pairs):
        for direction in ("past", "future"):
            fast = normalise(phrase, base, direction)
            if not fast.how.startswith(FAST):
                continue  # read by dateparser itself, or by a rule of the project's own
            slow = rule_dateparser(clean_phrase(phrase), base, direction)
            got, want = (
                (fast.start, fast.end, fast.precision, fast.label),
                slow
                and (
                    slow.start,
                    slow.end,
                    slow.precision,
                    slow.label,
                ),
            )
            assert got == want or dateparser_bug(phrase, base, fast), (phrase, base, direction)
            compared += 1
    assert compared > 1000  # the comparison really ran over the dataset's phrases


def shape(span: Span) -> tuple[dt.date, dt.date, str, str]:
    """What the tables below give for a span: its days, precision and label."""
    return (span.start, span.end, span.precision, span.label)


# --- coarse spans: quarters, halves, seasons, decades, centuries -----------------------
# phrase, base, direction -> start, end, precision, label
COARSE = {
    "quarter": [
        ("Q3 2015", BREITBART, "past", "2015-07-01", "2015-09-30", "Q3 2015"),
        ("2015 Q4", BREITBART, "past", "2015-10-01", "2015-12-31", "Q4 2015"),
        ("in the third quarter", BREITBART, "past", "2015-07-01", "2015-09-30", "Q3 2015"),
        ("third-quarter", AFP, "past", "2015-07-01", "2015-09-30", "Q3 2015"),
        ("the fourth quarter of 2014", AFP, "past", "2014-10-01", "2014-12-31", "Q4 2014"),
        ("the second quarter", AFP, "future", "2016-04-01", "2016-06-30", "Q2 2016"),
    ],
    "half": [
        ("H1 2015", BREITBART, "past", "2015-01-01", "2015-06-30", "H1 2015"),
        ("the first half of 2016", BREITBART, "past", "2016-01-01", "2016-06-30", "H1 2016"),
        ("the second half", AFP, "past", "2015-07-01", "2015-12-31", "H2 2015"),
        ("second-half", AFP, "future", "2016-07-01", "2016-12-31", "H2 2016"),
    ],
    "season": [
        ("last fall", BREITBART, "past", "2014-09-01", "2014-11-30", "autumn 2014"),
        ("this spring", BREITBART, "past", "2015-03-01", "2015-05-31", "spring 2015"),
        ("next summer", BREITBART, "past", "2016-06-01", "2016-08-31", "summer 2016"),
        ("winter 2015", BREITBART, "past", "2015-12-01", "2016-02-29", "winter 2015–16"),
        ("this winter", AFP, "past", "2015-12-01", "2016-02-29", "winter 2015–16"),
        ("autumn 2014", AFP, "past", "2014-09-01", "2014-11-30", "autumn 2014"),
        ("in the summer", AFP, "past", "2015-06-01", "2015-08-31", "summer 2015"),
    ],
    "decade": [
        ("the 1980s", BREITBART, "past", "1980-01-01", "1989-12-31", "1980s"),
        ("in the early 1990s", BREITBART, "past", "1990-01-01", "1993-12-31", "early 1990s"),
        ("the late 1990s", BREITBART, "past", "1997-01-01", "1999-12-31", "late 1990s"),
        ("the '80s", BREITBART, "past", "1980-01-01", "1989-12-31", "1980s"),
        ("the 2000s", AFP, "past", "2000-01-01", "2009-12-31", "2000s"),
    ],
    "century": [
        ("the 20th century", BREITBART, "past", "1901-01-01", "2000-12-31", "20th century"),
        ("the twenty-first century", AFP, "past", "2001-01-01", "2100-12-31", "21st century"),
        ("the 19th-century", AFP, "past", "1801-01-01", "1900-12-31", "19th century"),
    ],
}


# --- relative to publication, holidays, spelled years ------------------------------------
SATURDAY, SUNDAY, NEW_YEAR = D("2015-10-03"), D("2015-10-04"), D("2016-01-06")
# category -> phrase, base, direction, start, end, precision, label
RELATIVE = {
    "within a period": [
        ("earlier this month", BREITBART, "past", "2015-10-01", "2015-10-01", "month", "Oct 2015"),
        ("earlier this month", SUNDAY, "past", "2015-10-01", "2015-10-03", "month", "Oct 2015"),
        ("later this month", SUNDAY, "past", "2015-10-05", "2015-10-31", "month", "Oct 2015"),
        ("earlier this year", BREITBART, "past", "2015-01-01", "2015-09-30", "year", "2015"),
        ("later in the year", BREITBART, "past", "2015-10-02", "2015-12-31", "year", "2015"),
    ],
    "weekend": [
        (
            "over the weekend",
            BREITBART,
            "past",
            "2015-09-26",
            "2015-09-27",
            "range",
            "26 Sep 2015 – 27 Sep 2015",
        ),
        (
            "the weekend",
            BREITBART,
            "future",
            "2015-10-03",
            "2015-10-04",
            "range",
            "3 Oct 2015 – 4 Oct 2015",
        ),
        (
            "the weekend",
            SUNDAY,
            "past",
            "2015-10-03",
            "2015-10-04",
            "range",
            "3 Oct 2015 – 4 Oct 2015",
        ),
        (
            "last weekend",
            SUNDAY,
            "past",
            "2015-09-26",
            "2015-09-27",
            "range",
            "26 Sep 2015 – 27 Sep 2015",
        ),
        (
            "next weekend",
            SATURDAY,
            "past",
            "2015-10-10",
            "2015-10-11",
            "range",
            "10 Oct 2015 – 11 Oct 2015",
        ),
    ],
    "month of a relative year": [
        ("June last year", BREITBART, "past", "2014-06-01", "2014-06-30", "month", "Jun 2014"),
        ("in March next year", BREITBART, "past", "2016-03-01", "2016-03-31", "month", "Mar 2016"),
        ("January this year", NEW_YEAR, "future", "2016-01-01", "2016-01-31", "month", "Jan 2016"),
    ],
    "part of a year": [
        (
            "early next year",
            BREITBART,
            "past",
            "2016-01-01",
            "2016-04-30",
            "part-of-year",
            "early 2016",
        ),
        ("mid-2015", BREITBART, "past", "2015-05-01", "2015-08-31", "part-of-year", "mid-2015"),
        (
            "in late 2014",
            BREITBART,
            "past",
            "2014-09-01",
            "2014-12-31",
            "part-of-year",
            "late 2014",
        ),
    ],
    "holiday": [
        ("Christmas", BREITBART, "past", "2014-12-25", "2014-12-25", "day", "25 Dec 2014"),
        ("at Christmas", BREITBART, "future", "2015-12-25", "2015-12-25", "day", "25 Dec 2015"),
        ("New Year's Day", NEW_YEAR, "past", "2016-01-01", "2016-01-01", "day", "1 Jan 2016"),
        ("Thanksgiving Day", BREITBART, "future", "2015-11-26", "2015-11-26", "day", "26 Nov 2015"),
        ("on Victory Day", BREITBART, "past", "2015-05-09", "2015-05-09", "day", "9 May 2015"),
        ("Victory Day 2016", BREITBART, "past", "2016-05-09", "2016-05-09", "day", "9 May 2016"),
        ("last Christmas", NEW_YEAR, "past", "2015-12-25", "2015-12-25", "day", "25 Dec 2015"),
        ("Orthodox Easter", BREITBART, "future", "2016-05-01", "2016-05-01", "day", "1 May 2016"),
        ("Easter", BREITBART, "past", "2015-04-05", "2015-04-05", "day", "5 Apr 2015"),
    ],
    "spelled year": [
        ("nineteen ninety-six", BREITBART, "past", "1996-01-01", "1996-12-31", "year", "1996"),
        ("in twenty fifteen", BREITBART, "past", "2015-01-01", "2015-12-31", "year", "2015"),
        ("two thousand and three", BREITBART, "past", "2003-01-01", "2003-12-31", "year", "2003"),
        ("nineteen hundred", BREITBART, "past", "1900-01-01", "1900-12-31", "year", "1900"),
    ],
}


@pytest.mark.parametrize(
    ("category", "phrase", "base", "direction", "start", "end", "precision", "label"),
    [(k, *case) for k, cases in RELATIVE.items() for case in cases if case[3]],
)
def test_relative_phrases_holidays_and_spelled_years(
    category, phrase, base, direction, start, end, precision, label
):
    span = normalise(phrase, base, direction)
    assert shape(span) == (D(start), D(end), precision, label)


@pytest.mark.parametrize(
    ("precision", "phrase", "base", "direction", "start", "end", "label"),
    [(k, *case) for k, cases in COARSE.items() for case in cases],
)
def test_coarse_spans_with_exact_days_precision_and_label(
    precision, phrase, base, direction, start, end, label
):
    span = normalise(phrase, base, direction)
    assert shape(span) == (D(start), D(end), precision, label)
    assert normalise(span.label, base) == replace(span, how=normalise(span.label, base).how)


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("fiscal 1989", "is a fiscal year, not a calendar year"),
        ("FY2015", "is a fiscal year, not a calendar year"),
        ("the same day", "is dated only by another event it refers to"),
        ("two days later", "is dated only by another event it refers to"),
        ("the following week", "is dated only by another event it refers to"),
        ("the quarter", "is dated only by another event it refers to"),
        ("at that time", "is dated only by another event it refers to"),
    ],
)
def test_what_has_no_date_of_its_own_is_refused_with_a_pin_suggested(phrase, message):
    with pytest.raises(DateError, match=message) as refused:
        normalise(phrase, BREITBART)
    assert "pin" in str(refused.value)


def test_dateparser_alone_gives_silent_wrong_answers_these_rules_replace():
    """Why the rules exist: dateparser turns "the 1980s" into a day of the publication
    month and "Q3 2015" into its first day."""
    from timeline.dates import rule_dateparser

    wrong = rule_dateparser("the 1980s", BREITBART, "past")
    assert wrong is not None and wrong.precision == "day" and wrong.start.year == 2015
    assert normalise("the 1980s", BREITBART).precision == "decade"


@pytest.mark.parametrize(
    ("phrase", "base"),
    [
        ("last fall", dt.date(1, 1, 5)),
        ("next spring", dt.date(9999, 12, 1)),
        ("the '80s", dt.date(1, 1, 1)),
        ("this winter", dt.date(9999, 12, 30)),
        ("the second quarter", dt.date(1, 1, 1)),
    ],
)
def test_coarse_spans_at_the_calendar_s_edges_are_date_errors(phrase, base):
    with pytest.raises(DateError):
        normalise(phrase, base)


# --- the rule table -------------------------------------------------------------------
from timeline.dates import RULES, Refused, candidates, clean_phrase  # noqa: E402

REFUSING = {"fiscal", "anaphora", "duration"}


def _reading_rule(phrase, base):
    for rule, match in candidates(clean_phrase(phrase)):
        try:
            if rule.build(match, base, "past") is not None:
                return rule
        except DateError:
            return rule
    return None


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in RULES for example in rule.examples],
    ids=[f"{rule.name}:{example}" for rule in RULES for example in rule.examples],
)
def test_each_rule_reads_its_own_examples(rule, example):
    """The table's examples are what each rule is for: of the rules whose pattern matches,
    it is the first to read the example (or refuse it, for the rules that refuse)."""
    assert _reading_rule(example, BREITBART) is rule
    if rule.name in REFUSING:
        with pytest.raises(Refused if rule.name != "duration" else DateError):
            normalise(example, BREITBART)
    else:
        assert normalise(example, BREITBART).start.year >= 1


# Shapes the finder does not search running text for: a length is no date; "Aug 2014?" is
# how a curator marks doubt in a dataset, not how news writes it; "week of …" and
# "… – …" are the labels the project writes (in text, a range is found as its two ends).
NOT_SEARCHED = {"duration", "uncertain", "week-of", "range"}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES if r.name not in NOT_SEARCHED for e in r.examples],
    ids=[f"{r.name}:{e}" for r in RULES if r.name not in NOT_SEARCHED for e in r.examples],
)
@pytest.mark.parametrize(
    "sentence",
    ["{}, the agency reported.", "Officials said it happened {}, the agency reported."],
)
def test_the_finder_finds_each_rule_s_examples_and_reads_them_as_the_normaliser(
    rule, example, sentence
):
    """One grammar: every example of the table is found whole by the phrase finder (at
    the start of a sentence and within one) and resolved as the normaliser reads it."""
    from timeline.dates import read
    from timeline.suggest import phrases

    text = sentence.format(example[0].upper() + example[1:] if sentence[0] == "{" else example)
    found = phrases(text, BREITBART)
    assert [p.text.lower() for p in found] == [example.lower()]
    try:
        expected = read(example, BREITBART, "auto", text)
    except DateError:
        assert found[0].span is None  # refused: left for a pin
    else:
        assert found[0].span is not None
        assert (found[0].span.start, found[0].span.end) == (expected.start, expected.end)


def test_a_phrase_is_matched_against_the_table_once_whatever_the_date():
    """The compiled path: many publication dates, one look-up of the table per phrase."""
    candidates.cache_clear()
    normalise.cache_clear()
    for offset in range(200):
        normalise("in May", BREITBART + dt.timedelta(days=offset))
    assert candidates.cache_info().misses == 1
    assert candidates.cache_info().hits == 199


# --- EDTF pins, approximate and uncertain dates ------------------------------------------
# pin -> start, end, precision, label, approximate, uncertain, EDTF as exported
EDTF = [
    ("2014-08~", "2014-08-01", "2014-08-31", "month", "c. Aug 2014", True, False, "2014-08~"),
    ("2014?", "2014-01-01", "2014-12-31", "year", "2014?", False, True, "2014?"),
    (
        "2015-09-30%",
        "2015-09-30",
        "2015-09-30",
        "day",
        "c. 30 Sep 2015?",
        True,
        True,
        "2015-09-30%",
    ),
    ("2015-21", "2015-03-01", "2015-05-31", "season", "spring 2015", False, False, "2015-21"),
    ("2015-24", "2015-12-01", "2016-02-29", "season", "winter 2015–16", False, False, "2015-24"),
    ("2015-35", "2015-07-01", "2015-09-30", "quarter", "Q3 2015", False, False, "2015-35"),
    ("2016-41", "2016-07-01", "2016-12-31", "half", "H2 2016", False, False, "2016-41"),
    ("201X", "2010-01-01", "2019-12-31", "decade", "2010s", False, False, "201X"),
    (
        "2015-06/2015-07",
        "2015-06-01",
        "2015-07-31",
        "range",
        "Jun 2015 – Jul 2015",
        False,
        False,
        "2015-06-01/2015-07-31",
    ),
    (
        "2004-06~/2004-08",
        "2004-06-01",
        "2004-08-31",
        "range",
        "c. Jun 2004 – Aug 2004",
        True,
        False,
        "2004-06-01~/2004-08-31",  # each end its own qualifier
    ),
]


@pytest.mark.parametrize(
    ("pin", "start", "end", "precision", "label", "approximate", "uncertain", "edtf"), EDTF
)
def test_edtf_pins_are_spans_with_their_flags(
    pin, start, end, precision, label, approximate, uncertain, edtf
):
    from timeline.dates import edtf_of

    span = parse_pin(pin)
    assert shape(span) == (D(start), D(end), precision, label)
    assert (span.approximate, span.uncertain) == (approximate, uncertain)
    assert edtf_of(span) == edtf
    again = parse_pin(edtf)  # what the exports carry reads back as the same days and flags
    assert (again.start, again.end, again.approximate, again.uncertain) == (
        span.start,
        span.end,
        approximate,
        uncertain,
    )


@pytest.mark.parametrize("pin", ["2014-08-1?", "1990s?", "2015-13~", "2015-99"])
def test_a_pin_that_is_not_edtf_either_is_a_date_error(pin):
    with pytest.raises(DateError):
        parse_pin(pin)


VAGUE_PHRASES = [
    ("c. Aug 2014", "2014-08-01", "2014-08-31", "c. Aug 2014", True, False),
    ("about two weeks ago", "2015-09-14", "2015-09-20", "c. week of 14 Sep 2015", True, False),
    ("around mid-June", "2015-06-11", "2015-06-20", "c. mid-Jun 2015", True, False),
    ("circa 1990", "1990-01-01", "1990-12-31", "c. 1990", True, False),
    ("Aug 2014?", "2014-08-01", "2014-08-31", "Aug 2014?", False, True),
]


@pytest.mark.parametrize(
    ("phrase", "start", "end", "label", "approximate", "uncertain"), VAGUE_PHRASES
)
def test_approximate_and_uncertain_phrases(phrase, start, end, label, approximate, uncertain):
    span = normalise(phrase, BREITBART)
    assert (span.start, span.end, span.label) == (D(start), D(end), label)
    assert (span.approximate, span.uncertain) == (approximate, uncertain)


@settings(max_examples=150, deadline=None)
@given(
    precision=st.sampled_from(sorted(SPAN_BUILDERS)),
    day=st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)),
    approximate=st.booleans(),
    uncertain=st.booleans(),
)
def test_a_flagged_label_reads_back_with_its_flags(precision, day, approximate, uncertain):
    from timeline.dates import edtf_of, flagged

    span = flagged(SPAN_BUILDERS[precision](day), approximate, uncertain)
    back = normalise(span.label, BREITBART)
    assert (back.start, back.end, back.label, back.approximate, back.uncertain) == (
        span.start,
        span.end,
        span.label,
        approximate,
        uncertain,
    )
    pinned = parse_pin(edtf_of(span))
    assert (pinned.start, pinned.end, pinned.approximate, pinned.uncertain) == (
        span.start,
        span.end,
        approximate,
        uncertain,
    )


@pytest.mark.parametrize("phrase", ["Russia", "victory", "unity", "in Russia"])
def test_a_holiday_named_after_a_word_needs_its_day(phrase):
    """ "Victory Day" is 9 May; "victory" and "Russia" alone are not dates."""
    with pytest.raises(DateError):
        normalise(phrase, BREITBART)
