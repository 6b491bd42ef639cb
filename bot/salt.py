"""The per-install salt of the question log: created once, atomically, and self-healing.

Chat ids are stored only as HMACs keyed by this salt, and feedback buttons are
signed with a key derived from it. A salt that is missing is created; one that
is too short (a 0-byte file from a full disk at first start, a truncated copy)
can never have been written by us, so it is replaced with a warning rather than
refused forever: the cost is that earlier chat hashes and buttons no longer match.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Final

from bot.files import restrict, write_atomic

log = logging.getLogger(__name__)

SALT_NAME: Final = "questions.salt"
SALT_BYTES: Final = 32
MIN_SALT_BYTES: Final = 16  # anything shorter is not a salt this code wrote


def load_salt(data_dir: Path) -> bytes:
    """Read the salt in `data_dir`, creating (or replacing a corrupt) one; OSError if the
    disk refuses, in which case nothing is left behind and the next call tries again."""
    path = data_dir / SALT_NAME
    try:
        salt = path.read_bytes()
    except FileNotFoundError:
        return _create(path)
    if len(salt) >= MIN_SALT_BYTES:
        if restrict(path):
            log.warning("%s was readable by other users; made it 0600", path)
        return salt
    fresh = secrets.token_bytes(SALT_BYTES)
    write_atomic(path, fresh)
    log.warning(
        "%s held %d bytes, too short to be a salt (an interrupted write, e.g. a full disk);"
        " replaced it with a new one: chat hashes and feedback buttons from before no longer"
        " match",
        path,
        len(salt),
    )
    return fresh


def _create(path: Path) -> bytes:
    fresh = secrets.token_bytes(SALT_BYTES)
    try:
        write_atomic(path, fresh, replace=False)
    except FileExistsError:  # another process created it meanwhile: use theirs
        return load_salt(path.parent)
    return fresh
