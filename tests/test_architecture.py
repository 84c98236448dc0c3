"""The layers of docs/architecture.md hold: no import points up a layer. The table in that
document is the one place the layers are written; this test reads it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|([^|]+)\|([^|]+)\|\s*$")


def layers(text: str) -> dict[str, tuple[int, str]]:
    """Each module name of the table: its level and its layer's name."""
    found: dict[str, tuple[int, str]] = {}
    for line in text.splitlines():
        row = ROW.match(line)
        if row:
            level, layer, names = int(row[1]), row[2], row[3]
            found.update({name: (level, layer) for name in re.findall(r"`([\w.]+)`", names)})
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {module_name(p): p for p in [*sorted((ROOT / "timeline").rglob("*.py")), ROOT / "app.py"]}


def imports(source: str, package: str) -> set[str]:
    """Every module ``source`` (a module of ``package``) imports, anywhere in it: ``from
    timeline import charts`` is ``timeline.charts``; ``from . import x`` is resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, node.module or ""]).strip(".") if node.level else node.module
            found.add(base or "")
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in SOURCES)
    return found


def imports_of(module: str) -> set[str]:
    path = SOURCES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports(path.read_text(), package)


def place(module: str, table: dict[str, tuple[int, str]]) -> tuple[int, str] | None:
    """The row of the longest table name that is ``module`` or a package holding it."""
    holders = [n for n in table if module == n or module.startswith(n + ".")]
    return table[max(holders, key=len)] if holders else None


TABLE = layers(DOC.read_text())
OURS = sorted(name for name in SOURCES if name.startswith("timeline."))


def test_the_table_is_read_and_its_levels_follow_each_other():
    levels = sorted({level for level, _ in TABLE.values()})
    assert levels == list(range(len(levels))) and len(levels) >= 6
    assert place("timeline.export.deck", TABLE) == place("timeline.export", TABLE)


def test_each_layer_may_import_the_layers_below_as_the_table_says():
    """The table's "May import" column names exactly the layers under each row."""
    names = {level: layer for level, layer in TABLE.values()}
    for line in DOC.read_text().splitlines():
        row = ROW.match(line)
        if row and row[4].strip() not in ("—", "everything"):
            below = [names[level] for level in range(int(row[1]))]
            assert [n.strip() for n in row[4].split(",")] == below, line


@pytest.mark.parametrize("module", OURS)
def test_the_module_is_in_the_table(module):
    assert place(module, TABLE), f"{module} is in no layer of {DOC.name}: add it to a row"


def test_names_the_table_plans_may_not_exist_yet():
    """Planned packages (dates/, draw/, timelinejs/, curate/, reports) are skipped until they
    exist; the names that do exist are modules of the tree."""
    existing = [n for n in TABLE if n in SOURCES or any(s.startswith(n + ".") for s in SOURCES)]
    assert "timeline.filters" in existing and "app" in existing


@pytest.mark.parametrize("module", [*OURS, "app"])
def test_no_import_points_up_a_layer(module):
    level, layer = place(module, TABLE) or (0, "?")
    upward = []
    for name in sorted(imports_of(module)):
        target = place(name, TABLE) if name.split(".")[0] in ("timeline", "app") else None
        if target and target[0] > level:
            upward.append(f"{name} ({target[1]}, level {target[0]})")
    assert not upward, f"{module} ({layer}, level {level}) imports up: {', '.join(upward)}"


@pytest.mark.parametrize("module", OURS)
def test_the_package_keeps_to_itself(module):
    """Nothing under timeline/ imports the app, the tests or the benchmarks; only
    timeline/ui/ imports Streamlit."""
    roots = {name.split(".")[0] for name in imports_of(module)}
    assert not roots & {"app", "tests", "benchmarks"}, module
    assert "streamlit" not in roots or module.startswith("timeline.ui"), module


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("def f():\n    from timeline import export\n", "timeline.export"),
        ("from timeline.ui.views import sidebar\n", "timeline.ui.views"),
        ("from ..draw import figure\n", "timeline.draw"),
        ("import timeline.cli\n", "timeline.cli"),
    ],
)
def test_an_upward_import_is_caught(source, named):
    """The check itself: an import of a higher layer, in a function, from a package,
    relative (here from inside timeline/export/) or whole, is found and placed above core."""
    found = imports(source, "timeline.export")
    assert named in found or named.rpartition(".")[0] in found
    assert (
        max(place(n, TABLE)[0] for n in found if place(n, TABLE)) > place("timeline.text", TABLE)[0]
    )


def test_the_tests_take_only_generated_data_from_the_benchmarks():
    """Tests share their helpers through tests/ (chromium.py, growth.py), not benchmarks/;
    only the dataset generator, a tool of its own, is imported from there."""
    used = {
        name: path.name
        for path in sorted((ROOT / "tests").glob("*.py"))
        for name in imports(path.read_text(), "tests")
        if name.split(".")[0] == "benchmarks"
    }
    assert set(used) <= {"benchmarks", "benchmarks.make_events"}, used
