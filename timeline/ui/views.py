"""The dashboard's parts: sidebar filters, problems, timeline, list, detail, estimates.

Each function draws one part from data it is given. Dataset text is shown as
text (``st.text``, escaped Markdown, or Plotly labels escaped in ``draw.words``),
never as HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from typing import Any
from urllib.parse import quote as url_quote

import pandas as pd
import streamlit as st

from timeline import export, filters
from timeline.dataset.frame import actor_affiliations, actor_names
from timeline.dataset.reports import disagreement, sheet_lines, sheet_links
from timeline.dataset.types import Summary
from timeline.draw import sheet
from timeline.draw.density import DENSE, density_figure
from timeline.draw.estimates import estimates_figure
from timeline.draw.lanes import MAX_LANES
from timeline.draw.spec import Look, revision
from timeline.draw.styles import status_style
from timeline.draw.words import dated
from timeline.export import View
from timeline.export.view import Paper, citation, citations
from timeline.problems import errors
from timeline.state import LANE_LABELS, LANE_MODES, Choices, ViewState
from timeline.text import md_escape, md_links, media_markdown
from timeline.ui import live, session, widgets

# The ids of the events on the page, in order: a chart point or list row maps back through it.
# The wheel scrolls the page (a briefing page is scrolled far more than zoomed): zoom with a
# drag or the mode bar; a double-click goes back to the first view, a second shows everything.
PLOT_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# The page's own fixed CSS: a compact header so the chart and its date axis are in the
# first screen, and room for the event labels.
PAGE_CSS = """<style>
.block-container { padding-top: 1.4rem !important; padding-bottom: 2rem !important;
  padding-left: 2rem !important; padding-right: 2rem !important; }
.block-container h1 { font-size: 1.75rem; padding: 0 3rem 0 0; }
[role="dialog"] blockquote, [role="dialog"] blockquote * { color: #111 !important;
  opacity: 1 !important; }
</style>"""


# --- sidebar --------------------------------------------------------------------


def sidebar(
    choices: Choices, actors: pd.DataFrame, data: Summary, bounds: tuple[dt.date, dt.date] | None
) -> None:
    """The filter widgets, each bound to its session key."""
    names = dict(
        zip(actors["id"], actors["name"] + " (" + actors["affiliation"] + ")", strict=True)
    )
    outlets = {
        s.id: f"{s.outlet}, {s.published:%d %b %Y}" if s.published else s.outlet
        for s in data.sources.values()
    }
    st.header("Filters")
    widgets.draw(widgets.Sidebar(choices, {"actor": names, "outlet": outlets}, bounds))
    st.radio("Lanes by", LANE_MODES, key="lanes", format_func=lambda m: LANE_LABELS[m])
    if st.session_state.get("lanes") == "actor":
        st.multiselect(
            "One lane per actor for",
            choices.affiliations,
            key="expand",
            placeholder="Automatic",
            help=f"With more than {MAX_LANES} actors in view, the largest affiliations "
            "share one lane (“Russia · 12 actors”) so the chart fits the screen. Pick an "
            "affiliation to give each of its actors a lane of its own.",
        )
    st.button("Reset filters", on_click=session.reset, width="stretch")


# --- problems -------------------------------------------------------------------


def problems(data: Summary, errors_only: bool | None = None) -> None:
    """The error panel: every problem with its location, and the events left out.

    ``errors_only``: True draws it only when there are errors (top of the page), False
    only when there are warnings alone (below the chart); None always."""
    if not data.problems:
        return
    if errors_only is not None and bool(errors(data.problems)) != errors_only:
        return
    n_errors = len(errors(data.problems))
    n_warnings = len(data.problems) - n_errors
    label = f"{md_escape(data.file)}: {n_errors} errors, {n_warnings} warnings"
    if n_errors:
        st.error(
            f"{label}. Events with errors are left out; the rest are shown.",
            icon=":material/error:",
        )
    with st.expander(f"Problems in {label}", expanded=bool(n_errors)):
        st.text("\n".join(str(p) for p in data.problems))
        if data.invalid:
            st.text("Left out: " + ", ".join(data.invalid))


# --- timeline and selection -------------------------------------------------------


def page_title(page: str, dataset: str | None) -> None:
    """The browser tab names the page and the dataset ("Timeline · Russia, Chechnya…")."""
    st.set_page_config(page_title=f"{page} · {dataset or 'timeline'}")


def page_head() -> None:
    """The page's own fixed CSS."""
    st.html(PAGE_CSS)


def count_line(shown: pd.DataFrame, frame: pd.DataFrame) -> None:
    """How many events are shown, and what a click does in this view."""
    hint = (
        "narrow the view to click an event"
        if len(shown) > DENSE
        else "click an event for its quote, source and how its date was read"
    )
    st.markdown(f"**Showing {len(shown):,} of {len(frame):,} events** · {hint}")


def about(data: Summary) -> None:
    """The dataset's description and its title's media (an import's title slide), if any."""
    said = [md_links(data.description)] if data.description else []
    said += [media_markdown(data.media.model_dump(exclude_none=True))] if data.media else []
    if said:
        st.caption("  \n".join(said))


def timeline(
    shown: pd.DataFrame,
    actors: pd.DataFrame,
    data: Summary,
    state: ViewState,
) -> None:
    """The timeline of the shown events: the live view (zoom, pan, sheet and keyboard in
    the page), or counts per lane and period when there are too many to tell apart."""
    if len(shown) > DENSE:
        _density(shown, actors, state)
        return
    first = dict(state.filters.picks).get("actors", ())
    look = Look(state.lanes, state.event, expand=state.expand, periods=tuple(data.periods))
    cited = citations(data.sources.values())
    spec = sheet.live_spec(shown, actors, replace(look, first=tuple(first)), cited)
    name = f"Timeline of {len(shown)} events, in lanes by {LANE_LABELS[state.lanes].lower()}"
    lanes_key = f"{state.lanes}|{state.expand}|{first}"
    live.mount(spec, name + sheet.LIVE_HELP, compress=None, lanes_key=lanes_key)
    st.caption(sheet.HOW_TO)


def _density(shown: pd.DataFrame, actors: pd.DataFrame, state: ViewState) -> None:
    figure = density_figure(shown, actors, state.lanes, state.expand)
    live.figure(figure, "density", PLOT_CONFIG)
    st.caption(
        f"{len(shown):,} events are in view, more than can be told apart one by one "
        f"(up to {DENSE:,} are drawn as events): the colour says how many fall in "
        "each lane and period. Narrow the filters or the date range to see the events "
        "themselves; the list below has every one."
    )


def empty_state(frame: pd.DataFrame, chosen: filters.Filters) -> None:
    st.info(
        "No events match the filters. " + " ".join(filters.explain_empty(frame, chosen)),
        icon=":material/search_off:",
    )


# --- chronological list ---------------------------------------------------------------

LIST_COLUMNS = {
    "label": "Date",
    "title": "Event",
    "actor_names": "Actors",
    "status": "Status",
    "outlet": "Source",
}


def _picked_row(key: str, ids: list[str]) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    if rows and rows[0] < len(ids):
        st.session_state["event"] = ids[rows[0]]


def _show_all() -> None:
    st.session_state["group"] = []


def listed(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows the list shows: the events under a clicked badge, else every shown event."""
    present = set(shown["id"])
    group = [i for i in st.session_state.get("group", []) if i in present]
    if not group:
        st.session_state["group"] = []
        return shown
    st.caption(f"The {len(group)} events under the badge you clicked on the chart.")
    st.button("Show every event in the list", on_click=_show_all, key="list_all")
    return shown[shown["id"].isin(group)]


def event_list(shown: pd.DataFrame, selected: str | None) -> None:
    """The filtered events in date order; picking a row selects the event.

    The list's key follows the selection, so the ticked row is always the selected event
    (chosen on the chart, in the list or by the link), never a stale one."""
    rows = listed(shown)
    ids = list(rows["id"])
    table = rows[list(LIST_COLUMNS)].rename(columns=LIST_COLUMNS)
    table["Actors"] = table["Actors"].map(", ".join)
    timed = rows["time"] != ""
    table.loc[timed, "Date"] = table.loc[timed, "Date"] + ", " + rows.loc[timed, "time"]
    key = f"list-{selected or ''}"
    chosen = [ids.index(selected)] if selected in ids else []
    st.dataframe(
        table,
        key=key,
        on_select=functools.partial(_picked_row, key, ids),
        selection_mode="single-row",
        selection_default={"selection": {"rows": chosen, "columns": []}},
        hide_index=True,
        width="stretch",
        row_height=LIST_ROW_PX,
        height=min(40 + LIST_ROW_PX * 9, 40 + LIST_ROW_PX * len(table)),
        column_config={
            # sized to fit 900 px (1280 wide with the sidebar open); long text wraps
            "Date": st.column_config.TextColumn(width=112),
            "Event": st.column_config.TextColumn(width=330),
            "Actors": st.column_config.TextColumn(width=190),
            "Status": st.column_config.TextColumn(width=86),
            "Source": st.column_config.TextColumn(width=150),
        },
    )


LIST_ROW_PX = 68  # above 4rem the grid wraps a cell's text: three lines per row


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


def figure_line(fact: dict[str, Any], names: dict[str, str]) -> str:
    """ "about 2,200 fighters (2,000–2,500), claimed by Oleg Syromolotov; note" as text."""
    qualifier = fact.get("qualifier") or ""
    text = (
        f"{'' if qualifier == 'exactly' else qualifier + ' '}{fact['value']:,.0f} {fact['measure']}"
    )
    low, high = fact.get("low"), fact.get("high")
    if low is not None or high is not None:
        text += (
            f" ({'' if low is None else f'{low:,.0f}'}–{'' if high is None else f'{high:,.0f}'})"
        )
    claimant = names.get(fact.get("claimant") or "", "")
    if claimant:
        text += f", claimed by {claimant}"
    return text + (f"; {fact['note']}" if fact.get("note") else "")


def _neighbours(shown: pd.DataFrame, selected: str) -> None:
    """Earlier / Later: browse the shown events in date order without leaving the sheet."""
    ids = list(shown["id"])
    if selected not in ids:
        return
    at = ids.index(selected)
    back, where, forward = st.columns([2, 2, 2], vertical_alignment="center")
    if back.button("← Earlier", disabled=at == 0, key="sheet_prev", width="stretch"):
        st.session_state["event"] = ids[at - 1]
        st.rerun()
    where.caption(f"{at + 1} of {len(ids)} shown")
    if forward.button("Later →", disabled=at == len(ids) - 1, key="sheet_next", width="stretch"):
        st.session_state["event"] = ids[at + 1]
        st.rerun()


def _closed() -> None:
    st.session_state["event"] = None


def detail_body(
    row: dict[Any, Any], shown: pd.DataFrame, actors: pd.DataFrame, data: Summary
) -> None:
    """Everything about one event: status, date and how it was read, actors, quote,
    figures, notes and source."""
    source = data.sources[row["source"]]
    names = actor_names(actors)
    affiliation = actor_affiliations(actors)
    if row["id"] not in set(shown["id"]):
        st.caption("This event is hidden by the current filters.")
    st.badge(row["status"], color=status_style(row["status"]).badge)
    who = ", ".join(f"{md_escape(names[a])} ({md_escape(affiliation[a])})" for a in row["actors"])
    st.markdown(f"**{md_escape(dated(row))}** · {row['kind']}  \n**Actors:** {who}")
    if _given(row["quote"]):
        st.markdown("> " + md_links(row["quote"]))
    if row["media"]:
        st.markdown("**Media:** " + media_markdown(row["media"]))
    for fact in row["figures"]:
        st.markdown("- " + md_escape(figure_line(fact, names)))
    if _given(row["notes"]):
        st.caption(md_escape(row["notes"]))
    st.markdown("  \n".join(_date_lines(row)))
    link = f" [Open the article]({url_quote(source.url, safe=':/?&=#%')})" if source.url else ""
    st.markdown(f"**Source:** {citation(source, md_escape, said='published ')}.{link}")
    _reports(row)


def _reports(row: dict[Any, Any]) -> None:
    """Every report of an event that has several (the live sheet's lines), with a warning
    of what they disagree on and a link to each further report's article."""
    if row["disagree"]:
        words = ", ".join(disagreement(d) for d in row["disagree"])
        st.warning(f"The sources disagree on {md_escape(words)}.", icon=":material/warning:")
    lines = [f"**{md_escape(k)}:** {md_escape(v)}" for k, v in sheet_lines(row)]
    lines += [
        f"[{md_escape(text)}]({url_quote(url, safe=':/?&=#%')})" for text, url in sheet_links(row)
    ]
    if lines:
        st.markdown("  \n".join(lines))


def detail(
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    actors: pd.DataFrame,
    data: Summary,
    selected: str | None,
) -> None:
    """The selected event in a sheet at the right of the window, wherever the page is
    scrolled; closing it clears the selection."""
    if not selected or selected not in set(frame["id"]):
        return
    if len(shown) <= DENSE and selected in set(shown["id"]):
        return  # the live timeline's own sheet shows it, beside the chart
    row = frame[frame["id"] == selected].iloc[0].to_dict()

    @st.dialog(md_escape(row["title"]), position="right", width=520, on_dismiss=_closed)
    def sheet() -> None:
        _neighbours(shown, selected)
        detail_body(row, shown, actors, data)

    sheet()


# --- estimates ----------------------------------------------------------------------


def estimates(shown: pd.DataFrame, actors: pd.DataFrame) -> None:
    st.subheader("Estimates over time", anchor=False)
    if not shown["figures"].map(len).any():
        st.info("No event in the current view reports a figure.", icon=":material/show_chart:")
        return
    live.figure(estimates_figure(shown, actors), "estimates", PLOT_CONFIG)


# --- exports ---------------------------------------------------------------------------


DRAWN = {"html", "png", "svg", "pdf", "pptx"}  # drawn by Chromium or kaleido: seconds
PAPERS: dict[Paper, str] = {"a4": "A4", "letter": "US Letter"}


def _export_bytes(view: View, fmt: str) -> bytes:
    """Made when the button is clicked (quick formats); a failure becomes a short text file
    that says why."""
    try:
        return export.render(view, fmt)
    except export.ExportError as err:
        return f"The export failed: {err}\n".encode()


def _signature(view: View, fmt: str) -> str:
    return f"{revision(view.frame)}|{view.lanes}|{view.paper}|{view.filters_text}|{fmt}"


def _prepared(view: View, fmt: str, slot: Any) -> bytes | None:
    """The drawn file for this very view, once the user has asked for it: drawing takes
    seconds, so it is made on request, with a timer, and kept for the download. Button,
    timer and download take turns in one ``slot``, so the download appears where the user
    clicked."""
    signature, label = _signature(view, fmt), export.FORMATS[fmt].label
    kept = st.session_state.get("_export")
    if kept and kept[0] == signature:
        return bytes(kept[1])
    with slot.container():
        prepare, empty = f"Prepare the {label}", view.frame.empty
        if not st.button(prepare, key="prepare", icon=":material/print:", disabled=empty):
            st.caption("Drawing takes a few seconds; the download button appears here when ready.")
            return None
    with slot.container(), st.spinner(f"Drawing the {label}…", show_time=True):
        try:
            data = export.render(view, fmt)
        except export.ExportError as err:
            slot.error(f"The {label} could not be made: {err}")
            return None
    st.session_state["_export"] = (signature, data)
    return data


def export_panel(view: View) -> None:
    """Download the current filtered view in any export format, named for what is inside."""
    st.subheader("Export this view", anchor=False)
    st.caption(f"{md_escape(view.filters_text)}. {len(view.frame)} of {view.total} events.")
    fmt = st.selectbox(
        "Format",
        list(export.FORMATS),
        key="export_format",
        format_func=lambda f: export.FORMATS[f].label,
    )
    if fmt == "pdf":
        paper: Paper = st.radio(
            "Paper", list(PAPERS), key="export_paper", horizontal=True, format_func=PAPERS.get
        )
        view = replace(view, paper=paper)
    spec, name = export.FORMATS[fmt], export.default_name(view, fmt)
    slot = st.empty()
    data = _prepared(view, fmt, slot) if fmt in DRAWN else (lambda: _export_bytes(view, fmt))
    if data is None:
        return
    slot.download_button(
        f"Download {name}",
        data=data,
        file_name=name,
        mime=spec.media_type,
        disabled=view.frame.empty,
        on_click="ignore",
        icon=":material/download:",
        key="download",
    )
