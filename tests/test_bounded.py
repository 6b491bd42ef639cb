"""The bounded map behind per-chat state: constant size, idle values expire, use refreshes."""

from __future__ import annotations

import pytest

from bot.tg.bounded import Bounded


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_least_recently_used_go_first() -> None:
    store: Bounded[int, str] = Bounded(3, 60.0)
    for key in range(3):
        store.put(key, str(key))
    assert store.get(0) == "0"  # used: now the newest
    store.put(3, "3")
    assert store.get(1) is None and store.get(0) == "0" and len(store) == 3


def test_idle_values_expire_and_reading_refreshes() -> None:
    clock = Clock()
    store: Bounded[str, int] = Bounded(10, 10.0, clock=clock)
    store.put("a", 1)
    store.put("b", 2)
    clock.now = 8
    assert store.get("a") == 1  # refreshed at 8
    clock.now = 15
    assert store.get("b") is None and store.get("a") == 1
    clock.now = 30
    assert len(store) == 0 and "a" not in store


def test_many_keys_keep_memory_constant() -> None:
    store: Bounded[int, int] = Bounded(1_000, 3600.0)
    for key in range(50_000):
        store.put(key, key)
    assert len(store) == 1_000 and store.get(49_999) == 49_999 and store.get(0) is None


def test_pop_and_bad_bounds() -> None:
    store: Bounded[int, int] = Bounded(2, 1.0)
    store.put(1, 1)
    assert store.pop(1) == 1 and store.pop(1) is None
    with pytest.raises(ValueError):
        Bounded(0, 1.0)
