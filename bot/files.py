"""Private files on disk: created 0600, written atomically, never left half-written.

The question log's database, its WAL and shared-memory files and its salt hold
what must not be readable by other users of the machine. A write interrupted by
a full disk or a crash must leave either the old file or the new one, never a
truncated one that later reads reject forever: hence temp file + fsync + rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

PRIVATE_FILE: Final = 0o600
PRIVATE_DIR: Final = 0o700


def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) if missing; a new leaf directory is 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)


def _fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    """`data` in a new 0600 temp file next to its destination, flushed to disk."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, PRIVATE_FILE)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return Path(temp)


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write `data` to `path` (mode 0600) so that readers see all of it or nothing.

    With `replace=False` an existing `path` is left alone and FileExistsError is
    raised: two processes creating the same file cannot overwrite each other.
    On any failure (ENOSPC, EFBIG ...) the temp file is removed and `path` is untouched.
    """
    temp = _write_temp(path.parent, path.name, data)
    try:
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if path exists: an atomic create-if-absent
            os.unlink(temp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (before SQLite opens it:
    SQLite gives its -wal and -shm files the database file's mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.close(fd)


def restrict(path: Path) -> bool:
    """Drop group/other permissions from an existing file; True if it had any."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return False
    if not mode & 0o077:
        return False
    os.chmod(path, mode & 0o700)
    return True


def make_private_sqlite(path: Path) -> list[str]:
    """Create the database file 0600 if missing and tighten it and its -wal/-shm files
    (left readable by an older version); the names that were tightened."""
    create_private(path)
    files = [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]
    return [f.name for f in files if restrict(f)]
