"""Filter dimensions are declared once (filters.DIMENSIONS): every row is a working filter
in the function, the URL, the sidebar, the CLI and the filters in words, with no other
code to write. Each test runs for every row, so a new row is tested as it is added."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EVENTS, ROOT, cli
from timeline.dataset.cache import open_dataset
from timeline.export.view import subject
from timeline.filters import (
    DIMENSIONS,
    FILTERS,
    DateRange,
    Dimension,
    Filters,
    Mode,
    Row,
    Text,
    apply,
    describe,
)
from timeline.state import ViewState, choices_of, from_params, to_params

ROWS = pytest.mark.parametrize("d", DIMENSIONS, ids=[d.key for d in DIMENSIONS])
# The seed events have one report each: the reports' rows are tried on the reports example.
REPORTS = ROOT / "examples" / "reports.yaml"
DATASETS = {"outlets": REPORTS, "disagree": REPORTS}


def events_of(d: Row) -> Path:
    return DATASETS.get(d.name, EVENTS)


def a_value(d: Dimension) -> str:
    """A value of ``d`` that some but not all events have."""
    opened = open_dataset(events_of(d))
    for value in getattr(choices_of(opened.frame, opened.actors), d.name):
        shown = len(apply(opened.frame, Filters(**{d.name: (value,)})))
        if 0 < shown < len(opened.frame):
            return value
    raise AssertionError(f"no value of {d.name} narrows the seed events")


def expected_ids(d: Dimension, value: str) -> list[str]:
    return list(apply(open_dataset(events_of(d)).frame, Filters(**{d.name: (value,)}))["id"])


@ROWS
def test_the_cli_has_the_dimension_as_a_flag(d):
    value = a_value(d)
    result = cli("list", str(events_of(d)), f"--{d.key}", value, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)] == expected_ids(d, value)
    assert f"--{d.key}" in cli("export", "--help").stdout


@ROWS
def test_the_url_round_trips_the_dimension(d):
    value = a_value(d)
    opened = open_dataset(events_of(d))
    state = ViewState(Filters(**{d.name: (value,)}))
    params = to_params(state)
    assert params == {d.key: [value]}
    url = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    assert from_params(url, choices_of(opened.frame, opened.actors)) == (state, [])


@ROWS
def test_the_sidebar_has_the_dimension_and_it_filters(d, monkeypatch):
    value = a_value(d)
    monkeypatch.setenv("TIMELINE_EVENTS", str(events_of(d)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    widget = at.multiselect(key=f"f_{d.name}")
    assert widget.label == d.label
    widget.set_value([value]).run()
    assert not at.exception
    shown = len(expected_ids(d, value))
    total = len(open_dataset(events_of(d)).frame)
    assert f"Showing {shown} of {total} events" in at.markdown[0].value
    assert at.query_params[d.key] in (value, [value])  # the link reproduces it


@ROWS
def test_the_dimension_is_said_in_words(d):
    value = a_value(d)
    assert describe(Filters(**{d.name: (value,)})).startswith(f"{d.label}: ")


# Every row of the table, whatever its kind: a pick-list row is tried with a value it
# offers (above); the other kinds with an example each. A new row without an example fails.
WIDGET_OF = {Dimension: "multiselect", Mode: "radio", DateRange: "date_input", Text: "text_input"}
EXAMPLES = {  # row name: (widget values to set, in order; the link; the flags; the words)
    "actor_mode": (
        {"f_actors": ["kadyrov", "russia"], "f_actor_mode": "all"},
        {"actor": ["kadyrov", "russia"], "match": "all"},
        ["--actor", "kadyrov", "--actor", "russia", "--all-actors"],
        "Actors: kadyrov and russia",
    ),
    "dates": (
        {"f_dates": (dt.date(2015, 12, 1), dt.date(2015, 12, 31))},
        {"from": "2015-12-01", "to": "2015-12-31"},
        ["--from", "2015-12", "--to", "2015-12"],
        "Date range: 2015-12-01 to 2015-12-31",
    ),
    "text": (
        {"f_text": "beheading"},
        {"q": "beheading"},
        ["--search", "beheading"],
        "Search: “beheading”",
    ),
}


def example(row: Row) -> tuple[dict, dict, list[str], str]:
    if isinstance(row, Dimension):
        value = a_value(row)
        return {f"f_{row.name}": [value]}, {row.key: value}, [f"--{row.key}", value], row.label
    return EXAMPLES[row.name]


def as_query(link: dict) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in link.items()}


def expected(row: Row) -> tuple[Filters, list[str]]:
    """The filters the example's link asks for, and the events they keep."""
    opened = open_dataset(events_of(row))
    state, notes = from_params(as_query(example(row)[1]), choices_of(opened.frame, opened.actors))
    assert notes == []
    return state.filters, list(apply(opened.frame, state.filters)["id"])


EVERY_ROW = pytest.mark.parametrize("row", FILTERS, ids=[row.name for row in FILTERS])


@EVERY_ROW
def test_every_row_narrows_the_events_and_its_link_round_trips(row):
    chosen, ids = expected(row)
    assert 0 < len(ids) < len(open_dataset(events_of(row)).frame)
    assert as_query(to_params(ViewState(chosen))) == as_query(example(row)[1])


@EVERY_ROW
def test_every_row_is_a_cli_flag_with_the_same_syntax(row):
    _, _, flags, _ = example(row)
    for flag in (f for f in flags if f.startswith("--")):
        assert flag in cli("list", "--help").stdout
    result = cli("list", str(events_of(row)), *flags, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)] == expected(row)[1]


@EVERY_ROW
def test_every_row_is_in_the_sidebar_and_the_link(row, monkeypatch):
    widgets, link, _, _ = example(row)
    monkeypatch.setenv("TIMELINE_EVENTS", str(events_of(row)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    widget = getattr(at, WIDGET_OF[type(row)])(key=f"f_{row.name}")
    assert widget.label == row.label
    for key, value in widgets.items():
        kind = WIDGET_OF[type(next(r for r in FILTERS if f"f_{r.name}" == key))]
        getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception
    total = len(open_dataset(events_of(row)).frame)
    assert f"Showing {len(expected(row)[1])} of {total} events" in at.markdown[0].value
    assert {k: at.query_params[k] for k in link} == link  # the link reproduces it


@EVERY_ROW
def test_every_row_is_said_in_words(row):
    chosen, _ = expected(row)
    words = example(row)[3]
    assert any(part.startswith(words) for part in describe(chosen).split(" · ")), describe(chosen)


@EVERY_ROW
def test_every_row_names_an_export_file(row):
    """An export's file name says what the filters pick ("kadyrov-russia", "dated",
    "beheading"), from the same table."""
    chosen, _ = expected(row)
    assert subject(chosen) not in ("all-events", "filtered")
    assert subject(Filters()) == "all-events"
