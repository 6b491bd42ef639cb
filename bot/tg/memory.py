"""Bounded per-chat memory: what the bot must remember about chats, in constant space.

The one thing remembered per chat is which bot messages answered which question,
so that an edited question edits its answer instead of adding a new one. Kept in
PTB's `chat_data` that was a dict per chat that lived as long as the process:
memory grew with every distinct chat ever seen. Here it is one LRU with a TTL for
the whole bot: past either bound an edited question simply gets a fresh answer.

PTB itself also remembers every chat and user id it has seen, in sets meant for a
persistence backend that only a persistence run empties; without one (this bot has
none: the journal is its persistence) they only grow. `forget_seen_ids` empties them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

MAX_QUESTIONS: Final = 2_000  # questions whose answers are remembered, across all chats
TTL_S: Final = 3600.0  # people edit a question within minutes, not hours
HOUSEKEEPING_GROUP: Final = 1000  # after every other handler group
# Application attributes (python-telegram-bot 22) that collect ids for a persistence run.
_PERSISTENCE_MARKS: Final = (
    "_chat_ids_to_be_updated_in_persistence",
    "_user_ids_to_be_updated_in_persistence",
    "_chat_ids_to_be_deleted_in_persistence",
    "_user_ids_to_be_deleted_in_persistence",
)


class AnswerMemory:
    """(chat id, question message id) -> ids of the bot messages that answered it."""

    def __init__(
        self,
        max_questions: int = MAX_QUESTIONS,
        ttl_s: float = TTL_S,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max = max_questions
        self._ttl_s = ttl_s
        self._clock = clock
        self._items: OrderedDict[tuple[int, int], tuple[float, tuple[int, ...]]] = OrderedDict()

    def get(self, chat_id: int, message_id: int) -> list[int] | None:
        item = self._items.get((chat_id, message_id))
        if item is None:
            return None
        stored, ids = item
        if self._clock() - stored > self._ttl_s:
            del self._items[(chat_id, message_id)]
            return None
        return list(ids)

    def put(self, chat_id: int, message_id: int, answer_ids: list[int]) -> None:
        now = self._clock()
        key = (chat_id, message_id)
        self._items[key] = (now, tuple(answer_ids))
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)
        # Entries are in insertion order, so the expired ones are at the front.
        while self._items:
            oldest, (stored, _) = next(iter(self._items.items()))
            if now - stored <= self._ttl_s:
                break
            del self._items[oldest]

    def __len__(self) -> int:
        return len(self._items)


def forget_seen_ids(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Empty PTB's per-chat/per-user persistence marks (no-op with a persistence)."""
    if app.persistence is not None:
        return
    for name in _PERSISTENCE_MARKS:
        ids = getattr(app, name, None)
        if isinstance(ids, set):
            ids.clear()


def register_housekeeping(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run `forget_seen_ids` after each update, in a handler group after all others."""

    async def housekeeping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        forget_seen_ids(context.application)

    app.add_handler(TypeHandler(Update, housekeeping), group=HOUSEKEEPING_GROUP)
