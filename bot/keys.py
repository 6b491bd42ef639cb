"""Keys derived from the install's salt: chat pseudonyms and the tags 👍/👎 buttons carry.

Chat ids are stored only as an HMAC with the salt, enough to count distinct chats and nothing
more. Button tags use a key derived from the salt for that purpose alone, so a forged callback
cannot set feedback on someone else's question, and buttons posted before a restart still work.
Only the salt file is read (never the database), so a locked log still verifies presses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.files import make_private_dir
from bot.salt import load_salt

__all__ = ["FEEDBACK_TAG_CHARS", "FEEDBACK_TAG_LEN", "FeedbackRef", "InstallKeys"]

log = logging.getLogger(__name__)

FEEDBACK_TAG_LEN: Final = 10  # base64url characters: 60 bits, short enough for callback data
FEEDBACK_TAG_CHARS: Final = "A-Za-z0-9_-"  # the base64url alphabet, for parsers' patterns
_FEEDBACK_KEY_LABEL: Final = b"zhenjiang-bot feedback callback v1"


@dataclass(frozen=True, slots=True)
class FeedbackRef:
    """What a 👍/👎 button carries: a logged question's row id, and a tag proving we issued it."""

    question_id: int
    tag: str


def _tag(key: bytes, question_id: int) -> str:
    """A truncated HMAC of the row id, in ASCII callback-data characters."""
    digest = hmac.new(key, str(question_id).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:FEEDBACK_TAG_LEN]


class InstallKeys:
    """The salt of one data directory, read on first use, and what it keys. Not thread-safe:
    its owner (the question log) calls it under its own lock."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._salt = b""
        self._feedback_key = b""  # derived from the salt; never the salt itself

    def load(self) -> None:
        """Read (or create) the salt; OSError if the disk refuses."""
        make_private_dir(self.data_dir)
        self._salt = load_salt(self.data_dir)
        # A separate key per purpose: chat hashes and button tags never share one.
        self._feedback_key = hmac.new(self._salt, _FEEDBACK_KEY_LABEL, hashlib.sha256).digest()

    def ready(self) -> bool:
        """Whether the salt is read, reading it now if not; False if it cannot be."""
        if not self._feedback_key:
            try:
                self.load()
            except OSError as exc:
                log.debug("question log salt unavailable: %s", exc)
                return False
        return True

    def chat_hash(self, value: int | str) -> str:
        """The stored stand-in for a chat id (or any id): an HMAC with the salt."""
        return hmac.new(self._salt, str(value).encode(), hashlib.sha256).hexdigest()[:32]

    def feedback_ref(self, question_id: int) -> FeedbackRef | None:
        """The signed reference for a logged question's buttons; None without a salt."""
        return (
            FeedbackRef(question_id, _tag(self._feedback_key, question_id))
            if self.ready()
            else None
        )

    def verify(self, ref: FeedbackRef) -> bool:
        """True only for a reference this install issued (constant-time compare)."""
        if not self.ready() or ref.question_id < 0:
            return False
        return hmac.compare_digest(_tag(self._feedback_key, ref.question_id), ref.tag)
