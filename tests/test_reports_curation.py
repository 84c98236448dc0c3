"""Curation finds the match: a new article that reports a known event is offered as a
further report of it (``suggest`` and the Add-an-article page), and the merge writes the
``reports:`` entry in place under that event."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import ARTICLES, EVENTS, ROOT, cli
from timeline.dataset import reports as rep
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_bytes, load_file
from timeline.dataset.yamlread import read_yaml
from timeline.merge import merge

# Written for this test from the facts in SOURCES.md: AFP of 2 Oct 2015 on the first strikes.
AFP = (
    "Russia presses on with air strikes in Syria\n\n"
    "Russia started air strikes earlier this week against what Moscow says are Islamic State "
    "targets in Syria, in support of President Bashar al-Assad.\n"
)


def copy_of_the_dataset(folder: Path) -> Path:
    shutil.copytree(ARTICLES, folder / "articles")
    (folder / "articles" / "afp-2015-10-02.txt").write_text(AFP, encoding="utf-8")
    shutil.copy(EVENTS, folder / "events.yaml")
    return folder / "events.yaml"


def pasted(stdout: str, event: str) -> str:
    """The commented ``reports:`` entry that suggest offers for ``event``, uncommented."""
    at = stdout.index(f"# under the `reports:` of {event}:")
    lines = stdout[at:].splitlines()[1:]
    entry = [line.split("#   ", 1)[1] for line in lines if line.strip().startswith("#   ")]
    return "\n".join(line.removeprefix("  ") for line in entry) + "\n"


def test_suggest_offers_a_further_report_and_its_merge_corroborates(tmp_path: Path) -> None:
    dataset = copy_of_the_dataset(tmp_path)
    article = tmp_path / "articles" / "afp-2015-10-02.txt"
    args = ("--published", "2015-10-02", "--outlet", "AFP", "--into", str(dataset))
    result = cli("suggest", str(article), *args)
    assert result.returncode == 0, result.stderr
    assert "# a further report of airstrikes-begin (or of " in result.stdout
    assert yaml.safe_load(result.stdout)["events"]  # still a valid YAML file to review
    entry = pasted(result.stdout, "airstrikes-begin")
    assert entry.startswith('- source: afp-2015-10-02\n  when: "earlier this week"\n')
    original = dataset.read_text(encoding="utf-8")
    parsed = read_yaml(original, str(dataset))
    index = [e["id"] for e in parsed.data["events"]].index("airstrikes-begin")
    source = "\n".join(
        line.removeprefix("#")
        for line in result.stdout.split("sources:\n")[1].split("events:")[0].splitlines()
    )
    merged = merge(
        original, parsed.lines, source, [], {index: ["  " + entry.replace("\n", "\n  ")]}
    )
    dataset.write_text(merged, encoding="utf-8")
    data = load_file(dataset)
    assert data.ok, [str(p) for p in data.problems]
    assert data.total == 25  # a report, not a new event
    row = to_frame(data).set_index("id").loc["airstrikes-begin"]
    assert (row["label"], row["outlets"]) == ("30 Sep 2015", 2)
    assert [r["outlet"] for r in row["reports"]] == ["Breitbart News", "AFP"]


def test_the_merge_writes_reports_in_place_keeping_the_rest() -> None:
    original = (ROOT / "examples" / "reports.yaml").read_text(encoding="utf-8")
    parsed = read_yaml(original, "reports.yaml")
    block = '  - source: digest-2016-02-09\n    when: "on Sunday"\n    quote: "aired on Sunday"\n'
    merged = merge(original, parsed.lines, "", [], {0: [block], 4: [block]})
    diff = difflib.ndiff(original.splitlines(), merged.splitlines())
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert not [
        line
        for line in difflib.ndiff(original.splitlines(), merged.splitlines())
        if line.startswith("- ")
    ]
    block_lines = ["      - source: digest-2016-02-09", '        when: "on Sunday"']
    block_lines.append('        quote: "aired on Sunday"')
    # after the two reports airstrikes-begin has; the last event had none: the key is
    # added at its fields' indent
    assert added == [*block_lines, "    reports:", *block_lines]
    data = load_bytes(merged.encode(), "reports.yaml", ROOT / "examples")
    assert not [p for p in data.problems if p.severity == "error"], data.problems
    frame = to_frame(data).set_index("id")
    assert [r["source"] for r in frame.loc["airstrikes-begin", "reports"]][
        -1
    ] == "digest-2016-02-09"
    assert frame.loc["strikes-second-day", "outlets"] == 2


def test_the_add_an_article_page_offers_and_writes_a_further_report(monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at._page_hash = calc_hash("add-article")
    at.run()
    at.text_area(key="cur_text").set_value(AFP)
    at.text_input(key="cur_published").set_value("2015-10-02")
    at.text_input(key="cur_outlet").set_value("AFP")
    at.run()
    assert not at.exception
    [editor] = at.dataframe
    [row] = editor.value.to_dict("records")
    assert row["report of"] == "airstrikes-begin"
    notes = " ".join(m.value for m in at.markdown)  # the notes below the table
    assert "a further report of airstrikes-begin (overlapping dates" in notes
    assert row["add"]  # ticked: a further report adds no second marker for the event
    assert at.success[0].value == "The merged dataset passes check: 25 events."


DAYS = st.dates(dt.date(2014, 1, 1), dt.date(2016, 12, 31))
SPANS = st.tuples(DAYS, st.integers(0, 1500))


@given(st.lists(SPANS, max_size=40), SPANS)
def test_the_date_index_finds_exactly_the_overlapping_events(events, wanted) -> None:
    known = [
        rep.Known(f"e{i}", start, start + dt.timedelta(days=n), frozenset(), frozenset())
        for i, (start, n) in enumerate(events)
    ]
    start, end = wanted[0], wanted[0] + dt.timedelta(days=wanted[1])
    found = {k.id for k in rep.EventIndex(known).near(start, end)}
    if len(range(start.year * 12 + start.month, end.year * 12 + end.month + 1)) > rep.LONG:
        assert found == set()  # too vague to say which event it reports
    else:
        assert found == {k.id for k in known if k.start <= end and start <= k.end}


def test_a_candidate_is_compared_with_the_events_of_its_months_only() -> None:
    day = dt.date(2015, 1, 1)
    known = [
        rep.Known(
            f"e{i}",
            day + dt.timedelta(days=i),
            day + dt.timedelta(days=i),
            frozenset(),
            frozenset(),
        )
        for i in range(3650)
    ]
    index = rep.EventIndex(known)
    assert sum(map(len, index.months.values())) == 3650 and not index.long
    assert len(index.months[2015 * 12 + 9]) == 31  # October 2015: its own 31 events
    assert re.fullmatch(r"e\d+", index.near(dt.date(2015, 10, 1), dt.date(2015, 10, 1))[0].id)
