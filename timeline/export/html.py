"""A standalone HTML page of a view that works offline: plotly.js is inside it.

Every piece of dataset text is HTML-escaped; the figure's JSON escapes ``<``, ``>``
and ``&`` so nothing in the data can close the ``<script>`` that carries it.
"""

from __future__ import annotations

import html
import json
from typing import Any

from plotly.utils import PlotlyJSONEncoder

from timeline.draw.density import DENSE
from timeline.draw.engine import live_source, plotly_source
from timeline.draw.figure import timeline_figure
from timeline.draw.sheet import HOW_TO, LIVE_HELP, live_spec
from timeline.draw.spec import Look
from timeline.draw.styles import STATUS_STYLES, status_style
from timeline.draw.words import dated
from timeline.export.view import View, citation, citations, today
from timeline.text import is_web, markdown_links_html, printable_lines, quoted

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1.5rem;
       color: #111; }
h1 { font-size: 2rem; margin-bottom: .2rem; } .meta { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border-bottom: 1px solid #ddd; padding: .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } blockquote { margin: .2rem 0; color: #333; font-style: italic; }
.status { font-weight: 600; white-space: nowrap; } .note { color: #444; font-size: .85rem; }
"""
# Each status in its ink and with its mark, as the chart draws it (one style table).
STYLE += "".join(
    f".status.{name} {{ color: {look.ink}; }}\n" for name, look in STATUS_STYLES.items()
)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, cls=PlotlyJSONEncoder)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _outlets(row: dict[str, Any], view: View) -> str:
    """Every report of the event, one a line, each outlet linked to its article and with
    the date it gives when that differs; "≠ sources disagree" when they do."""
    source = view.sources[row["source"]]
    reports = list(row["reports"]) or [{"outlet": source.outlet, "url": source.url}]
    lines = [_linked(str(r["outlet"]), r.get("url")) + _says(r, row) for r in reports]
    differ = '<br><span class="note">≠ sources disagree</span>' if row["disagree"] else ""
    return "<br>".join(lines) + differ


def _linked(text: str, url: object) -> str:
    e = html.escape
    return f'<a href="{e(url)}">{e(text)}</a>' if isinstance(url, str) and is_web(url) else e(text)


def _says(report: dict[str, Any], row: dict[str, Any]) -> str:
    label = report.get("label")
    differs = label and label != row["label"]
    return f' <span class="note">says {html.escape(str(label))}</span>' if differs else ""


def _status(status: str) -> str:
    """ "○ claimed": the status word after the chart's mark for it."""
    return f"{status_style(status).mark} {status}".strip()


def _media(media: dict[str, str] | None) -> str:
    """An event's media as a link (web addresses only) with its caption and credit."""
    if not media:
        return ""
    e, name = html.escape, media.get("caption") or "Media"
    shown = (
        f'<a href="{e(media["url"])}">{e(name)}</a>'
        if is_web(media["url"])
        else e(f"{name} ({media['url']})")
    )
    return (
        f"<p class='media'>Media: {shown}"
        + (f" · {e(media['credit'])}" if media.get("credit") else "")
        + "</p>"
    )


def _row(row: dict[Any, Any], view: View) -> str:
    e = html.escape
    actors = ", ".join(view.names.get(a, a) for a in row["actors"])
    link = _outlets(row, view)
    quote = (
        f"<blockquote>{markdown_links_html(quoted(row['quote']))}</blockquote>"
        if row["quote"]
        else ""
    )
    return (
        f"<tr><td>{e(dated(row))}</td><td><b>{e(row['title'])}</b>{quote}{_media(row['media'])}"
        f"</td><td>{e(actors)}</td><td class='status {e(row['status'])}'>"
        f"{e(_status(row['status']))}</td><td>{link}</td></tr>"
    )


def _sources(view: View) -> str:
    e = html.escape
    items = [
        f"<li>{citation(s, e)}"
        + (f' — <a href="{e(s.url)}">{e(s.url)}</a>' if s.url else "")
        + "</li>"
        for s in view.used_sources()
    ]
    return "<ol>" + "".join(items) + "</ol>"


def to_html(view: View) -> str:
    e = html.escape
    rows = "".join(_row(r, view) for r in view.frame.to_dict("records"))
    head = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(view.title)}</title><style>{STYLE}</style>
"""
    # the page's text without control characters (ESC, BEL); plotly.js as it comes
    return (
        printable_lines(head)
        + f"<script>{plotly_source()}</script>"
        + printable_lines(f"""</head>
<body>
<h1>{e(view.title)}</h1>
<p class="meta">{e(view.filters_text)}. {len(view.frame)} of {view.total} events,
{e(view.period)}. Prepared {today()} with timeline.</p>
{_chart(view)}
<h2>Events</h2>
<table><thead><tr><th>Date</th><th>Event</th><th>Actors</th><th>Status</th><th>Source</th></tr>
</thead><tbody>{rows}</tbody></table>
<h2>Sources</h2>{_sources(view)}
</body></html>
""")
    )


def _chart(view: View) -> str:
    """The page's live timeline as the page mounts it, with the Plotly.js above and no
    server (what it would tell the page, the event picked, goes nowhere): labels packed
    again at every zoom, the event sheet, the keyboard. Past ``DENSE`` events, the density
    view, drawn as the page draws it, by the same script."""
    if len(view.frame) > DENSE:
        figure = timeline_figure(view.frame, view.actors, view.lanes).to_plotly_json()
        return _mounted({"figure": figure, "config": {"responsive": True, "displaylogo": False}})
    look = Look(by=view.lanes, periods=view.periods, first=view.first)
    spec = live_spec(view.frame, view.actors, look, citations(view.sources.values()))
    name = f"Timeline of {len(view.frame)} events{LIVE_HELP}"
    live = {"spec": spec, "selected": None, "name": name, "compress": None}
    return _mounted({**live, "lanesKey": view.lanes}) + f'\n<p class="meta">{HOW_TO}</p>'


def _mounted(data: dict[str, Any]) -> str:
    """``live.js``'s ``mount`` given ``data`` in a ``#timeline`` of its own."""
    script, css = live_source()
    if "</script" in script.lower():  # fixed code: a test of ours, never the dataset's
        raise ValueError("the live timeline's script would close its <script> element")
    return f"""<style>{css}</style><div id="timeline"></div>
<script type="module">
{script}
window.__timelinePlotly = Promise.resolve(window.Plotly);
mount({{ data: {script_json(data)}, parentElement: document.getElementById("timeline"),
  setStateValue: function () {{}} }});
</script>"""
