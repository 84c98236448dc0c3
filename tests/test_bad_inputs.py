"""Every bad or hostile input in tests/bad_inputs/ gets a clear, located answer.

Each file goes through the command line as a user runs it (a separate process, so a
crash would fail the test rather than end it; bounded in time and memory) and
through the loader, which raises a typed error listing every problem.
"""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from timeline.dataset.load import load_checked, load_file
from timeline.dataset.types import DatasetError

BAD = ROOT / "tests" / "bad_inputs"
SMALL_LIMIT_MB = 0.002  # too-big.yaml is 3 KB: the limit is configurable, so test it small

# file -> (line, field, what the message says); None where the file has no line to name
CASES = {
    "empty.yaml": (None, "", "the file is empty"),
    "not-yaml.yaml": (2, "", "not valid YAML"),
    "top-level-list.yaml": (1, "", "the top level must be a mapping"),
    "tabs.yaml": (13, "", "indented with a tab"),
    "not-utf8.yaml": (14, "", "byte 0xe9 is not UTF-8 text"),
    "too-big.yaml": (None, "", "is larger than the 0.002 MB limit"),
    "deep-nesting.yaml": (None, "", "nested deeper than 64 levels"),
    "alias-bomb.yaml": (1, "", "'billion laughs'"),
    "python-tag.yaml": (14, "events[strikes].title", "the tag !!python/object/apply:os.system"),
    "duplicate-key.yaml": (21, "events[strikes].status", "given twice in one mapping"),
    "wrong-type.yaml": (17, "events[strikes].actors", "must be a list"),
    "missing-field.yaml": (13, "events[strikes].quote", "is required"),
    "unknown-field.yaml": (20, "events[strikes].actor", "did you mean 'actors'?"),
    "unknown-actor.yaml": (17, "events[strikes].actors[#2]", "unknown actor 'kremlin'"),
    "unknown-source.yaml": (15, "events[strikes].source", "did you mean 'wire'?"),
    "duplicate-id.yaml": (21, "events[strikes].id", "'strikes' is used twice"),
    "impossible-date.yaml": (20, "events[strikes].date", "'2015-02-30' is not a real date"),
    "end-before-start.yaml": (20, "events[strikes].date", "is before the start"),
    "unparseable-phrase.yaml": (16, "events[strikes].when", "cannot read 'at some point'"),
    "quote-not-in-article.yaml": (20, "events[strikes].quote", "is not in the article"),
    "absolute-article-path.yaml": (7, "sources[wire].text", "is an absolute path"),
    "escaping-article-path.yaml": (7, "sources[wire].text", "leaves the dataset's folder"),
    "bad-url.yaml": (6, "sources[wire].url", "must be an http:// or https:// address"),
    "bad-status.yaml": (19, "events[strikes].status", "'rumoured' is not one of"),
    "bad-kind.yaml": (18, "events[strikes].kind", "did you mean 'military'?"),
    "non-numeric-figure.yaml": (22, "events[strikes].figures[#1].value", "must be a number"),
}
MEMORY = 3 * 1024**3  # address space for the child: python, pandas and numpy need ~1.5 GB


def test_every_file_in_the_folder_is_a_case():
    files = {p.name for p in BAD.glob("*.yaml")} - {"bom-and-crlf.yaml"}
    assert files == set(CASES)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_line_answers_with_file_line_field(name):
    line, where, message = CASES[name]
    limit = ["--max-mb", str(SMALL_LIMIT_MB)] if name == "too-big.yaml" else []
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "check", str(BAD / name), *limit],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limits,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    place = f"{BAD / name}:{line}: error: " if line else f"{BAD / name}: error: "
    expected = place + (f"{where}: " if where else "")
    assert any(row.startswith(expected) and message in row for row in output.splitlines()), output


@pytest.mark.parametrize("name", sorted(CASES))
def test_loader_raises_a_typed_error_listing_every_problem(name):
    line, where, message = CASES[name]
    with pytest.raises(DatasetError) as raised:
        limit = int(SMALL_LIMIT_MB * 1024 * 1024) if name == "too-big.yaml" else None
        load_checked(BAD / name, max_bytes=limit)
    problems = raised.value.problems
    assert problems and all(p.severity == "error" for p in problems)
    assert any(p.line == line and p.where == where and message in p.message for p in problems)
    assert message in str(raised.value)


def test_byte_order_mark_and_crlf_are_accepted_silently():
    data = load_file(BAD / "bom-and-crlf.yaml")
    assert data.problems == [] and [e.event.id for e in data.events] == ["strikes"]


def test_article_outside_the_folder_is_never_read(monkeypatch):
    opened = []
    real_read_text = type(BAD).read_text

    def spy(self, *args, **kwargs):
        opened.append(str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(type(BAD), "read_text", spy)
    load_file(BAD / "escaping-article-path.yaml")
    load_file(BAD / "absolute-article-path.yaml")
    assert not any("passwd" in path for path in opened)
