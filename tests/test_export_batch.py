"""Several exports in one command, as a user at a terminal runs them: one browser draws
them all, progress turns on stderr while each is drawn (and stays out of logs), and a
mistyped format or a file where a folder is needed is said plainly."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.conftest import CHROMIUM, EVENTS, ROOT, cli, need

# The command line with each start of Chromium counted: the launch line of the browser
# class every export uses (kaleido's server and, before, the PDF's own browser).
COUNTED = """
import sys
from timeline.export import offline
launches = []
line = offline.QuietChromium.get_cli
offline.QuietChromium.get_cli = lambda self: launches.append(1) or line(self)
from timeline.cli import main
code = main(sys.argv[1:])
print(f"launches={len(launches)}", file=sys.stderr)
raise SystemExit(code)
"""


def _browser() -> None:
    need("chromium", os.path.exists(CHROMIUM), "apt-get install chromium")


def test_a_batch_of_drawn_exports_starts_one_browser(tmp_path):
    _browser()
    formats = "pdf,png,svg,pdf,md"  # a format named twice is written once
    command = [sys.executable, "-c", COUNTED, "export", str(EVENTS), "--format", formats]
    result = subprocess.run(
        [*command, "--actor", "kadyrov", "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    stem = "kadyrov_2007-01-01_2016-02-10"
    assert names == [f"{stem}.md", f"{stem}.pdf", f"{stem}.png", f"{stem}.svg"]
    assert (tmp_path / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert "launches=1" in result.stderr  # was 2: the PDF started a Chromium of its own
    assert result.stderr.count("wrote ") == 4
    assert "drawing" not in result.stderr  # not a terminal: no progress in a log


def test_progress_turns_on_a_terminal_and_is_cleared(tmp_path):
    """stderr a terminal (a pseudo-terminal here): the spinner line, then the result."""
    _browser()
    main, other = pty.openpty()
    command = [sys.executable, "-m", "timeline", "export", str(EVENTS), "--format", "pdf,svg"]
    process = subprocess.Popen(
        [*command, "-o", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=other,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(other)
    shown = _read_all(main)
    assert process.wait(timeout=300) == 0, shown
    assert "drawing pdf (1 of 2)" in shown and "drawing svg (2 of 2)" in shown
    assert " s" in shown.split("drawing pdf (1 of 2)")[1][:20]  # the time taken, turning
    assert "\r\x1b[K" in shown  # each progress line cleared before the result
    assert shown.count("wrote ") == 2


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other end closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace")


@pytest.mark.parametrize(
    ("formats", "said"),
    [
        ("pfd", "unknown format 'pfd'; did you mean 'pdf'?"),
        ("pdf,pptxx", "unknown format 'pptxx'; did you mean 'pptx'?"),
        (",", "no format given"),
    ],
)
def test_a_mistyped_format_is_a_usage_error_with_the_nearest(formats, said):
    result = cli("export", str(EVENTS), "--format", formats)
    assert result.returncode == 2
    assert said in result.stderr and "Traceback" not in result.stderr


def test_several_formats_into_a_file_name_say_to_name_a_folder(tmp_path):
    result = cli("export", str(EVENTS), "--format", "md,csv", "-o", str(tmp_path / "brief.md"))
    assert result.returncode == 1
    assert "with several formats, -o names a folder for them" in result.stderr
    assert not list(tmp_path.iterdir())
