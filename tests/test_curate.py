"""The Add-an-article page as a curator uses it: kinds proposed with their reason, names
of organisations kept whole, errors told against the blocks shown, one new source for
the page and the command line, and the Timeline's filters only where they act."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import EVENTS, ROOT
from tests.test_browser import streamlit_server
from timeline.curate import new_source
from timeline.curate.kinds import propose_kind, reason
from timeline.curate.names import name_spans
from timeline.curate.proposal import propose, told
from timeline.dataset.load import load_bytes, load_file
from timeline.dataset.yamlread import read_yaml
from timeline.problems import Problem
from timeline.suggest import match_actors

# A story of Tuesday 23 Feb 2016, five sentences, on facts of the seed articles.
STORY = (
    "MOSCOW, Feb. 23 (Wire) - Russian jets struck targets in Syria on Saturday, "
    "the Syrian Observatory for Human Rights said. "
    "Chechen leader Ramzan Kadyrov told Interfax on Monday that volunteers from Chechnya were "
    "fighting there. "
    "FSB director Alexander Bortnikov said in December that about 2,900 Russians had fought "
    "with the extremists. "
    "Rossiya 1 aired a documentary about Kadyrov's fighters on Feb. 10. "
    "Talks will resume next month, the envoy said."
)


@pytest.mark.parametrize(
    ("sentence", "kind", "cue"),
    [
        ("Russian jets struck targets near Palmyra, the ministry said.", "military", "struck"),
        ("Warplanes bombed a convoy on Monday.", "military", "bombed"),
        ("Artillery shelled the town overnight.", "military", "shelled"),
        ("Russia launched strikes in Syria.", "military", "launched strikes"),
        ("Russia began airstrikes on Wednesday.", "military", "airstrikes"),
        ("Twelve fighters were killed, activists said.", "military", "killed"),
        ("Rebels attacked a checkpoint.", "military", "attacked"),
        ("Kadyrov said his troops are ready.", "statement", "said"),
        ("A source told Interfax the men were volunteers.", "statement", "told"),
        ("The Kremlin announced a pause.", "statement", "announced"),
        ("The ministry stated that no civilians were hurt.", "statement", "stated"),
        ("Kadyrov claims spies are infiltrating IS.", "claim", "claims"),
        ("Nearly 2,900 Russians have fought with IS.", "estimate", "2,900 Russians"),
        ("The documentary airs on Rossiya 1.", "broadcast", "documentary"),
        ("IS released a video of the camp.", "media", "video"),
        ("Putin and Obama met at the UN.", "meeting", "met"),
        ("The Duma ratified the treaty.", "political", "ratified"),
        ("405 people left Chechnya for IS, 104 were killed.", "estimate", "405 people"),
        ("The preview showed Kadyrov at a camp.", "broadcast", "preview"),
        ("The weather was cold.", "statement", ""),  # no cue word: the default, said so
    ],
)
def test_a_kind_is_proposed_from_the_sentence_with_its_cue(sentence, kind, cue):
    assert propose_kind(sentence) == (kind, cue)


def test_the_kinds_proposed_agree_with_the_curators_on_the_dataset():
    """The curated events' quotes, proposed a kind as the page would: the curator's kind
    for 20 of 25 (the cue list before the table: 19)."""
    events = [item.event for item in load_file(EVENTS).events]
    agree = [e.id for e in events if propose_kind(e.quote or "")[0] == e.kind]
    assert (len(agree), len(events)) == (20, 25)


def test_the_reason_reads_as_the_kind_and_its_word():
    assert reason("military", "struck") == "military: 'struck'"
    assert reason("statement", "") == "statement: no cue word"


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Jets struck, the Syrian Observatory for Human Rights said.",
            ["Syrian Observatory for Human Rights"],
        ),
        ("The Ministry of Defence in Moscow denied it.", ["Ministry of Defence"]),
        (
            "He fought for the Islamic State of Iraq and the Levant.",
            ["Islamic State of Iraq and the Levant"],
        ),
        (
            "The Organization for Security and Co-operation in Europe said so.",
            ["Organization for Security and Co-operation"],  # "in" would join "… in Moscow"
        ),
        ("Vladimir Putin and Barack Obama met.", ["Vladimir Putin", "Barack Obama"]),
        ("Ramzan Kadyrov of Chechnya spoke.", ["Ramzan Kadyrov"]),  # a person is no head
        ("President Bashar al-Assad spoke.", ["President Bashar al-Assad"]),
    ],
)
def test_an_organisations_name_is_one_name(sentence, names):
    """The new names the page shows (single words and leading "The" are no names)."""
    assert match_actors(sentence, {})[1] == names


WORDS = st.sampled_from(
    [
        *("Syrian", "Observatory", "for", "of", "the", "and", "in", "Human", "Rights"),
        *("Ministry", "Putin", "al-Assad", "Co-operation", "said", ",", "Moscow", "State"),
        *("Iraq", "de"),
    ]
)


@given(st.lists(WORDS, max_size=30))
def test_names_are_disjoint_runs_of_capitalised_words(words):
    """Whatever the words, the names found are in order, never overlap, and each starts
    with a capital (a connector joins, never starts or ends a name)."""
    sentence = " ".join(words)
    spans = name_spans(sentence)
    assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(spans))
    for a, b in spans:
        name = sentence[a:b].split()
        assert name[0][0].isupper(), sentence[a:b]
        assert name[-1] not in ("for", "of", "and", "the", "in", "de"), sentence[a:b]


def test_new_source_is_the_pages_and_the_command_lines(tmp_path):
    made = new_source("Headline\n\nBody.", dt.date(2016, 2, 23), {"wire-2016-02-23"}, outlet="Wire")
    assert made == {
        "id": "wire-2016-02-23-2",
        "title": "Headline",
        "outlet": "Wire",
        "published": "2016-02-23",
        "url": "",
        "text": "articles/wire-2016-02-23-2.txt",
    }
    title = new_source(STORY, dt.date(2016, 2, 23))["title"]  # no headline line: 1st sentence
    assert title == (
        "Russian jets struck targets in Syria on Saturday, the Syrian Observatory for Human "
        "Rights said."
    )
    article = tmp_path / "story.txt"
    article.write_text(STORY, encoding="utf-8")
    run = [sys.executable, "-m", "timeline", "suggest", str(article), "--published", "2016-02-23"]
    printed = subprocess.run([*run, "--outlet", "Wire"], capture_output=True, text=True, cwd=ROOT)
    [source] = yaml.safe_load(printed.stdout)["sources"]
    expected = new_source(STORY, dt.date(2016, 2, 23), outlet="Wire", path=str(article))
    assert source == {k: v for k, v in expected.items() if v}


def test_a_problem_is_told_against_the_line_shown():
    original = EVENTS.read_text(encoding="utf-8")
    source = "  - id: new\n    title: T\n    outlet: O\n    published: 2016-02-23\n"
    event = (
        "  - id: e-new\n    title: T\n    source: new\n    when: on Monday\n"
        "    actors: []\n    kind: military\n    status: reported\n"
    )
    proposal = propose(original, read_yaml(original, "events.yaml").lines, source, [event])
    checked = load_bytes(proposal.merged.encode(), "events.yaml", None)
    [wrong] = [p for p in checked.problems if p.where == "events[e-new].actors"]
    assert wrong.line is not None and wrong.line > 500  # a line of the merged file
    said = told(wrong, proposal)
    assert said == "line 11: events[e-new].actors: must list at least one; got []"
    assert proposal.preview.splitlines()[10] == "    actors: []"
    elsewhere = Problem("events.yaml", 3, "events[old].kind", "not a kind")
    assert told(elsewhere, proposal) is None  # a line the blocks did not add


# --- the page --------------------------------------------------------------------------


@pytest.fixture
def page(monkeypatch):
    """The Add-an-article page, with the story pasted and dated."""
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at._page_hash = calc_hash("add-article")
    at.run()
    at.text_area(key="cur_text").set_value(STORY)
    at.text_input(key="cur_published").set_value("2016-02-23")
    at.text_input(key="cur_outlet").set_value("Wire")
    return at.run()


def _rows(at: AppTest) -> dict[str, dict[str, object]]:
    [editor] = at.dataframe
    return {r["when"]: r for r in editor.value.to_dict("records")}


def test_the_page_proposes_kinds_from_verbs_with_the_reason(page):
    assert not page.exception
    rows = _rows(page)
    got = {when: (r["kind"], r["why"]) for when, r in rows.items() if when != "next month"}
    assert got == {
        "on Saturday": ("military", "military: 'struck'"),
        "on Monday": ("statement", "statement: 'told'"),
        "in December": ("estimate", "estimate: '2,900 Russians'"),
        "on Feb. 10": ("broadcast", "broadcast: 'aired'"),
    }
    assert rows["on Saturday"]["resolves to"] == "20 Feb 2016"


def test_the_page_keeps_an_organisations_name_as_one_new_name(page):
    notes = [re.sub(r"\\(.)", r"\1", m.value) for m in page.markdown]
    said = "- **on Saturday**: new names, not actors yet: Syrian Observatory for Human Rights"
    assert said in "\n".join(notes).splitlines()


def test_an_error_shows_the_line_of_the_block_shown(page):
    """The strike has no known actor: the error names the line of the preview shown
    below it, which holds `actors: []`, and never a line of the merged file."""
    [error] = [re.sub(r"\\(.)", r"\1", e.value) for e in page.error]
    found = re.search(r"line (\d+): events\[([a-z0-9-]+)\]\.actors: must list at least one", error)
    assert found, error
    assert "events.yaml:" not in error
    [preview] = page.code
    lines = preview.value.splitlines()
    line = int(found[1])
    assert lines[line - 1] == "    actors: []"
    start = max(i for i, text in enumerate(lines[:line]) if text.startswith("  - id: "))
    block = lines[start : start + 9]
    assert block[0] == f"  - id: {found[2]}"
    assert any(text.startswith('    quote: "Russian jets struck targets') for text in block)
    assert page.get("download_button")[0].proto.disabled


def test_a_phrase_followed_by_more_clause_is_a_candidate(page):
    """ "Talks will resume next month, the envoy said.": found whatever follows it."""
    row = _rows(page)["next month"]
    assert (row["resolves to"], row["why"]) == ("Mar 2016", "meeting: 'Talks'")


def _filters_in_sidebar(at: AppTest) -> list[str]:
    return [w.key for w in at.sidebar.multiselect] + [w.key for w in at.sidebar.text_input]


def test_the_filters_are_only_on_the_pages_they_act_on(monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(EVENTS))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "f_actors" in _filters_in_sidebar(at) and "f_text" in _filters_in_sidebar(at)
    at.multiselect(key="f_actors").set_value(["putin"]).run()
    at._page_hash = calc_hash("add-article")
    at.run()
    assert not at.exception
    assert _filters_in_sidebar(at) == []
    at._page_hash = calc_hash("briefing")
    at.run()
    assert "f_actors" in _filters_in_sidebar(at)
    assert at.multiselect(key="f_actors").value == ["putin"]  # kept across the pages


# --- in Chromium: the table fits the screen ----------------------------------------------
# The table's box, and whether its grid scrolls sideways (columns cut off at its edge).
TABLE_BOX = """() => {
  const table = document.querySelector('[data-testid="stDataFrame"]');
  const box = table.getBoundingClientRect();
  const grid = table.querySelector('.dvn-scroller');
  return {right: box.right, width: box.width, scrolls: grid.scrollWidth > grid.clientWidth + 1};
}"""


def _paste_the_story(page) -> None:
    page.get_by_role("textbox", name="Article text").fill(STORY)
    page.get_by_role("textbox", name="Published (YYYY-MM-DD)").fill("2016-02-23")
    page.get_by_role("textbox", name="Outlet").fill("Wire")
    page.get_by_role("textbox", name="Outlet").press("Enter")
    page.wait_for_selector('[data-testid="stDataFrame"] .dvn-scroller', timeout=60_000)
    page.wait_for_timeout(1500)  # the grid lays out its columns


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory):
    """The app served as `make run` serves it."""
    with streamlit_server(EVENTS.name, tmp_path_factory.mktemp("curate") / "log") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1440, 900)])
def test_the_candidates_table_fits_the_screen(running, browser, width, height, tmp_path):
    """At 1440 and 1280 px every column is on screen (screenshots kept in $CURATE_SHOTS)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{running}/add-article")
    _paste_the_story(page)
    page.get_by_text("candidate events.").scroll_into_view_if_needed()
    shots = Path(os.environ.get("CURATE_SHOTS", tmp_path))
    page.screenshot(path=str(shots / f"add-article_{width}x{height}.png"))
    table = page.evaluate(TABLE_BOX)
    assert table["right"] <= width, table
    assert not table["scrolls"], table  # every column, "status" and "why" too, on screen
    assert page.get_by_test_id("stSidebar").get_by_role("combobox").count() == 0  # no filters
    said = page.get_by_text("line 12: events[russian-jets-struck-targets-in-syria].actors")
    said.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"add-article-check_{width}x{height}.png"))
    shown = page.locator('[data-testid="stCode"]').inner_text()
    assert re.search(r"(?m)^12\n?    actors: \[\]$", shown)  # numbered 12 on screen, as said
    page.close()
