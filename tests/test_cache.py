"""The disk cache is safe to share: no code runs when an entry is read, damage is rebuilt,
writers never mix, and a folder others can write to is not used."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import EVENT, EVENTS, ROOT, dataset_text
from timeline.dataset.cache import MEMORY, cache_dir, open_bytes

EVENTS_OF_ARTICLE = dataset_text(EVENT)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_CACHE", str(folder))
    return folder


def open_events():
    return open_bytes(EVENTS.read_bytes(), "events.yaml", EVENTS.parent)


def test_an_entry_is_parquet_and_serves_the_same_frames(cache):
    first, second = open_events(), open_events()
    assert (first.cached, second.cached) == (False, True)
    [entry] = list(cache.iterdir())
    assert entry.suffix == ".parquet" and entry.read_bytes()[:4] == b"PAR1"
    pd.testing.assert_frame_equal(first.frame, second.frame)
    pd.testing.assert_frame_equal(first.actors, second.actors)
    assert (first.data.sources, first.data.problems) == (second.data.sources, second.data.problems)


class Planted:
    """What an attacker would plant: unpickling it runs a command."""

    def __reduce__(self):
        return (os.system, (f"touch {os.environ['TIMELINE_CACHE']}/pwned",))


def test_a_planted_pickle_never_runs(cache):
    open_events()
    [entry] = list(cache.iterdir())
    entry.write_bytes(pickle.dumps(Planted()))
    again = open_events()
    assert not (cache / "pwned").exists()
    assert again.cached is False and len(again.frame) == 25


def test_a_damaged_entry_is_noted_and_rebuilt(cache, caplog):
    open_events()
    [entry] = list(cache.iterdir())
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # cut short
    with caplog.at_level(logging.WARNING, logger="timeline.dataset.cache"):
        rebuilt = open_events()
    assert rebuilt.cached is False and len(rebuilt.frame) == 25
    assert "ignored a damaged cache entry" in caplog.text
    assert open_events().cached is True  # written again, whole


def test_two_writers_at_once_leave_a_whole_entry(cache):
    script = (
        "from pathlib import Path\n"
        "from timeline.dataset.cache import open_bytes\n"
        f"p = Path({str(EVENTS)!r})\n"
        "open_bytes(p.read_bytes(), 'events.yaml', p.parent)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", script], env=env) for _ in range(2)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert [p.suffix for p in cache.iterdir()] == [".parquet"]  # no temporary left behind
    assert open_events().cached is True


def test_a_folder_others_can_write_to_is_not_used(cache, caplog):
    cache.mkdir(mode=0o700)
    os.chmod(cache, 0o777)
    with caplog.at_level(logging.WARNING, logger="timeline.dataset.cache"):
        first, second = open_events(), open_events()
    assert (first.cached, second.cached) == (False, False) and list(cache.iterdir()) == []
    assert "another user owns it or can write to it" in caplog.text
    assert cache_dir() == cache


def test_an_article_link_pointed_elsewhere_is_a_change(cache, write):
    """The cache keys on where a symbolic link leads: re-pointed to another file, the
    cached 'valid' of the first is not kept."""
    from timeline.dataset.cache import open_dataset

    path = write(EVENTS_OF_ARTICLE)
    (path.parent / "good.txt").write_text("Officials said the strikes began.\n")
    (path.parent / "bad.txt").write_text("Nothing happened at all.\n")
    (path.parent / "article.txt").unlink()
    (path.parent / "article.txt").symlink_to("good.txt")
    assert open_dataset(path).data.ok
    (path.parent / "article.txt").unlink()
    (path.parent / "article.txt").symlink_to("bad.txt")
    MEMORY.clear()  # a new process: only the disk cache remembers
    again = open_dataset(path)
    assert not again.cached and not again.data.ok
    assert "is not in the article article.txt" in str(again.data.problems)


@pytest.mark.parametrize("kind", ["a file", "a loop of links"])
def test_an_unusable_cache_folder_is_skipped_with_one_note(tmp_path, monkeypatch, caplog, kind):
    folder = tmp_path / "cache"
    if kind == "a file":
        folder.write_text("not a folder")
    else:
        (tmp_path / "other").symlink_to(folder)
        folder.symlink_to(tmp_path / "other")
    monkeypatch.setenv("TIMELINE_CACHE", str(folder))
    with caplog.at_level(logging.WARNING, logger="timeline.dataset.cache"):
        first, second = open_events(), open_events()
    assert first.data.ok and second.data.ok and not second.cached
    notes = [r.message for r in caplog.records if "not using the cache folder" in r.message]
    assert len(notes) == 1 and "loaded without it" in notes[0]


def test_a_cache_hit_names_the_file_as_the_caller_did(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "events.yaml").write_text("sources: []\nactors: []\nevents:\n  - id: e\n")
    raw = (folder / "events.yaml").read_bytes()
    first = open_bytes(raw, str(folder / "events.yaml"), folder)
    second = open_bytes(raw, "events.yaml", folder)
    assert second.cached and second.data.file == "events.yaml"
    assert [p.file for p in second.data.problems] == ["events.yaml"] * len(first.data.problems)
    assert str(second.data.problems[0]).startswith("events.yaml:")
