"""Admin controls and the question log, end to end through the real Application.

The production bot runs against the stand-in Bot API. Admin commands must be
indistinguishable from unknown commands for everyone but the admins; a
reload swaps the engine only for a valid pack; the log records questions and
feedback without ever storing a user id, and a broken database never costs an
answer.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import RunningBot, StartBot

from bot import qlog
from bot.paths import knowledge_dir
from bot.qlogread import LoggedQuestion, open_readonly, read_questions

JSON = dict[str, Any]
ADMIN_ID = 424242
USER_ID = 987654321
DIBAO = "镇江低保标准是多少"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the bundled knowledge the test may break; /reload reads it."""
    copy = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), copy)
    return copy


@pytest.fixture
async def bot(start_bot: StartBot, pack: Path) -> RunningBot:
    # build_application wires the admin commands itself (bot.tg.admin.register_admin).
    return await start_bot(admin_ids=frozenset({ADMIN_ID}), knowledge_dir=pack, log_questions=True)


def _admin(bot: RunningBot) -> tuple[JSON, JSON]:
    user = bot.server.user("管理员", user_id=ADMIN_ID)
    return user, bot.server.private_chat(user)


async def _admin_reply(bot: RunningBot, text: str) -> str:
    user, chat = _admin(bot)
    bot.server.send_text(chat, user, text)
    sent = await bot.server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    assert sent.ok, sent.describe()
    assert sent.params["parse_mode"] == "HTML"
    return str(sent.result["text"])


def _rows(bot: RunningBot) -> list[LoggedQuestion]:
    conn = open_readonly(bot.settings.data_dir)
    assert conn is not None
    try:
        return read_questions(conn)
    finally:
        conn.close()


def _break_dibao(pack: Path) -> Path:
    """A curator's typo: 876 is not what the quote says, so validation must refuse it."""
    entries = next(pack.glob("*/indicators*.yaml"))
    text = entries.read_text(encoding="utf-8")
    entries.write_text(text.replace('value: "875"', 'value: "876"', 1), encoding="utf-8")
    return entries


# ---------------------------------------------------------------- the admin boundary


async def test_admin_commands_look_like_unknown_commands_to_anyone_else(
    bot: RunningBot,
) -> None:
    server = bot.server
    engine = bot.app.bot_data.engine
    user, chat = bot.private("路人")
    unknown = (await bot.ask(chat, user, "/nosuchcommand"))["text"]
    texts = ("/reload", "/stats", "/stats 7d", f"/reload@{bot.username}")
    for text in texts:
        server.send_text(chat, user, text)
    await server.wait_for_count(
        "sendMessage", 1 + len(texts), lambda r: r.chat_id == chat["id"], since=0
    )
    assert [m["text"] for m in server.bot_messages(chat)] == [unknown] * (1 + len(texts))

    mark = server.mark()
    group = server.group()
    admin, _ = _admin(bot)
    server.send_command(group, user, "reload", to=True)
    server.send_command(group, user, "stats")
    server.send_command(group, admin, "reload")  # even an admin: not in front of a group
    server.send_command(group, admin, "stats", to=True)
    server.send_command(group, user, "nosuchcommand", to=True)  # ... like any unknown command
    channel = server.channel()
    server.send_channel_post(channel, "/reload")
    server.send_channel_post(channel, "/stats")
    await server.settle(timeout=10)  # seven updates: allow for a busy CI machine
    assert server.calls("sendMessage", since=mark) == []
    assert bot.app.bot_data.engine is engine  # nothing was reloaded
    assert "875" in (await bot.ask(chat, user, DIBAO))["text"]


async def test_admin_arguments_are_validated_with_a_clear_reply(bot: RunningBot) -> None:
    _user, chat = _admin(bot)
    for text, expected in (
        ("/stats 99999999999999d", "reaches back before 1970"),
        ("/stats 7d 24h", "usage: /stats"),
        ("/reload now", "usage: /reload"),
    ):
        reply = await _admin_reply(bot, text)
        assert expected in reply, (text, reply)
    await bot.server.settle()
    assert len(bot.server.bot_messages(chat)) == 3, "one reply each, no 'unknown command'"


async def test_a_failing_admin_command_is_not_also_an_unknown_command(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.tg import admin

    def explode(*args: Any, **kwargs: Any) -> str:
        raise OSError("disk on fire")

    monkeypatch.setattr(admin, "stats_text", explode)
    user, chat = _admin(bot)
    bot.server.send_text(chat, user, "/stats")
    await bot.server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    await bot.server.settle()
    (apology,) = bot.server.bot_messages(chat)
    assert "没有这个命令" not in apology["text"] and "出错" in apology["text"]


async def test_an_admins_edited_command_is_ignored(bot: RunningBot) -> None:
    user, chat = _admin(bot)
    message = bot.server.send_text(chat, user, "好的")
    await bot.server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    mark = bot.server.mark()
    bot.server.edit_text(message, "/reload")
    await bot.server.settle()
    assert [c for c in bot.server.calls(since=mark) if c.method != "getUpdates"] == []


# ---------------------------------------------------------------- /reload


async def test_reload_swaps_the_engine(bot: RunningBot) -> None:
    before = bot.app.bot_data.engine
    reply = await _admin_reply(bot, "/reload")
    assert reply.startswith("✅ Knowledge reloaded (/reload): 1 pack(s),")
    after = bot.app.bot_data.engine
    assert after is not before
    assert f"{len(after.knowledge.entries)} entries" in reply
    user, chat = bot.private()
    assert "875" in (await bot.ask(chat, user, DIBAO))["text"]


async def test_broken_pack_is_rejected_and_the_old_one_keeps_answering(
    bot: RunningBot, pack: Path
) -> None:
    before = bot.app.bot_data.engine
    entries = _break_dibao(pack)
    reply = await _admin_reply(bot, f"/reload@{bot.username}")
    assert reply.startswith("❌ Reload rejected (/reload): ")
    assert "Still serving the previous knowledge" in reply
    # The admin sees where and what, as `python -m bot validate` prints it.
    assert f"{entries.name}:" in reply and "dibao-standard-2024" in reply
    assert bot.app.bot_data.engine is before
    user, chat = bot.private()
    assert "875" in (await bot.ask(chat, user, DIBAO))["text"]


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
async def test_sighup_reloads_the_running_bot(bot: RunningBot) -> None:
    # Without a handler SIGHUP would terminate the test run: check the wiring first.
    assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN, None)
    before = bot.app.bot_data.engine
    os.kill(os.getpid(), signal.SIGHUP)
    for _ in range(200):
        if bot.app.bot_data.engine is not before:
            break
        await asyncio.sleep(0.05)
    assert bot.app.bot_data.engine is not before
    user, chat = bot.private()
    assert "875" in (await bot.ask(chat, user, DIBAO))["text"]
    assert bot.server.calls("sendMessage")[0].chat_id == chat["id"]  # SIGHUP is silent


# ---------------------------------------------------------------- /stats and the log


async def test_stats_summarise_the_log(bot: RunningBot) -> None:
    user, chat = bot.private()
    # The miss first: asked after DIBAO, the conversation would complete it as a follow-up.
    await bot.ask(chat, user, "镇江地铁有几条线")
    await bot.ask(chat, user, DIBAO)
    reply = await _admin_reply(bot, "/stats")
    assert reply.startswith("Questions (all logged): 2 from 1 chats")
    assert "answered 1 (50.0%)" in reply and "private" in reply
    reply = await _admin_reply(bot, "/stats 7d")
    assert reply.startswith("Questions (since ")
    reply = await _admin_reply(bot, "/stats yesterday")
    assert "expected e.g. 7d" in reply


async def test_each_question_is_logged_without_the_user_id(bot: RunningBot) -> None:
    server = bot.server
    user = server.user("小李", user_id=USER_ID)
    chat = server.private_chat(user)
    await bot.ask(chat, user, DIBAO)
    group = server.group()
    server.send_command(group, user, "ask", "镇江地铁有几条线")
    await server.wait_for("sendMessage", lambda r: r.chat_id == group["id"])
    rows = _rows(bot)
    assert [(r.chat_type, r.status) for r in rows] == [
        ("private", "answered"),
        ("supergroup", "no_match"),
    ]
    assert rows[0].text == DIBAO and rows[0].entry_id and rows[0].latency_ms is not None
    assert rows[0].chat and rows[0].chat != rows[1].chat  # distinct chats, hashed
    # The update journal holds the chat id (in a private chat, the user's id) until the
    # answer is sent; once nothing is pending it is zeroed and the WAL truncated.
    holding: list[str] = ["?"]
    for _ in range(50):
        data_files = list(bot.settings.data_dir.iterdir())
        assert data_files
        holding = [f.name for f in data_files if str(USER_ID).encode() in f.read_bytes()]
        if not holding:
            break
        await asyncio.sleep(0.1)
    assert not holding, "the user id stayed on disk after the answers were sent"


def _feedback_data(answer: JSON) -> dict[str, str]:
    """The 👍/👎 buttons' callback data, by label."""
    rows = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    return {b["text"]: b["callback_data"] for b in rows if b["text"] in ("👍", "👎")}


async def _press(bot: RunningBot, answer: JSON, data: str) -> JSON:
    """Press a button with ``data`` and return the bot's answerCallbackQuery parameters."""
    query_id = bot.server.send_callback(answer, data)
    ack = await bot.server.wait_for(
        "answerCallbackQuery", lambda r: r.params["callback_query_id"] == query_id
    )
    assert ack.ok and bot.server.callbacks[query_id].answered  # no spinner left behind
    return dict(ack.params)


async def test_feedback_button_is_recorded(bot: RunningBot) -> None:
    user, chat = bot.private()
    answer = await bot.ask(chat, user, DIBAO)
    buttons = _feedback_data(answer)
    (row_id,) = [r.id for r in _rows(bot)]
    assert buttons["👎"] == buttons["👍"][:-13] + ":d:" + buttons["👍"][-10:]
    for data in buttons.values():
        assert data.isascii() and len(data.encode()) <= 40  # well under Telegram's 64 bytes
        assert data.startswith(f"f:{row_id}:")
    ack = await _press(bot, answer, buttons["👎"])
    assert ack.get("text")  # thanked
    assert [r.feedback for r in _rows(bot)] == [-1]


async def test_forged_feedback_records_nothing(bot: RunningBot) -> None:
    user, chat = bot.private()
    first = await bot.ask(chat, user, DIBAO)
    second = await bot.ask(chat, user, "镇江养老床位有多少")
    first_id, second_id = (r.id for r in _rows(bot))
    up = _feedback_data(first)["👍"]
    tag = up.rsplit(":", 1)[1]
    other_tag = _feedback_data(second)["👍"].rsplit(":", 1)[1]
    wrong = ("B" if tag[0] == "A" else "A") + tag[1:]
    forged = [
        f"f:{second_id}:u:{tag}",  # a genuine tag moved onto another question
        f"f:{first_id}:u:{other_tag}",  # another question's tag
        f"f:{first_id}:u:{wrong}",  # one character off
        f"f:{first_id + 100}:d:{tag}",  # a row that does not exist
        f"f:{first_id}:u",  # the old unsigned format
    ]
    for data in forged:
        ack = await _press(bot, first, data)
        assert "text" not in ack  # acknowledged silently: no thanks for a forgery
    await bot.server.settle()
    assert [r.feedback for r in _rows(bot)] == [None, None]
    await _press(bot, second, _feedback_data(second)["👍"])  # the genuine button still works
    assert [r.feedback for r in _rows(bot)] == [None, 1]


async def test_locked_database_costs_no_answer_and_warns_once(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qlog, "RETRY_AFTER_S", 0.0)  # really retry on every question
    user, chat = bot.private()
    await bot.ask(chat, user, DIBAO)  # creates the database
    other = sqlite3.connect(bot.settings.data_dir / qlog.DB_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # e.g. a backup or a curator's tool holding the lock
    try:
        for _ in range(3):
            answer = await bot.ask(chat, user, DIBAO)
            assert "875" in answer["text"]
            data = [
                b.get("callback_data", "")
                for row in answer.get("reply_markup", {}).get("inline_keyboard", [])
                for b in row
            ]
            assert not any(d.startswith("f:") for d in data)  # nothing to attach feedback to
    finally:
        other.execute("ROLLBACK")
        other.close()
    warnings = [r for r in caplog.records if r.name == "bot.qlog" and r.levelno == logging.WARNING]
    # One warning for the outage (the update journal's idle checkpoint, in the background, may
    # already have logged the recovery: "writable again").
    failures = [w for w in warnings if "unavailable" in w.getMessage()]
    assert len(failures) == 1 and "locked" in failures[0].getMessage()
    answer = await bot.ask(chat, user, DIBAO)  # writable again: feedback buttons return
    assert "f:" in str(answer.get("reply_markup"))
    assert len(_rows(bot)) == 2
