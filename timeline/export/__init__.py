"""Exports of a filtered view, by format; each returns the file's bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from timeline.export.files import ExportError, write_atomic
from timeline.export.view import View, make_view


@dataclass(frozen=True)
class Format:
    extension: str
    media_type: str
    render: Callable[[View], bytes]
    label: str
    drawn: bool = False  # drawn by the browser: seconds, shown with progress on a terminal


def _html(view: View) -> bytes:
    from timeline.export.html import to_html

    return to_html(view).encode()


def _image(fmt: str) -> Callable[[View], bytes]:
    def render(view: View) -> bytes:
        from timeline.export.images import image

        return image(view, fmt)  # type: ignore[arg-type]

    return render


def _pdf(view: View) -> bytes:
    from timeline.export.images import pdf

    return pdf(view)


def _pptx(view: View) -> bytes:
    from timeline.export.deck import to_pptx

    return to_pptx(view)


def _md(view: View) -> bytes:
    from timeline.export.markdown import to_markdown

    return to_markdown(view).encode()


def _csv(view: View) -> bytes:
    from timeline.export.records import to_csv

    return to_csv(view.frame).encode()


def _json(view: View) -> bytes:
    from timeline.export.records import to_json

    return to_json(view.frame).encode()


def _timelinejs(view: View) -> bytes:
    from timeline.export.timelinejs import to_timelinejs_json

    return to_timelinejs_json(view).encode()


FORMATS: dict[str, Format] = {
    "html": Format(".html", "text/html", _html, "Web page (offline, interactive)"),
    "png": Format(".png", "image/png", _image("png"), "Timeline image (PNG)", True),
    "svg": Format(".svg", "image/svg+xml", _image("svg"), "Timeline image (SVG)", True),
    "pdf": Format(".pdf", "application/pdf", _pdf, "Briefing on paper (PDF)", True),
    "pptx": Format(
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _pptx,
        "Briefing deck (PowerPoint)",
        True,
    ),
    "md": Format(".md", "text/markdown", _md, "Chronology with citations (Markdown)"),
    "csv": Format(".csv", "text/csv", _csv, "Events table (CSV)"),
    "json": Format(".json", "application/json", _json, "Events (JSON)"),
    "timelinejs": Format(".json", "application/json", _timelinejs, "TimelineJS (JSON)"),
}


def default_name(view: View, fmt: str) -> str:
    """The file name a download or ``export`` without ``-o`` gets: what is inside."""
    return view.file_name(FORMATS[fmt].extension, "-timelinejs" if fmt == "timelinejs" else "")


def render(view: View, fmt: str) -> bytes:
    """The bytes of ``view`` in format ``fmt``; an empty view is refused with a reason."""
    if view.frame.empty:
        raise ExportError("no events match the filters, so there is nothing to export")
    return FORMATS[fmt].render(view)


__all__ = [
    "FORMATS",
    "ExportError",
    "Format",
    "View",
    "default_name",
    "make_view",
    "render",
    "write_atomic",
]
