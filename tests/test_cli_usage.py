"""The command line as a new user meets it, through its entry point (``cli()``): unknown
picks are named with the nearest id and exit 2; help is plain text."""

from __future__ import annotations

import pytest

from tests.conftest import EVENTS, cli


@pytest.mark.parametrize(
    ("flag", "typed", "meant"),
    [
        ("--actor", "kadyrow", "kadyrov"),
        ("--actor", "Kadyrov", "kadyrov"),
        ("--kind", "militray", "military"),
        ("--status", "confirmd", "confirmed"),
        ("--source", "breitbart", "breitbart-2015-10-01"),
        ("--affiliation", "Rusia", "Russia"),
    ],
)
@pytest.mark.parametrize("command", ["list", "export"])
def test_an_unknown_pick_is_named_with_the_nearest_and_exits_2(
    command, flag, typed, meant, tmp_path
):
    extra = ["--format", "md", "-o", str(tmp_path / "out.md")] if command == "export" else []
    result = cli(command, str(EVENTS), flag, typed, *extra)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"unknown {flag[2:]} {typed!r}; did you mean {meant!r}?" in result.stderr
    assert "(no events match)" not in result.stdout
    assert not (tmp_path / "out.md").exists()
    assert "Traceback" not in result.stderr


def test_an_unknown_tag_in_a_dataset_without_tags_says_there_are_none():
    result = cli("list", str(EVENTS), "--tag", "anything")
    assert result.returncode == 2
    assert "unknown tag 'anything'" in result.stderr


def test_a_known_pick_with_no_events_in_range_still_lists_nothing_and_exits_0():
    result = cli("list", str(EVENTS), "--actor", "kadyrov", "--from", "2030")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(no events match)"


@pytest.mark.parametrize("command", [[], ["check"], ["list"], ["export"], ["import"], ["suggest"]])
def test_help_is_plain_text(command):
    result = cli(*command, "--help")
    assert result.returncode == 0
    assert "`" not in result.stdout, result.stdout
    assert "usage: python -m timeline" in result.stdout


def test_each_pick_flag_names_its_value_with_the_whole_word():
    """``--status STATUS``, not ``STATU``: the value's name in ``--help`` is the flag's word."""
    from timeline.filters import DIMENSIONS, Dimension

    shown = " ".join(cli("list", "--help").stdout.split())
    picks = [d for d in DIMENSIONS if isinstance(d, Dimension) and not d.metavar]
    assert picks
    for pick in picks:
        assert f"--{pick.key} {pick.key.upper()}" in shown, pick.key
