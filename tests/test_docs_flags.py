"""Every `python -m timeline …` command line in the README and docs/ uses only flags that
its command's --help lists: a renamed or removed flag fails here, not on a reader. Examples
are in shell blocks (and run as written: tests/test_docs_commands.py); a synopsis with
placeholders is in a ``text`` block."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, cli

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN = re.compile(r"\s*(?:\$ )?(?:\S*/)?python3? -m timeline ")  # a command line, not a comment
SHELL = frozenset({"sh", "bash", "console", "shell", ""})
USAGE = frozenset({"text"})


def shell_blocks(text: str, kinds: frozenset[str] = SHELL) -> list[list[str]]:
    """The lines of each fenced block of one of these ``kinds`` (shell, or no language)."""
    blocks: list[list[str]] = []
    fence: str | None = None
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fence = line.strip()[3:].strip() if fence is None else None
            if fence in kinds:
                blocks.append([])
        elif fence in kinds:
            blocks[-1].append(line)
    return blocks


def command_lines(text: str, kinds: frozenset[str] = SHELL) -> list[str]:
    """The `python -m timeline` lines of the shell blocks, each with its continuations
    (a trailing backslash, or a next line indented under it that starts with ``[`` or ``-``)."""
    lines: list[str] = []
    for block in shell_blocks(text, kinds):
        for line in block:
            follows = lines and (lines[-1].endswith("\\") or re.match(r"\s+[\[-]", line))
            if follows:
                lines[-1] = lines[-1].rstrip("\\") + " " + line.strip()
            elif RUN.match(line):
                lines.append(line.strip())
    return [line.split(" #")[0] for line in lines]


COMMANDS = [
    (doc.name, line) for doc in DOCS for line in command_lines(doc.read_text(), SHELL | USAGE)
]


@pytest.mark.parametrize(
    ("doc", "line"), COMMANDS, ids=[f"{d}:{line[:60]}" for d, line in COMMANDS]
)
def test_a_documented_command_uses_only_flags_its_help_lists(doc, line):
    command = line.split("python -m timeline ", 1)[1].split()[0]
    helped = cli(command, "--help")
    assert helped.returncode == 0, f"{doc}: `{command}` is not a command: {helped.stderr}"
    flags = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line.split(command, 1)[1]))
    missing = {flag for flag in flags if not re.search(rf"(?<![\w-]){flag}\b", helped.stdout)}
    assert not missing, f"{doc}: `{line.strip()}` uses {sorted(missing)}, not in --help"


def test_the_docs_have_command_lines_to_check():
    assert any(doc == "README.md" for doc, _ in COMMANDS)
