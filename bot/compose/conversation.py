"""A conversation: the last few turns of one chat, so follow-ups can be completed from them.

Engine side, no Telegram: the Telegram layer keeps one per private chat and per (group, user),
the console one per session, `ask --jsonl` one per `"chat"` id. Turns expire (10 minutes, and
after 5 turns back) so an old subject never leaks into a new question.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Protocol

from bot.answer import Reply
from bot.understand.followup import Turn

__all__ = ["Conversation", "Replier"]

TTL_SECONDS = 600.0
DEPTH = 5


class Replier(Protocol):
    """What a conversation needs of the engine."""

    def converse(
        self, message: str, history: Sequence[Turn], now: float
    ) -> tuple[Reply, tuple[Turn, ...]]: ...

    def turn_for(self, entry_id: str, now: float) -> Turn | None: ...


class Conversation:
    def __init__(
        self,
        replier: Replier,
        *,
        ttl: float = TTL_SECONDS,
        depth: int = DEPTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._replier = replier
        self._ttl = ttl
        self._clock = clock
        self._turns: deque[Turn] = deque(maxlen=depth)

    def reply(self, message: str, *, reply_to: str = "") -> Reply:
        """The reply to one message, completed from the turns before it where it needs them.

        `reply_to` is the entry of a bot answer the user replied to: the message continues from
        that answer however long ago it was given.
        """
        now = self._clock()
        history: list[Turn] = [t for t in self._turns if now - t.at <= self._ttl]
        if reply_to:
            anchor = self._replier.turn_for(reply_to, now)
            if anchor is not None:
                history = [anchor]
        reply, turns = self._replier.converse(message, history, now)
        self._turns.extend(turns)
        return reply

    def reset(self) -> None:
        """Forget every turn ("/new")."""
        self._turns.clear()

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)
