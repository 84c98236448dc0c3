"""The sidebar's filter widgets, made from the filter table (``filters.FILTERS``): one
widget per row, drawn, filled and read by the row's kind. A new row of a known kind needs
nothing here; a new kind needs one ``Widget``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from timeline.filters import (
    FILTERS,
    DateRange,
    Dimension,
    Filters,
    Mode,
    Row,
    Shown,
    Text,
    spoken,
)
from timeline.state import Choices

Bounds = tuple[dt.date, dt.date] | None  # the dataset's first start and last end


@dataclass(frozen=True)
class Sidebar:
    """What the widgets offer: the dataset's choices, names for ids, its dates."""

    choices: Choices
    shown: Shown
    bounds: Bounds


def key(row: Row) -> str:
    """The session key of a row's widget."""
    return f"f_{row.name}"


def tooltip(row: Row) -> str:
    """The row's help as a tooltip: its first clause, "keep" said as "show"."""
    said = row.help.split(" (")[0].replace("keep ", "show ", 1)
    return said[:1].upper() + said[1:]


def _named_by(names: Mapping[str, str], row: Dimension) -> Callable[[str], str]:
    return lambda value: names.get(value) or spoken(row, value)


def _pick_list(row: Dimension, side: Sidebar) -> None:
    st.multiselect(
        row.label,
        getattr(side.choices, row.name),
        key=key(row),
        format_func=_named_by(side.shown.get(row.shown_as, {}), row),
        placeholder="Any",
        max_selections=1 if row.at_least else None,
        help=tooltip(row),
    )


def _mode(row: Mode, side: Sidebar) -> None:
    words = dict(row.options)
    st.radio(
        row.label,
        list(words),
        key=key(row),
        horizontal=True,
        format_func=lambda option: words[option],
        help=tooltip(row),
    )


def _date_range(row: DateRange, side: Sidebar) -> None:
    if side.bounds:  # no events, no dates to pick from
        st.date_input(
            row.label,
            key=key(row),
            min_value=side.bounds[0],
            max_value=side.bounds[1],
            format="YYYY-MM-DD",
            help=tooltip(row),
        )


def _text(row: Text, side: Sidebar) -> None:
    st.text_input(row.label, key=key(row), placeholder=row.placeholder, help=tooltip(row))


def _range_shown(row: DateRange, f: Filters, bounds: Bounds) -> tuple[dt.date, ...]:
    """A range widget's value: one date alone would be its start, so an open end is
    shown as the dataset's own."""
    start, end = (getattr(f, name) for name in row.ends)
    if (start or end) and bounds:
        return (start or bounds[0], end or bounds[1])
    return ()


def _range_read(row: DateRange, value: Any, bounds: Bounds) -> dict[str, Any]:
    """The range widget's value as filter bounds; an end at the dataset's own is open."""
    picked = [*tuple(value or ()), None, None][:2]
    edges = bounds or (None, None)
    ends = zip(row.ends, picked, edges, strict=True)
    return {name: None if day == edge else day for name, day, edge in ends}


@dataclass(frozen=True)
class Widget:
    """How a kind of row is drawn in the sidebar, and its fields put in and read out."""

    draw: Callable[[Any, Sidebar], None]
    shown: Callable[[Any, Filters, Bounds], Any]  # the widget's value for some filters
    read: Callable[[Any, Any, Bounds], dict[str, Any]]  # the fields a widget's value sets


def _field(row: Row, f: Filters, bounds: Bounds) -> Any:
    return getattr(f, row.name)


WIDGETS: dict[type[Row], Widget] = {
    Dimension: Widget(
        _pick_list,
        lambda row, f, bounds: list(getattr(f, row.name)),
        lambda row, value, bounds: {row.name: tuple(value)},
    ),
    Mode: Widget(_mode, _field, lambda row, value, bounds: {row.name: value}),
    DateRange: Widget(_date_range, _range_shown, _range_read),
    Text: Widget(_text, _field, lambda row, value, bounds: {row.name: value.strip()}),
}


def draw(side: Sidebar) -> None:
    """Every filter's widget, in the table's order."""
    for row in FILTERS:
        WIDGETS[type(row)].draw(row, side)


def values(f: Filters, bounds: Bounds) -> dict[str, Any]:
    """The widgets' values (by session key) that show ``f``."""
    return {key(row): WIDGETS[type(row)].shown(row, f, bounds) for row in FILTERS}


def read(session: Any, bounds: Bounds) -> Filters:
    """The filters the widgets in ``session`` (``st.session_state``) hold."""
    fields: dict[str, Any] = {}
    for row in FILTERS:
        fields.update(WIDGETS[type(row)].read(row, session[key(row)], bounds))
    return Filters(**fields)
