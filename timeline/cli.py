"""Command line: ``python -m timeline check|list|export|import|suggest``.

Exit codes: 0 when the dataset has no errors (warnings allowed), 1 when it has
errors, 2 for a usage error. A bad file gives located messages, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from timeline import export, filters
from timeline.dataset.cache import open_dataset, open_summary
from timeline.dataset.frame import Frames, to_records
from timeline.dataset.types import Summary, default_max_bytes, megabytes_to_bytes
from timeline.export import records
from timeline.problems import errors, warnings
from timeline.progress import progress
from timeline.reading import read_bounded
from timeline.state import LANE_MODES
from timeline.text import terminal
from timeline.timelinejs.read import TimelineJSError

if TYPE_CHECKING:
    from timeline.timelinejs import Imported

DEFAULT_FILE = "events.yaml"


def _summary(data: Summary) -> str:
    counts = f"{data.valid} of {data.total} events valid"
    return (
        f"{data.file}: {counts}, {len(errors(data.problems))} errors, "
        f"{len(warnings(data.problems))} warnings"
    )


def _report(data: Summary, out: TextIO) -> None:
    for problem in data.problems:
        print(terminal(problem), file=out)
    if data.invalid:
        print(terminal(f"left out (errors): {', '.join(data.invalid)}"), file=out)
    print(terminal(_summary(data)), file=out)


def _max_bytes(args: argparse.Namespace) -> int | None:
    return None if args.max_mb is None else megabytes_to_bytes(args.max_mb)


def _megabytes(text: str) -> float:
    """``--max-mb``: a size above 0 (not inf, nan or -1), else a usage error."""
    try:
        megabytes = float(text)
        megabytes_to_bytes(megabytes)
    except ValueError as err:
        raise argparse.ArgumentTypeError(
            str(err) if "MB" in str(err) else f"{text!r} is not a number"
        ) from None
    return megabytes


def _open(args: argparse.Namespace) -> Frames:
    return open_dataset(args.file, _max_bytes(args))


def cmd_check(args: argparse.Namespace) -> int:
    data = open_summary(args.file, _max_bytes(args))  # no events needed: the cache's summary
    _report(data, sys.stdout)
    return 0 if data.ok else 1


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


def _errors_to_stderr(data: Summary) -> None:
    for problem in errors(data.problems):
        print(terminal(problem), file=sys.stderr)
    if data.problems:
        print(f"{_summary(data)}; python -m timeline check shows every problem", file=sys.stderr)


def _known(d: filters.Dimension, opened: Frames) -> list[str]:
    """What ``d`` may pick in this dataset: its vocabulary, its sources, else what the
    events and actors offer."""
    if d.vocabulary:
        return list(d.vocabulary)
    if d.name == "sources":
        return list(opened.data.sources)
    return filters.offered(d, opened.frame, opened.actors)


def _unknown(d: filters.Dimension, value: str, known: list[str]) -> str:
    """ "unknown actor 'kadyrow'; did you mean 'kadyrov'?" with what there is to pick."""
    lowered = {k.lower(): k for k in known}
    near = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.5)
    hint = f"; did you mean {lowered[near[0]]!r}?" if near else ""
    some = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    offer = f" (the dataset has {some})" if known else f" (the dataset has no {d.label.lower()})"
    return f"error: unknown {d.key} {value!r}{hint}{offer}"


def _unknown_picks(args: argparse.Namespace, opened: Frames) -> list[str]:
    """A message for every picked value the dataset does not have."""
    found = []
    for d in filters.DIMENSIONS:
        picked = getattr(args, d.name, None)
        if not isinstance(picked, list):  # a count or a yes/no row, not a pick-list
            continue
        known = _known(d, opened)
        found += [_unknown(d, v, known) for v in picked if v not in known]
    return found


def _opened_with_picks(args: argparse.Namespace) -> Frames | None:
    """The dataset, its errors reported; None (after saying why) when a filter picks an
    actor, kind, status, source or tag it does not have."""
    opened = _open(args)
    _errors_to_stderr(opened.data)
    unknown = _unknown_picks(args, opened)
    for message in unknown:
        print(terminal(message), file=sys.stderr)
    return None if unknown else opened


def cmd_list(args: argparse.Namespace) -> int:
    opened = _opened_with_picks(args)
    if opened is None:
        return 2
    data = opened.data
    frame = filters.apply(opened.frame, filters.read_args(args))
    if args.format == "json":
        sys.stdout.write(records.to_json(frame))
    elif args.format == "csv":  # data when redirected; shown safely on a terminal
        table = records.to_csv(frame)
        sys.stdout.write(terminal(table) if sys.stdout.isatty() else table)
    else:
        print(terminal(_table(frame)))
    return 0 if data.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    opened = _opened_with_picks(args)
    if opened is None:
        return 2
    view = replace(export.make_view(opened, filters.read_args(args), args.lanes), paper=args.paper)
    try:
        for fmt, output in _outputs(args, view):
            _write(view, fmt, output, args)
    except export.ExportError as err:
        print(terminal(f"error: {err}"), file=sys.stderr)
        return 1
    return 0 if opened.data.ok else 1


def _outputs(args: argparse.Namespace, view: export.View) -> list[tuple[str, str]]:
    """Each format and the file it goes to: ``-o FILE`` for one format; for several,
    their own names in the folder ``-o`` names (else here)."""
    formats: list[str] = args.format
    if len(formats) == 1:
        return [(formats[0], args.output or export.default_name(view, formats[0]))]
    folder = Path(args.output or ".")
    if not folder.is_dir():
        raise export.ExportError(
            f"with several formats, -o names a folder for them; {folder} is not a folder"
        )
    return [(fmt, str(folder / export.default_name(view, fmt))) for fmt in formats]


def _write(view: export.View, fmt: str, output: str, args: argparse.Namespace) -> None:
    many = len(args.format) > 1
    place = f" ({args.format.index(fmt) + 1} of {len(args.format)})" if many else ""
    drawing = progress(f"drawing {fmt}{place}") if export.FORMATS[fmt].drawn else nullcontext()
    with drawing:
        path = export.write_atomic(output, export.render(view, fmt), args.force)
    print(f"wrote {path} ({fmt}, {len(view.frame)} of {view.total} events)", file=sys.stderr)


def _formats(text: str) -> list[str]:
    """ "pdf,pptx" → ["pdf", "pptx"]: one format or several, each known, each once."""
    chosen = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in export.FORMATS]
    if unknown or not chosen:
        named = f"unknown format {unknown[0]!r}" if unknown else "no format given"
        hint = difflib.get_close_matches(unknown[0], export.FORMATS, 1) if unknown else []
        meant = f"; did you mean {hint[0]!r}?" if hint else ""
        raise argparse.ArgumentTypeError(
            f"{named}{meant} (formats: {', '.join(export.FORMATS)}; several: pdf,pptx)"
        )
    return chosen


def _imported(source: Path, kind: str) -> Imported:
    """The import of ``source``, checked slide by slide as the dataset it becomes (what
    check refuses is left out and said); TimelineJSError when nothing can be imported."""
    from timeline.timelinejs import import_text

    raw = read_bounded(source, default_max_bytes()).decode("utf-8-sig")
    return import_text(raw, source.name, kind)


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    kind = args.kind or ("csv" if source.suffix.lower() == ".csv" else "json")
    try:
        made = _imported(source, kind)
        export.write_atomic(args.output, made.text.encode(), args.force)
    except (OSError, UnicodeDecodeError) as err:
        print(terminal(f"error: cannot read {source}: {err}"), file=sys.stderr)
        return 1
    except (export.ExportError, TimelineJSError) as err:
        print(terminal(f"error: {source}: {err}"), file=sys.stderr)
        return 1
    for slide in made.skipped:
        print(terminal(f"note: {source}: {slide}"), file=sys.stderr)
    print(terminal(f"{source}: {made.summary}"), file=sys.stderr)
    print(terminal(f"wrote {args.output} ({made.counts['event']:,} events)"), file=sys.stderr)
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from timeline.suggest import dateline, suggest
    from timeline.yamlwrite import to_yaml

    article = Path(args.article)
    try:
        text = read_bounded(article, default_max_bytes()).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read {article} as UTF-8 text: {err}", file=sys.stderr)
        return 1
    into = open_dataset(args.into) if args.into else None
    data = into.data if into else None
    if data is not None:
        _errors_to_stderr(data)
    source = _new_source(args, article, text, data)
    candidates = suggest(text, args.published, into)
    sys.stdout.write(to_yaml(source, candidates))
    filed = dateline(text, args.published)
    if filed is not None:
        print(f"note: {filed.note}", file=sys.stderr)
    dupes = sum(bool(c.duplicates) for c in candidates)
    pins = sum(c.phrase.span is None for c in candidates)
    where = f"; {dupes} look like events already in {args.into}" if data is not None else ""
    further = sum(bool(c.reports_of) for c in candidates)
    where += f", {further} may be further reports of them (see the comments)" if further else ""
    print(
        f"{len(candidates)} candidate events from {article}{where}; {pins} need a pin",
        file=sys.stderr,
    )
    return 0


def _new_source(
    args: argparse.Namespace, article: Path, text: str, data: Summary | None
) -> dict[str, str]:
    from timeline.curate import new_source

    relative = str(article)
    if args.into:
        relative = os.path.relpath(article.resolve(), Path(args.into).resolve().parent)
        if relative.startswith(".."):
            print(
                f"note: {article} is outside the dataset's folder; copy it under it and fix "
                "its text: field, or the loader will refuse it",
                file=sys.stderr,
            )
    taken = data.sources if data else ()
    return new_source(
        text,
        args.published,
        taken,
        outlet=args.outlet or "",
        title=args.title or "",
        url=args.url or "",
        path=relative,
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _add_file_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: events.yaml")
    command.add_argument(
        "--max-mb",
        type=_megabytes,
        metavar="MB",
        help="refuse larger files (default: TIMELINE_MAX_MB, else 64)",
    )


def _add_filter_options(command: argparse.ArgumentParser) -> None:
    _add_file_argument(command)
    filters.add_flags(command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m timeline",
        description="Check, list and export a timeline dataset; import TimelineJS files; "
        "find candidate events in a new article.",
        epilog="Exit codes: 0 no errors (warnings allowed), 1 the dataset has errors, "
        "2 a usage error (an unknown option, actor, kind, status, source or tag).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate a dataset and print every problem")
    _add_file_argument(check)
    check.set_defaults(func=cmd_check)
    show = commands.add_parser("list", help="print the normalised events in chronological order")
    _add_filter_options(show)
    show.add_argument("--format", choices=("table", "json", "csv"), default="table")
    show.set_defaults(func=cmd_list)
    out = commands.add_parser("export", help="write the filtered events as a file")
    _add_filter_options(out)
    out.add_argument(
        "--format",
        required=True,
        type=_formats,
        metavar="FORMAT[,FORMAT]",
        help=f"one of {', '.join(export.FORMATS)}, or several joined by commas "
        "(pdf,pptx,png: one browser draws them all, into the folder -o names)",
    )
    out.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="default: named from the view, e.g. kadyrov_2007-01-01_2016-02-10.pptx; "
        "with several formats, a folder",
    )
    out.add_argument(
        "--lanes",
        choices=LANE_MODES,
        help="timeline lanes (default: the dataset's lanes: setting, else actor); "
        "chosen lanes become TimelineJS groups",
    )
    out.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="PDF paper size (landscape)"
    )
    out.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    out.set_defaults(func=cmd_export)
    inp = commands.add_parser("import", help="turn a TimelineJS JSON or CSV file into events.yaml")
    inp.add_argument("file", help="a TimelineJS JSON file or spreadsheet CSV")
    inp.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    inp.add_argument("--kind", choices=("json", "csv"), help="default: from the file's ending")
    inp.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    inp.set_defaults(func=cmd_import)
    sug = commands.add_parser(
        "suggest", help="find candidate events in a new article (prints YAML)"
    )
    sug.add_argument("article", help="the article's text, UTF-8")
    sug.add_argument(
        "--published",
        required=True,
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the publication date every phrase is read against",
    )
    sug.add_argument("--title", help="the headline (default: the article's first line)")
    sug.add_argument("--outlet", help="who published it")
    sug.add_argument("--url", help="where it was published (http or https)")
    sug.add_argument(
        "--into",
        metavar="DATASET.yaml",
        help="match its actors and report candidates it already has (never modified)",
    )
    sug.set_defaults(func=cmd_suggest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `... | head` closed the pipe; not an error of ours
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
