"""Answer memory: bounded by count and by age, whatever the number of chats."""

from __future__ import annotations

from bot.tg.memory import AnswerMemory


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_remembers_and_forgets_the_least_recent_beyond_the_cap() -> None:
    memory = AnswerMemory(max_questions=3, ttl_s=100, clock=Clock())
    for chat in range(5):
        memory.put(chat, 1, [10 + chat])
    assert len(memory) == 3
    assert memory.get(0, 1) is None and memory.get(1, 1) is None
    assert memory.get(4, 1) == [14]


def test_entries_expire() -> None:
    clock = Clock()
    memory = AnswerMemory(max_questions=100, ttl_s=10, clock=clock)
    memory.put(1, 1, [5, 6])
    clock.now = 5
    memory.put(2, 1, [7])
    assert memory.get(1, 1) == [5, 6]
    clock.now = 11
    assert memory.get(1, 1) is None
    memory.put(3, 1, [8])  # a put sweeps the expired front
    clock.now = 16
    memory.put(4, 1, [9])
    assert len(memory) == 2 and memory.get(2, 1) is None
