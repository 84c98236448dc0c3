"""The dashboard's parts: sidebar filters, problems, timeline, list, detail, estimates.

Each function draws one part from data it is given. Dataset text is shown as
text (``st.text``, escaped Markdown, or Plotly labels escaped in ``charts``),
never as HTML.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import quote as url_quote

import pandas as pd
import streamlit as st

from timeline import charts, export, filters
from timeline.charts import LANE_LABELS, LANE_MODES
from timeline.export import View
from timeline.load import Dataset
from timeline.model import KINDS, STATUSES
from timeline.problems import errors
from timeline.state import Choices
from timeline.text import md_escape
from timeline.ui import session

BadgeColour = Literal["blue", "green", "orange", "red", "gray"]
STATUS_COLOURS: dict[str, BadgeColour] = {
    "reported": "blue",
    "confirmed": "green",
    "claimed": "orange",
    "disputed": "red",
}
# The ids of the events on the page, in order: a chart point or list row maps back through it.
SHOWN_IDS = "_shown_ids"
PLOT_CONFIG = {"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["lasso2d"]}


# --- sidebar --------------------------------------------------------------------


def sidebar(
    choices: Choices, actors: pd.DataFrame, data: Dataset, bounds: tuple[dt.date, dt.date] | None
) -> None:
    """The filter widgets, each bound to its session key."""
    names = dict(
        zip(actors["id"], actors["name"] + " (" + actors["affiliation"] + ")", strict=True)
    )
    outlets = {s.id: f"{s.outlet}, {s.published:%d %b %Y}" for s in data.sources.values()}
    st.header("Filters")
    st.multiselect(
        "Actors",
        choices.actors,
        key="f_actors",
        format_func=lambda a: names.get(a, a),
        placeholder="Any actor",
    )
    st.radio(
        "Events with",
        ["any", "all"],
        key="f_actor_mode",
        horizontal=True,
        format_func={"any": "any of them", "all": "all of them"}.get,
    )
    st.multiselect("Affiliation", choices.affiliations, key="f_affiliations", placeholder="Any")
    st.multiselect(
        "Kind", [k for k in KINDS if k in choices.kinds], key="f_kinds", placeholder="Any"
    )
    st.multiselect(
        "Status",
        [s for s in STATUSES if s in choices.statuses],
        key="f_statuses",
        placeholder="Any",
    )
    st.multiselect(
        "Source",
        choices.sources,
        key="f_sources",
        format_func=lambda s: outlets.get(s, s),
        placeholder="Any",
    )
    if bounds:
        st.date_input(
            "Date range",
            key="f_dates",
            min_value=bounds[0],
            max_value=bounds[1],
            format="YYYY-MM-DD",
            help="Events whose span overlaps the range",
        )
    st.text_input(
        "Search",
        key="f_text",
        placeholder="title, quote, actor or alias",
        help="Every word must appear (case does not matter)",
    )
    st.radio("Lanes by", LANE_MODES, key="lanes", format_func=lambda m: LANE_LABELS[m])
    st.button("Reset filters", on_click=session.reset, width="stretch")


# --- problems -------------------------------------------------------------------


def problems(data: Dataset) -> None:
    """The error panel: every problem with its location, and the events left out."""
    if not data.problems:
        return
    n_errors = len(errors(data.problems))
    n_warnings = len(data.problems) - n_errors
    label = f"{md_escape(data.file)}: {n_errors} errors, {n_warnings} warnings"
    if n_errors:
        st.error(f"{label}. Events with errors are left out; the rest are shown.", icon="⚠️")
    with st.expander(f"Problems in {label}", expanded=bool(n_errors)):
        st.text("\n".join(str(p) for p in data.problems))
        if data.invalid:
            st.text("Left out: " + ", ".join(data.invalid))


# --- timeline and selection -------------------------------------------------------


def _clicked_event() -> None:
    """Chart selection → the selected event (a callback, before the page runs)."""
    points = st.session_state["chart"]["selection"]["points"]
    ids = [p["customdata"] for p in points if p.get("customdata") is not None]
    if ids:
        picked = ids[0][0] if isinstance(ids[0], list) else ids[0]
        if isinstance(picked, int):  # a large view sends the event's row in the view
            shown = st.session_state.get(SHOWN_IDS, [])
            picked = shown[picked] if picked < len(shown) else None
        st.session_state["event"] = picked


def timeline(
    shown: pd.DataFrame, actors: pd.DataFrame, lanes: charts.LaneMode, selected: str | None
) -> None:
    figure = charts.timeline_figure(shown, actors, lanes, selected)
    st.plotly_chart(
        figure,
        key="chart",
        on_select=_clicked_event,
        selection_mode="points",
        width="stretch",
        config=PLOT_CONFIG,
    )
    focus = charts.focus_range(shown)
    if focus and focus[2]:
        hidden = "1 earlier event is" if focus[2] == 1 else f"{focus[2]} earlier events are"
        st.caption(
            f"{hidden} outside the first view: drag the range slider under the chart, "
            "or double-click the chart to see everything."
        )


def empty_state(frame: pd.DataFrame, chosen: filters.Filters) -> None:
    st.info(
        "No events match the filters. " + " ".join(filters.explain_empty(frame, chosen)), icon="🔎"
    )


# --- chronological list ---------------------------------------------------------------

LIST_COLUMNS = {
    "label": "Date",
    "title": "Event",
    "actor_names": "Actors",
    "status": "Status",
    "outlet": "Source",
}


def _picked_row() -> None:
    rows = st.session_state["list"]["selection"]["rows"]
    ids = st.session_state.get(SHOWN_IDS, [])
    if rows and rows[0] < len(ids):
        st.session_state["event"] = ids[rows[0]]


def event_list(shown: pd.DataFrame) -> None:
    """The filtered events in date order; sortable; picking a row selects the event."""
    table = shown[["start", *LIST_COLUMNS]].rename(columns=LIST_COLUMNS)
    table["Actors"] = table["Actors"].map(", ".join)
    st.session_state[SHOWN_IDS] = list(shown["id"])
    st.dataframe(
        table,
        key="list",
        on_select=_picked_row,
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(600, 38 + 35 * len(table)),
        column_config={"start": st.column_config.DateColumn("Sort by date", format="YYYY-MM-DD")},
    )


# --- detail panel -----------------------------------------------------------------------


def _given(value: Any) -> bool:
    """A field the curator filled in (pandas shows a missing one as None or NaN)."""
    return isinstance(value, str) and value.strip() != ""


def _date_lines(row: dict[Any, Any]) -> list[str]:
    lines = [f"**Date:** {md_escape(row['label'])} ({row['precision']})"]
    if row["pinned"] and _given(row["when"]):
        phrase = row["phrase_label"] if _given(row["phrase_label"]) else "nothing it can resolve"
        lines.append(
            f"**Article says:** “{md_escape(row['when'])}”, which reads as {md_escape(phrase)}"
        )
    if _given(row["date_note"]):
        lines.append(f"**Pinned because:** {md_escape(row['date_note'])}")
    lines.append(f"**How it was resolved:** {md_escape(row['how'])}")
    return lines


def _figures(row: dict[Any, Any], names: dict[str, str]) -> None:
    if not row["figures"]:
        return
    table = pd.DataFrame(row["figures"])
    table["claimant"] = table.get("claimant", pd.Series(dtype=object)).map(
        lambda c: names.get(c, "") if isinstance(c, str) else ""
    )
    st.dataframe(table, hide_index=True, width="stretch")


def detail(
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    actors: pd.DataFrame,
    data: Dataset,
    selected: str | None,
) -> None:
    """Everything about the selected event, its quote and its source."""
    if not selected or selected not in set(frame["id"]):
        st.info(
            "Click an event on the timeline or pick a row in the list to see its "
            "quote, its source and how its date was resolved.",
            icon="👆",
        )
        return
    row = frame[frame["id"] == selected].iloc[0].to_dict()
    source = data.sources[row["source"]]
    names = dict(zip(actors["id"], actors["name"], strict=True))
    affiliation = dict(zip(actors["id"], actors["affiliation"], strict=True))
    st.subheader(md_escape(row["title"]), anchor=False)
    if selected not in set(shown["id"]):
        st.caption("This event is hidden by the current filters.")
    st.badge(row["status"], color=STATUS_COLOURS.get(row["status"], "gray"))
    st.markdown(
        "  \n".join(
            [
                *_date_lines(row),
                "**Actors:** "
                + ", ".join(
                    f"{md_escape(names[a])} ({md_escape(affiliation[a])})" for a in row["actors"]
                ),
                f"**Kind:** {row['kind']}",
            ]
        )
    )
    st.markdown("> " + md_escape(row["quote"]))
    _figures(row, names)
    if _given(row["notes"]):
        st.caption(md_escape(row["notes"]))
    link = f" [Open the article]({url_quote(source.url, safe=':/?&=#%')})" if source.url else ""
    st.markdown(
        f"**Source:** {md_escape(source.outlet)}, “{md_escape(source.title)}”, published "
        f"{source.published:%d %B %Y}.{link}"
    )


# --- estimates ----------------------------------------------------------------------


def estimates(shown: pd.DataFrame, actors: pd.DataFrame) -> None:
    st.subheader("Estimates over time", anchor=False)
    if not shown["figures"].map(len).any():
        st.info("No event in the current view reports a figure.", icon="📈")
        return
    st.plotly_chart(
        charts.estimates_figure(shown, actors), key="estimates", width="stretch", config=PLOT_CONFIG
    )


# --- exports ---------------------------------------------------------------------------


def _export_bytes(view: View, fmt: str) -> bytes:
    """Made when the button is clicked; a failure becomes a short text file that says why."""
    try:
        return export.render(view, fmt)
    except export.ExportError as err:
        return f"The export failed: {err}\n".encode()


def export_panel(view: View) -> None:
    """Download the current filtered view in any export format."""
    st.subheader("Export this view", anchor=False)
    st.caption(f"{md_escape(view.filters_text)}. {len(view.frame)} of {view.total} events.")
    fmt = st.selectbox(
        "Format",
        list(export.FORMATS),
        key="export_format",
        format_func=lambda f: export.FORMATS[f].label,
    )
    spec = export.FORMATS[fmt]
    stem = "timeline-tjs" if fmt == "timelinejs" else "timeline"
    st.download_button(
        f"Download {spec.label}",
        data=lambda: _export_bytes(view, fmt),
        file_name=stem + spec.extension,
        mime=spec.media_type,
        disabled=view.frame.empty,
        on_click="ignore",
        icon="⬇️",
        key="download",
    )
