"""Reading a file whole, safely: regular files only, never more than a limit.

``stat`` says 0 bytes for a FIFO, a device or ``/proc`` file, so a size check before
reading is no check at all: a FIFO would block forever and ``/dev/zero`` would fill the
memory. Here the file is opened without blocking, checked on the open handle (no swap
between a check and the read), and read for at most ``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class NotAFile(OSError):
    """The path names something other than a regular file."""


class TooBig(OSError):
    """The file holds more than the limit; ``size`` is at least limit + 1."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


def resolved(path: str | Path) -> Path:
    """``path`` absolute with its links followed; a loop of links is left as it stands
    (``Path.resolve`` raises on one; opening it then says ELOOP, a message, not a crash)."""
    return Path(os.path.realpath(path))


def within(base: Path, relative: str) -> Path | None:
    """``base / relative`` resolved, if it stays inside ``base`` (no ``..`` or link escape)."""
    path = resolved(base / relative)
    return path if path.is_relative_to(resolved(base)) else None


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refused past ``limit`` bytes.

    Raises ``NotAFile`` (a folder, FIFO, device or socket), ``TooBig``, or the usual
    ``OSError`` (missing, a dangling link, no permission)."""
    return read_stamped(path, limit)[0]


def read_stamped(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    """:func:`read_bounded`, with the file's status taken on the open handle before the
    read (so a change during the read shows in a later comparison)."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    found = os.fstat(handle)
    if not stat.S_ISREG(found.st_mode):
        os.close(handle)
        kind = KINDS.get(stat.S_IFMT(found.st_mode), "not a regular file")
        raise NotAFile(f"is {kind}, not a text file; refused (not read)")
    with os.fdopen(handle, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooBig(f"holds more than {limit / 1024 / 1024:.3g} MB", len(data))
    return data, found
