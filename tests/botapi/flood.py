"""Telegram's flood control: enforced as sliding windows, and measured after a run."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from botapi.errors import ApiError
from botapi.state import JSON, RecordedRequest

SEND_METHODS = frozenset({"sendMessage"})


@dataclass
class FloodLimits:
    """Telegram's documented flood limits, enforced when ``flood_control`` is on."""

    per_chat_per_second: int | None = 1  # None: measured but not enforced
    per_group_per_minute: int | None = 20
    overall_per_second: int | None = 30


class FloodControl:
    """The check sendMessage runs before sending, and the statistics tests read after."""

    flood_control: bool
    flood_limits: FloodLimits
    requests: list[RecordedRequest]
    _sent_times: defaultdict[int, list[float]]
    _all_sent_times: deque[float]

    def _flood_check(self, chat: JSON) -> None:
        """Telegram's flood control, as sliding windows: a 429 with retry_after when over."""
        if not self.flood_control:
            return
        now = time.monotonic()
        limits = self.flood_limits
        recent = self._sent_times[chat["id"]]
        if limits.per_chat_per_second is not None:
            last_second = [t for t in recent if now - t < 1.0]
            if len(last_second) >= limits.per_chat_per_second:
                raise _too_many(1.0 - (now - last_second[0]))
        if limits.per_group_per_minute is not None and chat["type"] != "private":
            last_minute = [t for t in recent if now - t < 60.0]
            if len(last_minute) >= limits.per_group_per_minute:
                raise _too_many(60.0 - (now - last_minute[0]))
        while self._all_sent_times and now - self._all_sent_times[0] >= 1.0:
            self._all_sent_times.popleft()
        overall = limits.overall_per_second
        if overall is not None and len(self._all_sent_times) >= overall:
            raise _too_many(1.0 - (now - self._all_sent_times[0]))

    def _note_sent(self, chat: JSON) -> None:
        now = time.monotonic()
        self._sent_times[chat["id"]].append(now)
        self._all_sent_times.append(now)

    def flood_stats(self) -> dict[int, tuple[int, int]]:
        """Per chat: the most successful sendMessage calls seen in any 1 s and any 60 s."""
        times: dict[int, list[float]] = defaultdict(list)
        for r in self.requests:
            if r.method in SEND_METHODS and r.ok:
                times[r.result["chat"]["id"]].append(r.finished)
        return {
            chat_id: (max_in_window(sorted(ts), 1.0), max_in_window(sorted(ts), 60.0))
            for chat_id, ts in times.items()
        }

    def flood_stats_overall(self, window: float = 1.0) -> int:
        """The most successful sendMessage calls, over all chats, in any ``window`` seconds."""
        times = sorted(r.finished for r in self.requests if r.method in SEND_METHODS and r.ok)
        return max_in_window(times, window)


def max_in_window(times: list[float], window: float) -> int:
    """The most of the sorted ``times`` that fall within any ``window`` seconds."""
    best = 0
    left = 0
    for right, t in enumerate(times):
        while t - times[left] >= window:
            left += 1
        best = max(best, right - left + 1)
    return best


def _too_many(wait: float) -> ApiError:
    seconds = max(1, math.ceil(wait))
    return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
