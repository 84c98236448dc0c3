"""The Streamlit page, run headless with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_page_shows_every_event_of_the_dataset():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 25
    assert "Russia begins airstrikes in Syria" in set(table["title"])
