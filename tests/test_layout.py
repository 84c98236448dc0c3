"""The first view's window and the packing of labels (timeline.layout)."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVENTS
from timeline import layout
from timeline.dataset.frame import to_frame
from timeline.dataset.load import load_file
from timeline.filters import Filters, apply


@pytest.fixture(scope="module")
def frame():
    return to_frame(load_file(EVENTS))


def covered(window, frame):
    inside = frame[(frame["middle"] >= window.start) & (frame["middle"] <= window.end)]
    return set(inside["id"])


@pytest.mark.parametrize(
    ("actors", "outside", "first", "last"),
    [
        # every event: the 2014 and mid-2015 events are pointed to, the dense autumn drawn
        ((), 5, "2015-09-28", "2016-02-10"),
        # Kadyrov: "since 2007" is pointed to; Sep 2015 – Feb 2016 fills the view
        (("kadyrov",), 1, "2015-09-30", "2016-02-10"),
        # Putin: two events a year apart are both in view (a small view hides nothing)
        (("putin",), 0, "2014-09-02", "2015-09-28"),
        # one event: a fortnight around it
        (("obama",), 0, "2015-09-28", "2015-09-28"),
    ],
)
def test_the_window_covers_where_events_are_dense(frame, actors, outside, first, last):
    shown = apply(frame, Filters(actors=actors)) if actors else frame
    window = layout.fit_window(shown)
    assert len(window.before) + len(window.after) == outside
    assert window.start < pd.Timestamp(first) and window.end > pd.Timestamp(last)
    assert covered(window, shown) | set(window.before) | set(window.after) == set(shown["id"])
    assert window.end - window.start >= pd.Timedelta(days=layout.MIN_DAYS)


def test_kadyrov_cluster_fills_at_least_half_the_width(frame):
    shown = apply(frame, Filters(actors=("kadyrov",)))
    window = layout.fit_window(shown)
    cluster = pd.Timestamp("2016-02-10") - pd.Timestamp("2015-09-30")
    assert cluster / (window.end - window.start) > 0.5


def test_no_window_for_no_events(frame):
    assert layout.fit_window(frame.iloc[0:0]) is None


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Short title", "Short title"),
        (
            "Kadyrov says his troops are ready to help Russian troops",
            "Kadyrov says his troops are…",
        ),
        ("A" * 40, "A" * 31 + "…"),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_short_titles_cut_at_a_word(title, label):
    assert layout.short_title(title) == label


def rows_of(days, lanes, titles):
    start = pd.Timestamp("2015-01-01")
    frame = pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(len(days))],
            "lane": lanes,
            "title": titles,
            "label": [f"day {d}" for d in days],
            "start": [start + pd.Timedelta(days=d) for d in days],
        }
    )
    frame["end"] = frame["start"]
    frame["middle"] = frame["start"]
    return frame


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 200), st.sampled_from(["a", "b", "c"]), st.text(min_size=1, max_size=50)
        ),
        min_size=1,
        max_size=60,
    )
)
def test_labels_never_overlap_and_no_event_is_lost(items):
    days, lanes, titles = zip(*items, strict=True)
    rows = rows_of(days, lanes, titles)
    window = layout.fit_window(rows)
    width = 700.0
    packed, badges, bounds = layout.pack(rows, ["a", "b", "c"], window, width)
    drawn = packed[packed["drawn"]]
    # every event is drawn or counted in a badge of its lane, never both, never lost
    counted = [i for ids in badges["ids"] for i in ids]
    assert sorted(list(drawn["id"]) + counted) == sorted(rows["id"])
    # the label never moves the position: a drawn marker is at its own date
    inside = drawn[drawn["edge"] == ""]
    assert (inside["ex"] == inside["middle"]).all()
    # no two labels in one lane row overlap (estimated extents, as packed)
    anchors = window.px(drawn["ex"], width)
    boxes = {}
    for (_, row), anchor in zip(drawn.iterrows(), anchors, strict=True):
        if not row["text"]:
            continue
        w = layout.text_px(row["text"])
        left = (
            anchor + layout.MARKER_GAP if row["side"] == "right" else anchor - layout.MARKER_GAP - w
        )
        boxes.setdefault((row["lane"], row["y"]), []).append((left, left + w))
    for spans in boxes.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    # rows stay inside their lane
    for _, row in packed.iterrows():
        top, bottom = bounds[row["lane"]]
        assert top < row["y"] < bottom
