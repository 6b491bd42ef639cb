"""👍/👎 through the real Application: one vote per person per answer, and the buttons answer.

A vote changes the buttons (a tick in a private chat, counts where many people see them),
a second vote replaces the first (in the buttons and in the question log), the same vote
again changes nothing, and greetings, thanks and "not found" replies carry no vote at all.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from botapi import BotAPIServer
from conftest import RunningBot, StartBot

from bot.qlog import db_path
from bot.qlogread import open_readonly, read_questions
from bot.tg.messages import ui

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"


def _feedback(message: JSON) -> dict[str, str]:
    """Vote buttons by emoji: {"👍": data, "👎": data} (labels may carry counts or a tick)."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {
        b["text"][:1]: b["callback_data"]
        for row in rows
        for b in row
        if b.get("callback_data", "").startswith("f:")
    }


def _labels(server: BotAPIServer, message: JSON) -> list[str]:
    stored = next(
        m for m in server.bot_messages(message["chat"]) if m["message_id"] == message["message_id"]
    )
    rows = stored.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row if b.get("callback_data", "").startswith("f:")]


async def _vote(
    server: BotAPIServer, message: JSON, data: str, user: JSON, *, changes: bool = True
) -> JSON:
    """Press a vote button; wait for the buttons to change (or, if not, for the bot to settle)."""
    before = server.mark()
    query = server.send_callback(message, data, user=user)
    ack = await server.wait_for(
        "answerCallbackQuery", lambda r: r.params["callback_query_id"] == query
    )
    if changes:
        await server.wait_for("editMessageReplyMarkup", since=before)
    else:
        await server.settle(quiet=0.2)
    return dict(ack.params)


def _feedback_rows(bot: RunningBot) -> list[int | None]:
    conn = open_readonly(bot.settings.data_dir)
    assert conn is not None
    try:
        return [r.feedback for r in read_questions(conn)]
    finally:
        conn.close()


def _votes(bot: RunningBot) -> list[tuple[int, int]]:
    with sqlite3.connect(db_path(bot.settings.data_dir)) as conn:
        return [(int(r[0]), int(r[1])) for r in conn.execute("SELECT question, vote FROM votes")]


async def test_a_vote_changes_the_buttons_and_a_second_replaces_the_first(
    start_bot: StartBot,
) -> None:
    bot = await start_bot(log_questions=True)
    server = bot.server
    user, chat = bot.private()
    answer = await bot.ask(chat, user, DIBAO)
    votes = _feedback(answer)
    assert _labels(server, answer) == ["👍", "👎"]

    ack = await _vote(server, answer, votes["👍"], user)
    assert ack["text"] == ui("zh").feedback_thanks
    assert _labels(server, answer) == ["👍 ✓", "👎"]
    await _vote(server, answer, votes["👎"], user)
    assert _labels(server, answer) == ["👍", "👎 ✓"]
    assert _feedback_rows(bot) == [-1]
    assert [v for _, v in _votes(bot)] == [-1]  # one vote per person: the latest

    before = server.mark()
    again = await _vote(server, answer, votes["👎"], user, changes=False)  # the same again
    assert again["text"] == ui("zh").feedback_same
    assert server.calls("editMessageReplyMarkup", since=before) == []


async def test_votes_in_a_group_add_up_one_per_member(start_bot: StartBot) -> None:
    bot = await start_bot(log_questions=True)
    server = bot.server
    group = server.group()
    alice, bob = server.user("甲"), server.user("乙")
    question = server.send_command(group, alice, "ask", DIBAO)
    await server.settle(quiet=0.3)
    (answer,) = server.replies_to(question)
    votes = _feedback(answer)
    await _vote(server, answer, votes["👍"], alice)
    await _vote(server, answer, votes["👍"], bob)
    assert _labels(server, answer) == ["👍 2", "👎"]
    await _vote(server, answer, votes["👎"], bob)  # Bob changes his mind
    assert _labels(server, answer) == ["👍 1", "👎 1"]
    assert sorted(v for _, v in _votes(bot)) == [-1, 1]
    assert len(server.bot_messages(group)) == 1  # votes edit, never post


async def test_no_vote_under_greetings_help_or_not_found(start_bot: StartBot) -> None:
    bot = await start_bot(log_questions=True)
    user, chat = bot.private()
    for text in ("你好", "量子计算机", "/help"):
        reply = await bot.ask(chat, user, text)
        assert _feedback(reply) == {}, text
    not_stated = await bot.ask(chat, user, "丹阳低保标准是多少")
    assert set(_feedback(not_stated)) == {"👍", "👎"}  # an honest "not stated" is an answer


async def test_thanks_gets_a_reaction_not_a_menu(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    user = server.user("群友")
    question = server.send_command(group, user, "ask", DIBAO)
    await server.settle(quiet=0.3)
    (answer,) = server.replies_to(question)
    thanks = server.send_text(group, user, "谢谢！", reply_to=answer)
    reaction = await server.wait_for("setMessageReaction")
    assert reaction.ok and reaction.params["message_id"] == thanks["message_id"]
    assert reaction.params["reaction"] == [{"type": "emoji", "emoji": "👍"}]
    await server.settle()
    assert server.replies_to(thanks) == []
