"""A briefing deck (PowerPoint, python-pptx): title, timeline, one slide per event, sources.

Dataset text goes into text runs, which PowerPoint shows as literal text.
"""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Inches, Pt

from timeline.export.view import View, today

TITLE, TITLE_ONLY, TITLE_AND_CONTENT = 0, 5, 1
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)


def _paragraphs(frame: Any, lines: list[tuple[str, int, bool]]) -> None:
    """Fill a text frame with (text, size, italic) paragraphs."""
    frame.word_wrap = True
    for i, (text, size, italic) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.italic = Pt(size), italic
        paragraph.space_after = Pt(10)


def _title_slide(deck: Deck, view: View) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE])
    slide.shapes.title.text = view.title
    subtitle = slide.placeholders[1].text_frame
    _paragraphs(
        subtitle,
        [
            (view.filters_text, 24, False),
            (f"{len(view.frame)} events, {view.period}", 24, False),
            (f"Prepared {today()}", 18, False),
        ],
    )


def _timeline_slide(deck: Deck, view: View, png: bytes) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "Timeline"
    top, margin = Inches(1.3), Inches(0.3)
    picture = slide.shapes.add_picture(io.BytesIO(png), margin, top)
    scale = min(
        (WIDTH - 2 * margin) / picture.width,
        (HEIGHT - top - margin) / picture.height,
    )
    picture.width, picture.height = (
        Emu(int(picture.width * scale)),
        Emu(int(picture.height * scale)),
    )
    picture.left = Emu(int((WIDTH - picture.width) / 2))


def _event_slide(deck: Deck, view: View, row: dict[Any, Any]) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = row["title"]
    source = view.sources[row["source"]]
    actors = ", ".join(view.names.get(a, a) for a in row["actors"])
    box = slide.shapes.add_textbox(Inches(0.7), Inches(1.6), WIDTH - Inches(1.4), Inches(5.5))
    _paragraphs(
        box.text_frame,
        [
            (f"{row['label']} · {row['status']} · {row['kind']}", 24, False),
            (f"Actors: {actors}", 22, False),
            (f"“{row['quote']}”", 24, True),
            (f"Source: {source.outlet}, “{source.title}”, {source.published:%d %B %Y}", 16, False),
        ],
    )


def _sources_slide(deck: Deck, view: View) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Sources"
    lines = [
        (
            f"{s.outlet}, “{s.title}”, {s.published:%d %B %Y}" + (f" — {s.url}" if s.url else ""),
            18,
            False,
        )
        for s in view.used_sources()
    ]
    body = slide.placeholders[1].text_frame
    body.clear()
    _paragraphs(body, lines)


def to_pptx(view: View, timeline_png: bytes) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, view)
    _timeline_slide(deck, view, timeline_png)
    for row in view.frame.to_dict("records"):
        _event_slide(deck, view, row)
    _sources_slide(deck, view)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
