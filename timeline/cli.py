"""Command line: ``python -m timeline check|list``.

Exit codes: 0 when the dataset has no errors (warnings allowed), 1 when it has
errors, 2 for a usage error. A bad file gives located messages, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TextIO

import pandas as pd

from timeline import filters
from timeline.dates import DateError, parse_pin
from timeline.frame import to_frame, to_records
from timeline.load import Dataset, load_file
from timeline.problems import errors, warnings

DEFAULT_FILE = "events.yaml"


def _summary(data: Dataset) -> str:
    counts = f"{len(data.events)} of {data.total} events valid"
    return (
        f"{data.file}: {counts}, {len(errors(data.problems))} errors, "
        f"{len(warnings(data.problems))} warnings"
    )


def _report(data: Dataset, out: TextIO) -> None:
    for problem in data.problems:
        print(problem, file=out)
    if data.invalid:
        print(f"left out (errors): {', '.join(data.invalid)}", file=out)
    print(_summary(data), file=out)


def cmd_check(args: argparse.Namespace) -> int:
    data = load_file(args.file)
    _report(data, sys.stdout)
    return 0 if data.ok else 1


def _date_bound(text: str, end: bool) -> dt.date:
    """``--from 2015`` starts on 1 Jan 2015; ``--to 2015`` ends on 31 Dec 2015."""
    try:
        span = parse_pin(text)
    except DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return span.end if end else span.start


def _table(frame: pd.DataFrame) -> str:
    records = to_records(frame)
    if not records:
        return "(no events match)"
    header = {"label": "date", "id": "id", "actors": "actors", "status": "status", "title": "title"}
    rows = [header, *({**r, "actors": ", ".join(r["actors"])} for r in records)]
    widths = {key: max(len(str(row[key])) for row in rows) for key in list(header)[:4]}
    return "\n".join(
        "  ".join(str(row[key]).ljust(width) for key, width in widths.items()) + "  " + row["title"]
        for row in rows
    )


def _csv(frame: pd.DataFrame) -> str:
    records = pd.DataFrame(to_records(frame))
    if records.empty:
        return ",".join(frame.columns) + "\n"
    for column in ("actors", "tags"):
        records[column] = records[column].map(";".join)
    records["figures"] = records["figures"].map(json.dumps)
    return str(records.to_csv(index=False))


def cmd_list(args: argparse.Namespace) -> int:
    data = load_file(args.file)
    for problem in errors(data.problems):
        print(problem, file=sys.stderr)
    if data.problems:
        print(f"{_summary(data)}; `python -m timeline check` shows every problem", file=sys.stderr)
    chosen = filters.Filters(
        actors=tuple(args.actor), actor_mode=args.actor_mode, start=args.start, end=args.end
    )
    frame = filters.apply(to_frame(data), chosen)
    if args.format == "json":
        print(json.dumps(to_records(frame), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(_csv(frame))
    else:
        print(_table(frame))
    return 0 if data.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate a dataset and print every problem")
    check.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: events.yaml")
    check.set_defaults(func=cmd_check)
    show = commands.add_parser("list", help="print the normalised events in chronological order")
    show.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: events.yaml")
    show.add_argument("--format", choices=("table", "json", "csv"), default="table")
    show.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="ID",
        help="keep events with this actor (repeat for several)",
    )
    show.add_argument(
        "--all-actors",
        dest="actor_mode",
        action="store_const",
        const="all",
        default="any",
        help="with several --actor: keep events that have all of them",
    )
    show.add_argument(
        "--from",
        dest="start",
        type=lambda t: _date_bound(t, end=False),
        metavar="DATE",
        help="YYYY, YYYY-MM or YYYY-MM-DD",
    )
    show.add_argument(
        "--to",
        dest="end",
        type=lambda t: _date_bound(t, end=True),
        metavar="DATE",
        help="YYYY, YYYY-MM or YYYY-MM-DD",
    )
    show.set_defaults(func=cmd_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `... | head` closed the pipe; not an error of ours
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
