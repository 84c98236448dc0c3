"""Lanes: which lane each event sits in (one row per event and lane), their order, the
folding of large affiliations, and the room their names take."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from timeline import layout
from timeline.dataset.frame import actor_affiliations, actor_names
from timeline.draw.styles import LANE_FONT, palette
from timeline.state import LANE_LABELS, LaneMode

MAX_LANES = 12  # more actor lanes than this: the largest affiliations are folded into one lane
MAX_DRAWN_LANES = 60  # past this many lanes, the rest share one lane ("+4,990 more actors")
LANE_NAME_CHARS = 20  # a lane name wraps onto two lines of at most this many characters


def folded_groups(
    rows: pd.DataFrame, expand: Iterable[str] = (), max_lanes: int = MAX_LANES
) -> set[str]:
    """The affiliations whose actors share one lane: the largest first, until the actor
    lanes number at most ``max_lanes``. Affiliations in ``expand`` are never folded."""
    counts = rows.groupby("colour_key")["lane_key"].nunique().sort_values(ascending=False)
    lanes, folded = int(counts.sum()), set()
    for name, count in counts.items():
        if lanes <= max_lanes:
            break
        if count > 1 and name not in set(expand):
            folded.add(str(name))
            lanes -= count - 1
    return folded


def _fold(rows: pd.DataFrame, folded: set[str], kept: Sequence[str] = ()) -> pd.DataFrame:
    """Actors of a folded affiliation share its lane, "Russia · 12 actors"; one row per
    event. Actors in ``kept`` (the ones filtered on) keep a lane of their own."""
    if not folded:
        return rows
    inside = rows["colour_key"].isin(folded) & ~rows["lane_key"].isin(list(kept))
    sizes = rows[inside].groupby("colour_key")["lane_key"].nunique()
    rows = rows.copy()
    shared = {key: f"{key} · {count} actors" for key, count in sizes.items()}
    rows.loc[inside, "lane"] = rows.loc[inside, "colour_key"].map(shared)
    return rows.drop_duplicates(["id", "lane"])


def lane_rows(
    frame: pd.DataFrame,
    by: LaneMode,
    actors: pd.DataFrame,
    expand: Iterable[str] = (),
    first: Sequence[str] = (),
    max_lanes: int = MAX_LANES,
) -> pd.DataFrame:
    """One row per (event, lane); ``lane`` is the lane's label, ``colour_key`` its affiliation.

    ``actors`` has columns ``id, name, affiliation`` (see ``frame.actors_frame``). In actor
    lanes, large affiliations are folded into one lane when there are too many lanes
    (see ``folded_groups``).
    """
    names = actor_names(actors)
    affiliation = actor_affiliations(actors)
    if by == "actor":
        rows = frame.explode("actors").rename(columns={"actors": "lane_key"})
        rows["primary"] = ~rows.index.duplicated()  # the event's first actor: labelled first
        rows["lane"] = rows["lane_key"].map(names)
        rows["colour_key"] = rows["lane_key"].map(affiliation)
        return _fold(rows, folded_groups(rows, expand, max_lanes), first)
    rows = frame.copy()
    rows["colour_key"] = rows["actors"].map(lambda ids: affiliation[ids[0]])
    if by == "affiliation":
        rows = frame.explode("affiliations")
        rows["primary"] = rows["affiliations"] == rows["actors"].map(lambda a: affiliation[a[0]])
        rows["lane"] = rows["colour_key"] = rows["affiliations"]
    elif by == "kind":
        rows["lane"] = rows["kind"].str.capitalize()
    elif by == "source":
        rows["lane"] = rows["outlet"]
    else:
        rows["lane"] = "All events"
    return rows


def lane_order(
    rows: pd.DataFrame, colours: Mapping[str, str], by: LaneMode, first: Sequence[str] = ()
) -> list[str]:
    """The lanes of ``first`` (the actors filtered on, or their affiliations) first, in that
    order; then actor and affiliation lanes grouped by affiliation (palette order), then
    by their first event; kind and source lanes by their first event."""
    rank = {name: i for i, name in enumerate(colours)}
    grouped = by in ("actor", "affiliation")
    first_rank = _first_rank(rows, by, first)
    lanes = rows.groupby("lane", sort=False).agg(
        start=("start", "min"), key=("colour_key", "first")
    )
    lanes["chosen"] = [first_rank.get(str(lane), len(first_rank)) for lane in lanes.index]
    lanes["rank"] = lanes["key"].map(lambda k: rank.get(k, len(rank)) if grouped else 0)
    return list(lanes.sort_values(["chosen", "rank", "start"]).index)


def _first_rank(rows: pd.DataFrame, by: LaneMode, first: Sequence[str]) -> dict[str, int]:
    """Lane name → its place among the lanes of the actors filtered on."""
    if by == "actor" and "lane_key" in rows:
        names = rows.drop_duplicates("lane_key").set_index("lane_key")["lane"]
        chosen = [names[a] for a in first if a in names.index]
    elif by == "affiliation":
        keys = rows.explode("actors").drop_duplicates("actors").set_index("actors")["colour_key"]
        chosen = [keys[a] for a in first if a in keys.index]
    else:
        chosen = []
    return {lane: i for i, lane in enumerate(dict.fromkeys(chosen))}


def lane_name_lines(name: str) -> list[str]:
    """A lane's name on at most two lines, cut with "…" beyond that."""
    lines = textwrap.wrap(name, LANE_NAME_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], layout.short_title(" ".join(lines[1:]), LANE_NAME_CHARS)]
    return lines


def cap_lanes(
    rows: pd.DataFrame, order: list[str], by: LaneMode, most: int = MAX_DRAWN_LANES
) -> tuple[pd.DataFrame, list[str]]:
    """At most ``most`` lanes: the later ones share a last lane ("4,990 more actor lanes"),
    each event once in it, so the chart grows with events, not with lanes (the page draws
    ``MAX_DRAWN_LANES``, a slide fewer)."""
    if len(order) <= most:
        return rows, order
    kept = order[: most - 1]
    rest = f"{len(order) - len(kept):,} more {LANE_LABELS[by].lower()} lanes"
    rows = rows.copy()
    rows.loc[~rows["lane"].isin(kept), "lane"] = rest
    return rows.drop_duplicates(["id", "lane"]), [*kept, rest]


def lanes(
    frame: pd.DataFrame,
    actors: pd.DataFrame,
    by: LaneMode,
    expand: Iterable[str] = (),
    first: Sequence[str] = (),
    max_lanes: int = MAX_LANES,
) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane), and the lanes in the order they are drawn (at most
    ``MAX_DRAWN_LANES``, ``first``'s lanes leading): what the event view and the density
    view both draw. Actor lanes beyond ``max_lanes`` are folded by affiliation (the deck
    asks for fewer)."""
    rows = lane_rows(frame, by, actors, expand, first, max_lanes)
    order = lane_order(rows, palette(actors["affiliation"]), by, first)
    return cap_lanes(rows, order, by)


def margin_left(names: Mapping[str, list[str]]) -> int:
    """Room for the longest line of the lane names (each wrapped by ``_name_lines``)."""
    longest = max((len(line) for lines in names.values() for line in lines), default=4)
    return 24 + int(LANE_FONT * 0.56 * min(longest, LANE_NAME_CHARS))
