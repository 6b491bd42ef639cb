"""The per-user group throttle: a sliding window, bounded memory."""

from __future__ import annotations

import pytest

from bot.tg.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_up_to_the_limit_then_refuses() -> None:
    clock = Clock()
    throttle = Throttle(3, 60, clock=clock)
    assert [throttle.allow("u") for _ in range(5)] == [True, True, True, False, False]


def test_window_slides() -> None:
    clock = Clock()
    throttle = Throttle(2, 60, clock=clock)
    assert throttle.allow("u")
    clock.now += 30
    assert throttle.allow("u")
    assert not throttle.allow("u")
    clock.now += 30  # the first event is now 60 s old
    assert throttle.allow("u")
    assert not throttle.allow("u")


def test_refused_attempts_do_not_extend_the_wait() -> None:
    clock = Clock()
    throttle = Throttle(1, 10, clock=clock)
    assert throttle.allow("u")
    for _ in range(9):
        clock.now += 1
        assert not throttle.allow("u")
    clock.now += 1
    assert throttle.allow("u")


def test_keys_are_independent() -> None:
    throttle = Throttle(1, 60, clock=Clock())
    assert throttle.allow((-100, 1))
    assert throttle.allow((-100, 2))  # another user in the same group
    assert throttle.allow((-200, 1))  # the same user in another group
    assert not throttle.allow((-100, 1))


def test_memory_is_bounded_least_recent_first() -> None:
    throttle = Throttle(1, 60, clock=Clock(), max_keys=3)
    for key in "abc":
        throttle.allow(key)
    assert not throttle.allow("a")  # touching "a" makes "b" the least recent
    throttle.allow("d")
    assert len(throttle) == 3
    assert throttle.allow("b")  # "b" was forgotten, so it starts afresh
    assert not throttle.allow("a")


@pytest.mark.parametrize(("limit", "period"), [(0, 60), (1, 0), (-1, 5)])
def test_nonsense_settings_are_refused(limit: int, period: float) -> None:
    with pytest.raises(ValueError):
        Throttle(limit, period)
