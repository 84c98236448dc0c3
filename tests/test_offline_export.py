"""Exports fetch nothing and carry no control characters.

Every image, PDF and deck export runs in its own process with Chromium's proxy set to a
logging proxy on loopback (choreographer's ``CHOREO_PROXY_SERVER``): any request that
would leave the machine — MathJax from its CDN for a ``$…$`` title, Chromium's update,
sync or safe-browsing calls — reaches the proxy and is recorded (and refused). The test
asserts the record is empty, and that the dollar signs are drawn as typed.
"""

from __future__ import annotations

import re
import socketserver
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import CHROMIUM, EVENT, cli, dataset_text, need


class _Recorder(socketserver.StreamRequestHandler):
    seen: ClassVar[list[str]] = []

    def handle(self) -> None:
        line = self.rfile.readline(65536).decode("latin-1").strip()
        if line:
            self.seen.append(line)
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[str]]]:
    """A proxy on loopback that records the first line of every request and refuses it."""
    seen: ClassVar[list[str]] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile(write) -> Path:  # type: ignore[no-untyped-def]
    """The dataset's title and an event's title hold dollars, ESC and BEL."""
    quoted = '"Costs of $5 and $x^2$ \\e[31mred\\a bell"'  # YAML's escapes for ESC, BEL
    event = EVENT.replace("title: Strikes begin", f"title: {quoted}")
    return write(f"title: {quoted}\n" + dataset_text(event))  # type: ignore[no-any-return]


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "pptx"])
def test_an_export_sends_no_request(fmt, hostile, proxy, monkeypatch, tmp_path):
    need("Debian's chromium", Path(CHROMIUM).exists(), "apt-get install chromium")
    address, seen = proxy
    monkeypatch.setenv("CHOREO_PROXY_SERVER", address)
    out = tmp_path / f"out.{fmt}"
    done = cli("export", str(hostile), "--format", fmt, "-o", str(out), timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert seen == [], f"requests left the export: {seen}"


@pytest.mark.browser
def test_an_svg_is_valid_xml_with_dollars_literal_and_no_control_characters(hostile, tmp_path):
    need("Debian's chromium", Path(CHROMIUM).exists(), "apt-get install chromium")
    out = tmp_path / "out.svg"
    done = cli("export", str(hostile), "--format", "svg", "-o", str(out), timeout=300)
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert "\x1b" not in svg and "\x07" not in svg
    root = ET.fromstring(svg)  # raises on a control character: not XML
    drawn = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Costs of $5 and $x^2$ [31mred bell" in drawn  # typed, not typeset


@pytest.mark.parametrize("fmt", ["html", "md", "json", "timelinejs"])
def test_a_text_export_carries_no_control_characters(fmt, hostile, tmp_path):
    out = tmp_path / f"out.{fmt}"
    done = cli("export", str(hostile), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    written = out.read_bytes()
    assert b"\x1b" not in written and b"\x07" not in written
    assert re.search(rb"Costs of \\?\$5", written)  # the title is there, ESC and BEL gone
