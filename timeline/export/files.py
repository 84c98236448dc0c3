"""Writing exports safely: to a temporary name beside the target, then renamed.

A failure leaves no half-written file, and an existing file is kept unless the
caller asks to overwrite it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class ExportError(Exception):
    """An export or import that cannot be done; the message says what to do."""


def _mode_for(path: Path) -> int:
    """An existing file's mode, else what a new file would get (0666 less the umask)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all; refuse to overwrite unless ``force``."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder: name a file in it, such as {path / 'brief'}")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; add --force to overwrite it")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path
