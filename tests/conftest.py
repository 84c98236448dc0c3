"""Shared fixtures: the project's paths and small datasets written for a test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.browser import CHROMIUM_FLAGS

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
    from timeline.cache import MEMORY

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
