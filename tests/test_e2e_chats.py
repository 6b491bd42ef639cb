"""End to end through the real Application: every place a question can come from.

Each test drives the production bot (``bot.tg.application.build_application``) over HTTP
against the stand-in Bot API, as a Telegram user would: a message in a private chat, a
group (where the bot must stay quiet unless addressed), a channel, inline mode, buttons,
deep links, edits. The fixture fails a test if any request the bot made would have been
refused by Telegram (400).
"""

from __future__ import annotations

from typing import Any

import pytest
from botapi import BotAPIServer
from conftest import RunningBot

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"


def buttons(message: JSON) -> list[JSON]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


def callback_data(message: JSON) -> list[str]:
    return [b["callback_data"] for b in buttons(message) if "callback_data" in b]


# --------------------------------------------------------------------------- private chats


async def test_private_question_gets_a_sourced_html_answer(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    answer = await running_bot.ask(chat, user, DIBAO)
    assert "875" in answer["text"]
    assert "新华日报" in answer["text"]  # every figure carries its source
    assert {"bold", "blockquote"} <= {e["type"] for e in answer.get("entities", [])}
    sent = running_bot.server.calls("sendMessage")[-1]
    assert sent.params["parse_mode"] == "HTML"
    assert "reply_to_message" not in answer  # no quoting in a one-to-one chat
    await running_bot.server.settle()
    assert len(running_bot.server.bot_messages(chat)) == 1


async def test_related_entries_are_buttons_not_a_text_line(running_bot: RunningBot) -> None:
    """On a phone the buttons already offer the related entries: the 相关 line would repeat them."""
    engine = running_bot.app.bot_data.engine
    related = [h.entry for h in engine.ask(DIBAO).hits[1:]]
    assert related  # the console reply names them in its 相关 line
    user, chat = running_bot.private()
    answer = await running_bot.ask(chat, user, DIBAO)
    assert "875" in answer["text"] and "相关" not in answer["text"]
    for entry in related:
        assert entry.title not in answer["text"]
        assert f"e:{entry.id}" in callback_data(answer)


async def test_start_greets_with_example_buttons(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    running_bot.server.send_command(chat, user, "start")
    greeting = (await running_bot.server.wait_for("sendMessage")).result
    assert callback_data(greeting), "the greeting offers example questions as buttons"


async def test_commands_menus_are_registered_per_scope(running_bot: RunningBot) -> None:
    server = running_bot.server
    private = [c["command"] for c in server.commands_for({"type": "all_private_chats"})]
    groups = [c["command"] for c in server.commands_for({"type": "all_group_chats"})]
    assert {"start", "ask", "help"} <= set(private)
    assert "ask" in groups and "start" not in groups
    assert server.commands_for({"type": "all_private_chats"}, "en")


async def test_help_source_and_topics(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    for command in ("help", "source", "topics"):
        server.send_command(chat, user, command)
        reply = await server.wait_for("sendMessage")
        assert reply.ok and reply.result["text"].strip()
    assert "新华日报" in server.calls("sendMessage")[-2].result["text"]


async def test_topic_browsing_edits_the_menu_in_place(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    server.send_command(chat, user, "topics")
    menu = (await server.wait_for("sendMessage")).result
    topic = next(d for d in callback_data(menu) if d.startswith("t:"))
    query_id = server.send_callback(menu, topic)
    edit = await server.wait_for("editMessageText")
    assert edit.ok and edit.params["message_id"] == menu["message_id"]
    await server.settle()
    assert server.callbacks[query_id].answered
    assert len(server.bot_messages(chat)) == 1  # browsing does not litter the chat


async def test_answer_button_opens_a_related_entry(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    answer = await running_bot.ask(chat, user, DIBAO)
    entry_button = next(d for d in callback_data(answer) if d.startswith("e:"))
    query_id = server.send_callback(answer, entry_button)
    opened = await server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    assert opened.ok
    await server.settle()
    assert server.callbacks[query_id].answered, "every callback query must be answered"


async def test_deep_link_opens_the_entry(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    running_bot.server.send_command(chat, user, "start", "dibao-standard")
    opened = (await running_bot.server.wait_for("sendMessage")).result
    assert "875" in opened["text"]


async def test_unknown_deep_link_says_so_and_greets(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    server.send_command(chat, user, "start", "no-such-entry")
    replies = await server.wait_for_count("sendMessage", 2)
    assert all(r.ok for r in replies)
    assert "875" not in replies[0].result["text"]


async def test_edited_question_edits_the_answer(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    question = server.send_text(chat, user, "镇江养老床位有多少")
    first = (await server.wait_for("sendMessage")).result
    server.edit_text(question, DIBAO)
    edit = await server.wait_for("editMessageText")
    assert edit.ok and edit.params["message_id"] == first["message_id"]
    assert "875" in edit.result["text"]
    await server.settle()
    assert [m["message_id"] for m in server.bot_messages(chat)] == [first["message_id"]]


async def test_non_text_message_gets_a_hint(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    server.send_sticker(chat, user)
    hint = await server.wait_for("sendMessage")
    assert hint.ok and hint.result["text"]
    server.send_media(chat, user, "voice")
    assert (await server.wait_for("sendMessage")).ok


async def test_english_client_gets_english_interface(running_bot: RunningBot) -> None:
    user, chat = running_bot.private("Alice", language_code="en")
    running_bot.server.send_sticker(chat, user)
    hint = (await running_bot.server.wait_for("sendMessage")).result
    assert hint["text"].isascii() or "I only" in hint["text"]


async def test_long_answer_is_split_under_the_limit_with_buttons_last(
    running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.tg import replies

    real = replies.render_reply_blocks_html
    padding = "\n".join(f"第{i}行：<b>低保</b> &amp; 引文" for i in range(400))

    def long_reply(*args: Any) -> list[str]:
        return [f"{html}\n<blockquote>{padding}</blockquote>" for html in real(*args)]

    monkeypatch.setattr(replies, "render_reply_blocks_html", long_reply)
    server = running_bot.server
    group = server.group()
    question = server.send_command(group, server.user("群友"), "ask", DIBAO)
    await server.wait_for_count("sendMessage", 2, lambda r: r.ok)
    await server.settle()
    parts = server.bot_messages(group)
    assert len(parts) >= 2  # the stand-in refused none of them: each fits and parses
    assert "875" in parts[0]["text"] and "第399行" in parts[-1]["text"]
    assert [bool(p.get("reply_markup")) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert parts[0]["reply_to_message"]["message_id"] == question["message_id"]
    assert all("reply_to_message" not in p for p in parts[1:])  # one thread, not a pile


# --------------------------------------------------------------------------- groups


async def _group_case(bot: RunningBot, text: str, reply_to: JSON | None = None) -> list[JSON]:
    """Send ``text`` to a fresh group; return the bot's replies to it once it has settled."""
    server = bot.server
    group = server.group()
    user = server.user("群友")
    question = server.send_text(group, user, text, reply_to=reply_to)
    await server.settle(quiet=0.4)
    return server.replies_to(question)


async def test_group_chatter_is_ignored(running_bot: RunningBot) -> None:
    assert await _group_case(running_bot, "今天天气不错") == []
    assert await _group_case(running_bot, DIBAO) == []  # a question, but not addressed to us
    assert running_bot.server.calls("sendMessage") == []


async def test_group_mention_is_answered_in_thread(running_bot: RunningBot) -> None:
    (reply,) = await _group_case(running_bot, f"@{running_bot.username} {DIBAO}")
    assert "875" in reply["text"]


async def test_group_ask_command_forms(running_bot: RunningBot) -> None:
    (plain,) = await _group_case(running_bot, f"/ask {DIBAO}")
    (addressed,) = await _group_case(running_bot, f"/ask@{running_bot.username} {DIBAO}")
    assert "875" in plain["text"] and "875" in addressed["text"]


async def test_group_ask_for_another_bot_is_ignored(running_bot: RunningBot) -> None:
    assert await _group_case(running_bot, f"/ask@otherbot {DIBAO}") == []
    assert await _group_case(running_bot, f"/start@otherbot {DIBAO}") == []


async def test_group_reply_to_the_bot_is_a_question(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    user = server.user("群友")
    question = server.send_command(group, user, "ask", "镇江养老床位有多少")
    await server.wait_for("sendMessage")
    (answer,) = server.replies_to(question)
    follow_up = server.send_text(group, user, DIBAO, reply_to=answer)
    reply = await server.reply_to(follow_up)  # the group's second answer: the limiter may wait
    assert "875" in reply["text"]


async def test_group_reply_to_a_person_is_ignored(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    alice, bob = server.user("甲"), server.user("乙")
    said = server.send_text(group, alice, "你知道低保标准吗")
    reply = server.send_text(group, bob, DIBAO, reply_to=said)
    await server.settle(quiet=0.4)
    assert server.replies_to(said) == [] and server.replies_to(reply) == []


async def test_group_sticker_is_ignored(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    server.send_sticker(group, server.user())
    await server.settle(quiet=0.4)
    assert server.calls("sendMessage") == []


async def test_group_flood_from_one_user_is_throttled(start_bot: Any) -> None:
    bot = await start_bot(group_throttle=(3, 60.0))
    server: BotAPIServer = bot.server
    group = server.group()
    spammer, other = server.user("刷屏"), server.user("路人")
    asked = [server.send_command(group, spammer, "ask", DIBAO) for _ in range(6)]
    polite = server.send_command(group, other, "ask", DIBAO)
    await server.settle(quiet=0.5)
    answered = [m for m in asked if server.replies_to(m)]
    assert len(answered) == 3
    assert len(server.replies_to(polite)) == 1  # others are not punished for one flooder


# --------------------------------------------------------------------------- channels


async def test_channel_post_ask_is_answered_in_the_channel(running_bot: RunningBot) -> None:
    server = running_bot.server
    channel = server.channel()
    post = server.send_channel_post(channel, f"/ask {DIBAO}")
    answer = await server.wait_for("sendMessage")
    assert answer.ok and answer.chat_id == channel["id"]
    assert "875" in answer.result["text"]
    server.send_channel_post(channel, "今日民政新闻")  # an ordinary post: no reply
    await server.settle(quiet=0.4)
    assert len(server.bot_messages(channel)) == 1
    assert server.replies_to(post)


# --------------------------------------------------------------------------- inline mode


async def test_inline_query_offers_sourced_articles(running_bot: RunningBot) -> None:
    server = running_bot.server
    query_id = server.send_inline_query(server.user(), "低保")
    call = await server.wait_for("answerInlineQuery")
    assert call.ok
    results = call.params["results"]
    assert 1 <= len(results) <= 10
    assert results[0]["id"] == "dibao-standard"
    assert all(r["type"] == "article" for r in results)
    assert "875" in results[0]["input_message_content"]["message_text"]
    assert call.params.get("is_personal") in (None, False)
    assert call.params["button"]["start_parameter"]
    assert server.inline_queries[query_id].answered


async def test_inline_query_in_english_gets_english_articles(running_bot: RunningBot) -> None:
    server = running_bot.server
    server.send_inline_query(server.user(), "minimum living allowance")
    call = await server.wait_for("answerInlineQuery")
    first = call.params["results"][0]
    assert first["id"] == "dibao-standard"
    # The title names the city: the card may be sent into any chat.
    assert first["title"].startswith("Zhenjiang: Minimum living allowance (dibao) standard")
    text = first["input_message_content"]["message_text"]
    assert "Minimum living allowance (dibao) standard" in text
    assert "875" in text and "<blockquote>" in text  # figure and the Chinese quote, verbatim


async def test_empty_inline_query_offers_an_overview(running_bot: RunningBot) -> None:
    server = running_bot.server
    server.send_inline_query(server.user(), "")
    call = await server.wait_for("answerInlineQuery")
    assert call.ok and call.params["results"]
    ids = [r["id"] for r in call.params["results"]]
    topics = {running_bot.app.bot_data.engine.knowledge.entries[i].topic for i in ids}
    assert len(topics) == len(ids) > 1  # one headline per topic: an overview, not one topic


async def test_empty_inline_query_puts_the_most_asked_first(start_bot: Any) -> None:
    bot = await start_bot(log_questions=True)
    server = bot.server
    user, chat = bot.private()
    for _ in range(2):
        await bot.ask(chat, user, "镇江养老床位有多少")
    beds = server.calls("sendMessage")[-1].result["reply_markup"]  # feedback: it was logged
    assert "f:" in str(beds)
    server.send_inline_query(user, "")
    call = await server.wait_for("answerInlineQuery")
    first = call.params["results"][0]
    assert "床位" in first["title"], first["title"]
