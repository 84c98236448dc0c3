"""One style table: every output draws a status with the mark, shape and ink of
``draw.styles.STATUS_STYLES``, and no renderer keeps a status colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx.enum.shapes import MSO_SHAPE

from timeline.draw.styles import STATUS_STYLES, status_style
from timeline.export import deck, html
from timeline.ui.briefing import badge_html

ROOT = Path(__file__).resolve().parent.parent
STATUSES = sorted(STATUS_STYLES)


@pytest.mark.parametrize("status", STATUSES)
def test_the_html_export_inks_each_status_as_the_chart(status: str) -> None:
    look = STATUS_STYLES[status]
    assert f".status.{status} {{ color: {look.ink}; }}" in html.STYLE


@pytest.mark.parametrize("status", STATUSES)
def test_the_briefing_badge_is_hollow_for_claims_and_filled_for_reports(status: str) -> None:
    look = STATUS_STYLES[status]
    badge = badge_html(status)
    assert look.mark in badge
    assert (f"background:{look.ink}" in badge) is not look.hollow


@pytest.mark.parametrize(
    ("status", "shape"),
    [
        ("reported", MSO_SHAPE.OVAL),
        ("confirmed", MSO_SHAPE.DIAMOND),
        ("claimed", MSO_SHAPE.OVAL),
        ("disputed", MSO_SHAPE.DIAMOND),
        ("unknown", MSO_SHAPE.RECTANGLE),  # the chart's square: was an oval in the deck
    ],
)
def test_the_deck_draws_the_charts_shape(status: str, shape: MSO_SHAPE) -> None:
    colour, drawn, mark, filled = deck._status(status)
    look = STATUS_STYLES[status]
    assert (colour, drawn, mark, filled) == (
        look.ink.lstrip("#"),
        shape,
        look.mark,
        not look.hollow,
    )


def test_a_word_outside_the_table_is_drawn_plain() -> None:
    assert status_style("rumoured").mark == ""
    assert not status_style(None).hollow


def test_no_renderer_keeps_a_status_colour_of_its_own() -> None:
    """The table's inks appear in the table only: a renderer that wrote one down again
    would drift from the chart the next time the table changes."""
    inks = {look.ink.lower() for look in STATUS_STYLES.values()} - {"#0072b2"}  # also Russia's
    table = ROOT / "timeline" / "draw" / "styles.py"
    written = {
        f"{path.relative_to(ROOT)}: {hit}"
        for path in (ROOT / "timeline").rglob("*.*")
        if path.suffix in {".py", ".js", ".css"} and path != table
        for hit in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text())
        if hit.lower() in inks
    }
    assert not written
