"""Hostile input through the whole bot: whatever people type, the bot answers once, validly.

"Validly" is checked by the stand-in, which refuses what Telegram refuses (unbalanced or
unknown HTML tags, unescaped ``<``/``&``/``>``, over-long text, bad callback data ...); the
fixture fails the test if the bot made even one such request. Each case also checks that
the user's markup never becomes *our* markup: text that arrives as ``<b>`` must leave as
``&lt;b&gt;`` if it is echoed at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from botapi import BotAPIServer
from conftest import RunningBot

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"

HOSTILE_TEXTS = {
    "html-injection": '<b>低保</b><script>alert("x")</script><a href="javascript:x">点</a>',
    "html-entities": "&lt;b&gt;低保&lt;/b&gt; &amp; &#0; &#x110000; &nbsp;",
    "unbalanced-tags": "</b></blockquote><pre>低保标准",
    "markdown-injection": "*低保* _标准_ [点我](http://evil.example) `code` ||spoiler||",
    "max-length": ("低保标准是多少？" * 512)[:4096],
    "zero-width": "低\u200b保\u200c标\u200d准\ufeff是多少",
    "bidi-override": "\u202e低保标准\u202c是多少\u2066\u2067\u2068\u2069",
    "nul-and-controls": "低保\x00标准\x07是\x1b[31m多少\x7f\x08",
    "only-emoji": "😀🎉👍🏽👨‍👩‍👧",
    "zalgo-and-rtl": "Z̸̢͉a̴l̷g̶o̵ مرحبا 低保",
    "surrogate-edge": "😀" * 4096,
    "whitespace-only": "\u3000\u00a0",
    "format-strings": "%s%n{0}{__class__}${PATH} 低保",
    "sql-ish": "低保'; DROP TABLE questions; --",
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
async def test_hostile_private_message_gets_one_valid_reply(
    running_bot: RunningBot, name: str
) -> None:
    server = running_bot.server
    user, chat = running_bot.private(f"user-{name}")
    server.send_text(chat, user, HOSTILE_TEXTS[name])
    reply = await server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"])
    assert reply.ok, reply.describe()
    await server.settle()
    assert len(server.bot_messages(chat)) >= 1
    for sent in server.calls("sendMessage"):
        # Telegram keeps only what it parsed; a user's tag must not have become an entity.
        assert "<script" not in sent.params["text"]
        assert "javascript:" not in str(sent.result.get("entities", []))
    assert running_bot.settings.token not in str([r.params for r in server.requests])


async def test_same_answer_despite_invisible_characters(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    clean = await running_bot.ask(chat, user, DIBAO)
    for name in ("zero-width", "bidi-override", "nul-and-controls", "html-injection"):
        noisy = await running_bot.ask(chat, user, HOSTILE_TEXTS[name])
        assert noisy["text"] == clean["text"], name


async def test_hostile_text_in_a_group_mention(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    question = server.send_text(
        group, server.user(), f"@{running_bot.username} {HOSTILE_TEXTS['html-injection']}"
    )
    await server.wait_for("sendMessage")
    await server.settle()
    assert len(server.replies_to(question)) == 1


async def test_long_inline_query(running_bot: RunningBot) -> None:
    server = running_bot.server
    server.send_inline_query(server.user(), ("低保<b>&" * 64)[:256])
    call = await server.wait_for("answerInlineQuery")
    assert call.ok, call.describe()


@pytest.mark.parametrize("name", ["html-injection", "nul-and-controls", "only-emoji", "sql-ish"])
async def test_hostile_inline_queries(running_bot: RunningBot, name: str) -> None:
    server = running_bot.server
    server.send_inline_query(server.user(), HOSTILE_TEXTS[name][:256])
    assert (await server.wait_for("answerInlineQuery")).ok


FORGED_CALLBACKS = [
    "e:../../etc/passwd",
    "e:",
    "t:no-such-topic:0",
    "t:social-assistance:-1",
    "t:social-assistance:99999999999999999999",
    "t:social-assistance:abc",
    "f:999999999:u",
    "f:999999999:u:AAAAAAAAAA",
    "f:1:d:AAAAAAAAAA",
    "f:-1:x",
    "s:extra",
    "x" * 64,
    "低保低保",
    "'; DROP TABLE questions; --",
    "<b>",
]


async def test_forged_callback_data_is_answered_and_ignored(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    answer = await running_bot.ask(chat, user, DIBAO)
    before = len(server.bot_messages(chat))
    queries = [server.send_callback(answer, data) for data in FORGED_CALLBACKS]
    queries.append(server.send_callback(answer, None))  # a game button press has no data
    await server.wait_for_count("answerCallbackQuery", len(queries), timeout=10)
    await server.settle()
    assert all(server.callbacks[q].answered for q in queries), "no spinner left behind"
    assert len(server.bot_messages(chat)) == before  # nothing was opened or posted
    assert server.calls("editMessageText") == []


async def test_callback_from_a_stranger_on_a_group_answer(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    question = server.send_command(group, server.user("提问者"), "ask", DIBAO)
    await server.wait_for("sendMessage")
    (answer,) = server.replies_to(question)
    query = server.send_callback(answer, "t:no-such-topic:0", user=server.user("路人"))
    await server.wait_for("answerCallbackQuery")
    assert server.callbacks[query].answered


BAD_DEEP_LINKS = [
    "../../etc/passwd",
    "x" * 65,
    "<b>低保</b>",
    "dibao-standard extra words",
    "DIBAO-STANDARD",
    "%00",
    "e:dibao-standard",
]


@pytest.mark.parametrize("payload", BAD_DEEP_LINKS)
async def test_bad_deep_link_payloads(running_bot: RunningBot, payload: str) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    server.send_command(chat, user, "start", payload)
    reply = await server.wait_for("sendMessage")
    assert reply.ok, reply.describe()
    await server.settle()


async def test_command_for_another_bot_in_private(running_bot: RunningBot) -> None:
    server: BotAPIServer = running_bot.server
    user, chat = running_bot.private()
    server.send_command(chat, user, "ask", DIBAO, to="otherbot")
    await server.settle(quiet=0.4)
    for sent in server.calls("sendMessage"):
        assert "875" not in sent.params["text"], "answered a command meant for another bot"


async def test_flood_of_hostile_messages_keeps_the_bot_alive(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    for text in HOSTILE_TEXTS.values():
        server.send_text(chat, user, text)
    await server.wait_for_count("sendMessage", len(HOSTILE_TEXTS), timeout=15)
    answer = await running_bot.ask(chat, user, DIBAO)
    assert "875" in answer["text"]
