"""One function quotes every quote (``text.quoted``), and every output uses it: no two
opening quote marks in a row, nested quotes turned to the inner kind, and in the Markdown
(rendered by a CommonMark parser, markdown-it-py) nothing but the quote in a blockquote."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import EVENT, ROOT, dataset_text, need
from timeline.dataset.load import load_file
from timeline.export import make_view, render
from timeline.text import quoted

TWO_OPENING = re.compile(r"[“‘][“‘]")


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("the strikes began.", "“the strikes began.”"),
        ("“Enclosed whole.”", "“Enclosed whole.”"),
        ("““Doubled opening.”", "“Doubled opening.”"),
        ("“I’m convinced,” he said.", "“I’m convinced,” he said."),
        (
            "A second U.S. official said: “This is not how it is done.”",
            "“A second U.S. official said: ‘This is not how it is done.’”",
        ),
        ('Syria to "carry out missions", but', "“Syria to ‘carry out missions’, but”"),
        ('"We have had losses," Kadyrov said', "“We have had losses,” Kadyrov said"),
        ("“Left open, said the spokesman.", "“Left open, said the spokesman.”"),
        ("  spread\n over  lines ", "“spread over lines”"),
    ],
)
def test_quoted(given_text, expected):
    assert quoted(given_text) == expected


@given(st.text(alphabet="ab ,.“”‘’\"'«»\n", max_size=40))
def test_quoted_never_shows_two_opening_marks_in_a_row(text):
    result = quoted(text)
    assert result[:1] in "“‘«"
    assert not TWO_OPENING.search(result), result


QUOTES = {
    "whole": "“Enclosed whole, as typed.”",
    "doubled": "““Typed twice at the start.”",
    "said": "“I’m convinced,” he said.",
    "nested": "A second U.S. official said: “This is not how it is done.”",
    "straight": 'Moscow asked Syria to "carry out missions", but said no more.',
}


@pytest.fixture(scope="module")
def quoting(tmp_path_factory):
    """A dataset whose quotes are marked every way a curator marks them, and whose
    source's title carries quotes of its own."""
    folder = tmp_path_factory.mktemp("quotes")
    events = [
        EVENT.replace("id: strikes", f"id: q-{key}").replace(
            "quote: the strikes began.", f"quote: '{text}'"
        )
        for key, text in QUOTES.items()
    ]
    text = dataset_text(*events).replace("title: A wire story", "title: 'Putin: \"We will win\"'")
    article = "Officials said on Wednesday that the strikes began. " + " ".join(QUOTES.values())
    (folder / "article.txt").write_text(article + "\n", encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _pptx_text(deck: bytes) -> str:
    with zipfile.ZipFile(BytesIO(deck)) as parts:
        slides = [n for n in parts.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)]
        xml = "".join(parts.read(n).decode() for n in slides)
    return " ".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))


def _pdf_text(pdf: bytes, tmp_path) -> str:
    need("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("fmt", ["md", "html", "pptx", "pdf"])
def test_no_output_shows_two_opening_quote_marks_in_a_row(quoting, fmt, tmp_path):
    made = render(make_view(load_file(quoting)), fmt)
    if fmt == "pptx":
        text = _pptx_text(made)
    elif fmt == "pdf":
        text = _pdf_text(made, tmp_path)
    else:
        text = made.decode()
    assert not TWO_OPENING.search(text), TWO_OPENING.search(text)
    assert "“Putin: ‘We will win’”" in text  # the source's title, its inner quote turned
    if fmt in ("md", "html", "pptx"):  # the quotes themselves (the PDF has none)
        assert "“A second U.S. official said: ‘This is not how it is done.’”" in text
        assert "“I’m convinced,” he said." in text


def test_briefing_slide_quotes_once(quoting, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(quoting))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at._page_hash = calc_hash("briefing")
    seen = []
    for step in range(1, len(QUOTES) + 1):
        at.query_params["step"] = str(step)
        at.session_state["step"] = step
        at.run()
        seen += [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(seen) == len(QUOTES)
    for shown in seen:
        assert not TWO_OPENING.search(shown), shown
    assert any("‘This is not how it is done.’”" in s for s in seen)


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(the block kind, its inline text) for each paragraph, as CommonMark reads it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    inside, found = [], []
    for token in tokens:
        if token.type == "blockquote_open":
            inside.append(token)
        elif token.type == "blockquote_close":
            inside.pop()
        elif token.type == "inline":
            found.append(("quote" if inside else "text", token.content))
    return found


def test_markdown_keeps_source_and_date_out_of_the_quote(quoting):
    from tests.conftest import EVENTS

    for path in (quoting, EVENTS):
        markdown = render(make_view(load_file(path)), "md").decode()
        blocks = _blocks(markdown)
        quotes = [text for kind, text in blocks if kind == "quote"]
        assert quotes, "no blockquote rendered"
        for text in quotes:
            assert "Source:" not in text and "Date:" not in text and "Media:" not in text, text
            assert text.startswith("“"), text
        sources = [text for kind, text in blocks if kind == "text" and "Source:" in text]
        assert len(sources) == len(quotes) or path == EVENTS
