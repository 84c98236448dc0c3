"""The curation assistant: phrases found, resolved as the normaliser does, actors, cues."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import EVENTS, ROOT
from timeline.dataset.cache import open_bytes
from timeline.dataset.load import load_bytes, load_file
from timeline.dataset.yamlread import read_yaml
from timeline.dates import DateError, read
from timeline.merge import merge
from timeline.suggest import phrases, sentences, suggest
from timeline.yamlwrite import event_block, source_block

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def data():
    return load_file(EVENTS)


def test_recall_on_the_seed_articles_is_complete(data):
    """Every event with a phrase: found in its article, resolved as its `when` is."""
    wanted, found = 0, 0
    for item in data.events:
        event = item.event
        if not event.when:
            continue
        wanted += 1
        source = data.sources[event.source]
        text = (ROOT / source.text).read_text(encoding="utf-8")
        same = [
            c
            for c in suggest(text, source.published, data)
            if c.phrase.text.lower() == event.when.lower()
        ]
        try:
            expected = read(event.when, source.published, event.direction, event.quote or "")
        except DateError:
            expected = None
        if any(_meaning(c.phrase.span) == _meaning(expected) for c in same):
            found += 1
        else:
            print(f"missed: {event.id}: {event.when!r} → {[c.phrase for c in same]}")
    print(f"recall: {found} of {wanted} date phrases in events.yaml")
    assert wanted == 12
    assert found == wanted


def _meaning(span):
    """A span's days, precision and label (its `how` may add what decided the direction)."""
    return None if span is None else (span.start, span.end, span.precision, span.label)


# phrase rules on short articles written for the tests: text, published, expected phrases
RULES = [
    (
        "The talks began on Monday.",
        "2016-02-10",  # Wednesday
        [("on Monday", "2016-02-08", "2016-02-08", "day")],
    ),
    (
        "He spoke on Wednesday morning.",
        "2016-02-10",  # the publication weekday itself
        [("on Wednesday morning", "2016-02-10", "2016-02-10", "day")],
    ),
    (
        "The film is set to air on Friday.",
        "2016-02-10",  # future cue
        [("on Friday", "2016-02-12", "2016-02-12", "day")],
    ),
    (
        "The minister will visit Grozny on Monday.",
        "2016-02-10",
        [("on Monday", "2016-02-15", "2016-02-15", "day")],
    ),
    (
        "Troops arrived in mid-June.",
        "2015-10-01",
        [("in mid-June", "2015-06-11", "2015-06-20", "part-of-month")],
    ),
    (
        "Fighting resumed in early March and ended late April.",
        "2015-10-01",
        [
            ("in early March", "2015-03-01", "2015-03-10", "part-of-month"),
            ("late April", "2015-04-21", "2015-04-30", "part-of-month"),
        ],
    ),
    (
        "A video released last September shows them.",
        "2015-10-01",
        [("last September", "2015-09-01", "2015-09-30", "month")],
    ),
    (
        "He has ruled the region since 2007.",
        "2016-02-09",
        [("since 2007", "2007-01-01", "2007-12-31", "year")],
    ),
    (
        "Officials met earlier this week.",
        "2016-02-11",  # Thursday
        [("earlier this week", "2016-02-08", "2016-02-10", "week")],
    ),
    (
        "The decision comes tomorrow.",
        "2016-02-09",
        [("tomorrow", "2016-02-10", "2016-02-10", "day")],
    ),
    (
        "The report came out yesterday.",
        "2016-02-09",
        [("yesterday", "2016-02-08", "2016-02-08", "day")],
    ),
    (
        "In July, the figure was 2,200.",
        "2015-10-01",
        [("In July", "2015-07-01", "2015-07-31", "month")],
    ),
    (
        "It was first reported on 30 September 2015 by TASS.",
        "2016-02-09",
        [("on 30 September 2015", "2015-09-30", "2015-09-30", "day")],
    ),
    (
        "The camp opened in August 2014.",
        "2016-02-09",
        [("in August 2014", "2014-08-01", "2014-08-31", "month")],
    ),
    ("The group has fought for two years, and a number of years before that.", "2016-02-09", []),
    ("We know that a second official, Mr May, may speak at 2,200 events.", "2016-02-09", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), RULES)
def test_phrase_rules_with_exact_spans(text, published, expected):
    found = [
        (p.text, p.span.start, p.span.end, p.span.precision)
        for p in phrases(text, D(published))
        if p.span
    ]
    assert found == [(t, D(s), D(e), prec) for t, s, e, prec in expected]


def test_a_phrase_with_no_date_of_its_own_is_found_and_left_for_a_pin():
    [phrase] = phrases("Kadyrov at the time conceded it.", D("2016-02-09"))
    assert (phrase.text, phrase.span) == ("at the time", None)
    assert "pin it" in phrase.note
    assert phrases("At the time being, around 2,200 people.", D("2015-10-01")) == []


def test_sentences_are_verbatim():
    text = "First one. Second “quoted.” Third?\n\nFourth line\nFifth."
    assert sentences(text) == ["First one.", "Second “quoted.”", "Third?", "Fourth line", "Fifth."]


def test_actors_new_names_and_cues(data):
    text = (
        "Putin and Obama met in New York on Monday. "
        "Alexander Rogatkin claimed in July that Kadyrov denied it."
    )
    first, second = suggest(text, D("2015-10-01"), data)
    assert first.actors == ["putin", "obama"] and first.new_names == ["New York"]
    assert (first.kind, first.status) == ("meeting", "reported")
    assert second.actors == ["kadyrov"] and second.new_names == ["Alexander Rogatkin"]
    assert (second.kind, second.status) == ("claim", "disputed")
    assert (second.kind_cue, second.status_cue) == ("claimed", "denied")


def test_candidates_already_in_the_dataset_are_noticed(data):
    text = (ROOT / "articles" / "003_7a4827f16c12f214.txt").read_text()
    by_phrase = {c.phrase.text: c for c in suggest(text, D("2016-02-09"), data)}
    assert by_phrase["on Tuesday"].duplicates == ["events[chechen-source-volunteers] (same quote)"]
    assert by_phrase["At the same time"].duplicates == []


def run_suggest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "suggest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_suggest_command_prints_reviewable_yaml_and_never_touches_the_dataset():
    before = EVENTS.read_bytes()
    result = run_suggest(
        "articles/003_7a4827f16c12f214.txt",
        "--published",
        "2016-02-09",
        "--outlet",
        "Agence France-Presse",
        "--into",
        "events.yaml",
    )
    assert result.returncode == 0, result.stderr
    assert EVENTS.read_bytes() == before
    plain = yaml.safe_load(result.stdout)
    assert plain["sources"] == [
        {
            "id": "agence-france-presse-2016-02-09",
            "title": "Chechen strongman claims Russian spies are infiltrating Islamic State",
            "outlet": "Agence France-Presse",
            "published": "2016-02-09",
            "text": "articles/003_7a4827f16c12f214.txt",
        }
    ]
    whens = [e["when"] for e in plain["events"]]
    assert whens == [
        "since 2007",
        "on Wednesday",
        "on Tuesday",
        "in December",
        "at the time",
        "At the same time",
        "in December",
    ]
    airs = plain["events"][1]
    assert airs["direction"] == "future" and airs["actors"] == ["kadyrov", "rossiya-1"]
    assert "# 10 Feb 2016 (day): " in result.stdout
    assert "auto: the verb 'a documentary set to air on state' looks ahead ('set to')" in (
        result.stdout
    )
    assert "7 candidate events" in result.stderr and "6 look like events already" in result.stderr


def test_suggest_command_answers_bad_input_clearly(tmp_path):
    missing = run_suggest(str(tmp_path / "nope.txt"), "--published", "2016-02-09")
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    bad_date = run_suggest("articles/003_7a4827f16c12f214.txt", "--published", "9 Feb")
    assert bad_date.returncode == 2 and "is not a date: write YYYY-MM-DD" in bad_date.stderr
    assert "Traceback" not in missing.stderr + bad_date.stderr


NEW_ARTICLE = "Moscow said on Monday that Kadyrov met Putin in the Kremlin.\n"


def test_merged_dataset_keeps_the_original_text_and_passes_check(data):
    original = EVENTS.read_text(encoding="utf-8")
    [candidate] = suggest(NEW_ARTICLE, D("2016-03-02"), data)
    source = {
        "id": "new-wire",
        "title": "New",
        "outlet": "Wire",
        "published": "2016-03-02",
        "text": "articles/new-wire.txt",
    }
    merged = merge(
        original,
        read_yaml(original, "events.yaml").lines,
        source_block(source),
        [event_block(candidate, "new-wire", notes=False)],
    )
    assert merged.startswith(original.split("sources:")[0])  # the header comments are kept
    checked = load_bytes(merged.encode(), "events.yaml", ROOT, given={source["text"]: NEW_ARTICLE})
    assert checked.ok, [str(p) for p in checked.problems]
    assert not (ROOT / source["text"]).exists()  # checked without being written
    assert checked.total == 26
    added = next(e for e in checked.events if e.event.source == "new-wire")
    assert (added.span.label, added.event.actors) == ("29 Feb 2016", ["russia", "kadyrov", "putin"])


def test_add_an_article_page_builds_a_checked_merge(monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at._page_hash = calc_hash("add-article")
    at.run()
    at.text_area(key="cur_text").set_value(NEW_ARTICLE)
    at.text_input(key="cur_published").set_value("9 Feb").run()
    assert at.error[0].value.startswith("“9 Feb” is not a date: write it as YYYY-MM-DD")
    at.text_input(key="cur_published").set_value("2016-03-02")
    at.text_input(key="cur_outlet").set_value("Wire")
    at.run()
    assert not at.exception
    [editor] = at.dataframe
    rows = editor.value.to_dict("records")
    assert [(r["when"], r["resolves to"], r["actors"], r["add"]) for r in rows] == [
        ("on Monday", "29 Feb 2016", "russia, kadyrov, putin", True)
    ]
    assert "1 candidate events." in next(m.value for m in at.markdown if "candidate" in m.value)
    assert at.success[0].value == "The merged dataset passes check: 26 events."
    assert [re.sub(r"\\(.)", r"\1", b.label) for b in at.get("download_button")] == [
        "Download the merged events.yaml",
        "Download the article as articles/wire-2016-03-02.txt",
    ]


def test_the_merged_check_never_reads_or_writes_outside_its_folder(tmp_path):
    """The new article is checked from memory (nothing is written), and a dataset's
    `text: ../..` names no file outside its folder to read, in the merged check too."""
    dataset_dir = tmp_path / "a" / "b" / "c"
    dataset_dir.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("the server's secret", encoding="utf-8")
    merged = (
        "sources:\n"
        "  - {id: sneaky, title: t, outlet: o, published: 2015-01-01, text: ../../../secret.txt}\n"
        "  - {id: new, title: t, outlet: o, published: 2015-01-01, text: articles/a.txt}\n"
        "actors:\n  - {id: x, name: X, affiliation: Y}\n"
        "events:\n"
        "  - {id: e1, title: T, when: in May, actors: [x], source: sneaky, kind: statement,\n"
        "     status: reported, quote: the server's secret}\n"
        "  - {id: e2, title: T, when: in May, actors: [x], source: new, kind: statement,\n"
        "     status: reported, quote: new text}\n"
    )
    before = sorted(tmp_path.rglob("*"))
    for folder in (dataset_dir, None):  # a dataset on disk, an upload
        for words, right in (("new text", True), ("other words", False)):
            given = {"articles/a.txt": words}
            checked = open_bytes(merged.encode(), "events.yaml", folder, given=given).data
            flagged = any(p.where == "events[e2].quote" for p in checked.problems)
            assert flagged is not right  # the given article was the one checked
    assert sorted(tmp_path.rglob("*")) == before  # nothing written
    on_disk = open_bytes(merged.encode(), "events.yaml", dataset_dir, given={"articles/a.txt": "x"})
    assert any("leaves the dataset's folder" in p.message for p in on_disk.data.problems)
    assert any("e1" in name for name in on_disk.data.invalid)  # the secret's quote is not "valid"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Rebels took the town on Aug. 7 and held it.", [("on Aug. 7", "7 Aug 2015")]),
        # a present ("is") says nothing; "said" governs another clause: the nearer reading
        ("The deadline is Jan. 14, officials said.", [("Jan. 14", "14 Jan 2016")]),
        ("On 7 August the town fell.", [("On 7 August", "7 Aug 2015")]),
        ("Sales fell in the third quarter of 2014.", [("the third quarter of 2014", "Q3 2014")]),
        ("Output rose in Q2 2015.", [("Q2 2015", "Q2 2015")]),
        ("Talks resumed last fall.", [("last fall", "autumn 2014")]),
        ("He fought there in the early 1990s.", [("the early 1990s", "early 1990s")]),
        ("The 20th century saw two wars.", [("The 20th century", "20th century")]),
        ("Prices fall in spring.", []),  # a verb and a bare season: not a date
        ("It ended the same day.", [("the same day", None)]),  # found, left for a pin
    ],
)
def test_the_finder_keeps_month_and_day_whole_and_finds_coarse_spans(sentence, found):
    got = [(p.text, p.span.label if p.span else None) for p in phrases(sentence, D("2015-10-01"))]
    assert got == found


# --- round three: relative phrases, holidays, spelled years, direction auto, datelines ----
FOUND = [
    ("Rebels took the town earlier this month.", "2015-06-22", "earlier this month", "2015-06-01"),
    ("Jets landed over the weekend.", "2015-10-01", "over the weekend", "2015-09-26"),
    ("The deal was floated in June last year.", "2016-01-06", "in June last year", "2015-06-01"),
    ("The base will grow early next year.", "2016-03-15", "early next year", "2017-01-01"),
    ("Shelling continued through Christmas.", "2016-01-06", "Christmas", "2015-12-25"),
    ("The war ended in nineteen ninety-six.", "2015-10-01", "in nineteen ninety-six", "1996-01-01"),
    ("The town fell two weeks ago.", "2016-09-10", "two weeks ago", "2016-08-22"),
    ("Talks are due to resume on Jan. 14.", "2016-01-06", "on Jan. 14", "2016-01-14"),
    ("The new rules take effect July 1.", "2015-06-22", "July 1", "2015-07-01"),
    ("The jets arrived about two weeks ago.", "2015-10-01", "about two weeks ago", "2015-09-14"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "start"), FOUND)
def test_the_finder_finds_and_reads_round_three_forms(sentence, published, text, start):
    [found] = phrases(sentence, D(published))
    assert (found.text, found.span and found.span.start) == (text, D(start))


def test_two_thousand_people_is_a_count_not_a_year():
    assert phrases("Two thousand people fled, and twenty-five were hurt.", D("2015-10-01")) == []


def test_a_dateline_is_recognised_and_not_offered_as_an_event(data):
    from timeline.suggest import dateline

    text = "GROZNY, March 1 (Reuters) - Police sealed off the village on Tuesday."
    filed = dateline(text, D("2016-03-02"))
    assert filed is not None and (filed.place, filed.text) == ("GROZNY", "March 1")
    assert "reads as 1 Mar 2016, but the publication date given is 2 Mar 2016" in filed.note
    [candidate] = suggest(text, D("2016-03-02"), data)
    assert candidate.phrase.text == "on Tuesday"
    same = dateline("MOSCOW, Oct. 1 (AP) — Russia said so.", D("2015-10-01"))
    assert same is not None and same.agrees and "matches the publication date" in same.note
    assert dateline("Moscow said on Oct. 1 that it would.", D("2015-10-01")) is None


def test_the_add_an_article_page_warns_when_the_dateline_disagrees(monkeypatch):
    """A dateline that does not match the publication date given is a warning on the page
    (one that matches is a quiet caption), and it is never offered as a candidate."""
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at._page_hash = calc_hash("add-article")
    at.run()
    at.text_area(key="cur_text").set_value("GROZNY, March 1 (Reuters) - " + NEW_ARTICLE)
    at.text_input(key="cur_published").set_value("2016-03-02").run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "Dateline" in w.value]
    assert warning.startswith("Dateline GROZNY, March 1 reads as 1 Mar 2016, but the publication")
    [editor] = at.dataframe
    assert [r["when"] for r in editor.value.to_dict("records")] == ["on Monday"]
    at.text_input(key="cur_published").set_value("2016-03-01").run()
    assert not [w for w in at.warning if "Dateline" in w.value]
    assert any(c.value.startswith("Dateline GROZNY, March 1: matches") for c in at.caption)


def test_a_holiday_the_finder_finds_is_one_the_normaliser_reads():
    """One list of holidays for both: with a curly apostrophe, and never "Russia" alone."""
    [found] = phrases("Fireworks were banned on New Year’s Day in Russia.", D("2016-01-06"))
    assert (found.text, found.span and found.span.label) == ("New Year’s Day", "1 Jan 2016")
    assert phrases("Russia claimed victory in Syria.", D("2016-01-06")) == []


def many_dates(n: int) -> str:
    """One sentence listing ``n`` dates (2,000 made a 72 MB YAML: every candidate carried
    the whole sentence)."""
    dates = ", ".join(f"{1 + i % 28} March 2015" for i in range(n))
    return f"Officials said the strikes came on {dates}.\n"


@pytest.fixture
def rules_only(monkeypatch):
    """The project's own phrase rules, without dateparser's slower search (not measured here)."""
    monkeypatch.setattr("timeline.suggest.search_dates", lambda *args, **kwargs: [])


def test_a_sentence_is_written_once_and_referred_to(rules_only):
    from timeline.yamlwrite import to_yaml

    text = many_dates(2_000)
    candidates = suggest(text, D("2015-10-01"))
    written = to_yaml({"id": "wire", "title": "A wire story"}, candidates)
    assert len(candidates) == 2_000 and len(written) < 40 * len(text)  # was 2,000 times
    assert written.count(" ".join(text.split())) == 1
    events = read_yaml(written, "suggested.yaml").data["events"]
    assert all(e["quote"] == " ".join(text.split()) for e in events)


def test_suggest_memory_grows_with_the_article_not_its_square(rules_only):
    """tracemalloc's peak while suggesting and writing, at 1,000 and 2,000 dates."""
    from tests.growth import LINEAR, memory_ratio
    from timeline.yamlwrite import to_yaml

    def make(n):
        text = many_dates(n)
        return lambda: to_yaml({"id": "wire"}, suggest(text, D("2015-10-01")))

    assert memory_ratio(make, 1_000) <= LINEAR
