"""One loader, one answer: the app and every CLI command open a dataset through
``timeline.dataset.cache``, and no cache hides an edited article (in any subfolder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EVENT, ROOT, cli, dataset_text
from timeline.dataset.cache import open_dataset, open_upload

TEXT = "Officials said on Wednesday that the strikes began.\n"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A dataset whose article lives in a subfolder, as a curated collection keeps them."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(dataset_text(EVENT).replace("text: article.txt", "text: texts/a.txt"))
    return path


def edit_article(dataset: Path, text: str) -> None:
    article = dataset.parent / "texts" / "a.txt"
    before = article.stat().st_mtime_ns
    article.write_text(text, encoding="utf-8")
    os.utime(article, ns=(before + 10**9, before + 10**9))  # a later edit, as an editor saves


def quote_errors(problems: list[str]) -> list[str]:
    return [p for p in problems if "events[strikes].quote" in p and "error" in p]


def test_the_cli_sees_an_edited_article_in_a_subfolder(dataset):
    first = cli("check", str(dataset))
    assert first.returncode == 0 and "1 of 1 events valid" in first.stdout
    edit_article(dataset, "Officials said on Wednesday that nothing happened.\n")
    second = cli("check", str(dataset))  # the disk cache has an entry: it must not be used
    assert second.returncode == 1, second.stdout
    assert quote_errors(second.stdout.splitlines()), second.stdout
    listed = cli("list", str(dataset))  # every command gives the same answer
    assert listed.returncode == 1 and "(no events match)" in listed.stdout


def test_the_app_sees_an_edited_article_on_its_next_rerun(dataset, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(dataset))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and not at.error
    assert "Showing 1 of 1 events" in at.markdown[0].value
    edit_article(dataset, "Officials said on Wednesday that nothing happened.\n")
    at.run()
    assert not at.exception
    assert at.error and "1 errors" in at.error[0].value
    assert quote_errors(at.expander[0].children[0].value.splitlines())
    check = cli("check", str(dataset))  # and the CLI says the same
    assert check.returncode == 1 and quote_errors(check.stdout.splitlines())


def test_a_missing_article_that_appears_is_read(dataset):
    article = dataset.parent / "texts" / "a.txt"
    article.unlink()
    assert not open_dataset(dataset).data.ok  # "does not exist"
    article.write_text(TEXT, encoding="utf-8")
    again = open_dataset(dataset)
    assert again.data.ok and again.data.valid == 1 and not again.cached


def test_an_unchanged_dataset_comes_from_the_cache_with_the_same_answer(dataset):
    first, second = open_dataset(dataset), open_dataset(dataset)
    assert (first.cached, second.cached) == (False, True)
    assert second.frame is first.frame  # the same frames, not a rebuild
    [read] = first.data.articles
    assert read.path == str((dataset.parent / "texts" / "a.txt").resolve())
    assert read.size == len(TEXT.encode()) and len(read.sha256) == 64


def test_a_touched_but_unchanged_article_keeps_the_cached_answer(dataset):
    open_dataset(dataset)
    article = dataset.parent / "texts" / "a.txt"
    os.utime(article, ns=(1, 1))  # a new time, the same content: the hash says so
    assert open_dataset(dataset).cached


def test_an_upload_reads_no_article_and_says_so_once(dataset):
    opened = open_upload(dataset.read_bytes(), "events.yaml")
    assert opened.uploaded and opened.data.articles == []
    unchecked = [p for p in opened.data.problems if "not checked" in p.message]
    assert len(unchecked) == 1 and opened.data.valid == 1


def test_the_summary_cannot_pass_for_a_dataset_without_events(dataset):
    summary = open_dataset(dataset).data
    assert not hasattr(summary, "events")  # only a loaded Dataset has them
    assert summary.valid == 1 and summary.total == 1


def test_the_uploader_lets_through_every_file_the_loader_accepts():
    """The uploader must not refuse a file `check` accepts (64 MiB is 67.1 MB)."""
    import tomllib

    from timeline.dataset.types import DEFAULT_MAX_MB

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1000 * 1000 >= DEFAULT_MAX_MB * 1024 * 1024
