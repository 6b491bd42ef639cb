"""Bounded per-chat memory: what the bot must remember about chats, in constant space.

The one thing remembered per chat is which bot messages answered which question,
so that an edited question edits its answer instead of adding a new one. Kept in
PTB's `chat_data` that was a dict per chat that lived as long as the process:
memory grew with every distinct chat ever seen. Here it is one LRU with a TTL for
the whole bot: past either bound an edited question simply gets a fresh answer.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Final

MAX_QUESTIONS: Final = 2_000  # questions whose answers are remembered, across all chats
TTL_S: Final = 3600.0  # people edit a question within minutes, not hours


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
