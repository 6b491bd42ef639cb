"""Replies one at a time, so a crash leaves at most one of them in doubt.

A reply Telegram accepted but whose answer the bot never read (it was killed in
between) is sent again after the restart: with one reply in flight at a time, that is
one repeated answer per crash at most. But one slow Telegram answer must not hold up
every other chat: a holder slower than `slow_s` forfeits its turn and the others go
alongside it.

"Slow" must mean Telegram, not this process: during a burst the event loop is busy
for seconds answering questions, and a reply's answer sits unread meanwhile. A tiny
`LoopLag` monitor measures how late the loop runs, and that time is not held against
the holder.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

SLOW_REPLY_S: Final = 0.5  # Telegram answers a sendMessage in ~0.1 s
TICK_S: Final = 0.05  # how often the lag monitor looks at the loop


class LoopLag:
    """Seconds the event loop has run late (busy with other work), accumulated."""

    def __init__(self) -> None:
        self._total = 0.0
        self._due: float | None = None  # when the monitor should next run
        self._task: asyncio.Task[None] | None = None

    def total(self, now: float) -> float:
        """Lag so far, including the stretch the monitor has not woken up to yet."""
        pending = max(0.0, now - self._due) if self._due is not None else 0.0
        return self._total + pending

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._watch())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._due = loop.time() + TICK_S
            await asyncio.sleep(TICK_S)
            self._total += max(0.0, loop.time() - self._due)
            self._due = None


class OneAtATime:
    """A lock whose holder forfeits it after `slow_s` of its own (not the loop's) time."""

    def __init__(self, slow_s: float = SLOW_REPLY_S, lag: LoopLag | None = None) -> None:
        self._lock = asyncio.Lock()
        self._slow_s = slow_s
        self.lag = lag or LoopLag()
        self._since = 0.0  # loop time the current holder took the lock
        self._lag_since = 0.0  # the loop's accumulated lag at that moment

    def _held_for(self, now: float) -> float:
        return (now - self._since) - (self.lag.total(now) - self._lag_since)

    async def acquire(self) -> bool:
        """True once held (call `release`); False if the holder is too slow to wait for."""
        loop = asyncio.get_running_loop()
        while True:
            if self._lock.locked():
                remaining = self._slow_s - self._held_for(loop.time())
                if remaining <= 0:
                    return False
            else:  # free, or being handed to the next in line, who then gets its own time
                remaining = self._slow_s
            try:
                await asyncio.wait_for(self._take(), remaining)
            except TimeoutError:
                continue  # look again: a new holder, or time the loop itself lost
            return True

    async def _take(self) -> None:
        await self._lock.acquire()
        # Stamped in the same step as the acquisition: wait_for hands the result back a loop
        # iteration later, and a stale stamp meanwhile would read as a very slow holder.
        now = asyncio.get_running_loop().time()
        self._since, self._lag_since = now, self.lag.total(now)

    def release(self) -> None:
        self._lock.release()
