"""The README is a front door: short, with the two commands and its command lines through the
venv's Python (run as written by tests/test_docs_commands.py)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_docs_flags import command_lines

README = ROOT / "README.md"
TEXT = README.read_text()
COMMANDS = command_lines(TEXT)


def test_the_readme_is_a_front_door_of_at_most_170_lines():
    assert len(TEXT.splitlines()) <= 170


@pytest.mark.parametrize("command", ["make run", "make test", "make test-fast"])
def test_the_readme_names_the_commands(command):
    assert f"{command} " in TEXT or f"`{command}`" in TEXT


def test_the_readme_says_once_near_the_top_that_commands_run_in_the_venv():
    first = "\n".join(TEXT.splitlines()[:40])
    assert ".venv/bin/python -m timeline" in first


def test_every_readme_command_goes_through_the_venv():
    assert COMMANDS, "the README has no command lines"
    assert all(line.startswith(".venv/bin/python -m timeline ") for line in COMMANDS)


def test_the_minimal_dataset_shown_is_the_file_checked():
    shown = TEXT.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == (ROOT / "examples" / "minimal.yaml").read_text()
