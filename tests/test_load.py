"""The loader: one broken file per kind of error, each message located by line and field.

In each case the line the problem must point at carries the comment ``#<``.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import EVENT, HEADER, dataset_text
from timeline.dataset.load import load_bytes, load_file
from timeline.problems import errors, warnings


def expected_line(text: str) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if "#<" in line]
    assert len(lines) == 1, "each case marks exactly one line"
    return lines[0]


def event(**changes: str | None) -> str:
    """The valid event with some fields changed (value None removes the field)."""
    lines = EVENT.splitlines()
    out = []
    for line in lines:
        key = line.strip().removeprefix("- ").split(":")[0]
        if key in changes:
            value = changes.pop(key)
            if value is not None:
                out.append(line.split(":")[0] + ": " + value)
        else:
            out.append(line)
    out += [f"    {key}: {value}" for key, value in changes.items() if value is not None]
    return "\n".join(out) + "\n"


CASES = {
    "wrong type": (event(title="[a, list] #<"), "events[strikes].title", "must be text"),
    "not a list": (event(actors="russia #<"), "events[strikes].actors", "must be a list"),
    "missing field": (
        event(quote=None).replace("  - id: strikes", "  - id: strikes #<"),
        "events[strikes].quote",
        "is required; add `quote: …`",
    ),
    "unknown field": (
        event(actors=None, actor="[russia] #<"),
        "events[strikes].actor",
        "did you mean 'actors'?",
    ),
    "bad kind": (event(kind="militray #<"), "events[strikes].kind", "did you mean 'military'?"),
    "bad status": (event(status="rumour #<"), "events[strikes].status", "is not one of reported"),
    "not a slug": (event(id="Strikes Begin #<"), "events[Strikes Begin].id", "must be a slug"),
    "unknown actor": (
        event(actors="[russia, puttin] #<"),
        "events[strikes].actors[#2]",
        "unknown actor 'puttin'; did you mean 'putin'?",
    ),
    "unknown source": (
        event(source="wires #<"),
        "events[strikes].source",
        "unknown source 'wires'",
    ),
    "unparseable phrase, no pin": (
        event(when="at some point #<"),
        "events[strikes].when",
        "cannot read 'at some point' as a date (looking past from 2015-10-01); pin the date "
        "with `date:` and say why in `date_note:`",
    ),
    "anaphora, no pin": (
        event(when="the same day #<"),
        "events[strikes].when",
        "'the same day' is dated only by another event it refers to; pin it with `date:` "
        "(that event's date) and say which event in `date_note:`",
    ),
    "impossible date": (event(date="2015-02-30 #<"), "events[strikes].date", "not a real date"),
    "end before start": (
        event(when=None, date="2015-10-01/2015-09-01 #<"),
        "events[strikes].date",
        "is before the start",
    ),
    "no date at all": (
        event(when=None).replace("  - id: strikes", "  - id: strikes #<"),
        "events[strikes]",
        "has no date",
    ),
    "quote not in article": (
        event(quote="the strikes ended. #<"),
        "events[strikes].quote",
        "is not in the article article.txt (it matches up to 'the strikes', then differs)",
    ),
    "pin disagrees, no note": (
        event(date="2014-09-30 #<"),
        "events[strikes].date",
        "the pin 30 Sep 2014 is outside 30 Sep 2015",
    ),
    "bad figure": (
        event() + "    figures:\n      - value: 2,200 #<\n        measure: people\n",
        "events[strikes].figures[#1].value",
        "must be a number (write 2200, not 2,200)",
    ),
    "figure claimant unknown": (
        event() + "    figures:\n      - value: 2200\n        measure: people\n"
        "        claimant: kremlin #<\n",
        "events[strikes].figures[#1].claimant",
        "unknown actor 'kremlin'",
    ),
    "duplicate key": (
        event() + "    title: Again #<\n",
        "events[strikes].title",
        "the key 'title' is given twice in one mapping (first at line 18)",
    ),
    "time on a month": (
        event(when=None, date="2015-09", time='"17:16" #<'),
        "events[strikes].time",
        "a time of day needs a date to the day; this event's is Sep 2015 (month)",
    ),
    "not a time": (
        event(time='"25:00" #<'),
        "events[strikes].time",
        "must be a time of day written HH:MM or HH:MM:SS, e.g. \"17:16\"; got '25:00'",
    ),
    "media scheme": (
        event() + "    media:\n      url: javascript:alert(1) #<\n",
        "events[strikes].media.url",
        "must be an http:// or https:// address, or a relative path",
    ),
    "media field": (
        event() + "    media:\n      url: https://example.org/a.png\n      captoin: A #<\n",
        "events[strikes].media.captoin",
        "did you mean 'caption'?",
    ),
    "python tag": (
        event(title="!!python/object/apply:os.system ['echo pwned'] #<"),
        "events[strikes].title",
        "the tag !!python/object/apply:os.system is not allowed",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_event_is_reported_at_its_line_and_field(write, case):
    block, where, message = CASES[case]
    text = dataset_text(block)
    data = load_file(write(text))
    located = [p for p in errors(data.problems) if p.where == where and message in p.message]
    assert located, f"no error at {where} with {message!r}; got {[str(p) for p in data.problems]}"
    assert located[0].line == expected_line(text)
    assert data.events == []
    assert data.invalid == [f"events[{where.split('[')[1].split(']')[0]}] (line 17)"]


def test_duplicate_id_keeps_the_first_and_reports_the_second(write):
    text = dataset_text(EVENT, event(title="Second").replace("id: strikes", "id: strikes #<"))
    data = load_file(write(text))
    [problem] = errors(data.problems)
    assert problem.line == expected_line(text)
    assert problem.message == "'strikes' is used twice (first at line 17); ids must be unique"
    assert [e.event.title for e in data.events] == ["Strikes begin"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("sources: [\n", 2, "not valid YAML"),
        ("sources:\n\t- id: x\n", 2, "indented with a tab: YAML indents with spaces only"),
        ("- just\n- a list\n", 1, "the top level must be a mapping"),
        ("", None, "the file is empty"),
        ("# only a comment\n", None, "the file is empty"),
        ("sources: []\nactors: []\nevent: []\n", 3, "did you mean 'events'?"),
        ("sources: []\nactors: []\n", 1, "the section `events:` is missing"),
        ("sources: {}\nactors: []\nevents: []\n", 1, "must be a list of sources"),
    ],
)
def test_file_level_problems(write, text, line, message):
    data = load_file(write(text))
    assert any(p.line == line and message in p.message for p in errors(data.problems)), [
        str(p) for p in data.problems
    ]


def test_bytes_that_are_not_utf8_name_their_line(tmp_path):
    raw = HEADER.encode() + b"  - id: caf\xe9\n"
    data = load_bytes(raw, "x.yaml", tmp_path)
    [problem] = data.problems
    assert (problem.line, problem.message) == (
        17,
        "byte 0xe9 is not UTF-8 text; save the file as UTF-8",
    )


def test_bom_and_crlf_are_accepted(write):
    path = write("")
    text = "\ufeff" + dataset_text(EVENT).replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    data = load_file(path)
    assert data.problems == []
    assert [e.event.id for e in data.events] == ["strikes"]


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    data = load_file(tmp_path / "nope.yaml")
    assert [p.message for p in data.problems] == ["cannot read: No such file or directory"]


@pytest.mark.parametrize(
    ("text_path", "message"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("../outside.txt", "leaves the dataset's folder"),
        ("missing.txt", "does not exist"),
    ],
)
def test_article_paths_are_confined_to_the_dataset_folder(write, text_path, message):
    text = dataset_text(EVENT).replace("text: article.txt", f"text: {text_path} #<")
    data = load_file(write(text))
    problem, unchecked = errors(data.problems)
    assert problem.where == "sources[wire].text"
    assert problem.line == expected_line(text)
    assert message in problem.message
    # its event is not shown as checked: its quote could not be
    assert unchecked.where == "events[strikes].quote" and data.events == []
    assert "the article of source 'wire' was refused" in unchecked.message


def test_source_url_must_be_http(write):
    text = dataset_text(EVENT).replace(
        "url: https://example.org/story", "url: javascript:alert(1) #<"
    )
    problem = errors(load_file(write(text)).problems)[0]
    assert (problem.where, problem.line) == ("sources[wire].url", expected_line(text))
    assert "must be an http:// or https:// address" in problem.message


def test_every_problem_is_collected_in_one_run(write):
    text = dataset_text(
        event(id="one", kind="bogus"),
        event(id="two", actors="[nobody]"),
        event(id="three", when="at the time"),
        event(id="four"),
    )
    data = load_file(write(text))
    assert [p.where for p in errors(data.problems)] == [
        "events[one].kind",
        "events[two].actors[#1]",
        "events[three].when",
    ]
    assert [e.event.id for e in data.events] == ["four"]
    assert [name.split(" ")[0] for name in data.invalid] == [
        "events[one]",
        "events[two]",
        "events[three]",
    ]


def test_pin_with_note_disagreeing_is_a_warning_and_the_pin_wins(write):
    text = dataset_text(event(date="2014-09-30", date_note="the article is wrong"))
    data = load_file(write(text))
    [problem] = data.problems
    assert problem.severity == "warning"
    assert "kept because: the article is wrong" in problem.message
    [resolved] = data.events
    assert (resolved.span.label, resolved.phrase and resolved.phrase.label) == (
        "30 Sep 2014",
        "30 Sep 2015",
    )


def test_pin_inside_the_phrase_needs_no_note(write):
    text = dataset_text(event(when="In July", date="2015-07-07", quote="In July, 2,200 people"))
    data = load_file(write(text))
    assert data.problems == []
    assert data.events[0].span.label == "7 Jul 2015"
    assert data.events[0].phrase is not None and data.events[0].phrase.label == "Jul 2015"


def test_unreadable_phrase_with_pin_warns_and_uses_the_pin(write):
    data = load_file(write(dataset_text(event(when="at the time", date="2015-09-29"))))
    assert [p.severity for p in data.problems] == ["warning"]
    assert "the pin 29 Sep 2015 is used" in data.problems[0].message
    assert data.events[0].span.start.isoformat() == "2015-09-29"


def test_quote_matches_across_line_breaks_and_quote_styles(write):
    (quote,) = ["“Officials said on\n      Wednesday that the strikes began.”"]
    text = dataset_text(event(quote=">-\n      " + quote.strip("“”")))
    data = load_file(write(text))
    assert data.problems == [] and len(data.events) == 1


def test_events_come_out_in_chronological_order(write):
    text = dataset_text(
        event(id="late", when="Thursday morning", quote="the strikes began."),
        event(id="early", when="In July", quote="In July"),
        EVENT,
    )
    data = load_file(write(text))
    assert [e.event.id for e in data.events] == ["early", "strikes", "late"]


def test_invalid_source_is_not_called_unknown(write):
    text = dataset_text(EVENT).replace("published: 2015-10-01", "published: 2015-02-30")
    data = load_file(write(text))
    assert "must be a real date written YYYY-MM-DD" in errors(data.problems)[0].message
    assert "the source 'wire' has errors of its own" in errors(data.problems)[1].message


def test_problems_print_as_file_line_severity_where_message(write):
    path = write(dataset_text(event(kind="bogus")))
    [problem] = load_file(path).problems
    assert str(problem) == (
        f"{path}:22: error: events[strikes].kind: 'bogus' is not one of military, statement, "
        "claim, estimate, media, meeting, broadcast, political, unknown"
    )


def test_warnings_alone_leave_the_dataset_ok(write):
    data = load_file(write(dataset_text(event(when="at the time", date="2015-09-29"))))
    assert data.ok and warnings(data.problems)


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_fifo_device_or_folder_is_refused_without_reading(write, tmp_path, kind):
    """stat says 0 bytes for these: a FIFO would block forever, /dev/zero never ends."""
    path = write(dataset_text(EVENT))
    article = tmp_path / "article.txt"
    article.unlink()
    if kind == "fifo":
        os.mkfifo(article)
    else:
        article.mkdir()
    data = load_file(path)
    [problem] = [p for p in data.problems if p.where == "sources[wire].text"]
    expected = {"fifo": "a FIFO (named pipe)", "folder": "a folder"}
    assert f"is {expected[kind]}, not a text file; refused (not read)" in problem.message
    assert problem.where == "sources[wire].text"


def test_a_fifo_as_the_dataset_is_refused(tmp_path):
    os.mkfifo(tmp_path / "events.yaml")
    [problem] = load_file(tmp_path / "events.yaml").problems
    assert (
        problem.message
        == "cannot read: is a FIFO (named pipe), not a text file; refused (not read)"
    )


def test_a_huge_sparse_article_is_read_no_further_than_the_limit(write, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_MAX_MB", "1")
    path = write(dataset_text(EVENT))
    with (tmp_path / "article.txt").open("r+b") as article:
        article.truncate(50 * 1024**3)  # 50 GB of holes: stat says 50 GB, reading would take long
    [problem] = [p for p in load_file(path).problems if p.where == "sources[wire].text"]
    assert "holds more than 1 MB; refused (not read)" in problem.message


@pytest.mark.parametrize(
    ("text_path", "said"),
    [("events.yaml", "is the dataset itself"), ("other.yml", "is a YAML file")],
)
def test_an_article_may_not_be_the_dataset_or_a_yaml_file(write, tmp_path, text_path, said):
    """The dataset holds every quote: as its own "article" every quote would pass."""
    (tmp_path / "other.yml").write_text("the strikes began.", encoding="utf-8")
    data = load_file(write(dataset_text(EVENT).replace("text: article.txt", f"text: {text_path}")))
    [source, quote] = errors(data.problems)
    assert source.where == "sources[wire].text" and said in source.message
    assert quote.where == "events[strikes].quote" and data.events == []


def test_a_refused_phrase_says_how_to_pin_it_once(write):
    data = load_file(write(dataset_text(event(when="the same day"))))
    [problem] = errors(data.problems)
    assert problem.message.count("`date:`") == 1, problem.message


def test_direction_auto_reads_the_event_s_quote(write):
    """`direction: auto` (the default): the verb that governs the phrase in the quote
    decides ("is due" reads ahead), and with no verb that says the reading nearer
    publication (1 Oct 2015) wins; `how` says which."""
    path = write(
        dataset_text(
            event(
                id="vote", when="in January", direction="auto", quote="The vote is due in January."
            ),
            event(
                id="meets",
                when="in November",
                direction="auto",
                quote="The assembly meets in November.",
            ),
            event(id="plain", when="in January", quote="The vote is due in January."),
            event(
                id="back", when="in January", direction="past", quote="The vote is due in January."
            ),
        )
    )
    (path.parent / "article.txt").write_text(
        "The vote is due in January. The assembly meets in November. the strikes began.",
        encoding="utf-8",
    )
    data = load_file(path)
    assert data.problems == []
    spans = {e.event.id: e.span for e in data.events}
    assert spans["vote"].label == "Jan 2016"
    assert "auto: the verb 'the vote is due' looks ahead ('is due')" in spans["vote"].how
    assert spans["meets"].label == "Nov 2015" and "no verb" in spans["meets"].how
    assert "it is nearer than Nov 2014" in spans["meets"].how
    assert spans["plain"].label == "Jan 2016"  # auto is the default
    assert spans["back"].label == "Jan 2015"  # a direction given is kept
