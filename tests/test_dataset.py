"""The curated dataset: quotes verbatim, established dates inside spans, phrases kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, EVENTS, ROOT
from timeline.dataset.load import load_file
from timeline.dataset.types import ResolvedEvent
from timeline.dates import Span, parse_pin, read

# SOURCES.md's table rows ("what it refers to", first words) -> the events that carry them.
ROW_EVENTS = {
    "Russia's first airstrikes in Syria": ["airstrikes-begin"],
    "second day of Russian strikes": ["strikes-second-day"],
    "Kadyrov's remarks to LifeNews": ["kadyrov-infantry-lifenews", "kadyrov-chechens-ready"],
    "Peskov on the list of targets": ["peskov-target-list"],
    "Putin and Obama meet": ["putin-obama-un"],
    "Deputy Foreign Minister Oleg Syromolotov": ["syromolotov-2200-russians-with-is"],
    "Interior Ministry": ["chechnya-405-left-for-is"],
    "IS video of a children's training camp": ["is-shishani-training-video"],
    "video in which Chechen IS fighters threaten Putin": ["chechen-is-video-threatens-putin"],
    "full documentary airs": ["documentary-airs"],
    "a source in the Chechen leadership": ["chechen-source-volunteers"],
    "Kadyrov's office publishes": ["kadyrov-office-publishes-remarks"],
    "IS video showing the beheading": ["is-beheads-alleged-russian-spy"],
    "Kadyrov comments on the beheading video": ["kadyrov-victim-not-an-agent"],
    "FSB director Alexander Bortnikov": ["fsb-2900-russians-with-is"],
    "Kadyrov leads Chechnya": ["kadyrov-leads-chechnya"],
}


def source_rows() -> list[dict[str, str]]:
    """The rows of the table in articles/SOURCES.md, as dicts keyed by its header."""
    lines = [ln for ln in (ARTICLES / "SOURCES.md").read_text().splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [
        dict(zip(header, (c.strip() for c in ln.strip("|").split("|")), strict=True))
        for ln in lines[2:]
    ]


def established(cell: str) -> Span:
    found = re.search(r"\d{4}-\d\d-\d\d", cell) or re.search(r"\d{4}", cell)
    assert found, cell
    return parse_pin(found.group(0))


@pytest.fixture(scope="module")
def dataset():
    data = load_file(EVENTS)
    assert data.ok, [str(p) for p in data.problems]
    return data


@pytest.fixture(scope="module")
def events(dataset) -> dict[str, ResolvedEvent]:
    return {e.event.id: e for e in dataset.events}


def test_every_event_is_valid_and_there_are_20_to_30(dataset):
    assert dataset.invalid == []
    assert 20 <= len(dataset.events) == dataset.total <= 30


def test_every_quote_is_verbatim_in_its_article(dataset):
    for item in dataset.events:
        article = (ROOT / dataset.sources[item.event.source].text).read_text(encoding="utf-8")
        assert " ".join(item.event.quote.split()) in " ".join(article.split()), item.event.id


def test_every_row_of_sources_md_has_its_events():
    described = [row["what it refers to"] for row in source_rows()]
    for key in ROW_EVENTS:
        assert any(d.startswith(key) for d in described), key
    assert len(described) == len(ROW_EVENTS)


@pytest.mark.parametrize("row", source_rows(), ids=lambda r: r["what it refers to"][:40])
def test_established_date_is_inside_the_event_span(row, events, dataset):
    key = next(k for k in ROW_EVENTS if row["what it refers to"].startswith(k))
    known = established(row["established date"])
    for event_id in ROW_EVENTS[key]:
        item = events[event_id]
        assert item.span.contains(known) or known.contains(item.span), (event_id, item.span.label)
        source = dataset.sources[item.event.source]
        assert Path(source.text).name.startswith(row["article"] + "_")
        phrase = row["phrase as written"].strip('"')
        assert item.event.when == (None if phrase == "(none)" else item.event.when)
        if phrase != "(none)":
            assert item.event.when is not None and item.event.when.lower() == phrase.lower()


def test_phrases_are_parsed_not_hand_typed(dataset):
    for item in dataset.events:
        event = item.event
        if event.when is None or item.phrase is None:
            continue
        published = dataset.sources[event.source].published
        assert item.phrase == read(event.when, published, event.direction, event.quote or "")
        if not event.date:
            assert item.span == item.phrase, event.id
        elif not item.phrase.contains(item.span):
            assert event.date_note, f"{event.id}: a pin outside its phrase needs a date_note"


@pytest.mark.parametrize(
    ("event_id", "label", "phrase_label"),
    [
        ("airstrikes-begin", "30 Sep 2015", "30 Sep 2015"),
        ("syromolotov-2200-russians-with-is", "7 Jul 2015", "Jul 2015"),
        ("fsb-2900-russians-with-is", "15 Dec 2015", "Dec 2015"),
        ("is-beheads-alleged-russian-spy", "2 Dec 2015", "Dec 2015"),
        ("documentary-airs", "10 Feb 2016", "10 Feb 2016"),
        ("chechnya-405-left-for-is", "15 Jun 2015", "mid-Jun 2015"),
        ("is-shishani-training-video", "Aug 2014", "Aug 2015"),
        ("chechen-is-video-threatens-putin", "2 Sep 2014", "Sep 2015"),
    ],
)
def test_design_card_events_and_their_dates(events, event_id, label, phrase_label):
    item = events[event_id]
    assert item.span.label == label
    assert item.phrase is not None and item.phrase.label == phrase_label


@pytest.mark.parametrize(
    ("event_id", "value", "qualifier", "claimant"),
    [
        ("syromolotov-2200-russians-with-is", 2200, "over", "syromolotov"),
        ("fsb-2900-russians-with-is", 2900, "nearly", "fsb"),
        ("chechnya-405-left-for-is", 405, "exactly", "interior-ministry"),
    ],
)
def test_estimates_carry_their_figures(events, event_id, value, qualifier, claimant):
    figure = events[event_id].event.figures[0]
    assert (figure.value, figure.qualifier, figure.claimant) == (value, qualifier, claimant)
    assert (
        f"{value:,}" in events[event_id].event.quote or str(value) in events[event_id].event.quote
    )


def test_unverifiable_claims_are_claimed_not_reported(events):
    assert events["kadyrov-agent-network-claim"].event.status == "claimed"
    assert events["documentary-claims-agents-set-targets"].event.status == "claimed"


def test_documentary_preview_aired_two_days_before_publication(events):
    # SOURCES.md: "a preview aired 2016-02-07"
    assert events["documentary-preview"].span.start.isoformat() == "2016-02-07"


def test_articles_are_copies_of_the_seeds():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    for article in sorted(ARTICLES.glob("*.txt")):
        assert article.read_bytes() == (seeds / article.name).read_bytes(), article.name
