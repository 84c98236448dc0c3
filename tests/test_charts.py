"""Figures: lanes, precision bands, status styles, stable colours, hover, estimates."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import EVENT, EVENTS, dataset_text
from timeline.dataset.frame import actors_frame, to_frame
from timeline.dataset.load import load_file
from timeline.draw.estimates import estimates_figure
from timeline.draw.figure import timeline_figure
from timeline.draw.styles import STATUS_STYLES, palette
from timeline.filters import Filters, apply
from timeline.layout import ROW_PX, Window


@pytest.fixture(scope="module")
def loaded():
    data = load_file(EVENTS)
    return to_frame(data), actors_frame(data)


def every_lane(actors):
    """Every affiliation unfolded: one lane per actor."""
    return tuple(actors["affiliation"].unique())


def lane_of(figure, y):
    """The lane a y (px from the top) lies in: its name is ticked on its first rows."""
    ticks = dict(zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext, strict=True))
    return ticks[max(t for t in ticks if t <= y + ROW_PX / 2 + 0.01)].replace("<br>", " ")


def is_marker_trace(trace):
    return trace.customdata is not None and trace.name not in ("more", "pointer", "selected")


def marker_points(figure):
    """(event id, lane, colour, symbol, x) for every event marker drawn at its date."""
    out = []
    for trace in figure.data:
        if not is_marker_trace(trace):
            continue
        symbols = trace.marker.symbol
        for i, (event, y) in enumerate(zip(trace.customdata, trace.y, strict=True)):
            out.append(
                (
                    event,
                    lane_of(figure, y),
                    trace.marker.color,
                    symbols[i],
                    pd.Timestamp(trace.x[i]),
                )
            )
    return out


def badge_ids(figure):
    """The events counted in "+N" badges rather than drawn."""
    return {
        event
        for trace in figure.data
        if trace.name == "more"
        for group in trace.customdata
        for event in group.removeprefix("group:").split()
    }


def pointed_ids(figure):
    """The events outside the first view, each pointed to at its edge (one pointer per lane
    and side stands for every event that lies that way)."""
    return {
        event
        for trace in figure.data
        if trace.name == "pointer"
        for group in trace.meta
        for event in group.split()
    }


def test_an_event_sits_in_every_actor_lane(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, expand=every_lane(actors))
    points = [p for p in marker_points(figure) if p[0] == "putin-obama-un"]
    assert sorted(p[1] for p in points) == ["Barack Obama", "Vladimir Putin"]
    assert len({p[4] for p in points}) == 1  # the same date in both lanes


@pytest.mark.parametrize(
    ("by", "lanes"),
    [
        ("affiliation", ["Russia", "Chechnya", "Islamic State", "United States", "Syria"]),
        (
            "source",
            ["Agence France-Presse (via GlobalPost)", "Breitbart News"],
        ),  # first event: 2007
        ("single", ["All events"]),
    ],
)
def test_lane_modes(loaded, by, lanes):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, by)
    assert [t.replace("<br>", " ") for t in figure.layout.yaxis.ticktext] == lanes
    shown = {p[0] for p in marker_points(figure)} | badge_ids(figure) | pointed_ids(figure)
    assert shown == set(frame["id"])


# Every event's date in view: 2007 to 2016 (the first view leaves 2007 and 2014 outside).
EVERY_YEAR = Window(pd.Timestamp("2006-06-01"), pd.Timestamp("2016-06-01"))


def test_kind_lanes_hold_each_event_once(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, "kind", window=EVERY_YEAR, width=1600)
    points = marker_points(figure)
    drawn = [p[0] for p in points]
    assert len(drawn) == len(set(drawn))
    assert set(drawn) | badge_ids(figure) == set(frame["id"])
    assert not set(drawn) & badge_ids(figure)
    lanes = {t.replace("<br>", " ") for t in figure.layout.yaxis.ticktext}
    assert {p[1] for p in points} <= lanes == {k.capitalize() for k in frame["kind"]}


def band_segments(figure):
    """(start, end, dash) of every translucent band."""
    out = []
    for trace in figure.data:
        if trace.mode == "lines":
            xs = [x for x in trace.x]
            for i in range(0, len(xs), 3):
                out.append((pd.Timestamp(xs[i]), pd.Timestamp(xs[i + 1]), trace.line.dash))
    return out


def test_coarse_spans_are_bands_and_days_are_not(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, "single", window=EVERY_YEAR)
    bands = band_segments(figure)
    # Aug 2014 (month), 2007 (year), 30 Sep–1 Oct 2015 (range, disputed → dotted)
    assert (pd.Timestamp("2014-08-01"), pd.Timestamp("2014-09-01"), "solid") in bands
    assert (pd.Timestamp("2007-01-01"), pd.Timestamp("2008-01-01"), "solid") in bands
    assert (pd.Timestamp("2015-09-30"), pd.Timestamp("2015-10-02"), "dot") in bands
    coarse = frame[frame["precision"] != "day"]
    assert len(bands) == len(coarse)
    drawn = timeline_figure(frame, actors, "kind", window=EVERY_YEAR)
    middle = {p[0]: p[4] for p in marker_points(drawn)}
    assert middle["is-shishani-training-video"] == pd.Timestamp("2014-08-16")


def test_status_is_drawn_hollow_for_claims(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, expand=every_lane(actors))
    symbols = {p[0]: p[3] for p in marker_points(figure)}
    assert symbols["kadyrov-agent-network-claim"] == "circle-open"
    assert symbols["russia-says-is-main-target"] == "diamond-open"
    assert symbols["airstrikes-begin"] == "diamond"
    assert symbols["putin-obama-un"] == "circle"
    legend = [t.name for t in timeline_figure(frame, actors).data if t.showlegend is not False]
    assert set(STATUS_STYLES) - {"unknown"} <= set(legend)  # unknown: only when drawn
    assert "unknown" not in legend


def test_colours_are_stable_when_filters_change(loaded):
    frame, actors = loaded
    every = every_lane(actors)
    full = {p[1]: p[2] for p in marker_points(timeline_figure(frame, actors, expand=every))}
    few = apply(frame, Filters(actors=("kadyrov",)))
    part = {p[1]: p[2] for p in marker_points(timeline_figure(few, actors, expand=every))}
    assert part and all(full[lane] == colour for lane, colour in part.items())
    assert palette(["Zeta", "Alpha", "Russia"])["Russia"] == palette(["Russia"])["Russia"]
    assert palette(["Zeta", "Alpha"])["Alpha"] != palette(["Zeta", "Alpha"])["Zeta"]


def test_hover_shows_title_date_phrase_actors_status_outlet(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, "single", window=EVERY_YEAR)
    hover = {}
    for trace in figure.data:
        if trace.customdata is not None:
            hover.update(zip(trace.customdata, trace.hovertext, strict=True))
    text = hover["chechen-is-video-threatens-putin"]
    assert "<b>Chechen IS fighters threaten Putin in a video</b>" in text
    assert "2 Sep 2014 — the article says “last September”" in text
    assert "Actors: Chechen fighters with IS, Islamic State, Vladimir Putin" in text
    assert "Status: reported · media" in text and "Source: Breitbart News" in text


def test_hover_text_from_the_dataset_is_escaped(write):
    path = write(
        dataset_text(EVENT.replace("title: Strikes begin", "title: <img src=x onerror=alert(1)>"))
    )
    data = load_file(path)
    figure = timeline_figure(to_frame(data), actors_frame(data))
    hovers = [h for t in figure.data if t.hovertext is not None for h in t.hovertext]
    assert "&lt;img src=x onerror=alert(1)&gt;" in hovers[0] and "<img" not in hovers[0]


def test_selected_event_is_ringed_in_every_lane(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, selected="putin-obama-un", expand=("Russia",))
    [ring] = [t for t in figure.data if t.name == "selected"]
    assert len(ring.x) == 2


def test_actor_lanes_fold_the_largest_affiliation_to_fit_twelve_lanes(loaded):
    frame, actors = loaded
    ticks = [t.replace("<br>", " ") for t in timeline_figure(frame, actors).layout.yaxis.ticktext]
    assert ticks[0] == "Russia · 12 actors" and len(ticks) == 12
    expanded = timeline_figure(frame, actors, expand=("Russia",)).layout.yaxis.ticktext
    assert "Vladimir Putin" in expanded and not any("actors" in t for t in expanded[:12])


def test_optional_fields_never_show_as_nan(loaded):
    frame, actors = loaded
    figure = timeline_figure(frame, actors, "single")
    text = " ".join(h for t in figure.data if t.hovertext is not None for h in t.hovertext)
    assert "nan" not in text.split() and "'nan'" not in text and "None" not in text


def test_estimates_series_and_claimants(loaded):
    frame, actors = loaded
    figure = estimates_figure(frame, actors)
    series = {t.name: t for t in figure.data}
    russians = series["Russians fighting with IS"]
    assert list(russians.y) == [2200, 2900]
    assert [pd.Timestamp(x).date().isoformat() for x in russians.x] == ["2015-07-07", "2015-12-15"]
    assert "claimed by Oleg Syromolotov" in russians.hovertext[0]
    assert "claimed by Federal Security Service (FSB)" in russians.hovertext[1]
    assert list(series["Chechens who left to fight for IS"].y) == [405]


def test_estimates_draw_low_high_as_error_bars(write):
    block = (
        EVENT
        + "    figures:\n      - value: 2000\n        low: 1500\n        high: 2600\n        measure: fighters\n"
    )
    data = load_file(write(dataset_text(block)))
    [trace] = estimates_figure(to_frame(data), actors_frame(data)).data
    assert (list(trace.error_y.array), list(trace.error_y.arrayminus)) == ([600.0], [500.0])


def test_an_event_with_5000_actors_draws_small(write):
    """Output grows with the events, not with actors × lanes (it was a 320 MB chart)."""
    actors = "".join(
        f"  - id: a{i}\n    name: Actor {i}\n    affiliation: Side {i}\n" for i in range(5000)
    )
    ids = ", ".join(f"a{i}" for i in range(5000))
    text = dataset_text(EVENT.replace("actors: [russia]", f"actors: [{ids}]"))
    data = load_file(write(text.replace("events:\n", actors + "events:\n", 1)))
    assert data.ok, [str(p) for p in data.problems][:3]
    figure = timeline_figure(to_frame(data), actors_frame(data))
    size = len(figure.to_json())
    assert size < 1_500_000, f"{size:,} bytes"
    lanes = list(figure.layout.yaxis.ticktext)
    assert len(lanes) == 60 and lanes[-1] == "4,941 more actor<br>lanes"
    hover = next(t.hovertext[0] for t in figure.data if t.hovertext)
    assert "and 4,992 more" in hover


def test_the_figure_made_without_validation_is_the_validated_figure():
    """The event figure is made without Plotly's validation, for speed: its JSON (what the
    browser and the exports receive) is the validated figure's, property for property."""
    import json

    from tests.conftest import EVENTS
    from timeline.dataset.cache import frames_of
    from timeline.dataset.load import load_file
    from timeline.draw import figure as made

    frames = frames_of(load_file(EVENTS))
    first = frames.frame["id"].iloc[3]
    for options in ({}, {"selected": first, "focus": True}, {"by": "affiliation"}):
        made.VALIDATE = True
        try:
            checked = json.loads(
                made.timeline_figure(frames.frame, frames.actors, **options).to_json()
            )
        finally:
            made.VALIDATE = False
        fast = json.loads(made.timeline_figure(frames.frame, frames.actors, **options).to_json())
        assert fast == checked
        assert fast["layout"]["template"]["layout"]["plot_bgcolor"] == "white"
