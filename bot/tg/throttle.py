"""Per-user throttle for groups.

`AIORateLimiter` keeps the *bot* inside Telegram's flood limits, but one member
asking twenty questions a minute would still use up the group's whole budget
(about 20 messages a minute) and drown everyone else. This throttle stops that
one user quietly: over the limit, questions are ignored, not answered with a
"slow down" that would itself add to the flood.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable

MAX_KEYS = 10_000  # users remembered at once; the least recently active are forgotten first


class Throttle:
    """Sliding window: at most `limit` events per `period` seconds per key."""

    def __init__(
        self,
        limit: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("limit must be >= 1 and period > 0")
        self.limit = limit
        self.period = period
        self._clock = clock
        self._max_keys = max_keys
        self._events: OrderedDict[Hashable, deque[float]] = OrderedDict()

    def allow(self, key: Hashable) -> bool:
        """Record an event for `key` and say whether it is within the limit.

        Refused events are not recorded, so a user who keeps trying is let
        through again as soon as the window has room.
        """
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            events = deque()
            self._events[key] = events
            while len(self._events) > self._max_keys:
                self._events.popitem(last=False)
        else:
            self._events.move_to_end(key)
        while events and now - events[0] >= self.period:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def __len__(self) -> int:
        return len(self._events)
