"""Retry policy and the retrying limiter: what is retried, how long, and what is marked."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.tg.oneatatime import LoopLag, OneAtATime
from bot.tg.retry import RetryingLimiter, RetryPolicy, retryable, tracked

# PTB 22.8 warns inside RetryAfter.__init__ (see tests/test_e2e_faults.py).
PTB_RETRY_AFTER_WARNING = pytest.mark.filterwarnings(
    "ignore:Deprecated since version v22.2.*`retry_after`:telegram.warnings.PTBDeprecationWarning"
)


@PTB_RETRY_AFTER_WARNING
def test_what_is_retryable() -> None:
    assert retryable(NetworkError("Bad Gateway"))
    assert retryable(TimedOut())
    assert retryable(RetryAfter(1))
    assert not retryable(BadRequest("Message is too long"))
    assert not retryable(Forbidden("bot was blocked by the user"))


def test_backoff_doubles_with_equal_jitter_up_to_the_cap() -> None:
    policy = RetryPolicy(first_delay_s=0.5, max_delay_s=8.0)
    for attempt, ceiling in enumerate([0.5, 1, 2, 4, 8, 8, 8]):
        assert policy.backoff(attempt, lambda: 0.0) == ceiling / 2
        assert policy.backoff(attempt, lambda: 1.0) == ceiling
    assert policy.backoff(10_000, lambda: 1.0) == 8.0
    assert policy.deadline("sendMessage") == 60.0
    assert policy.deadline("answerCallbackQuery") == 10.0
    assert policy.deadline("getMe") is None


class Flaky:
    """A send that fails `failures` times with `error`, then returns `result`."""

    def __init__(self, failures: int, error: Exception, result: Any = True) -> None:
        self.failures = failures
        self.error = error
        self.result = result
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return self.result


QUICK = RetryPolicy(deadline_s=0.5, first_delay_s=0.01, max_delay_s=0.02)


async def _send(limiter: RetryingLimiter, callback: Flaky, endpoint: str = "sendMessage") -> Any:
    return await limiter.process_request(callback, (), {}, endpoint, {}, None)


async def test_retried_until_it_succeeds() -> None:
    send = Flaky(3, NetworkError("Bad Gateway"), {"message_id": 1})
    delivered: list[bool] = []
    with tracked(on_sent=lambda: delivered.append(True)) as delivery:
        assert await _send(RetryingLimiter(None, QUICK), send) == {"message_id": 1}
    assert send.calls == 4 and delivery.failed is None and delivered == [True]


async def test_never_retried_refusals_and_unlisted_methods() -> None:
    refused = Flaky(1, BadRequest("Message is too long"))
    with pytest.raises(BadRequest):
        await _send(RetryingLimiter(None, QUICK), refused)
    assert refused.calls == 1
    startup = Flaky(1, NetworkError("Bad Gateway"))
    with pytest.raises(NetworkError):
        await _send(RetryingLimiter(None, QUICK), startup, "setMyCommands")
    assert startup.calls == 1


async def test_given_up_at_the_deadline_and_marked() -> None:
    send = Flaky(10_000, NetworkError("Bad Gateway"))
    with tracked() as delivery, pytest.raises(NetworkError):
        await _send(RetryingLimiter(None, QUICK), send)
    assert delivery.failed == "sendMessage" and 3 < send.calls < 100


@PTB_RETRY_AFTER_WARNING
async def test_retry_after_beyond_the_deadline_gives_up_at_once() -> None:
    send = Flaky(1, RetryAfter(30))
    with tracked() as delivery, pytest.raises(RetryAfter):
        await _send(RetryingLimiter(None, QUICK), send)
    assert send.calls == 1 and delivery.failed == "sendMessage"


async def test_replies_go_out_one_at_a_time() -> None:
    limiter = RetryingLimiter(None, QUICK)
    in_flight = peak = 0

    async def slow(*args: Any, **kwargs: Any) -> bool:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return True

    await asyncio.gather(
        *(limiter.process_request(slow, (), {}, "sendMessage", {}, None) for _ in range(5))
    )
    assert peak == 1
    peak = 0
    await asyncio.gather(
        *(limiter.process_request(slow, (), {}, "answerCallbackQuery", {}, None) for _ in range(5))
    )
    assert peak == 5, "only replies are serialized"


async def test_a_slow_reply_holds_up_the_others_only_briefly() -> None:
    limiter = RetryingLimiter(None, QUICK)
    limiter._one_at_a_time = OneAtATime(slow_s=0.25)  # production: SLOW_REPLY_S
    finished: list[str] = []

    async def reply(name: str, seconds: float) -> bool:
        async def call(*args: Any, **kwargs: Any) -> bool:
            await asyncio.sleep(seconds)
            finished.append(name)
            return True

        return bool(await limiter.process_request(call, (), {}, "sendMessage", {}, None))

    slow = asyncio.create_task(reply("slow", 1.0))
    await asyncio.sleep(0.01)
    await asyncio.wait_for(reply("fast", 0.01), 0.6)  # waits slow_s, then goes
    assert finished == ["fast"]
    await slow


async def test_a_queue_of_quick_replies_stays_one_at_a_time() -> None:
    """However long the queue, nobody overtakes while each holder is quick."""
    lock = OneAtATime(slow_s=0.05)
    in_flight = peak = 0

    async def reply() -> None:
        nonlocal in_flight, peak
        held = await lock.acquire()
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)  # quick, but 30 of them take 6 x slow_s
        in_flight -= 1
        if held:
            lock.release()

    await asyncio.gather(*(reply() for _ in range(30)))
    assert peak == 1


async def test_time_the_loop_itself_loses_is_not_held_against_the_holder() -> None:
    lag = LoopLag()
    lag.start()
    lock = OneAtATime(slow_s=0.2, lag=lag)
    assert await lock.acquire()
    time.sleep(0.5)  # noqa: ASYNC251 - the loop is blocked (a burst of questions), not Telegram
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0.1)
    assert not waiter.done(), "waits: the holder has had 0.1 s of its own time, not 0.6"
    lock.release()
    assert await waiter is True
    lock.release()
    await lag.stop()
    assert lag.total(asyncio.get_running_loop().time()) >= 0.4


async def test_nobody_overtakes_while_the_lock_changes_hands() -> None:
    """The holder's start is stamped as it takes the lock, not a loop turn later: a stale
    stamp (the lock idle for longer than slow_s) would read as a very slow holder."""
    lock = OneAtATime(slow_s=0.2)
    await asyncio.sleep(0.3)
    held: list[bool] = []

    async def reply() -> None:
        ok = await lock.acquire()
        held.append(ok)
        await asyncio.sleep(0.01)
        if ok:
            lock.release()

    tasks = []
    for _ in range(5):
        tasks.append(asyncio.create_task(reply()))
        await asyncio.sleep(0)  # arrivals during the hand-over
    await asyncio.gather(*tasks)
    assert held == [True] * 5
