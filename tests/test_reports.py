"""One event, several reports: the loader dates it where its reports agree, counts the
independent outlets, and warns (located) where they disagree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dataset import reports as rep
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_file
from timeline.dataset.model import Figure
from timeline.dataset.types import Dataset
from timeline.dates import Span, day_label
from timeline.problems import errors, warnings

ARTICLES = {
    "breitbart.txt": "Russia began airstrikes against alleged enemies of Syrian President "
    "Bashar al-Assad on Wednesday with new attacks Thursday morning.\n",
    "afp.txt": "Russia started air strikes earlier this week in Syria.\n",
    "wirex.txt": "Russian jets struck in Syria for the first time on Friday.\n",
}


def source(ident: str, outlet: str, published: str, text: str, via: str = "") -> str:
    lines = [
        f"  - id: {ident}",
        f"    title: {outlet} story",
        f"    outlet: {outlet}",
        f"    published: {published}",
        f"    text: {text}",
    ]
    return "\n".join(lines + ([f"    via: {via}"] if via else [])) + "\n"


BREITBART = source("breitbart", "Breitbart News", "2015-10-01", "breitbart.txt")
AFP = source("afp", "AFP", "2015-10-02", "afp.txt")
AFP_VIA = source("afp", "GlobalPost", "2015-10-02", "afp.txt", via="Breitbart News")
WIREX = source("wirex", "Wire X", "2015-10-02", "wirex.txt")
EVENT = """\
events:
  - id: airstrikes-begin
    title: Russia begins airstrikes in Syria
    source: breitbart
    when: on Wednesday
    actors: [russia]
    kind: military
    status: confirmed
    quote: Russia began airstrikes against alleged enemies
    reports:
"""
REPORT_AFP = """\
      - source: afp
        when: earlier this week
        quote: Russia started air strikes earlier this week
"""
REPORT_WIREX = """\
      - source: wirex
        when: on Friday
        quote: for the first time on Friday.
"""
ACTORS = "actors:\n  - id: russia\n    name: Russia\n    affiliation: Russia\n"


def write_dataset(folder: Path, sources: list[str], reports: list[str]) -> Path:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "events.yaml"
    body = "sources:\n" + "".join(sources) + ACTORS + EVENT + "".join(reports)
    path.write_text(body, encoding="utf-8")
    return path


def only_event(data: Dataset) -> tuple[Dataset, dict[str, object]]:
    assert not errors(data.problems), [str(p) for p in data.problems]
    frame = to_frame(data)
    assert len(frame) == 1
    return data, frame.iloc[0].to_dict()


def test_two_reports_pin_the_day_they_agree_on(tmp_path: Path) -> None:
    data, row = only_event(load_file(write_dataset(tmp_path, [BREITBART, AFP], [REPORT_AFP])))
    assert (row["start"].date(), row["end"].date()) == (dt.date(2015, 9, 30),) * 2
    assert row["label"] == "30 Sep 2015"
    assert row["outlets"] == 2
    assert row["disagree"] == []
    assert "Breitbart News (on Wednesday: 30 Sep 2015)" in str(row["how"])
    assert "AFP (earlier this week: week of 28 Sep 2015)" in str(row["how"])
    assert [r["source"] for r in row["reports"]] == ["breitbart", "afp"]  # type: ignore[attr-defined]
    assert not warnings(data.problems)


def test_a_relay_via_the_first_outlet_is_not_a_second_outlet(tmp_path: Path) -> None:
    path = write_dataset(tmp_path, [BREITBART, AFP_VIA], [REPORT_AFP])
    _, row = only_event(load_file(path))
    assert row["outlets"] == 1
    assert row["label"] == "30 Sep 2015"


def test_a_relay_via_a_source_id_counts_once(tmp_path: Path) -> None:
    relay = source("afp", "GlobalPost", "2015-10-02", "afp.txt", via="breitbart")
    _, row = only_event(load_file(write_dataset(tmp_path, [BREITBART, relay], [REPORT_AFP])))
    assert row["outlets"] == 1


def test_a_third_report_on_friday_disagrees_with_a_located_warning(tmp_path: Path) -> None:
    path = write_dataset(tmp_path, [BREITBART, AFP, WIREX], [REPORT_AFP, REPORT_WIREX])
    data, row = only_event(load_file(path))
    (warning,) = warnings(data.problems)
    text = path.read_text(encoding="utf-8").splitlines()
    assert warning.file == str(path)
    assert text[warning.line - 1].strip() == "when: on Friday"  # type: ignore[operator]
    assert warning.where == "events[airstrikes-begin].reports[#2].when"
    assert "Breitbart News says 30 Sep 2015 (on Wednesday), Wire X says 2 Oct 2015 (on Friday)" in (
        warning.message
    )
    assert "AFP says week of 28 Sep 2015 (earlier this week), Wire X says 2 Oct 2015" in (
        warning.message
    )
    assert row["disagree"] == ["date"]
    assert (row["start"].date(), row["end"].date()) == (dt.date(2015, 9, 28), dt.date(2015, 10, 2))
    assert row["outlets"] == 3


def test_a_report_quote_is_checked_against_its_own_article(tmp_path: Path) -> None:
    wrong = REPORT_AFP.replace("earlier this week\n", "earlier this week #<\n", 1).replace(
        "quote: Russia started air strikes earlier this week", "quote: Russia began airstrikes"
    )
    path = write_dataset(tmp_path, [BREITBART, AFP], [wrong])
    (error,) = errors(load_file(path).problems)
    assert error.where == "events[airstrikes-begin].reports[#1].quote"
    assert "is not in the article afp.txt" in error.message


@pytest.mark.parametrize(
    ("report", "where", "says"),
    [
        ("      - source: afpp\n        when: earlier this week\n", "source", "did you mean 'afp'"),
        ("      - source: afp\n        quote: Russia started\n", "", "has no date"),
        ("      - source: afp\n        whn: x\n", "whn", "did you mean 'when'"),
        ("      - when: earlier this week\n", "source", "is required"),
    ],
)
def test_bad_reports_are_located_errors(tmp_path: Path, report: str, where: str, says: str) -> None:
    path = write_dataset(tmp_path, [BREITBART, AFP], [report])
    data = load_file(path)
    found = [p for p in errors(data.problems) if p.where.startswith("events[airstrikes-begin]")]
    assert found, [str(p) for p in data.problems]
    assert found[0].where.removeprefix("events[airstrikes-begin].reports[#1]").strip(".") == where
    assert says in found[0].message
    assert data.invalid and not data.events


def test_an_event_without_reports_is_unchanged(tmp_path: Path) -> None:
    path = write_dataset(tmp_path, [BREITBART], [])
    text = path.read_text(encoding="utf-8").replace("    reports:\n", "")
    path.write_text(text, encoding="utf-8")
    _, row = only_event(load_file(path))
    assert (row["outlets"], row["disagree"], row["reports"]) == (1, [], [])
    assert str(row["how"]).startswith("rule weekday")


def reading(outlet: str, span: Span, status: str = "reported", *figures: Figure) -> rep.Reading:
    return rep.Reading(outlet.lower(), outlet, None, span, None, status, None, tuple(figures))


def days(first: dt.date, length: int) -> Span:
    last = first + dt.timedelta(days=length)
    return Span(first, last, "range", f"{day_label(first)} – {day_label(last)}", "test")


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("confirmed", "claimed", True),
        ("confirmed", "disputed", True),
        ("reported", "disputed", True),
        ("reported", "confirmed", False),
        ("claimed", "claimed", False),
    ],
)
def test_status_clashes(a: str, b: str, clash: bool) -> None:
    span = days(dt.date(2015, 9, 30), 0)
    assert (rep.status_clash([reading("A", span, a), reading("B", span, b)]) is not None) is clash


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (Figure(value=2900, qualifier="nearly", measure="m"), Figure(value=2400, measure="m"), 1),
        (Figure(value=2900, qualifier="nearly", measure="m"), Figure(value=2850, measure="m"), 0),
        (Figure(value=2000, qualifier="over", measure="m"), Figure(value=2400, measure="m"), 0),
        (Figure(value=2900, measure="m"), Figure(value=2400, measure="other"), 0),
        (Figure(value=1, low=1, high=5, measure="m"), Figure(value=6, measure="m"), 1),
    ],
)
def test_figure_clashes(a: Figure, b: Figure, clash: int) -> None:
    span = days(dt.date(2015, 9, 30), 0)
    found = rep.figure_clashes([reading("A", span, "reported", a), reading("B", span, "r", b)])
    assert len(found) == clash


DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2016, 12, 31))


SPANS = st.builds(days, DAYS, st.integers(0, 60))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SPANS, min_size=1, max_size=4), st.data())
def test_an_agreeing_report_never_moves_the_event_outside_its_span(
    spans: list[Span], data: st.DataObject
) -> None:
    readings = [reading(f"O{i}", s) for i, s in enumerate(spans)]
    before = rep.agreed(readings) or rep.union(readings)
    day = before.start + dt.timedelta(days=data.draw(st.integers(0, before.days - 1)))
    back, ahead = data.draw(st.integers(0, 30)), data.draw(st.integers(0, 30))
    agreeing = days(day - dt.timedelta(days=back), back + ahead)  # it shares a day with it
    after = rep.agreed([*readings, reading("New", agreeing)])
    if rep.agreed(readings) is not None:
        assert after is not None
        assert before.start <= after.start and after.end <= before.end
        assert after.start <= day <= after.end


def test_the_example_dataset_shows_agreeing_relayed_and_disagreeing_reports() -> None:
    data = load_file(Path(__file__).parent.parent / "examples" / "reports.yaml")
    assert not errors(data.problems), [str(p) for p in data.problems]
    frame = to_frame(data).set_index("id")
    assert frame.loc["airstrikes-begin", "label"] == "30 Sep 2015"
    assert frame.loc["airstrikes-begin", "outlets"] == 2  # AFP and its GlobalPost relay: one
    assert frame.loc["documentary-airs", "disagree"] == ["date"]
    assert frame.loc["kadyrov-agent-network-claim", "disagree"] == ["status"]
    assert frame.loc["fsb-2900-russians-with-is", "disagree"] == [
        "figure:Russians fighting with IS"
    ]


@given(st.lists(SPANS, min_size=1, max_size=12))
def test_clashes_are_real_and_found_whenever_the_reports_share_no_day(spans: list[Span]) -> None:
    readings = [reading(f"O{i}", s) for i, s in enumerate(spans)]
    found = rep.clashes(readings)
    assert all(not readings[i].span.overlaps(readings[j].span) and i < j for i, j in found)
    assert bool(found) == (rep.agreed(readings) is None)


def test_many_reports_are_compared_in_linear_time() -> None:
    """One event with 20,000 reports is not a quadratic load (all pairs: 200 million)."""
    day = dt.date(2015, 9, 30)
    figure = Figure(value=10, measure="m")
    readings = [reading(f"O{i}", days(day, i % 7), "reported", figure) for i in range(20_000)]
    readings.append(reading("Late", days(day + dt.timedelta(days=30), 0), "disputed"))
    readings.append(reading("High", days(day, 0), "reported", Figure(value=99, measure="m")))
    assert rep.clashes(readings)[0] == (0, 20_000)
    assert rep.status_clash(readings) == (0, 20_000)
    assert rep.figure_clashes(readings) == [("m", 0, 20_001)]


def test_a_report_from_the_event_own_source_is_warned_of(tmp_path: Path) -> None:
    again = "      - source: breitbart\n        when: on Wednesday\n        quote: Russia began\n"
    data = load_file(write_dataset(tmp_path, [BREITBART, AFP], [REPORT_AFP, again]))
    (warning,) = warnings(data.problems)
    assert warning.where == "events[airstrikes-begin].reports[#2].source"
    assert "is already a source of this event" in warning.message
    _, row = only_event(data)
    assert row["outlets"] == 2
