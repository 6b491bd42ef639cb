"""A map that stays small: at most `max_items` values, each forgotten after `ttl` idle seconds.

Per-chat state (conversations, which answer a reply continues, buttons already pressed) would
otherwise grow with every chat the bot ever saw. Least recently used values go first; reading
a value counts as using it. Everything is O(1) amortised, so the bounds cost nothing per update.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Bounded"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """LRU with a time to live; see the module docstring."""

    def __init__(
        self, max_items: int, ttl: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_items < 1 or ttl <= 0:
            raise ValueError("max_items must be >= 1 and ttl > 0")
        self._max = max_items
        self._ttl = ttl
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The value, or None if it was never stored, expired or was evicted."""
        now = self._clock()
        self._expire(now)
        item = self._items.get(key)
        if item is None:
            return None
        self._items[key] = (now, item[1])
        self._items.move_to_end(key)
        return item[1]

    def put(self, key: K, value: V) -> None:
        now = self._clock()
        self._items[key] = (now, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)
        self._expire(now)

    def pop(self, key: K) -> V | None:
        item = self._items.pop(key, None)
        return None if item is None else item[1]

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        self._expire(self._clock())
        return len(self._items)

    def _expire(self, now: float) -> None:
        """Values are in order of last use, so the expired ones are at the front."""
        while self._items:
            key, (used, _) = next(iter(self._items.items()))
            if now - used <= self._ttl:
                return
            del self._items[key]
