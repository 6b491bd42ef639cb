"""Answer links: which message answered what, for whom; kept on disk across restarts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.qlog import DAY_S, QuestionLog, db_path
from bot.tg.links import AnswerLinks, Sent


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_links_survive_a_restart_through_the_question_log(tmp_path: Path) -> None:
    qlog = QuestionLog(tmp_path)
    links = AnswerLinks(qlog)
    await links.remember(-5, 10, [Sent(11, ("dibao",)), Sent(12, ("beds", "dibao"))], 42)
    qlog.close()

    again = AnswerLinks(QuestionLog(tmp_path))  # a new process: nothing in memory
    assert await again.answers_to(-5, 10) == [11, 12]
    link = await again.link(-5, 12)
    assert link is not None and link.entries == ("beds", "dibao") and link.question_id == 10
    assert again.owns(link, 42) and not again.owns(link, 43)
    assert await again.link(-5, 99) is None and await again.answers_to(-6, 10) is None


async def test_an_edited_answer_replaces_the_old_messages(tmp_path: Path) -> None:
    links = AnswerLinks(QuestionLog(tmp_path))
    await links.remember(1, 10, [Sent(11, ("a",)), Sent(12, ("b",))], None)
    await links.remember(1, 10, [Sent(11, ("c",))], None)
    assert await links.answers_to(1, 10) == [11]
    assert await links.link(1, 12) is None
    fresh = AnswerLinks(QuestionLog(tmp_path))
    assert await fresh.answers_to(1, 10) == [11] and await fresh.link(1, 12) is None


async def test_opened_entries_and_menus_keep_their_owner(tmp_path: Path) -> None:
    links = AnswerLinks(QuestionLog(tmp_path))
    await links.remember(1, 10, [Sent(11, ("a",))], 7)
    await links.remember_opened(1, [Sent(20, ("b",)), Sent(21)], 8)
    assert await links.answers_to(1, 10) == [11]  # an opened entry answers no question
    fresh = AnswerLinks(QuestionLog(tmp_path))
    opened = await fresh.link(1, 21)
    assert opened is not None and fresh.owns(opened, 8) and not fresh.owns(opened, 7)


async def test_without_a_log_links_live_in_memory_only() -> None:
    links = AnswerLinks(None)
    await links.remember(1, 10, [Sent(11, ("a",))], 5)
    link = await links.link(1, 11)
    assert link is not None and links.owns(link, 5)
    assert await AnswerLinks(None).link(1, 11) is None


async def test_no_ids_on_disk_and_old_links_are_pruned(tmp_path: Path) -> None:
    clock = Clock()
    qlog = QuestionLog(tmp_path, retention_days=1, clock=clock)
    links = AnswerLinks(qlog, clock=clock)
    await links.remember(123456789, 10, [Sent(11, ("a",))], 987654321)
    with sqlite3.connect(db_path(tmp_path)) as conn:
        rows = conn.execute("SELECT chat, owner FROM answer_messages").fetchall()
    assert rows and all("123456789" not in str(r) and "987654321" not in str(r) for r in rows)
    assert rows[0][0] != rows[0][1]  # the chat and the person are different pseudonyms
    clock.now += 2 * DAY_S
    links._next_prune = 0.0  # the next write prunes (every few hours in production)
    await links.remember(1, 50, [Sent(51)], None)
    fresh = AnswerLinks(QuestionLog(tmp_path, clock=clock))
    assert await fresh.answers_to(123456789, 10) is None
