"""The page's and the HTML export's Plotly.js: the project's copy of the cartesian build,
of the very version the installed plotly package writes figures for, with its licence."""

from __future__ import annotations

import re
from pathlib import Path

import plotly

from timeline.draw import engine

VERSION = re.compile(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)")


def version_of(path: Path) -> str:
    found = VERSION.search(path.read_text(encoding="utf-8")[:400])
    assert found, f"{path} does not say its plotly.js version"
    return found.group(1)


def test_the_copy_is_the_version_the_plotly_package_draws_for():
    """An upgrade of plotly (Python) must bring the matching cartesian build: from npm,
    `npm pack plotly.js-cartesian-dist-min@VERSION`, into timeline/draw/js/vendor/."""
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert version_of(engine.PLOTLY_JS) == version_of(full)
    assert engine.PLOTLY_JS.name == f"plotly-cartesian-{version_of(full)}.min.js"


def test_the_copy_carries_its_licence():
    licence = engine.PLOTLY_JS.parent / "LICENSE-plotly.js.txt"
    assert licence.read_text(encoding="utf-8").startswith("MIT License")


def test_the_html_export_carries_the_cartesian_build(tmp_path):
    from tests.conftest import EVENTS
    from timeline.dataset.load import load_file
    from timeline.export import make_view, render

    page = render(make_view(load_file(EVENTS)), "html").decode()
    assert "plotly.js (cartesian - minified) v" in page
    assert len(page) < 2_500_000  # the full build alone is 4.8 MB
