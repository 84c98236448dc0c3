"""Every command line in a shell block of the README and docs/ runs as written, in order,
from a copy of the repository with the project's venv: what a reader pastes after `make run`.
(A synopsis with placeholders is in a ``text`` block; its flags are checked against --help by
tests/test_docs_flags.py.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_docs_flags import DOCS, command_lines

COPIED = ["timeline", "events.yaml", "articles", "examples", "tests/tl_files"]
RUNS = {doc.name: command_lines(doc.read_text()) for doc in DOCS}
WITH_COMMANDS = sorted(name for name, lines in RUNS.items() if lines)


def copy_of_repository(root: Path) -> Path:
    """The package and the data the documented commands read, with the project's venv."""
    for name in COPIED:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


def test_readme_and_docs_have_commands_to_run():
    assert {"README.md", "exports.md", "timelinejs.md", "add-an-article.md"} <= set(WITH_COMMANDS)


@pytest.mark.parametrize("doc", sorted(RUNS))
def test_every_documented_command_goes_through_the_venv(doc):
    """`python -m timeline` fails on a fresh machine, where only .venv has the packages."""
    wrong = [line for line in RUNS[doc] if not line.startswith(".venv/bin/python -m timeline ")]
    assert not wrong, f"{doc}: write .venv/bin/python -m timeline …: {wrong}"


@pytest.mark.slow
@pytest.mark.parametrize("doc", WITH_COMMANDS)
def test_a_documents_commands_run_as_written(tmp_path, doc):
    clone = copy_of_repository(tmp_path)
    for line in RUNS[doc]:
        done = subprocess.run(
            line, shell=True, cwd=clone, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, f"{doc}: `{line}` exited {done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr, f"{doc}: `{line}`: {done.stderr}"
