"""Writing files so that nothing is ever lost: a temporary file in the same folder, flushed
to disk, then renamed over the target (an interrupted run leaves the old file or the new one,
never half of each)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text`, atomically; an existing file keeps its permissions.
    Line endings are written as they are in `text` (no translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with exactly `data`, atomically; an existing file keeps its
    permissions (a new one gets 0o666 less the umask, as open() would give it)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
