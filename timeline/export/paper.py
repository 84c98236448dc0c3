"""The briefing on paper: a PDF in A4 or Letter, landscape, printed by Chromium.

Page 1 has the title, the filters in words, the period and the fitted, labelled timeline
(inline SVG: vector, its text searchable), as tall as the page leaves room for. Then the
chronology as a table whose header repeats on every page, and the sources, each following
on the page where the last ended (no page is left near empty). The footer carries the title, the
generation date and "Page n of N". Everything is text in the PDF, not a picture of text.

The document is HTML written here (dataset text escaped with ``html.escape``) and printed
in a tab of the Chromium that draws the images (kaleido's server, ``offline.in_browser``),
through its DevTools protocol: a PDF starts no browser of its own.
"""

from __future__ import annotations

import asyncio
import base64
import html
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from timeline.draw.styles import status_style
from timeline.draw.words import dated, said_otherwise
from timeline.export.files import ExportError
from timeline.export.offline import in_browser
from timeline.export.view import Paper, View, citation, today
from timeline.text import markdown_links_html, quoted

PAPERS: dict[str, tuple[str, float, float]] = {  # CSS size, width and height in inches
    "a4": ("A4 landscape", 11.69, 8.27),
    "letter": ("letter landscape", 11.0, 8.5),
}
CHART_WIDTH = 1240  # px: the figure is drawn this wide, then scaled to the page
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSS = """
@page { size: %(size)s; margin: 13mm 12mm 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; color: #111;
       font-size: 10pt; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2mm 0; line-height: 1.15; }
.meta { font-size: 10.5pt; color: #333; margin: 0 0 1mm 0; }
.chart { margin-top: 3mm; text-align: center; }
.chart svg { width: 100%%; height: auto; max-height: %(chart_max)smm; }
h2 { font-size: 14pt; margin: 0 0 3mm 0; break-after: avoid; }
section { margin-top: 7mm; }  /* no forced page break: a short chart or chronology is
                                 followed on its page, so no page is left near empty */
table { width: 100%%; border-collapse: collapse; }
thead { display: table-header-group; }
th { text-align: left; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.03em;
     color: #333; border-bottom: 1.5pt solid #111; padding: 2mm 2mm 1.5mm 0; }
td { vertical-align: top; padding: 1.8mm 2mm 1.8mm 0; border-bottom: 0.5pt solid #bbb;
     line-height: 1.3; }
tr { break-inside: avoid; }
tbody tr:nth-child(-n+2) { break-after: avoid; }  /* the heading keeps 3 rows with it */
section.sources { break-inside: avoid; }  /* a short list is never split */
td.date { width: 17%%; white-space: nowrap; }
td.title { width: 37%%; font-weight: bold; }
td.actors { width: 20%%; }
td.status { width: 10%%; white-space: nowrap; }
td.source { width: 16%%; }
.phrase { display: block; font-weight: normal; color: #444; font-size: 8.5pt; }
ol.sources li { margin-bottom: 2.5mm; line-height: 1.35; break-inside: avoid; }
.url { color: #333; font-size: 9pt; word-break: break-all; }
"""
FOOTER = (
    '<div style="font-family: Arial, sans-serif; font-size: 8pt; color: #444; width: 100%;'
    ' padding: 0 12mm; display: flex; justify-content: space-between;">'
    "<span>{title}</span><span>Generated {date} · Page "
    '<span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


def text(value: object) -> str:
    """Dataset text as HTML text: escaped, control characters removed."""
    return html.escape(_CONTROL.sub("", str(value)))


def _date_cell(row: dict[Any, Any]) -> str:
    phrase = ""
    if said_otherwise(row):
        phrase = f'<span class="phrase">article: {text(quoted(row["when"]))}</span>'
    return f"{text(dated(row))}{phrase}"


def _row(row: dict[Any, Any], view: View) -> str:
    status = str(row["status"])
    actors = ", ".join(text(view.names.get(a, a)) for a in row["actors"])
    look = status_style(status)
    mark = f'<span style="color:{look.ink}">{look.mark} {text(status)}</span>'
    return (
        f'<tr><td class="date">{_date_cell(row)}</td><td class="title">{text(row["title"])}</td>'
        f'<td class="actors">{actors}</td><td class="status">{mark}</td>'
        f'<td class="source">{_outlets(row)}</td></tr>'
    )


def _outlets(row: dict[Any, Any]) -> str:
    """Every outlet that reports the event, one a line; ≠ when they disagree."""
    outlets = dict.fromkeys(r["outlet"] for r in row["reports"]) or [row["outlet"]]
    differ = '<br><span class="phrase">≠ sources disagree</span>' if row["disagree"] else ""
    return "<br>".join(text(o) for o in outlets) + differ


def _chronology(view: View) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("Date", "Event", "Actors", "Status", "Source"))
    rows = "".join(_row(r, view) for r in view.frame.to_dict("records"))
    count = len(view.frame)
    return (
        f"<section><h2>Chronology · {count} event{'s' if count != 1 else ''}</h2>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _sources(view: View) -> str:
    items = []
    for source in view.used_sources():
        url = f'<br><span class="url">{text(source.url)}</span>' if source.url else ""
        items.append(
            f"<li>{citation(source, text, f'<b>{text(source.outlet)}</b>', 'published ')}."
            f"{url}</li>"
        )
    listed = "".join(items)
    return f'<section class="sources"><h2>Sources</h2><ol class="sources">{listed}</ol></section>'


def _scalable(svg: str) -> str:
    """Plotly's SVG with a viewBox, so CSS can scale it to the page."""
    found = re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)
    if found and "viewBox" not in svg[: found.end()]:
        width, height = found.groups()
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {width} {height}"', 1)
    return svg


def document(view: View, chart_svg: str, paper: Paper = "a4") -> str:
    """The whole briefing as one HTML page for print."""
    size, _, height = PAPERS[paper]
    chart_max = round(height * 25.4 - 28 - 32)  # the page less margins and the heading
    style = CSS % {"size": size, "chart_max": chart_max}
    count = len(view.frame)
    about = markdown_links_html(_CONTROL.sub("", view.description))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{text(view.title)}'
        f"</title><style>{style}</style></head><body>"
        f"<h1>{text(view.title)}</h1>"
        f"{f'<p class=meta>{about}</p>' if about else ''}"
        f'<p class="meta">{text(view.filters_text)}.</p>'
        f'<p class="meta">{count} of {view.total} events · {text(view.period)}</p>'
        f'<div class="chart">{_scalable(chart_svg)}</div>'
        f"{_chronology(view)}{_sources(view)}</body></html>"
    )


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ExportError("the PDF is printed by Chromium (on Debian: apt-get install chromium)")
    return found


async def _print(browser: Any, page: str, paper: Paper, footer: str) -> bytes:
    """``page`` printed on ``paper`` in a tab of its own of ``browser``."""
    tab = await browser.create_tab("")
    try:
        return await asyncio.wait_for(_printed(tab, page, paper, footer), timeout=120)
    finally:
        await browser.close_tab(tab.target_id)


async def _printed(tab: Any, page: str, paper: Paper, footer: str) -> bytes:
    _, width, height = PAPERS[paper]
    await tab.send_command("Page.enable")
    with tempfile.TemporaryDirectory(prefix="timeline-pdf-") as folder:
        source = Path(folder) / "briefing.html"
        source.write_text(page, encoding="utf-8")
        loaded = tab.subscribe_once("Page.loadEventFired")
        await tab.send_command("Page.navigate", params={"url": source.as_uri()})
        await loaded
        answer = await tab.send_command(
            "Page.printToPDF", params=_print_options(width, height, footer)
        )
    if "error" in answer:
        raise ExportError(f"Chromium could not print the PDF: {answer['error']}")
    return base64.b64decode(answer["result"]["data"])


def _print_options(width: float, height: float, footer: str) -> dict[str, Any]:
    return {
        "paperWidth": width,
        "paperHeight": height,
        "preferCSSPageSize": True,
        "printBackground": True,
        "displayHeaderFooter": True,
        "headerTemplate": "<span></span>",
        "footerTemplate": footer,
    }


def to_pdf(view: View, chart_svg: str, paper: Paper = "a4") -> bytes:
    """The briefing as PDF bytes, printed by Chromium on ``paper``."""
    footer = FOOTER.format(title=text(view.title), date=today())
    page = document(view, chart_svg, paper)
    chromium()  # a missing browser is named with its install command
    try:
        # in the browser that draws the images (its own thread and event loop: the caller
        # may be running one, as Playwright and notebooks do)
        return in_browser(_print, page, paper, footer)
    except ExportError:
        raise
    except Exception as err:  # the browser can fail to start or answer in many ways
        raise ExportError(
            f"could not print the PDF with Chromium ({err}); on Debian: apt-get install chromium"
        ) from None
