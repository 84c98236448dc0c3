"""The test lanes: tests/conftest.py marks what a test needs (browser, kaleido, office) and
what takes seconds (slow) from its source, its fixtures' and its module's helpers'."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

SAMPLE = """
import subprocess
import pytest

@pytest.fixture
def browser():
    return None

@pytest.fixture
def deck_pdf():
    return subprocess.run(["soffice", "--version"])

def draw(view):
    return render(view, "png")

def test_plain():
    assert 1 + 1 == 2

def test_uses_the_browser(browser):
    pass

def test_draws_through_a_helper():
    draw(None)

def test_renders_a_deck_through_a_fixture(deck_pdf):
    pass

@pytest.mark.parametrize("fmt", ["md", "svg"])
def test_formats(fmt):
    pass

@pytest.mark.slow
def test_marked_by_hand():
    pass
"""

EXPECTED = {
    "test_plain": set(),
    "test_uses_the_browser": {"browser", "slow"},
    "test_draws_through_a_helper": {"kaleido", "slow"},
    "test_renders_a_deck_through_a_fixture": {"office", "slow"},
    "test_formats[md]": set(),
    "test_formats[svg]": {"kaleido", "slow"},
    "test_marked_by_hand": {"slow"},
}


def test_each_test_gets_the_lanes_of_what_it_uses(pytester: pytest.Pytester):
    pytester.makeconftest(
        "from tests.conftest import pytest_collection_modifyitems  # noqa\n"
        "def pytest_configure(config):\n"
        "    for lane in ('browser', 'kaleido', 'office', 'slow'):\n"
        "        config.addinivalue_line('markers', lane)\n"
    )
    pytester.makepyfile(test_sample=SAMPLE)
    items, _ = pytester.inline_genitems("-p", "no:cacheprovider")
    lanes = {"browser", "kaleido", "office", "slow"}
    marks = {item.name: {m.name for m in item.iter_markers()} & lanes for item in items}
    assert marks == EXPECTED
