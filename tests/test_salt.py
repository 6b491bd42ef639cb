"""The question-log salt: created atomically, a truncated one replaced, a full disk survived."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.salt import SALT_BYTES, SALT_NAME, load_salt

ROOT = Path(__file__).resolve().parents[1]


def test_created_once_0600_and_stable(tmp_path: Path) -> None:
    salt = load_salt(tmp_path)
    path = tmp_path / SALT_NAME
    assert len(salt) == SALT_BYTES and path.read_bytes() == salt
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_salt(tmp_path) == salt


@pytest.mark.parametrize("content", [b"", b"short"])
def test_a_truncated_salt_is_replaced_with_a_warning(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / SALT_NAME).write_bytes(content)
    caplog.set_level(logging.WARNING, logger="bot.salt")
    salt = load_salt(tmp_path)
    assert len(salt) == SALT_BYTES and (tmp_path / SALT_NAME).read_bytes() == salt
    assert any("too short" in r.getMessage() for r in caplog.records)
    assert load_salt(tmp_path) == salt, "replaced once, then kept"


def test_a_world_readable_salt_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / SALT_NAME
    path.write_bytes(os.urandom(SALT_BYTES))
    path.chmod(0o644)
    load_salt(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# A real full disk: RLIMIT_FSIZE=0 makes every write to a regular file fail (EFBIG) while
# creating files still works, which is exactly how a full disk left a 0-byte salt behind.
# It runs in a child process: the limit would break pytest's own capture files.
FULL_DISK_THEN_FREED = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from bot.salt import load_salt, SALT_NAME
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    data = Path(sys.argv[1])
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, limits[1]))
    try:
        load_salt(data)
        sys.exit("the salt was written on a full disk?")
    except OSError as exc:
        failed = type(exc).__name__
    left = sorted(p.name for p in data.iterdir())
    resource.setrlimit(resource.RLIMIT_FSIZE, limits)
    salt = load_salt(data)
    print(failed, left, len(salt), (data / SALT_NAME).read_bytes() == salt)
    """
)


def test_full_disk_at_first_start_leaves_nothing_and_heals_once_freed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK_THEN_FREED, str(tmp_path)],
        capture_output=True,  # pipes, not files: the limit does not apply to them
        text=True,
        cwd=ROOT,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["OSError", "[]", str(SALT_BYTES), "True"]
