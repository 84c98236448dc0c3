"""Property: export → import round-trips any valid dataset: ids, titles, dates at their
precision whatever the year, times of day, media, quotes, kind and status; and whatever a
TimelineJS file holds, what its import writes passes check."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.export import make_view, render
from timeline.load import load_bytes
from timeline.problems import errors
from timeline.timelinejs import TimelineJSError, import_text

WORD = st.text(
    string.ascii_letters + string.digits + "<>&\"'()[]!?,.:;#*_`|~-–’é", min_size=1, max_size=10
)
TITLE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9996, 12, 1))
TIME = st.times().map(lambda t: f"{t:%H:%M}" if t.second == 0 else f"{t:%H:%M:%S}")
URL = st.from_regex(r"https://example\.org/[a-z0-9]{1,8}\.(png|jpg)", fullmatch=True)
MEDIA = st.fixed_dictionaries(  # the kind an import tells from the address: a picture, or
    {"url": URL, "kind": st.sampled_from(["image", "embed"])},  # the page an <iframe> embeds
    optional={"caption": TITLE, "credit": TITLE, "thumbnail": URL},
)


@st.composite
def pins(draw: st.DrawFn) -> str:
    day = draw(DAY)
    kind = draw(st.sampled_from(["day", "month", "year", "range"]))
    if kind == "day":
        return day.isoformat()
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "year":
        return f"{day.year:04d}"
    return f"{day.isoformat()}/{(day + dt.timedelta(days=draw(st.integers(1, 900)))).isoformat()}"


@st.composite
def datasets(draw: st.DrawFn) -> dict:
    ids = draw(st.lists(IDS, min_size=1, max_size=12, unique=True))
    events = [
        {
            "id": ident,
            "title": draw(TITLE),
            "source": "s",
            "date": draw(pins()),
            "actors": [draw(st.sampled_from(["a", "b"]))],
            "kind": draw(st.sampled_from(["military", "claim", "media", "unknown"])),
            "status": draw(st.sampled_from(["reported", "claimed", "disputed", "unknown"])),
            "quote": draw(TITLE),
        }
        for ident in ids
    ]
    for event in events:
        if len(event["date"]) == 10 and draw(st.booleans()):
            event["time"] = draw(TIME)
        if draw(st.booleans()):
            event["media"] = draw(MEDIA)
    return {
        "title": draw(TITLE),
        "sources": [{"id": "s", "title": "T", "outlet": "O", "published": "2020-01-01"}],
        "actors": [
            {"id": "a", "name": draw(TITLE), "affiliation": "X"},
            {"id": "b", "name": "Bee", "affiliation": "Y"},
        ],
        "events": events,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_export_then_import_keeps_ids_titles_dates_precision(dataset):
    text = yaml.safe_dump(dataset, sort_keys=False, allow_unicode=True)
    before = load_bytes(text.encode(), "generated.yaml", Path("."))
    assert before.ok, [str(p) for p in before.problems]
    exported = render(make_view(before), "timelinejs").decode()
    after = load_bytes(
        import_text(exported, "x.json", "json").text.encode(), "back.yaml", Path(".")
    )
    assert after.ok, [str(p) for p in after.problems]

    def key(data):
        return {
            e.event.id: (
                e.event.title,
                e.span.start,
                e.span.end,
                e.span.precision,
                e.event.time,
                e.event.media,
                e.event.quote,
                e.event.kind,
                e.event.status,
            )
            for e in data.events
        }

    assert key(after) == key(before)


# --- any TimelineJS file: what the import writes passes check ---------------------------

PART = st.one_of(
    st.just(""),
    st.integers(-20, 10_000).map(str),
    st.sampled_from(["24", "13", "0", "31", "x", "201X", "2015-21", "1,5", " 7 ", "٣"]),
)
HTML = st.lists(
    st.sampled_from(
        [
            "<a href='https://x.org/a'>",
            "</a>",
            "<b>",
            "<p>",
            "</p>",
            "<blockquote cite='https://q.org'>",
            "</blockquote>",
            "<cite>",
            "<iframe src='https://y.org/e'>",
            "<iframe src='javascript:x'>",
            "<script>",
            "<!--",
            '"',
            "'",
            "<",
            ">",
            "&amp;",
            "Ada",
            " ",
            "javascript:",
            "data:x",
            "Actors: a",
            "Source: b",
        ]
    ),
    max_size=10,
).map("".join)
DATE = st.fixed_dictionaries(
    {"year": PART}, optional={"month": PART, "day": PART, "hour": PART, "minute": PART}
)
SLIDE = st.fixed_dictionaries(
    {"start_date": DATE, "text": st.fixed_dictionaries({"headline": HTML, "text": HTML})},
    optional={
        "end_date": DATE,
        "display_date": HTML,
        "group": HTML,
        "unique_id": HTML,
        "media": st.fixed_dictionaries(
            {"url": st.one_of(HTML, URL)}, optional={"caption": HTML, "thumbnail": HTML}
        ),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SLIDE, min_size=1, max_size=8), HTML)
def test_whatever_a_timelinejs_file_holds_the_import_passes_check(events, title):
    text = json.dumps({"title": {"text": {"headline": title}}, "events": events})
    try:
        made = import_text(text, "any.json", "json")
    except TimelineJSError as err:
        assert str(err).startswith("nothing to import"), err
        return
    checked = load_bytes(made.text.encode(), "any.yaml", None)
    assert errors(checked.problems) == [], [str(p) for p in checked.problems]
    assert made.counts["event"] + len(made.skipped) >= len(events)
