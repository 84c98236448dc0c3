"""Shared fixtures: the project's paths and small datasets written for a test."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.yaml"
ARTICLES = ROOT / "articles"

ARTICLE = (
    "Officials said on Wednesday that the strikes began. In July, 2,200 people were counted.\n"
)

# A small valid dataset; cases change a line of it. Line numbers matter to the tests.
HEADER = """\
sources:
  - id: wire
    title: A wire story
    outlet: Wire
    published: 2015-10-01
    url: https://example.org/story
    text: article.txt
actors:
  - id: russia
    name: Russia
    aliases: [Moscow]
    affiliation: Russia
  - id: putin
    name: Vladimir Putin
    affiliation: Russia
events:
"""

EVENT = """\
  - id: strikes
    title: Strikes begin
    source: wire
    when: on Wednesday
    actors: [russia]
    kind: military
    status: reported
    quote: the strikes began.
"""


def dataset_text(*events: str) -> str:
    """The header plus the given event blocks (each dedented to list-item level)."""
    return HEADER + "".join(textwrap.indent(textwrap.dedent(e), "  ") for e in events)


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' disk cache is a folder of their own, never the user's."""
    os.environ["TIMELINE_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def fresh_memory() -> None:
    """Each test opens datasets as a new process would (the disk cache aside)."""
    from timeline.dataset.cache import MEMORY

    MEMORY.clear()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str], Path]:
    """Write a dataset and its article into a fresh folder; return the YAML's path."""

    def _write(text: str, name: str = "events.yaml") -> Path:
        (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def cli(*args: str, cwd: Path = ROOT, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    """``python -m timeline ARGS`` in its own process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "timeline", *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def need(thing: str, present: bool, install: str) -> None:
    """Skip locally, with the reason, when a tool is missing; under CI it is a failure."""
    if present:
        return
    reason = f"{thing} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(reason + "; .ci/run should have installed it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (which cannot download its own here)."""
    need("Debian's chromium", Path(CHROMIUM).exists(), "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


# --- test lanes ------------------------------------------------------------------------
# What a test needs, found in its source, its fixtures' and the module functions it calls,
# and in its parameters; every such test is also `slow`. `make test-fast` runs
# `pytest -m "not slow"`; `make test` runs everything. Mark by hand what this cannot see.
NEEDS = {
    "browser": re.compile(r"sync_playwright|streamlit_command"),  # or the browser fixture
    "kaleido": re.compile(r"[\"'](?:png|svg|pdf)[\"']|\bimages\.|to_image"),
    "office": re.compile(r"soffice|LibreOffice"),
}
FORMATS_KALEIDO = {"png", "svg", "pdf"}  # drawn by kaleido (the PDF by its Chromium)
# a page run, a process, a deck (python-pptx takes seconds), a generated dataset, or a
# growth measurement (tests/growth.py times or weighs a task at two sizes)
SLOW = re.compile(
    r"\bAppTest\b|\bcli\(|\bsubprocess\.|\bnpm\b|[\"']pptx[\"']|\bgenerate\("
    r"|\b(?:time|memory)_ratio\("
)
# Over a few seconds here with nothing above to show it: marked by name, each checked to
# exist whenever its file is collected (a renamed test is an error, not a silent fast one).
SLOW_BY_NAME = {
    "tests/test_timelinejs.py::test_export_then_import_keeps_ids_titles_dates_precision",
    "tests/test_layout.py::test_labels_never_overlap_and_no_event_is_lost",
    "tests/test_charts.py::test_the_figure_made_without_validation_is_the_validated_figure",
    "tests/test_charts.py::test_an_event_with_5000_actors_draws_small",
    "tests/test_dates.py::test_a_flagged_label_reads_back_with_its_flags",
    "tests/test_suggest.py::test_recall_on_the_seed_articles_is_complete",
    "tests/test_suggest.py::test_a_sentence_is_written_once_and_referred_to",
    "tests/test_any_value.py::test_any_scalar_in_any_field_is_answered",
}


def _source(thing: Any) -> str:
    try:
        return inspect.getsource(thing)
    except (OSError, TypeError):
        return ""


def _sources(item: pytest.Function) -> str:
    """The test's source, its fixtures' (as far as they go) and that of the functions of
    its module it calls by name."""
    test = _source(item.function)
    parts = [test[test.find("def ") :]]  # parameters are read from the call, not the decorator
    for defs in item._fixtureinfo.name2fixturedefs.values():
        parts += [_source(d.func) for d in defs if d.baseid != ""]
    module = inspect.getmodule(item.function)
    called = set(re.findall(r"\b([a-z_]\w*)\(", "\n".join(parts)))
    ours = [getattr(module, name, None) for name in called - {item.function.__name__}]
    parts += [
        _source(f) for f in ours if inspect.isfunction(f) and f.__module__ == item.module.__name__
    ]
    return "\n".join(parts)


def _lanes(item: pytest.Function) -> set[str]:
    text = _sources(item)
    found = {lane for lane, pattern in NEEDS.items() if pattern.search(text)}
    if "browser" in item.fixturenames:
        found.add("browser")
    params = set(map(str, getattr(getattr(item, "callspec", None), "params", {}).values()))
    if params & FORMATS_KALEIDO:
        found.add("kaleido")
    if found or SLOW.search(text) or "app" in item.fixturenames:
        found.add("slow")
    return found


def _name(item: pytest.Item) -> str:
    return f"{item.nodeid.split('::')[0]}::{getattr(item, 'originalname', item.name)}"


def _check_slow_names(items: list[pytest.Item]) -> None:
    if not items or any("::" in arg or " -k" in arg for arg in items[0].config.args):
        return  # some tests picked by name: the others are not collected, not gone
    names = {_name(item) for item in items}
    files = {name.split("::")[0] for name in names}
    gone = sorted(n for n in SLOW_BY_NAME if n.split("::")[0] in files and n not in names)
    if gone:
        raise pytest.UsageError(f"tests/conftest.py SLOW_BY_NAME names no test: {gone}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _check_slow_names(items)
    for item in items:
        if isinstance(item, pytest.Function):
            lanes = _lanes(item) | ({"slow"} if _name(item) in SLOW_BY_NAME else set())
            for lane in sorted(lanes - {m.name for m in item.iter_markers()}):
                item.add_marker(lane)
            needs = any(item.get_closest_marker(lane) for lane in NEEDS)
            if needs and not item.get_closest_marker("slow"):  # marked by hand
                item.add_marker("slow")
