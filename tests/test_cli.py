"""The command line, through its entry point: exit codes, output shapes, filters."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from tests.conftest import EVENT, ROOT, dataset_text
from timeline.cli import build_parser, main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m timeline`` as a user would, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_passes_on_the_curated_dataset():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (
        "events.yaml: 25 of 25 events valid, 0 errors, 3 warnings"
    )
    assert "Traceback" not in result.stderr


def test_check_fails_with_located_messages_and_no_traceback(write):
    path = write(dataset_text(EVENT.replace("kind: military", "kind: militray")))
    result = run("check", str(path))
    assert result.returncode == 1
    assert f"{path}:22: error: events[strikes].kind: 'militray' is not one of" in result.stdout
    assert "did you mean 'military'?" in result.stdout
    assert "left out (errors): events[strikes] (line 17)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "a.yaml", "b.yaml"],
        ["frobnicate"],
        ["list", "--format", "xml"],
        [],
        ["list", "--from", "yesterday"],
    ],
)
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_check_on_a_missing_file(capsys):
    assert main(["check", "no/such/file.yaml"]) == 1
    assert (
        "no/such/file.yaml: error: cannot read: No such file or directory"
        in capsys.readouterr().out
    )


def test_list_json_shape_and_order(capsys):
    assert main(["list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 25
    expected = {
        "id",
        "title",
        "source",
        "when",
        "start",
        "end",
        "precision",
        "label",
        "how",
        "actors",
        "kind",
        "status",
        "quote",
        "figures",
    }
    assert all(expected <= set(r) for r in records)
    dates = [r[key] for r in records for key in ("start", "end")]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    starts = [r["start"] for r in records]
    assert starts == sorted(starts)
    strikes = next(r for r in records if r["id"] == "airstrikes-begin")
    assert (strikes["when"], strikes["start"], strikes["precision"], strikes["label"]) == (
        "on Wednesday",
        "2015-09-30",
        "day",
        "30 Sep 2015",
    )


def test_list_filters_by_actor_any_and_all(capsys):
    main(["list", "--format", "json", "--actor", "putin", "--actor", "obama"])
    any_of = {r["id"] for r in json.loads(capsys.readouterr().out)}
    main(["list", "--format", "json", "--actor", "putin", "--actor", "obama", "--all-actors"])
    all_of = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert any_of == {"putin-obama-un", "chechen-is-video-threatens-putin"}
    assert all_of == {"putin-obama-un"}


def test_list_filters_by_date_range_overlap(capsys):
    main(["list", "--format", "json", "--from", "2015-12", "--to", "2015-12"])
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert ids == [
        "is-beheads-alleged-russian-spy",
        "kadyrov-victim-not-an-agent",
        "fsb-2900-russians-with-is",
    ]


def test_list_csv_has_one_row_per_event(capsys):
    main(["list", "--format", "csv", "--actor", "fsb"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == [
        "is-beheads-alleged-russian-spy",
        "kadyrov-victim-not-an-agent",
        "fsb-2900-russians-with-is",
    ]
    assert rows[2]["actors"] == "fsb;bortnikov"
    assert json.loads(rows[2]["figures"])[0]["value"] == 2900


def test_list_table_shows_labels_and_titles(capsys):
    main(["list", "--actor", "syromolotov"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "id", "actors", "status", "title"]
    assert lines[1].startswith("7 Jul 2015  syromolotov-2200-russians-with-is  syromolotov, tass")
    assert lines[1].endswith("Syromolotov: over 2,200 Russians are fighting with IS")


def test_list_with_no_match_says_so(capsys):
    main(["list", "--from", "2030"])
    assert capsys.readouterr().out.strip() == "(no events match)"


def test_list_on_a_partly_broken_file_lists_the_good_and_exits_1(write, capsys):
    broken = EVENT.replace("id: strikes", "id: broken").replace("kind: military", "kind: x")
    path = write(dataset_text(EVENT, broken))
    assert main(["list", str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert [r["id"] for r in json.loads(captured.out)] == ["strikes"]
    assert "events[broken].kind" in captured.err


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme += (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for command in subparsers.choices:  # type: ignore[union-attr]
        assert f"python -m timeline {command}" in readme, command


def test_every_flag_in_the_readme_exists():
    """Each `python -m timeline COMMAND ... --flag` line in the README is what --help offers."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme += (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    lines = re.findall(r"^python -m timeline (\w+)(.*)$", readme, flags=re.M)
    assert len(lines) >= 5
    for command, rest in lines:
        parser = subparsers.choices[command]  # type: ignore[index]
        offered = set(parser._option_string_actions)
        for flag in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", rest.split("#")[0]):
            assert flag in offered, f"README: python -m timeline {command} {flag}"


HOSTILE_TEXT = EVENT.replace(
    "title: Strikes begin", "title: \"=cmd|' /C calc'!A0 \\e]0;pwned\\a\\e[2J\""
)


def test_terminal_output_shows_control_characters_instead_of_obeying_them(write, capsys):
    path = write(dataset_text(HOSTILE_TEXT))
    assert main(["list", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in out


def test_csv_cells_never_start_a_formula(write, capsys, tmp_path):
    path = write(dataset_text(HOSTILE_TEXT))
    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(target), str(path)]) == 0
    [row] = list(csv.DictReader(target.open(encoding="utf-8")))
    assert row["title"].startswith("'=cmd|")
    assert row["start"] == "2015-09-30"  # values that are not formulas are untouched


def test_export_into_a_folder_says_to_name_a_file(write, capsys, tmp_path):
    path = write(dataset_text(EVENT))
    folder = tmp_path / "briefs"
    folder.mkdir()
    assert main(["export", "--format", "md", "-o", str(folder), str(path)]) == 1
    err = capsys.readouterr().err
    assert f"error: {folder} is a folder: name a file in it" in err and "--force" not in err


@pytest.mark.parametrize("size", ["inf", "nan", "-1", "0", "lots"])
def test_a_size_limit_that_is_no_size_is_a_usage_error(size, write):
    from tests.conftest import cli

    done = cli("check", "--max-mb", size, str(write(dataset_text(EVENT))))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "argument --max-mb:" in done.stderr


@pytest.mark.parametrize("size", ["inf", "nan", "-1"])
def test_a_size_limit_in_the_environment_that_is_no_size_is_the_default(size, write, monkeypatch):
    from tests.conftest import cli

    monkeypatch.setenv("TIMELINE_MAX_MB", size)
    done = cli("check", str(write(dataset_text(EVENT))))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


def test_a_path_that_cannot_be_opened_is_a_located_problem(write):
    """A NUL byte in `text:`, an article or a dataset that is a loop of symbolic links."""
    from tests.conftest import cli

    path = write(dataset_text(EVENT).replace("text: article.txt", "text: loop1.txt"))
    (path.parent / "loop1.txt").symlink_to("loop2.txt")
    (path.parent / "loop2.txt").symlink_to("loop1.txt")
    done = cli("check", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "sources[wire].text: the article 'loop1.txt' is a loop of symbolic links" in done.stdout
    done = cli("check", str(path.parent / "loop1.txt"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "loop1.txt: error: cannot read: Too many levels of symbolic links" in done.stdout
    nul = write(dataset_text(EVENT).replace("text: article.txt", 'text: "article\\0.txt"'))
    done = cli("check", str(nul))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "sources[wire].text: 'article\\x00.txt' holds a NUL byte" in done.stdout
