"""Every value answered: any YAML scalar in any field is a located problem or a valid
value, never a traceback; what passes `check` exports as strict JSON.

A property test puts random scalars of every YAML type (huge integers past Python's
integer-string limit, non-finite floats, booleans, nulls, timestamps, strings with control
characters and NUL, lists, mappings, tags) into every field of a small valid dataset.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ARTICLE
from timeline.dataset.cache import frames_of
from timeline.dataset.load import load_bytes
from timeline.export import records

BASE = """\
title: A dataset
description: What it holds
lanes: actor
media:
  url: https://example.org/picture.png
  caption: A picture
  credit: Someone
periods:
  - name: The war
    date: 2015/2016
sources:
  - id: wire
    title: A wire story
    outlet: Wire
    published: 2015-10-01
    url: https://example.org/story
    text: article.txt
    author: A. Writer
    date_order: dmy
actors:
  - id: russia
    name: Russia
    aliases: [Moscow]
    affiliation: Russia
    description: A state
events:
  - id: strikes
    title: Strikes begin
    source: wire
    when: on Wednesday
    direction: past
    date: 2015-09-30
    date_note: the day before
    time: "10:00"
    actors: [russia]
    kind: military
    status: reported
    quote: the strikes began.
    tags: [air]
    notes: a note
    figures:
      - value: 2200
        unit: people
        measure: counted
        qualifier: about
        low: 2000
        high: 2400
        claimant: russia
        note: a note
"""
FIELD = re.compile(r"^(\s*(?:- )?[a-z_]+: )(?!$)(.*)$")
LINES = [i for i, line in enumerate(BASE.splitlines()) if FIELD.match(line)]
HUGE = "9" * 5000  # over Python's integer-string limit (4,300 digits)

SCALARS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=4301, max_value=6000).map(lambda n: "7" * n),
    st.floats().map(
        lambda f: {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}.get(repr(f), repr(f))
    ),
    st.sampled_from(["1e400", "-1e400", ".NaN", ".Inf", "0x1F", "0o17", "1_000", "12:30"]),
    st.sampled_from(["true", "false", "yes", "no", "null", "~", "''", '""']),
    st.sampled_from(["2015-01-01", "2015-01-01T10:00:00Z", "0000-01-01", "9999-12-31"]),
    st.text(max_size=30).map(lambda s: json.dumps(s)),
    st.sampled_from(["[]", "{}", "[1, a]", "{a: 1}", "[[1]]", "{title: x}", "[.inf]"]),
    st.sampled_from(["!!binary aGk=", "!!str 5", "!!int 5", "!!float .nan", "!!set {a}"]),
)


def with_value(line: int, scalar: str) -> str:
    lines = BASE.splitlines()
    lines[line] = FIELD.sub(lambda m: m[1] + scalar.replace("\\", "\\\\"), lines[line])
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("anyvalue")
    (path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def test_the_base_dataset_is_valid(folder: Path) -> None:
    data = load_bytes(BASE.encode(), "x.yaml", folder)
    assert data.ok, [str(p) for p in data.problems]


def answered(text: str, folder: Path) -> None:
    """The dataset loads with only located problems; what is valid exports as strict JSON."""
    data = load_bytes(text.encode(), "x.yaml", folder)
    for problem in data.problems:
        assert problem.line is not None, str(problem)
        assert "Traceback" not in problem.message
    assert isinstance(data.title, str) and isinstance(data.description, str)
    frame = frames_of(data).frame
    out = records.to_json(frame)

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON export")

    json.loads(out, parse_constant=refuse)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=st.sampled_from(LINES), scalar=SCALARS)
def test_any_scalar_in_any_field_is_answered(folder: Path, line: int, scalar: str) -> None:
    answered(with_value(line, scalar), folder)


CASES = {  # (field line's start, value, words the problem must hold)
    "title as a mapping": ("title: A dataset", "{a: 1}", "title: must be text"),
    "description as a list": ("description: What", "[1, 2]", "description: must be text"),
    "huge integer as a pin": ("    date: 2015-09-30", HUGE, "events[strikes].date"),
    "huge integer as a figure": ("      - value: 2200", HUGE, "must be a finite number"),
    "huge integer as an id": ("  - id: strikes", HUGE, "at most 100 characters"),
    "huge integer as lanes": ("lanes: actor", HUGE, "lanes: '9999"),
    "infinite figure": ("      - value: 2200", ".inf", "must be a finite number"),
    "NaN figure": ("      - value: 2200", ".nan", "must be a finite number"),
    "NaN low": ("        low: 2000", ".nan", "must be a finite number"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_value_is_a_located_problem(folder: Path, case: tuple[str, str, str]) -> None:
    start, value, words = case
    line = next(i for i in range(len(BASE.splitlines())) if BASE.splitlines()[i].startswith(start))
    text = with_value(line, value)
    answered(text, folder)
    data = load_bytes(text.encode(), "x.yaml", folder)
    assert any(words in str(p) and p.line == line + 1 for p in data.problems), [
        str(p)[:200] for p in data.problems
    ]


@pytest.mark.parametrize("section", ["sources", "actors", "events", "periods"])
@pytest.mark.parametrize("value", ["5", HUGE, "text", "{a: 1}", ".nan"])
def test_a_section_of_the_wrong_type_is_a_located_problem(
    folder: Path, section: str, value: str
) -> None:
    text = "sources: []\nactors: []\nevents: []\n".replace(f"{section}: []", f"{section}: {value}")
    text += "" if section != "periods" else f"periods: {value}\n"
    answered(text, folder)
    data = load_bytes(text.encode(), "x.yaml", folder)
    assert any(p.where == section and "must be a list" in p.message for p in data.problems)


def test_a_link_with_a_huge_step_or_search_is_a_note() -> None:
    from tests.test_state import CHOICES
    from timeline.state import from_params

    words = " ".join(f"w{i}" for i in range(50))
    state, notes = from_params({"step": [HUGE], "q": [words]}, CHOICES)
    assert state.step is None
    assert notes == [
        "the search in the link uses its first 20 distinct words only",
        f"ignored step={HUGE[:20]!r} in the link: not a step number",
    ]
