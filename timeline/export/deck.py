"""A briefing deck for 16:9 screens (PowerPoint, python-pptx), laid out on blank slides.

Title slide; the timeline full width; one slide per event (date and the article's phrase,
a title that fits its box, a status badge in the chart's colour and shape, actors, the
quote in large type, the source, and a strip marking where the event sits among the
others); speaker notes with the source, the phrase and how its date was resolved; and
the sources. No layout placeholders: every box is placed here, and its text is measured
(Arial's advance widths) and set at the largest size that fits it, never left to overflow.

Dataset text goes into text runs, which PowerPoint shows as literal text.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Inches, Pt

from timeline.dataset.model import Source
from timeline.dataset.reports import summary
from timeline.draw.styles import status_style
from timeline.draw.words import dated, said_otherwise
from timeline.export.files import ExportError
from timeline.export.view import View, citation, report_citation, today
from timeline.layout import Window, fit_window
from timeline.text import link_words, media_plain, quoted

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = 0.6  # inches
INNER = 13.333 - 2 * MARGIN
FONT = "Arial"  # PowerPoint has it; LibreOffice draws it with the metric-twin Liberation Sans


def rgb(hex_colour: str) -> RGBColor:
    """A colour from "RRGGBB" (python-pptx's constructor is untyped)."""
    colour: RGBColor = RGBColor.from_string(hex_colour)  # type: ignore[no-untyped-call]
    return colour


INK, MUTED, RULE, WHITE = rgb("111111"), rgb("444444"), rgb("999999"), rgb("FFFFFF")
BLANK = 6  # the default template's blank layout
LINE = 1.2  # line height, in font sizes
OVERHANG = 0.2  # the last line's glyphs reach this far below its line, in font sizes
SHAPES = {"diamond": MSO_SHAPE.DIAMOND, "square": MSO_SHAPE.RECTANGLE}  # else an oval


def _status(status: str) -> tuple[str, Any, str, bool]:
    """Colour ("RRGGBB"), shape, mark and whether filled: as the chart draws the status."""
    look = status_style(status)
    shape = SHAPES.get(look.shape, MSO_SHAPE.OVAL)
    return look.ink.lstrip("#"), shape, look.mark, not look.hollow


STRIP_BINS = 160  # the strip draws at most this many marks

# Arial's advance widths in em (the usual Latin letters); anything else counts as wide.
_NARROW = dict.fromkeys("il.,;:'’‘|!`", 0.25) | dict.fromkeys("fjtI[]()/-", 0.31)
_WIDE = dict.fromkeys("mwMW@%", 0.9) | dict.fromkeys("ABCDEFGHKNOPQRSTUVXYZ&", 0.7)
_WIDTHS = {" ": 0.278, "r": 0.333, "“": 0.333, "”": 0.333, '"': 0.355} | _NARROW | _WIDE


def text_width(text: str, points: float, bold: bool = False) -> float:
    """Inches ``text`` takes at ``points`` in Arial (a slight overestimate); bold is wider."""
    ems = sum(_WIDTHS.get(c, 0.556 if c.isascii() else 0.6) for c in text)
    return ems * points / 72 * (1.13 if bold else 1.04)


def wrap(text: str, points: float, width: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` inches."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", points, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Fit:
    points: float
    lines: list[str]


def fit(
    text: str, width: float, height: float, largest: float, smallest: float, bold: bool = False
) -> Fit:
    """The largest size (in steps of 1 pt) at which ``text`` wraps into the box; at the
    smallest size, the lines that fit, the last cut with "…"."""
    size = largest
    while size >= smallest:
        lines = wrap(text, size, width, bold)
        widest = max(text_width(line, size, bold) for line in lines)
        if (len(lines) * LINE + OVERHANG) * size / 72 <= height and widest <= width:
            return Fit(size, lines)
        size -= 1
    lines = wrap(text, smallest, width, bold)
    keep = max(1, int((height * 72 / smallest - OVERHANG) / LINE))
    if len(lines) > keep:
        lines = lines[:keep]
        while lines[-1] and text_width(lines[-1] + "…", smallest, bold) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += "…"
    return Fit(smallest, lines)


def _box(
    slide: Slide,
    text: str,
    where: tuple[float, float, float, float],
    size: tuple[float, float],
    **style: Any,
) -> Fit:
    """A text box at ``where`` (left, top, width, height in inches) holding ``text`` at the
    largest size in ``size`` (largest, smallest) that fits."""
    left, top, width, height = where
    fitted = fit(text, width, height, *size, bold=style.get("bold", False))
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = style.get("anchor", MSO_ANCHOR.TOP)
    paragraph = frame.paragraphs[0]
    paragraph.line_spacing = Pt(fitted.points * LINE)  # exact: what ``fit`` measured
    paragraph.alignment = style.get("align", PP_ALIGN.LEFT)
    run = paragraph.add_run()
    run.text = " ".join(fitted.lines)
    font = run.font
    font.name, font.size = FONT, Pt(fitted.points)
    font.bold, font.italic = style.get("bold", False), style.get("italic", False)
    font.color.rgb = style.get("colour", INK)
    return fitted


def _badge(slide: Slide, status: str, left: float, top: float) -> None:
    """The status as the chart shows it: filled for reported/confirmed, hollow for claims."""
    colour, _, mark, filled = _status(status)
    shape = flat(
        slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top), Inches(2.5), Inches(0.6)
        )
    )
    ink = rgb(colour)
    shape.fill.solid()
    shape.fill.fore_color.rgb = ink if filled else WHITE
    shape.line.color.rgb, shape.line.width = ink, Pt(3)
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    run = paragraph.add_run()
    run.text = f"{mark} {status.upper()}"
    run.font.name, run.font.size, run.font.bold = FONT, Pt(20), True
    run.font.color.rgb = WHITE if filled else ink


def flat(shape: Any) -> Any:
    """``shape`` without the theme's style (its shadow, which LibreOffice draws even under
    an empty effect list): its fill and line are set where it is made."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def _notes(slide: Slide, lines: list[str]) -> None:
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        frame.text = "\n".join(line for line in lines if line)


def _blank(deck: Deck) -> Slide:
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[BLANK])
    return slide


# --- slides -----------------------------------------------------------------------------


def _title_slide(deck: Deck, view: View) -> None:
    slide = _blank(deck)
    _box(slide, view.title, (MARGIN, 1.5, INNER, 2.3), (48, 30), bold=True)
    _box(slide, view.filters_text, (MARGIN, 3.95, INNER, 0.9), (26, 18), colour=MUTED)
    period = f"{len(view.frame)} events, {view.period}"
    _box(slide, period, (MARGIN, 4.95, INNER, 0.6), (26, 18), colour=MUTED)
    _box(slide, f"Prepared {today()}", (MARGIN, 6.4, INNER, 0.4), (16, 12), colour=MUTED)
    about = f" {link_words(view.description)}" if view.description else ""
    _notes(slide, [f"{view.title}.{about} {view.filters_text}. {period}."])


def _timeline_slide(deck: Deck, view: View) -> None:
    from timeline.export import slide_chart

    slide = _blank(deck)
    _box(slide, "Timeline", (MARGIN, 0.25, 6.0, 0.55), (28, 24), bold=True)
    where = (6.8, 0.3, INNER - 6.2, 0.45)
    _box(slide, view.period, where, (18, 14), colour=MUTED, align=PP_ALIGN.RIGHT)
    chart = slide_chart.draw(slide, view)
    folded = " Lanes are folded by affiliation to fit the slide." if chart and chart.folded else ""
    _notes(slide, [f"The {len(view.frame)} events of this briefing, {view.period}.{folded}"])


def _date_line(row: dict[Any, Any]) -> str:
    line = f"{dated(row)} · {row['kind']}"
    if said_otherwise(row):
        line += f" · the article says {quoted(row['when'])}"
    return line


@dataclass(frozen=True)
class Strip:
    """What every event slide's strip shares: the window, the marks of the events inside
    it, and the years of those before and after it (pointed to with ◀ and ▶)."""

    window: Window
    marks: list[float]  # shares of the width, one per occupied bin
    before: str  # "2007" or "2007–2014", "" when none
    after: str

    @classmethod
    def of(cls, view: View) -> Strip | None:
        window = fit_window(view.frame)
        if window is None:
            return None
        middles = view.frame["middle"]
        inside = middles[(middles >= window.start) & (middles <= window.end)]
        bins = {round(window.share(m) * STRIP_BINS) for m in inside}
        before, after = middles[middles < window.start], middles[middles > window.end]
        return cls(window, [b / STRIP_BINS for b in sorted(bins)], _years(before), _years(after))


def _years(when: Any) -> str:
    """ "2007", or "2007–2014": the years of events outside the strip."""
    if len(when) == 0:
        return ""
    first, last = int(when.min().year), int(when.max().year)
    return str(first) if first == last else f"{first}–{last}"


STRIP_LEFT, STRIP_WIDTH = MARGIN + 2.0, INNER - 4.0  # the rule; pointers sit either side


def _marks(slide: Slide, strip: Strip, top: float) -> None:
    """Every event inside the window as a small diamond, all in ONE freeform shape (a
    shape per mark made a 400-event deck 60,000 shapes)."""
    if not strip.marks:
        return
    half, scale = 0.05, 10_000  # local units per inch
    xs = [(STRIP_LEFT + m * STRIP_WIDTH) * scale for m in strip.marks]
    build = slide.shapes.build_freeform(xs[0] - half * scale, top * scale, scale=Inches(1) / scale)
    for i, x in enumerate(xs):
        if i:
            build.move_to(x - half * scale, top * scale)
        y, h = top * scale, half * scale
        build.add_line_segments([(x, y - h), (x + h, y), (x, y + h), (x - h, y)], close=True)
    shape = flat(build.convert_to_shape())
    shape.fill.solid()
    shape.fill.fore_color.rgb = RULE
    shape.line.fill.background()


def _pointer(slide: Slide, text: str, left: float, top: float, align: Any, **style: Any) -> None:
    where = (left, top - 0.2, 1.9, 0.4)
    _box(slide, text, where, (18, 12), align=align, anchor=MSO_ANCHOR.MIDDLE, **style)


def _here(slide: Slide, strip: Strip, row: dict[Any, Any], top: float) -> None:
    """This event on the rule, in its status's shape and colour (inside the window)."""
    colour, shape_kind, _, filled = _status(str(row["status"]))
    at = STRIP_LEFT + strip.window.share(row["middle"]) * STRIP_WIDTH
    here = flat(
        slide.shapes.add_shape(
            shape_kind, Inches(at - 0.14), Inches(top - 0.14), Inches(0.28), Inches(0.28)
        )
    )
    here.fill.solid()
    here.fill.fore_color.rgb = rgb(colour) if filled else WHITE
    here.line.color.rgb, here.line.width = rgb(colour), Pt(2.5)


def _ends(slide: Slide, strip: Strip, row: dict[Any, Any], top: float) -> None:
    """◀ and ▶ either side of the rule with the years of the events beyond it; when this
    event is one of them, its own date there, bold in its status's colour (so the 2007
    event never reads as the window's first month)."""
    colour = rgb(_status(str(row["status"]))[0])
    when, window = row["middle"], strip.window
    sides = (
        (strip.before, when < window.start, MARGIN, PP_ALIGN.LEFT, "◀ {}"),
        (strip.after, when > window.end, STRIP_LEFT + STRIP_WIDTH + 0.1, PP_ALIGN.RIGHT, "{} ▶"),
    )
    for years, this, left, align, form in sides:
        if this:
            _pointer(slide, form.format(row["label"]), left, top, align, bold=True, colour=colour)
        elif years:
            _pointer(slide, form.format(years), left, top, align, colour=MUTED)


def _strip(slide: Slide, strip: Strip | None, row: dict[Any, Any], top: float) -> None:
    """A rule with a mark for every event of the briefing inside its window, ◀ and ▶ with
    the years of those outside it, its ends dated below, and this event marked."""
    if strip is None:
        return
    left, width = STRIP_LEFT, STRIP_WIDTH
    rule = flat(
        slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, Inches(left), Inches(top), Inches(left + width), Inches(top)
        )
    )
    rule.line.color.rgb, rule.line.width = RULE, Pt(1.5)
    _marks(slide, strip, top)
    _ends(slide, strip, row, top)
    for x, when in ((left, strip.window.start), (left + width, strip.window.end)):
        where = (x - 0.6, top + 0.12, 1.2, 0.3)
        _box(slide, f"{when:%b %Y}", where, (12, 10), colour=MUTED, align=PP_ALIGN.CENTER)
    if window_holds(strip.window, row["middle"]):
        _here(slide, strip, row, top)


def window_holds(window: Window, when: Any) -> bool:
    return bool(window.start <= when <= window.end)


def _source_line(view: View, row: dict[Any, Any]) -> str:
    source = view.sources[row["source"]]
    media = f" · Media: {media_plain(row['media'])}" if row["media"] else ""
    said = summary(row["reports"], row["disagree"])
    return f"{said + '. ' if said else ''}Source: {citation(source)}{media}"


def _event_notes(view: View, row: dict[Any, Any]) -> list[str]:
    source = view.sources[row["source"]]
    said = (
        f"The article says {quoted(row['when'])}."
        if row["when"]
        else "The article gives no date phrase."
    )
    return [
        f"{row['title']} ({row['status']}, {row['kind']}).",
        f"Source: {citation(source, said='published ')}."
        + (f" {source.url}" if source.url else ""),
        f"Date: {row['label']} ({row['precision']}). {said}",
        f"How the date was resolved: {row['how']}.",
        f"Pinned because: {row['date_note']}" if row["date_note"] else "",
        f"Notes: {row['notes']}" if row["notes"] else "",
        f"Media: {media_plain(row['media'])}" if row["media"] else "",
        *_report_notes(view, row),
    ]


def _report_notes(view: View, row: dict[Any, Any]) -> list[str]:
    """Each report's citation, phrase, status, quote and link, for an event with several."""
    said = summary(row["reports"], row["disagree"])
    lines = [f"{said}." if said else ""]
    for n, report in enumerate(row["reports"], start=1):
        quote = f" {quoted(report['quote'])}" if report["quote"] else ""
        link = f" {report['url']}" if report["url"] else ""
        lines.append(f"Report {n}: {report_citation(report, view.sources)}.{quote}{link}")
    return lines


def _event_slide(
    deck: Deck, view: View, row: dict[Any, Any], number: int, strip: Strip | None
) -> None:
    slide = _blank(deck)
    actors = ", ".join(view.names.get(a, a) for a in row["actors"])
    _box(slide, _date_line(row), (MARGIN, 0.42, INNER - 3.0, 0.5), (22, 14), colour=MUTED)
    _badge(slide, str(row["status"]), 13.333 - MARGIN - 2.5, 0.35)
    _box(slide, row["title"], (MARGIN, 1.05, INNER, 1.45), (40, 26), bold=True)
    _box(slide, f"Actors: {actors}", (MARGIN, 2.6, INNER, 0.45), (20, 13), colour=MUTED)
    if row["quote"]:
        quote = quoted(link_words(row["quote"]))
        _box(slide, quote, (MARGIN, 3.2, INNER, 2.35), (32, 16), italic=True)
    _strip(slide, strip, row, 5.95)
    _box(slide, _source_line(view, row), (MARGIN, 6.5, INNER - 1.0, 0.55), (16, 11), colour=MUTED)
    counter = f"{number} / {len(view.frame)}"
    _box(
        slide,
        counter,
        (13.333 - MARGIN - 0.9, 6.6, 0.9, 0.35),
        (14, 10),
        colour=MUTED,
        align=PP_ALIGN.RIGHT,
    )
    _notes(slide, _event_notes(view, row))


PER_COLUMN = 4
SOURCES_PER_SLIDE = 2 * PER_COLUMN
ROOM = 5.6  # inches down the slide for the sources


def _short_url(url: str, width: float, points: float) -> str:
    """``url`` without its scheme, cut with "…" to ``width`` inches (the notes have it whole)."""
    text = url.split("://", 1)[-1].removeprefix("www.")
    if text_width(text, points) <= width:
        return text
    while text and text_width(text + "…", points) > width:
        text = text[:-1]
    return text + "…"


def _source_entry(
    slide: Slide, source: Source, where: tuple[float, float, float, float], size: float
) -> None:
    """One source: "Outlet, “Title”, date" in large type, its address below in smaller."""
    left, top, width, height = where
    _box(slide, citation(source), (left, top, width, height), (size, size))
    if source.url:
        url = _short_url(source.url, width, 16)
        _box(slide, url, (left, top + height, width, 0.32), (16, 16), colour=MUTED)


def _sources_slides(deck: Deck, view: View) -> None:
    """The sources, up to four in one column, else two columns of four, spread down the
    slide; every citation on a slide at one size, the largest (up to 32 pt) that fits."""
    sources = view.used_sources()
    pages = max(1, math.ceil(len(sources) / SOURCES_PER_SLIDE))
    for page in range(pages):
        slide = _blank(deck)
        title = "Sources" if pages == 1 else f"Sources ({page + 1} of {pages})"
        _box(slide, title, (MARGIN, 0.35, INNER, 0.7), (32, 24), bold=True)
        chunk = sources[page * SOURCES_PER_SLIDE : (page + 1) * SOURCES_PER_SLIDE]
        width = INNER if len(chunk) <= PER_COLUMN else (INNER - 0.5) / 2
        entry = min(2.0, ROOM / min(PER_COLUMN, len(chunk)))
        size = min(fit(citation(s), width, entry - 0.5, 32, 14).points for s in chunk)
        for i, source in enumerate(chunk):
            left, top = MARGIN + (i // PER_COLUMN) * (width + 0.5), 1.35 + (i % PER_COLUMN) * entry
            _source_entry(slide, source, (left, top, width, entry - 0.5), size)
        _notes(slide, [f"{s.outlet}: {s.url or 'no link'}" for s in chunk])


MAX_EVENTS = 300  # a slide per event: past this a deck is a document, not a briefing


def to_pptx(view: View, most: int = MAX_EVENTS) -> bytes:
    """The deck of ``view``; refused, with what to do, past ``most`` events."""
    if len(view.frame) > most:
        raise ExportError(
            f"a deck has one slide per event, and this view has {len(view.frame):,} events "
            f"(at most {most:,}); filter it first (an actor, a kind, a period with --from/--to) "
            "or export the PDF, which lists any number of events"
        )
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, view)
    _timeline_slide(deck, view)
    strip = Strip.of(view)
    for number, row in enumerate(view.frame.to_dict("records"), 1):
        _event_slide(deck, view, row, number, strip)
    _sources_slides(deck, view)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
