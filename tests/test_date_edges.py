"""Dates at the calendar's edges (#25): EDTF pins outside years 1–9999 are located
problems, numeric dates keep the years they write, an interval keeps each end's own
qualifier, and what the edtf library prints never reaches stdout."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import EVENT, cli, dataset_text
from timeline.dataset.load import load_file
from timeline.dates import DateError, edtf_of, normalise, parse_pin

BASE = dt.date(2015, 10, 1)


@pytest.mark.parametrize("pin", ["XXXX", "0XXX", "9999-24", "0000-21", "0000", "XXXX/2015"])
def test_edtf_pins_outside_years_1_to_9999_are_date_errors(pin):
    with pytest.raises(DateError, match=r"years 1 to 9999|before year 1|not a real date"):
        parse_pin(pin)


@pytest.mark.parametrize("pin", ["XXXX", "0XXX", "9999-24", "0000-21"])
def test_such_a_pin_in_a_dataset_is_a_located_problem_not_a_traceback(write, pin):
    data = load_file(write(dataset_text(EVENT + f"    date: '{pin}'\n")))
    [problem] = [p for p in data.problems if p.severity == "error"]
    assert problem.where == "events[strikes].date" and problem.line
    assert "years 1 to 9999" in problem.message


# phrase, the source's date_order -> the day, or None for a DateError
NUMERIC = [
    ("13/06/0015", None, dt.date(15, 6, 13)),  # four digits: the year 15, as written
    ("01/02/0099", "dmy", dt.date(99, 2, 1)),  # not 1 Feb 2099
    ("01/02/0099", "mdy", dt.date(99, 1, 2)),
    ("13/06/2015", None, dt.date(2015, 6, 13)),
    ("13/06/15", None, dt.date(2015, 6, 13)),  # two digits: this century, as before
    ("13/06/0000", None, None),  # no year 0
]


@pytest.mark.parametrize(("phrase", "order", "day"), NUMERIC)
def test_a_numeric_date_keeps_the_year_it_writes(phrase, order, day):
    if day is None:
        with pytest.raises(DateError, match="before year 1"):
            normalise(phrase, BASE, "past", order)
        return
    span = normalise(phrase, BASE, "past", order)
    assert (span.start, span.end) == (day, day)


@pytest.mark.parametrize(
    ("pin", "edtf"),
    [
        ("2014~/2015", "2014-01-01~/2015-12-31"),
        ("2014/2015?", "2014-01-01/2015-12-31?"),
        ("2014-06%/2014-08~", "2014-06-01%/2014-08-31~"),
        ("2014~/2015~", "2014-01-01~/2015-12-31~"),
    ],
)
def test_an_interval_keeps_each_end_s_own_qualifier(pin, edtf):
    span = parse_pin(pin)
    assert edtf_of(span) == edtf
    again = parse_pin(edtf)  # what the exports carry reads back the same
    assert (again.start, again.end, again.ends) == (span.start, span.end, span.ends)


def test_list_json_is_only_json_whatever_the_edtf_library_prints(tmp_path):
    """`2015-XX/2014-XX` makes the edtf library print a debugging line; stdout stays JSON,
    and the interval pin is exported with each end's own qualifier."""
    blocks = [
        EVENT.replace("id: strikes", "id: bad") + "    date: 2015-XX/2014-XX\n",
        EVENT.replace("id: strikes", "id: vague").replace("    when: on Wednesday\n", "")
        + "    date: 2014~/2015\n",
    ]
    (tmp_path / "article.txt").write_text("the strikes began.\n", encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(dataset_text(*blocks), encoding="utf-8")
    result = cli("list", str(path), "--format", "json")
    assert "trying to" not in result.stdout + result.stderr
    records = json.loads(result.stdout)
    edtf = {r["id"]: r.get("edtf") for r in records}
    assert edtf.get("vague") == "2014-01-01~/2015-12-31"
