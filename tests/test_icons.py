"""Icons are Material Symbols (Streamlit's ``:material/…:``), which Streamlit ships as a
font, never emoji, which draw as empty boxes on a machine without an emoji font."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

UI_FILES = [ROOT / "app.py", *sorted((ROOT / "timeline" / "ui").glob("*.py"))]
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


def _icons(path: Path) -> list[tuple[int, object]]:
    """Every ``icon=``/``page_icon=`` keyword in ``path`` with its value when a constant."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg in ("icon", "page_icon"):
            value = node.value.value if isinstance(node.value, ast.Constant) else None
            found.append((node.lineno, value))
    return found


def test_the_ui_sets_icons():
    assert sum(len(_icons(p)) for p in UI_FILES) >= 8


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_every_icon_is_a_material_symbol(path):
    for line, value in _icons(path):
        assert isinstance(value, str) and re.fullmatch(r":material/[a-z_0-9]+:", value), (
            f"{path.name}:{line}: icon {value!r} is not :material/…:"
        )


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_no_emoji_in_the_ui_text(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert not EMOJI.search(line), f"{path.name}:{number}: {line.strip()}"
