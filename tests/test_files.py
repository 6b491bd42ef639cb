"""Private files: 0600, atomic, and nothing half-written left behind when a write fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.files import create_private, make_private_dir, restrict, write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_creates_a_private_file_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "secret"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one" and _mode(target) == 0o600
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"], "no temp file left"


def test_write_atomic_without_replace_never_clobbers(tmp_path: Path) -> None:
    target = tmp_path / "secret"
    target.write_bytes(b"theirs")
    with pytest.raises(FileExistsError):
        write_atomic(target, b"mine", replace=False)
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "secret"
    write_atomic(target, b"old")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]


def test_create_private_and_restrict(tmp_path: Path) -> None:
    db = tmp_path / "db"
    create_private(db)
    assert _mode(db) == 0o600 and db.read_bytes() == b""
    loose = tmp_path / "loose"
    loose.write_bytes(b"x")
    loose.chmod(0o644)
    assert restrict(loose) and _mode(loose) == 0o600
    assert not restrict(loose), "already private: nothing to do"
    assert not restrict(tmp_path / "missing")


def test_make_private_dir(tmp_path: Path) -> None:
    leaf = tmp_path / "a" / "data"
    make_private_dir(leaf)
    assert leaf.is_dir() and _mode(leaf) & 0o077 == 0
    make_private_dir(leaf)  # idempotent
