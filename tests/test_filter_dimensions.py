"""Filter dimensions are declared once (filters.DIMENSIONS): every row is a working filter
in the function, the URL, the sidebar, the CLI and the filters in words, with no other
code to write. Each test runs for every row, so a new row is tested as it is added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EVENTS, ROOT, cli
from timeline.cache import open_dataset
from timeline.filters import DIMENSIONS, Dimension, Filters, apply, describe
from timeline.state import ViewState, choices_of, from_params, to_params

ROWS = pytest.mark.parametrize("d", DIMENSIONS, ids=[d.key for d in DIMENSIONS])
# The seed events have one report each: the reports' rows are tried on the reports example.
REPORTS = ROOT / "examples" / "reports.yaml"
DATASETS = {"outlets": REPORTS, "disagree": REPORTS}


def events_of(d: Dimension) -> Path:
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
