"""The pipeline on a generated 2,000-event dataset: counts, filters, spans (not time).

Also the content-keyed cache and the fast reader's agreement with the careful one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from benchmarks.make_events import generate
from timeline import filters
from timeline.dataset.cache import open_bytes
from timeline.dataset.frame import actors_frame, to_frame
from timeline.dataset.load import load_bytes, load_file
from timeline.dataset.yamlread import fast_read, read_yaml
from timeline.dates import parse_pin, read
from timeline.draw.density import bin_step
from timeline.draw.figure import timeline_figure

N = 2_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(N, tmp_path_factory.mktemp("scale") / "events.yaml")


@pytest.fixture(scope="module")
def loaded(generated: Path):
    data = load_file(generated)
    return data, to_frame(data), actors_frame(data)


def test_the_same_seed_gives_the_same_file(generated, tmp_path):
    assert generate(N, tmp_path / "again.yaml").read_bytes() == generated.read_bytes()


def test_every_generated_event_is_valid_and_counted(loaded, generated):
    data, frame, actors = loaded
    raw = yaml.safe_load(generated.read_text())
    assert data.problems == [] and data.invalid == []
    assert len(data.events) == data.total == len(frame) == len(raw["events"]) == N
    assert len(actors) == 50 and len(data.sources) == N // 50  # one article per 50 events
    assert frame["start"].is_monotonic_increasing


def test_spans_are_the_normaliser_s(loaded):
    data, frame, _ = loaded
    spans = {e.event.id: e.span for e in data.events}
    for event in (e.event for e in data.events[:: N // 50]):
        published = data.sources[event.source].published
        said = event.quote or ""  # the loader reads with the event's direction and sentence
        expected = (
            parse_pin(event.date)
            if event.date
            else read(event.when, published, event.direction, said)
        )
        assert spans[event.id] == expected
    row = frame.set_index("id").loc[data.events[0].event.id]
    assert row["start"].date() == data.events[0].span.start


def test_filters_agree_with_a_plain_loop(loaded):
    data, frame, _ = loaded
    actor, kind = "actor-07", "claim"
    chosen = filters.Filters(
        actors=(actor,), kinds=(kind,), start=dt.date(2013, 1, 1), end=dt.date(2016, 12, 31)
    )
    by_loop = {
        e.event.id
        for e in data.events
        if actor in e.event.actors
        and e.event.kind == kind
        and e.span.end >= dt.date(2013, 1, 1)
        and e.span.start <= dt.date(2016, 12, 31)
    }
    assert set(filters.apply(frame, chosen)["id"]) == by_loop and by_loop


def test_the_figure_holds_every_event_in_every_lane(loaded):
    data, frame, actors = loaded
    every = tuple(actors["affiliation"].unique())  # one lane per actor, none folded
    figure = timeline_figure(frame, actors, expand=every)
    drawn = [
        i
        for t in figure.data
        if t.customdata is not None and t.name not in ("more", "selected", "pointer")
        for i in t.customdata
    ]
    counted = [
        i for t in figure.data if t.name == "more" for g in t.customdata for i in g[6:].split()
    ]
    assert len(drawn) + len(counted) == sum(len(e.event.actors) for e in data.events)
    assert set(drawn) | set(counted) == set(frame["id"])  # below DENSE, points carry their ids


def test_a_view_past_dense_shows_how_many_events_per_lane_and_period(loaded):
    """More events than a screen can tell apart: a heatmap whose cells count them, per
    lane and per period, so the browser never receives one marker per event."""
    _, frame, actors = loaded
    big = pd.concat(
        [frame.assign(id=frame["id"] + f"-{i}") for i in range(3)], ignore_index=True
    )  # 6,000 events: above DENSE
    figure = timeline_figure(big, actors, "kind")
    [heat] = figure.data
    cells = np.nan_to_num(np.array(heat.z, dtype=float))
    by_lane = dict(zip(heat.y, cells.sum(axis=1), strict=True))
    assert by_lane == big["kind"].str.capitalize().value_counts().astype(float).to_dict()
    step, period, _ = bin_step(big["middle"].min(), big["middle"].max())
    starts = big["middle"].dt.to_period(period).dt.start_time.value_counts()
    by_period = dict(zip(pd.DatetimeIndex(heat.x), cells.sum(axis=0), strict=True))
    assert {k: v for k, v in by_period.items() if v} == starts.astype(float).to_dict()
    assert step in heat.colorbar.title.text and len(figure.to_json()) < 100_000


def test_actor_lanes_past_dense_count_each_event_once_per_lane(loaded):
    _, frame, actors = loaded
    big = pd.concat([frame.assign(id=frame["id"] + f"-{i}") for i in range(3)], ignore_index=True)
    every = tuple(actors["affiliation"].unique())  # one lane per actor
    [heat] = timeline_figure(big, actors, expand=every).data
    assert np.nansum(np.array(heat.z, dtype=float)) == big["actors"].map(len).sum()


def test_the_cache_serves_a_second_open_and_notices_an_edited_article(
    generated, monkeypatch, tmp_path
):
    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path / "cache"))
    raw = generated.read_bytes()
    first = open_bytes(raw, str(generated), generated.parent)
    second = open_bytes(raw, str(generated), generated.parent)
    assert (first.cached, second.cached) == (False, True)
    pd.testing.assert_frame_equal(first.frame, second.frame)
    article = generated.parent / "articles" / "bench-0.txt"
    article.write_text(article.read_text() + " ")  # same words, a different file
    assert open_bytes(raw, str(generated), generated.parent).cached is False
    edited = raw.replace(b"Synthetic benchmark", b"Edited benchmark")
    assert open_bytes(edited, str(generated), generated.parent).cached is False


@pytest.mark.parametrize(
    "text",
    [
        "title: yes\nanswer: no\ntime: 12:30\n",
        "n: 2015\nd: 2015-09-30\nf: 1.5\nz: null\nb: true\n",
        "q: 'single'\nw: \"double\"\nl: [a, b]\nm: {k: v}\n",
    ],
)
def test_the_fast_reader_reads_as_the_careful_one(text):
    assert fast_read(text) == read_yaml(text, "x.yaml").data


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: &x [1]\nb: *x\n",
        "a: 1\na: 2\n",
        "events: " + "[" * 500 + "]" * 500 + "\n",
    ],
)
def test_what_the_fast_reader_must_not_handle_goes_the_careful_way(text):
    assert fast_read(text) is None


def test_a_problem_found_on_the_fast_path_still_gets_its_line(generated):
    text = generated.read_text().replace('"kind": "claim"', '"kind": "clam"', 1)
    text = text.replace('kind: "claim"', 'kind: "clam"', 1)
    data = load_bytes(text.encode(), "edited.yaml", generated.parent)
    [problem] = data.problems
    assert problem.line is not None and problem.line > 1
    assert "'clam' is not one of" in problem.message


def test_the_app_shows_the_density_view_and_the_events_once_narrowed(tmp_path, monkeypatch):

    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT
    from tests.live import chart

    path = generate(6000, tmp_path / "events.yaml")
    monkeypatch.setenv("TIMELINE_EVENTS", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception and not at.error
    spec = chart(at)
    assert [t["type"] for t in spec["data"]] == ["heatmap"]
    assert at.markdown[0].value.startswith("**Showing 6,000 of 6,000 events** · narrow the view")
    assert any("more than can be told apart" in c.value for c in at.caption)
    at.multiselect(key="f_actors").set_value(["actor-01"]).run()
    spec = chart(at)
    assert "heatmap" not in {t.get("type") for t in spec["data"]}  # the events themselves
    assert "click an event" in at.markdown[0].value


def test_the_density_view_shows_how_many_events_each_lane_has_in_each_period(tmp_path):
    """What the browser receives (the figure's JSON): one cell per kind and month, each
    holding the number of events whose middle falls in that month, counted here from the
    YAML itself; empty cells blank, and every event counted once."""
    import collections
    import json

    path = generate(6000, tmp_path / "events.yaml")
    frames = open_bytes(path.read_bytes(), str(path), path.parent, use_cache=False)
    spec = json.loads(timeline_figure(frames.frame, frames.actors, "kind").to_json())
    (heat,) = spec["data"]
    assert heat["type"] == "heatmap"
    assert spec["layout"]["title"]["text"] == "6,000 events, counted per lane and month"
    expected = collections.Counter(
        (e.event.kind.capitalize(), e.span.middle.year, e.span.middle.month)
        for e in load_file(path).events
    )
    shown = {}
    for lane, row in zip(heat["y"], typed_array(heat["z"]), strict=True):
        for start, value in zip(heat["x"], row, strict=True):
            month = dt.date.fromisoformat(start[:10])
            assert month.day == 1  # a column is a month, labelled by its first day
            shown[(lane, month.year, month.month)] = 0 if np.isnan(value) else int(value)
    assert {k: v for k, v in shown.items() if v} == dict(expected)
    assert sum(shown.values()) == 6000


def typed_array(value):
    """A Plotly JSON array as numbers: a list, or a typed array ({dtype, bdata, shape})."""
    import base64

    if not isinstance(value, dict):
        return np.array(value, dtype=float)
    flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    shape = [int(n) for n in str(value.get("shape", len(flat))).split(",")]
    return flat.reshape(shape)
