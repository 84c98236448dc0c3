"""Exported pictures keep everything they draw inside the canvas, with a white margin,
whatever the title's length and the number of lanes: from the app's export path
(``export.render``, what the Prepare button calls) and from the command line."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from tests.conftest import EVENT, EVENTS, cli, dataset_text
from timeline.dataset.load import load_file
from timeline.export import make_view, render

EDGE = 8  # px that must be background on every side
LONG_TITLE = (
    "Russia, Chechnya and the Islamic State: what Moscow, Grozny and Raqqa said and did "
    "between the first strikes in Syria and the Munich talks, 2014–2016, a chronology"
)


def _dataset(title: str, sides: int) -> str:
    """``sides`` actors, each of its own affiliation with one event (a lane and a legend
    entry each), under ``title``."""
    actors = "".join(
        f"  - id: a{i}\n    name: Actor number {i}\n    affiliation: Side {i}\n"
        for i in range(sides)
    )
    events = [
        EVENT.replace("id: strikes", f"id: e{i}").replace("actors: [russia]", f"actors: [a{i}]")
        for i in range(sides)
    ]
    text = dataset_text(*events).replace("events:\n", actors + "events:\n", 1)
    return f"title: {json.dumps(title)}\n{text}"


def _ink(png: bytes) -> np.ndarray:
    """Where the picture is not white."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return np.any(pixels < 245, axis=-1)


def assert_framed(png: bytes) -> None:
    ink = _ink(png)
    height, width = ink.shape
    for name, band in (
        ("top", ink[:EDGE]),
        ("bottom", ink[-EDGE:]),
        ("left", ink[:, :EDGE]),
        ("right", ink[:, -EDGE:]),
    ):
        assert not band.any(), f"ink in the {name} {EDGE} px of a {width}×{height} picture"
    rows = np.flatnonzero(ink.any(axis=1))
    assert rows[0] >= EDGE + 4, "the title starts at the very top: it is cut"


def title_ink_rows(png: bytes) -> int:
    """Rows of ink above the plot's first axis label: the title's lines."""
    ink = _ink(png)
    rows = np.flatnonzero(ink.any(axis=1))
    return int(rows[0])


@pytest.mark.parametrize(
    ("title", "sides"),
    [("Short", 1), (LONG_TITLE, 3), ("Many lanes and a legend that wraps", 24)],
    ids=["short", "long-title", "many-lanes"],
)
def test_app_export_png_is_framed(write, title, sides):
    view = make_view(load_file(write(_dataset(title, sides))))
    png = render(view, "png")
    assert_framed(png)


def test_long_title_wraps_inside_the_picture(write):
    """The title's text is all in the SVG (wrapped into lines, none lost) and the PNG of
    it is framed: the lines are drawn, not cut at the top."""
    view = make_view(load_file(write(_dataset(LONG_TITLE, 2))))
    svg = render(view, "svg").decode()
    assert "between the first strikes" in svg and "a chronology" in svg
    assert_framed(render(view, "png"))


def test_cli_png_is_framed_with_its_title(tmp_path):
    out = tmp_path / "timeline.png"
    result = cli("export", "--format", "png", "-o", str(out), str(EVENTS))
    assert result.returncode == 0, result.stderr
    png = out.read_bytes()
    assert_framed(png)
    ink = _ink(png)
    # the title's first line: ink in the top 60 px, starting within the left margin area
    assert ink[EDGE:60].any(), "no title at the top of the picture"
