"""Conversations through the real Application: follow-ups, replies to answers, several questions.

A follow-up ("那2019年呢") continues the asker's own last question, in a private chat and per
member in a group; a reply to one of the bot's answers continues from that answer even after
the bot restarted; a message asking two things gets both answered, in order, each sourced.
The fixture fails a test if any request would have been refused by Telegram.
"""

from __future__ import annotations

from typing import Any

import pytest
from botapi import BotAPIServer
from conftest import RunningBot, StartBot

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"
TWO = "镇江低保标准是多少？养老床位有多少张？"


async def _reply(server: BotAPIServer, question: JSON) -> JSON:
    return await server.reply_to(question)


async def test_follow_up_in_private_continues_the_last_question(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    first = await running_bot.ask(chat, user, DIBAO)
    assert "875" in first["text"]
    follow = await running_bot.ask(chat, user, "那2019年呢")
    lines = follow["text"].split("\n")
    assert lines[0] == "（接上题：低保标准）"  # what was understood, first
    assert lines[1].startswith("推算") and "875" in follow["text"]  # computed, and labelled
    other = await running_bot.ask(chat, user, "养老床位有多少张")
    assert "接上题" not in other["text"]  # a new subject never inherits the old one
    district = await running_bot.ask(chat, user, "那丹阳呢")
    assert district["text"].startswith("（接上题：养老机构床位）")
    assert "只有全市的" in district["text"] and "文章给出的是（并非所问）" in district["text"]


async def test_group_members_keep_their_own_conversations(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    alice, bob = server.user("甲"), server.user("乙")
    await _reply(server, server.send_command(group, alice, "ask", DIBAO))
    await _reply(server, server.send_command(group, bob, "ask", "养老床位有多少张"))
    follow = await _reply(server, server.send_command(group, alice, "ask", "丹阳呢"))
    assert follow["text"].startswith("（接上题：低保标准）")  # Alice's subject, not Bob's


async def test_reply_to_an_answer_in_a_group_continues_from_it_after_a_restart(
    start_bot: StartBot,
) -> None:
    bot = await start_bot(log_questions=True)
    server = bot.server
    group = server.group()
    alice = server.user("甲")
    answer = await _reply(server, server.send_command(group, alice, "ask", DIBAO))
    await _reply(server, server.send_command(group, alice, "ask", "养老床位有多少张"))

    bot = await bot.restart()  # nothing in memory survives: the link is read from disk
    follow = server.send_text(group, alice, "那2019年呢", reply_to=answer)
    reply = await _reply(server, follow)
    assert reply["text"].startswith("（接上题：低保标准）"), reply["text"]
    assert "875" in reply["text"]


async def test_reply_quoting_one_part_continues_from_that_part(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    answer = await running_bot.ask(chat, user, TWO)
    follow = server.send_text(chat, user, "那2019年呢", reply_to=answer, quote="养老机构床位")
    reply = await server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    assert reply.result["text"].startswith("（接上题：养老机构床位）"), reply.result["text"]
    assert follow["message_id"] < reply.result["message_id"]


async def test_two_questions_in_a_group_get_both_answers_in_one_message(
    running_bot: RunningBot,
) -> None:
    server = running_bot.server
    group = server.group()
    question = server.send_command(group, server.user("群友"), "ask", TWO)
    reply = await _reply(server, question)
    text = reply["text"]
    assert text.startswith("1. 问：镇江低保标准是多少？")
    assert "2. 问：养老床位有多少张？" in text
    assert text.index("875") < text.index("1.72万张")  # in the order asked
    assert text.count("来源：") == 2  # each part sourced
    assert len(server.bot_messages(group)) == 1  # one reply, not one per part
    sent = server.calls("sendMessage")[-1]
    assert "quote" not in sent.params["reply_parameters"]  # one message: nothing to point at


async def test_parts_split_over_messages_quote_the_question_they_answer(
    running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.tg import replies

    real = replies.render_reply_blocks_html
    padding = "\n".join(f"第{i}行：引文 &amp; <b>数字</b>" for i in range(150))

    def long_parts(*args: Any) -> list[str]:
        return [f"{html}\n<blockquote>{padding}</blockquote>" for html in real(*args)]

    monkeypatch.setattr(replies, "render_reply_blocks_html", long_parts)
    server = running_bot.server
    group = server.group()
    question = server.send_command(group, server.user("群友"), "ask", TWO)
    await server.settle(quiet=0.4)
    sent = [r for r in server.calls("sendMessage") if r.chat_id == group["id"]]
    assert len(sent) == 2 and all(r.ok for r in sent)
    quotes = [r.params["reply_parameters"].get("quote") for r in sent]
    assert quotes == ["镇江低保标准是多少？", "养老床位有多少张？"]  # validated by the stand-in
    assert all(r.params["reply_parameters"]["message_id"] == question["message_id"] for r in sent)
    assert "reply_markup" in sent[-1].params and "reply_markup" not in sent[0].params


async def test_a_derived_answer_is_labelled_with_its_formula_and_inputs(
    running_bot: RunningBot,
) -> None:
    user, chat = running_bot.private()
    reply = await running_bot.ask(chat, user, "2019年低保标准是多少")
    lines = reply["text"].split("\n")
    assert lines[0] == "推算（文章没有直接给出，由文中数字算出）" and lines[1] == "约750元/人·月"
    assert "875元/人·月 ÷ (1 + 16.7%)" in reply["text"]  # the formula with its inputs
    assert "2024年全市低保标准达每人每月875元" in reply["text"]  # each input's own quote
    assert "新华日报" in reply["text"]
    bold = [e for e in reply["entities"] if e["type"] == "bold"]
    assert bold[0]["offset"] == 0  # the label is the first thing a reader sees, in bold
    rows = reply["reply_markup"]["inline_keyboard"]
    (copy,) = [b["copy_text"]["text"] for row in rows for b in row if "copy_text" in b]
    assert copy.startswith("推算") and "约750元/人·月" in copy  # copied with its label
    server = running_bot.server
    server.send_inline_query(user, "2019年低保标准是多少")
    call = await server.wait_for("answerInlineQuery")
    first = call.params["results"][0]
    assert first["title"].startswith("推算") and "约750元/人·月" in first["title"]
    assert first["input_message_content"]["message_text"].startswith("<b>推算")
