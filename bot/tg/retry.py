"""Retried sends: a Bot API outage of seconds costs answers a delay, not the answers.

Every request python-telegram-bot makes (except getUpdates, which its own polling
loop retries) passes through the application's rate limiter, so retries live in one:
`RetryingLimiter` wraps the flood-control limiter and re-sends what failed for a
reason that may pass (a network error, a timeout, a 5xx, a 429 beyond what the inner
limiter already waited out) with exponential backoff and jitter, up to a deadline.
A 400, 403 or 401 is never retried: sending it again cannot help.

Telegram has no idempotency key. A request whose reply was lost (a reset or timeout
*after* Telegram acted) is indistinguishable from one that never arrived, so such a
retry can post a message twice; README "Delivery guarantees" says when.

What could not be delivered by the deadline is re-raised, and the update being
handled is marked (see `tracked`) so its journal row says `undeliverable`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import functools
import logging
import random
import time
import warnings
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Final

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.tg.oneatatime import OneAtATime

logger = logging.getLogger(__name__)

# Methods whose failure a user would notice; the value says how long a retry is still useful.
LONG: Final = "long"  # a message is worth delivering for a minute
SHORT: Final = "short"  # a callback or inline answer is useless to a user after ~10 s
RETRIED: Final[dict[str, str]] = {
    "sendMessage": LONG,
    "editMessageText": LONG,
    "editMessageReplyMarkup": LONG,
    "deleteMessage": LONG,
    "answerCallbackQuery": SHORT,
    "answerInlineQuery": SHORT,
}

# Replies are sent one at a time (bot.tg.oneatatime), and what was delivered is noted
# (Delivery.on_sent) before the next one goes out: a crash repeats at most one answer.
# Only the HTTP call itself is serialized, not waiting for a flood limit or a retry.
SERIALIZED: Final = frozenset({"sendMessage", "editMessageText"})

Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Backoff `first_delay_s`, doubling up to `max_delay_s`, each wait drawn from
    [d/2, d] ("equal jitter", so a burst of failed sends does not retry in lockstep)."""

    deadline_s: float = 60.0
    short_deadline_s: float = 10.0
    first_delay_s: float = 0.5
    max_delay_s: float = 8.0

    def deadline(self, endpoint: str) -> float | None:
        kind = RETRIED.get(endpoint)
        if kind is None:
            return None
        return self.deadline_s if kind == LONG else self.short_deadline_s

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        ceiling = min(self.max_delay_s, self.first_delay_s * 2.0 ** min(attempt, 32))
        return ceiling / 2 + rand() * ceiling / 2


class Delivery:
    """What happened to the sends made while handling one update."""

    __slots__ = ("failed", "on_sent")

    def __init__(self, on_sent: Callable[[], None] | None = None) -> None:
        self.failed: str | None = None  # the method that could not be delivered
        self.on_sent = on_sent  # called once a reply has been delivered (see SERIALIZED)


_delivery: ContextVar[Delivery | None] = ContextVar("delivery", default=None)


@contextlib.contextmanager
def tracked(on_sent: Callable[[], None] | None = None) -> Iterator[Delivery]:
    """Track the sends of everything awaited inside (one update's handling); `on_sent`
    runs right after each delivered reply, before any other reply may be sent."""
    delivery = Delivery(on_sent)
    token = _delivery.set(delivery)
    try:
        yield delivery
    finally:
        _delivery.reset(token)


def retryable(error: BaseException) -> bool:
    """Errors that may pass: network trouble, timeouts, 5xx (all NetworkError in PTB) and 429."""
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def retry_after_s(error: RetryAfter) -> float:
    """Telegram's retry_after in seconds (read without PTB's int-deprecation warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class RetryingLimiter(BaseRateLimiter[None]):
    """Retry around an optional inner limiter (AIORateLimiter in production)."""

    def __init__(
        self,
        inner: BaseRateLimiter[None] | None = None,
        policy: RetryPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self._policy = policy or RetryPolicy()
        self._clock = clock
        self._one_at_a_time = OneAtATime()

    async def initialize(self) -> None:
        self._one_at_a_time.lag.start()
        if self._inner is not None:
            await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._one_at_a_time.lag.stop()
        if self._inner is not None:
            await self._inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Result:
        deadline = self._policy.deadline(endpoint)
        started = self._clock()
        attempt = 0
        if endpoint in SERIALIZED:
            callback = functools.partial(self._reply, callback)
        while True:
            try:
                if self._inner is not None:
                    return await self._inner.process_request(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
                return await callback(*args, **kwargs)
            except TelegramError as exc:
                if deadline is None or not retryable(exc):
                    raise
                wait = (
                    retry_after_s(exc)
                    if isinstance(exc, RetryAfter)
                    else self._policy.backoff(attempt)
                )
                if self._clock() + wait - started > deadline:
                    self._give_up(endpoint, exc, attempt + 1, self._clock() - started)
                    raise
                attempt += 1
                logger.info(
                    "%s failed (%s: %s); retry %d in %.1f s",
                    endpoint,
                    type(exc).__name__,
                    exc.message,
                    attempt,
                    wait,
                )
                await asyncio.sleep(wait)

    async def _reply(
        self, callback: Callable[..., Coroutine[Any, Any, Result]], *args: Any, **kwargs: Any
    ) -> Result:
        held = await self._one_at_a_time.acquire()
        try:
            result = await callback(*args, **kwargs)
            delivery = _delivery.get()
            if delivery is not None and delivery.on_sent is not None:
                delivery.on_sent()
            return result
        finally:
            if held:
                self._one_at_a_time.release()

    @staticmethod
    def _give_up(endpoint: str, error: TelegramError, attempts: int, elapsed: float) -> None:
        delivery = _delivery.get()
        if delivery is not None:
            delivery.failed = endpoint
        logger.warning(
            "%s undeliverable after %d attempts in %.1f s: %s: %s",
            endpoint,
            attempts,
            elapsed,
            type(error).__name__,
            error.message,
        )
