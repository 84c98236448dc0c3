"""The normalised events as JSON or CSV (one row per event, dates as YYYY-MM-DD)."""

from __future__ import annotations

import json

import pandas as pd

from timeline.dataset.frame import RECORD_FIELDS, to_records
from timeline.text import spreadsheet_cell


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(to_records(frame), ensure_ascii=False, indent=2) + "\n"


REPORT_CELL = ("source", "start", "end", "label", "quote", "status")


def _reports_cell(reports: list[dict[str, str | None]]) -> str:
    """Every report of an event as JSON in its cell (source, dates, label, quote,
    status); empty for an event with only its own."""
    kept = [{key: r.get(key) for key in REPORT_CELL} for r in reports]
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def to_csv(frame: pd.DataFrame) -> str:
    """Lists joined with ``;``; figures as JSON in their cell; no cell starts a formula."""
    records = pd.DataFrame(to_records(frame), columns=RECORD_FIELDS)
    for column in ("actors", "tags"):
        records[column] = records[column].map(";".join)
    records["figures"] = records["figures"].map(lambda f: json.dumps(f, ensure_ascii=False))
    records["reports"] = records["reports"].map(_reports_cell)
    records["disagree"] = records["disagree"].map(";".join)
    records["media"] = records["media"].map(
        lambda m: json.dumps(m, ensure_ascii=False) if m else ""
    )
    for column in records.columns:
        records[column] = records[column].map(spreadsheet_cell)
    return str(records.to_csv(index=False))
