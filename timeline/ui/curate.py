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

from timeline.cache import Frames, open_bytes
from timeline.ids import slug
from timeline.load import Summary
from timeline.merge import merge
from timeline.model import KINDS, STATUSES
from timeline.suggest import Candidate, dateline, suggest
from timeline.text import md_escape
from timeline.yamlread import read_yaml
from timeline.yamlwrite import event_blocks, report_block, source_block

COLUMNS = [
    *("add", "when", "resolves to", "report of", "title", "actors", "kind", "status"),
    *("quote", "note"),
]


def _excerpt(c: Candidate, width: int = 240) -> str:
    """The sentence around the candidate's phrase, at most ``width`` characters (one
    sentence of 2,000 dates would otherwise fill 2,000 rows with all of itself)."""
    if len(c.sentence) <= width:
        return " ".join(c.sentence.split())
    start = max(0, c.phrase.start - width // 2)
    part = " ".join(c.sentence[start : start + width].split())
    return ("… " if start else "") + part + (" …" if start + width < len(c.sentence) else "")


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
            "quote": _excerpt(c),
            "report of": c.reports_of[0][0] if c.reports_of else "",
            "note": "; ".join(
                [
                    *(f"a further report of {i} ({why})" for i, why in c.reports_of[:1]),
                    *(f"like {d}" for d in c.duplicates),
                    *([f"new names: {', '.join(c.new_names)}"] if c.new_names else []),
                ]
            ),
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
    right.text_input("Headline", key="cur_title", help="Default: the article's first line")
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
    outlet = st.session_state["cur_outlet"].strip() or "Unknown outlet"
    ident = slug(f"{outlet} {published}", set(data.sources))
    first = next((line.strip() for line in text.splitlines() if line.strip()), ident)
    return {
        "id": ident,
        "title": st.session_state["cur_title"].strip() or first,
        "outlet": outlet,
        "published": published.isoformat(),
        "url": st.session_state["cur_url"].strip(),
        "text": f"articles/{ident}.txt",
    }


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
            "Paste an article and give its publication date to find candidate events.", icon="📰"
        )
        return
    candidates = suggest(text, published, opened)
    filed = dateline(text, published)
    if filed is not None:
        said = md_escape(filed.note[:1].upper() + filed.note[1:])
        st.caption(said) if filed.agrees else st.warning(said, icon="📅")
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
        disabled=["when", "resolves to", "quote", "note"],
        column_config={
            "add": st.column_config.CheckboxColumn("add", width="small"),
            "kind": st.column_config.SelectboxColumn("kind", options=list(KINDS)),
            "status": st.column_config.SelectboxColumn("status", options=list(STATUSES)),
        },
    )
    _result(data, original, dataset_dir, source, text, _accepted(candidates, edited))


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
        merged = merge(original, parsed.lines, source_block(source), blocks, reports)
    except ValueError as err:
        st.error(f"Cannot add to this dataset: {err}.")
        return
    given = {source["text"]: text}  # the new article, checked without being written
    checked = open_bytes(merged.encode(), data.file, dataset_dir, given=given).data
    if checked.ok:
        st.success(f"The merged dataset passes check: {checked.total} events.", icon="✅")
    else:
        st.error("The merged dataset does not pass check yet; fix these in the table:")
        st.text("\n".join(str(p) for p in checked.problems if p.severity == "error"))
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
