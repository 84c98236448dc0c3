"""Linear on every door: each step found quadratic (issue #25) timed at n and 2n, at twice
the size it was found at; the time may grow at most 2.5 times (4 for a quadratic step).

Not a wall-clock limit: a busy machine slows both sizes alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import HEADER
from tests.growth import LINEAR, time_ratio
from timeline.dataset.articles import EXPLAINED, where_it_differs
from timeline.dataset.cache import open_bytes
from timeline.dataset.load import load_bytes
from timeline.filters import MAX_WORDS, search_mask, search_words
from timeline.nearest import BUDGET, Nearest

SOURCE = HEADER.split("actors:")[0]  # the one source, its article article.txt


def misspelt_actors(n: int) -> bytes:
    """``n`` actors and ``n`` events, each naming a misspelt actor (184 KB at 1,000)."""
    actors = "".join(
        f"  - id: actor-number-{i:05d}\n    name: Actor {i}\n    affiliation: Russia\n"
        for i in range(n)
    )
    events = "".join(
        f"  - id: event-{i}\n    title: Event {i}\n    source: wire\n    date: 2015-01-01\n"
        f"    actors: [actor-numbr-{i:05d}]\n    kind: military\n    status: reported\n"
        f"    quote: the strikes began.\n"
        for i in range(n)
    )
    return (SOURCE + "actors:\n" + actors + "events:\n" + events).encode()


def loading(folder: Path) -> Callable[[int], Callable[[], object]]:
    def make(n: int) -> Callable[[], object]:
        raw = misspelt_actors(n)
        return lambda: open_bytes(raw, "events.yaml", folder, use_cache=False)  # as `check`

    return make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text("Officials said the strikes began.\n")
    return tmp_path


def test_did_you_mean_is_linear_in_unknown_ids() -> None:
    """Found at 1,000 actors and events (25–31 s in `check`); timed at 2,000 and 4,000,
    every unknown id given a suggestion (no budget): the index alone keeps it linear."""

    def make(n: int) -> Callable[[], object]:
        known = [f"actor-number-{i:05d}" for i in range(n)]
        unknown = [f"actor-numbr-{i:05d}" for i in range(n)]

        def suggest_all() -> None:
            nearest = Nearest(known, budget=n)
            assert all(nearest.hint(word) for word in unknown)

        return suggest_all

    assert time_ratio(make, 2_000) <= LINEAR


def test_check_with_misspelt_actors_is_linear(folder: Path) -> None:
    """The whole door (`check`'s load) at 1,000 and 2,000 actors and misspelt events."""
    assert time_ratio(loading(folder), 1_000, repeat=3) <= LINEAR


def test_did_you_mean_still_suggests_then_stops(folder: Path) -> None:
    data = load_bytes(misspelt_actors(BUDGET + 20), "events.yaml", folder)
    unknown = [p.message for p in data.problems if p.message.startswith("unknown actor")]
    assert unknown[0] == "unknown actor 'actor-numbr-00000'; did you mean 'actor-number-00000'?"
    assert sum("did you mean" in m for m in unknown) == BUDGET
    assert unknown[BUDGET].endswith(
        f"(no more suggestions after {BUDGET} unknown names: fix those first)"
    )
    assert len(unknown) == BUDGET + 20  # every unknown id is still named


def article_and_quote(n: int) -> tuple[str, str]:
    """An article of ``n`` words and a quote of all of them but the last, which differs."""
    words = [f"word{i % 997}x{i}" for i in range(n)]
    return " ".join(words), " ".join([*words[:-1], "different"])


def test_the_quote_diff_is_linear_in_the_quote() -> None:
    """Found at 40,000 words differing at the last (40 s); timed at 80,000 and 160,000."""

    def make(n: int) -> Callable[[], object]:
        text, quote = article_and_quote(n)
        return lambda: where_it_differs(quote, text)

    assert time_ratio(make, 80_000) <= LINEAR


def test_the_quote_diff_still_says_where() -> None:
    text, quote = article_and_quote(1_000)
    last = " ".join(text.split()[-5:-1])
    assert where_it_differs(quote, text) == f" (it matches up to {last!r}, then differs)"
    assert where_it_differs("nothing like it", text) == " (not even its first word matches)"


def test_quotes_explained_in_full_are_bounded(folder: Path) -> None:
    events = "".join(
        f"  - id: e{i}\n    title: E\n    source: wire\n    date: 2015-01-01\n"
        f"    actors: [a]\n    kind: military\n    status: reported\n"
        f"    quote: the strikes ended {i}.\n"
        for i in range(EXPLAINED + 5)
    )
    actors = "actors:\n  - id: a\n    name: A\n    affiliation: A\n"
    data = load_bytes((SOURCE + actors + "events:\n" + events).encode(), "x.yaml", folder)
    quotes = [p.message for p in data.problems if p.where.endswith(".quote")]
    assert len(quotes) == EXPLAINED + 5
    assert sum("then differs" in q for q in quotes) == EXPLAINED


def frame_of(rows: int) -> pd.DataFrame:
    words = pd.Series([f"strikes begin near town {i}" for i in range(rows)])
    return pd.DataFrame({"title": words, "quote": words, "actor_terms": "russia moscow"})


def test_search_words_are_distinct_and_capped() -> None:
    assert search_words("Strikes strikes STRIKES town") == ["strikes", "town"]
    many = " ".join(f"w{i}" for i in range(100))
    assert len(search_words(many)) == MAX_WORDS


def test_a_search_of_repeated_words_is_linear() -> None:
    """Found at 50,000 repeated words (17 s a rerun); timed at 100,000 and 200,000 words,
    over 2,000 and 4,000 events (one pass per word was words × events)."""

    def make(n: int) -> Callable[[], object]:
        text, frame = " ".join(["strikes", "town", "near"] * (n // 3)), frame_of(n // 50)
        return lambda: search_mask(frame, text)

    assert time_ratio(make, 100_000) <= LINEAR
    frame = frame_of(2_000)
    titles = frame["title"]
    wanted = sum("town" in t and "7" in t and "strikes" in t for t in titles)
    assert search_mask(frame, "strikes " * 1000 + "town 7").sum() == wanted
