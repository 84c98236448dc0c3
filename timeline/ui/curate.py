"""The "Add an article" page: paste an article, review candidate events, download the result.

Nothing is written: the page offers the merged YAML and the article's text as downloads,
after checking the merged dataset as ``python -m timeline check`` would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline.curate import new_source
from timeline.curate.kinds import reason
from timeline.curate.proposal import Proposal, propose, told
from timeline.dataset.cache import open_bytes
from timeline.dataset.frame import Frames
from timeline.dataset.model import KINDS, STATUSES
from timeline.dataset.types import Summary
from timeline.dataset.yamlread import read_yaml
from timeline.problems import errors
from timeline.suggest import Candidate, dateline, suggest
from timeline.text import md_escape
from timeline.yamlwrite import event_blocks, report_block, source_block

COLUMNS = ["add", "when", "resolves to", "report of", "title", "actors", "kind", "status"]
COLUMNS += ["why"]
WIDTH = 820  # the page's column beside the sidebar at 1280 px: the table fits it
WIDTHS = {"add": 50, "when": 90, "resolves to": 80, "report of": 80, "actors": 100, "kind": 85}
WIDTHS |= {"status": 75, "why": 110}
WIDTHS["title"] = WIDTH - sum(WIDTHS.values()) - 4  # 4: the borders


def _why(c: Candidate) -> str:
    """The cue words behind the proposed kind and status: "military: 'struck'"."""
    status = f"; {c.status}: '{c.status_cue}'" if c.status_cue else ""
    return reason(c.kind, c.kind_cue) + status


def _notes(candidates: list[Candidate]) -> None:
    """What to look at before adding (events it may repeat, names that are no actor
    yet), below the table so the table keeps to the screen's width."""
    lines = []
    for c in candidates:
        said = [f"a further report of {i} ({why})" for i, why in c.reports_of[:1]]
        said += [f"like {d}" for d in c.duplicates]
        said += [f"new names, not actors yet: {', '.join(c.new_names)}"] if c.new_names else []
        if said:
            lines.append(f"- **{md_escape(c.phrase.text)}**: {md_escape('; '.join(said))}")
    if lines:
        st.markdown("\n".join(lines))


def _rows(candidates: list[Candidate]) -> pd.DataFrame:
    rows = [
        {
            "add": c.phrase.span is not None and (not c.duplicates or bool(c.reports_of)),
            "when": c.phrase.text,
            "resolves to": c.phrase.span.label if c.phrase.span else "needs a pin",
            "title": c.title,
            "actors": ", ".join(c.actors),
            "kind": c.kind,
            "status": c.status,
            "why": _why(c),
            "report of": c.reports_of[0][0] if c.reports_of else "",
        }
        for c in candidates
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _inputs() -> None:
    st.text_area(
        "Article text", key="cur_text", height=260, placeholder="Paste the article's text here"
    )
    left, middle, right = st.columns(3)
    left.text_input(
        "Published (YYYY-MM-DD)",
        key="cur_published",
        placeholder="2016-02-09",
        help="Every date phrase is read against this day",
    )
    middle.text_input("Outlet", key="cur_outlet")
    right.text_input(
        "Headline",
        key="cur_title",
        help="Default: the article's first line (its first sentence when that line is the story)",
    )
    st.text_input("URL", key="cur_url", placeholder="https://…")


def _published(text: str) -> dt.date | None:
    """The publication date, or None (with a message when something unreadable was typed)."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        st.error(f"“{md_escape(text.strip())}” is not a date: write it as YYYY-MM-DD.")
        return None


def _source(data: Summary, text: str, published: dt.date) -> dict[str, str]:
    state = st.session_state
    return new_source(
        text,
        published,
        data.sources,
        outlet=state["cur_outlet"],
        title=state["cur_title"],
        url=state["cur_url"],
    )


def _accepted(candidates: list[Candidate], edited: pd.DataFrame) -> list[Candidate]:
    out = []
    for candidate, row in zip(candidates, edited.to_dict("records"), strict=True):
        if row["add"]:
            of = row["report of"]
            actors = [a.strip() for a in str(row["actors"]).split(",") if a.strip()]
            out.append(
                replace(
                    candidate,
                    title=str(row["title"]).strip() or candidate.title,
                    actors=actors,
                    kind=row["kind"],
                    status=row["status"],
                    reports_of=[(of.strip(), "")] if isinstance(of, str) and of.strip() else [],
                )
            )
    return out


def _columns() -> dict[str, Any]:
    """Narrow columns for short values, so the table fits beside the sidebar at 1280 px;
    the title takes what is left (its full text when edited)."""
    config: dict[str, Any] = {name: st.column_config.Column(width=w) for name, w in WIDTHS.items()}
    config["add"] = st.column_config.CheckboxColumn("add", width=WIDTHS["add"])
    config["kind"] = st.column_config.SelectboxColumn("kind", options=KINDS, width=WIDTHS["kind"])
    config["status"] = st.column_config.SelectboxColumn(
        "status", options=STATUSES, width=WIDTHS["status"]
    )
    return config


def page(opened: Frames, original: str, dataset_dir: Path | None) -> None:
    data = opened.data
    st.title("Add an article", anchor=False)
    st.caption(
        "timeline finds each dated statement, resolves its date against the publication "
        "date, matches known actors and suggests a kind and status. You decide; nothing "
        "is written to disk."
    )
    _inputs()
    text = st.session_state.get("cur_text", "")
    published = _published(st.session_state.get("cur_published", ""))
    if not text.strip() or published is None:
        st.info(
            "Paste an article and give its publication date to find candidate events.",
            icon=":material/article:",
        )
        return
    candidates = suggest(text, published, opened)
    filed = dateline(text, published)
    if filed is not None:
        said = md_escape(filed.note[:1].upper() + filed.note[1:])
        st.caption(said) if filed.agrees else st.warning(said, icon=":material/event:")
    if not candidates:
        st.warning("No dated statements found in this text.")
        return
    source = _source(data, text, published)
    st.markdown(
        f"**{len(candidates)} candidate events.** Tick the ones to add and edit their "
        "title, actors (ids, comma-separated), kind and status. One with an event id under "
        "*report of* is added as a further report of that event, not as a new event."
    )
    edited = st.data_editor(
        _rows(candidates),
        key="cur_editor",
        hide_index=True,
        width="stretch",
        disabled=["when", "resolves to", "why"],
        column_config=_columns(),
    )
    _notes(candidates)
    _result(data, original, dataset_dir, source, text, _accepted(candidates, edited))


def _verdict(checked: Summary, proposal: Proposal) -> None:
    """Whether the merged dataset passes check; its errors against the lines of the
    blocks shown below (the merged file is not shown, so none of its lines)."""
    if checked.ok:
        st.success(
            f"The merged dataset passes check: {checked.total} events.",
            icon=":material/check_circle:",
        )
        return
    wrong = errors(checked.problems)
    ours = [line for line in (told(p, proposal) for p in wrong) if line]
    if ours:
        st.error(
            "The blocks below do not pass check yet; fix these in the table above (the "
            "lines are those of the blocks below):\n\n"
            + "\n".join(f"- {md_escape(line)}" for line in ours)
        )
    if len(ours) < len(wrong):
        st.warning(
            f"The dataset already has {len(wrong) - len(ours)} errors of its own, not from "
            "this article: see the Timeline page's problems."
        )


def _reports(data: Any, further: list[Candidate], source_id: str) -> dict[int, list[str]]:
    """The ``reports:`` items to write under each event (by its place in the file)."""
    items = data.get("events") if isinstance(data, dict) else None
    places = {e.get("id"): i for i, e in enumerate(items or []) if isinstance(e, dict)}
    out: dict[int, list[str]] = {}
    for c in further:
        ident = c.reports_of[0][0]
        if ident not in places:
            raise ValueError(f"there is no event {ident!r} to add a report to")
        out.setdefault(places[ident], []).append(report_block(c, source_id))
    return out


def _result(
    data: Summary,
    original: str,
    dataset_dir: Path | None,
    source: dict[str, str],
    text: str,
    accepted: list[Candidate],
) -> None:
    if not accepted:
        st.info("Tick at least one candidate to build the merged dataset.")
        return
    parsed = read_yaml(original, data.file)
    blocks = event_blocks([c for c in accepted if not c.reports_of], source["id"], notes=False)
    try:
        reports = _reports(parsed.data, [c for c in accepted if c.reports_of], source["id"])
        proposal = propose(original, parsed.lines, source_block(source), blocks, reports)
    except ValueError as err:
        st.error(f"Cannot add to this dataset: {err}.")
        return
    merged = proposal.merged
    given = {source["text"]: text}  # the new article, checked without being written
    checked = open_bytes(merged.encode(), data.file, dataset_dir, given=given).data
    _verdict(checked, proposal)
    st.caption("The blocks to add, as they will go into the dataset:")
    st.code(proposal.preview, language="yaml", line_numbers=True, wrap_lines=True)
    left, right = st.columns(2)
    left.download_button(
        "Download the merged events.yaml",
        merged.encode(),
        "events.yaml",
        "application/yaml",
        disabled=not checked.ok,
        key="cur_yaml",
    )
    right.download_button(
        f"Download the article as {md_escape(source['text'])}",
        text.encode(),
        Path(source["text"]).name,
        "text/plain",
        key="cur_article",
    )
    st.caption(
        f"Save the article as `{source['text']}` beside the dataset, so its quotes can be checked."
    )
