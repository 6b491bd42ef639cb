"""Durable updates, end to end: what a crashed process received is answered after a restart.

The crash is reproduced exactly, without a child process: the stand-in still holds the
update (never confirmed) and the journal holds it as pending (fetched, not answered), which
is the state kill -9 leaves behind. The restarted bot must answer it once: from the journal,
dropping Telegram's re-delivery as a duplicate. (tests/killrun.py does the real kill -9, at
200 questions; tests/test_killrun_smoke.py runs it small.)
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from botapi import BotAPIServer
from conftest import RunningBot, StartBot

from bot import journal
from bot.journal import UpdateJournal
from bot.qlog import QuestionLog, db_path
from bot.tg.messages import ui

pytestmark = pytest.mark.usefixtures("no_token_leaks")

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"


def journal_rows(data_dir: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(db_path(data_dir))
    try:
        rows = conn.execute("SELECT update_id, status FROM updates ORDER BY update_id")
        return [(int(u), str(s)) for u, s in rows.fetchall()]
    finally:
        conn.close()


def crashed_with(
    data_dir: Path, updates: list[JSON], *, age_s: float = 0.0, finished: bool = False
) -> None:
    """Leave the journal as a process killed after fetching `updates` (and, with
    `finished`, after answering them) would have."""
    log = QuestionLog(data_dir)
    j = UpdateJournal(log, clock=lambda: time.time() - age_s)
    for update in updates:
        kind = next(k for k in update if k != "update_id")
        assert j.received(update["update_id"], kind, "private", update)
        if finished:
            j.finished(update["update_id"])
    log.close()


async def test_every_answered_update_is_finished_in_the_journal(start_bot: StartBot) -> None:
    bot = await start_bot(log_questions=True)
    user, chat = bot.private()
    await bot.ask(chat, user, DIBAO)
    await bot.ask(chat, user, "你好")
    await bot.server.settle()
    ids = [u["update_id"] for u in bot.server.updates_pushed]
    assert journal_rows(bot.settings.data_dir) == [(i, "done") for i in ids]


async def test_a_crash_between_fetch_and_answer_is_answered_once_after_restart(
    start_bot: StartBot, botapi: BotAPIServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    users = [botapi.user(f"用户{i}") for i in range(3)]
    chats = [botapi.private_chat(u) for u in users]
    for user, chat in zip(users, chats, strict=True):
        botapi.send_text(chat, user, DIBAO)  # Telegram holds them: never confirmed
    crashed_with(data_dir, botapi.updates_pushed)

    bot = await start_bot(log_questions=True)
    await botapi.wait_for_count("sendMessage", 3, lambda r: r.ok, timeout=10, since=0)
    await botapi.settle(quiet=0.5)
    for chat in chats:
        (answer,) = [m["text"] for m in botapi.bot_messages(chat)]
        assert "875" in answer
    assert any(r.method == "getUpdates" and r.ok and r.result for r in botapi.requests), (
        "Telegram re-delivered them, and the re-delivery was dropped"
    )
    assert bot.app.update_queue.duplicates == 3
    assert [s for _, s in journal_rows(data_dir)] == ["done"] * 3


async def test_updates_older_than_ten_minutes_are_not_answered_after_restart(
    start_bot: StartBot, botapi: BotAPIServer, tmp_path: Path
) -> None:
    user = botapi.user("小王")
    chat = botapi.private_chat(user)
    botapi.send_text(chat, user, DIBAO)
    stale = botapi._pending.popleft()  # Telegram no longer has it; only the journal does
    crashed_with(tmp_path / "data", [stale], age_s=journal.MAX_AGE_S + 60)

    bot = await start_bot(log_questions=True)
    fresh = await bot.ask(chat, user, "你好")  # the bot is up and answering
    assert "875" not in fresh["text"]
    assert len(botapi.bot_messages(chat)) == 1
    assert journal_rows(tmp_path / "data")[0] == (stale["update_id"], "expired")


async def test_an_update_answered_just_before_the_crash_is_not_answered_again(
    start_bot: StartBot, botapi: BotAPIServer, tmp_path: Path
) -> None:
    user = botapi.user("小王")
    chat = botapi.private_chat(user)
    botapi.send_text(chat, user, DIBAO)
    (answered,) = botapi.updates_pushed
    crashed_with(tmp_path / "data", [answered], finished=True)  # confirmation never sent

    bot = await start_bot(log_questions=True)
    await botapi.wait_for("getUpdates", lambda r: r.ok and bool(r.result), since=0)
    assert "875" not in (await bot.ask(chat, user, "你好"))["text"]
    assert len(botapi.bot_messages(chat)) == 1, "only the greeting: no second answer"
    assert bot.app.update_queue.duplicates == 1


async def test_a_late_answer_says_sorry_for_the_delay(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    server.send_text(chat, user, DIBAO, sent_ago=300)  # held while the bot was down
    late = await server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    assert late.result["text"].startswith("抱歉，回复晚了。") and "875" in late.result["text"]
    on_time = await running_bot.ask(chat, user, DIBAO)
    assert not on_time["text"].startswith("抱歉") and "875" in on_time["text"]
    en_user, en_chat = running_bot.private("Ann", language_code="en")
    server.send_text(en_chat, en_user, DIBAO, sent_ago=300)
    sent = await server.wait_for("sendMessage", lambda r: r.chat_id == en_chat["id"])
    assert sent.result["text"].startswith(ui("en").late_note.removeprefix("<i>")[:10])
