"""Onboarding through the real Application: descriptions, a group welcome, /help per chat."""

from __future__ import annotations

from conftest import RunningBot, StartBot

from bot.tg.application import ALLOWED_UPDATES


async def test_descriptions_are_set_in_both_languages_once(start_bot: StartBot) -> None:
    bot = await start_bot()
    server = bot.server
    zh, en = server.description(), server.description("en")
    assert "镇江" in zh and "引文" in zh and len(zh) <= 512
    assert "Zhenjiang" in en and "quote" in en and len(en) <= 512
    short_zh, short_en = server.description(short=True), server.description("en", short=True)
    assert "镇江" in short_zh and 0 < len(short_zh) <= 120
    assert "Zhenjiang" in short_en and 0 < len(short_en) <= 120
    writes = len(server.calls("setMyDescription")) + len(server.calls("setMyShortDescription"))
    assert writes == 4
    before = server.mark()
    await bot.restart()  # already set: read, not written again
    assert server.calls("getMyDescription", since=before)
    assert server.calls("setMyDescription", since=before) == []
    assert server.calls("setMyShortDescription", since=before) == []


async def test_added_to_a_group_the_bot_introduces_itself(running_bot: RunningBot) -> None:
    assert "my_chat_member" in ALLOWED_UPDATES
    server = running_bot.server
    group = server.group()
    server.add_bot(group, server.user("群主"))
    intro = await server.wait_for("sendMessage")
    assert intro.ok and intro.chat_id == group["id"]
    text = intro.result["text"]
    assert "/ask" in text and f"@{running_bot.username}" in text and "直接发问题" not in text
    server.remove_bot(group, server.user("群主"))
    channel = server.channel()
    server.add_bot(channel, server.user("频道主"), admin=True)
    await server.settle()
    assert len(server.calls("sendMessage")) == 1  # nothing for the removal or the channel


async def test_english_adder_gets_an_english_welcome(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    server.add_bot(group, server.user("Alice", language_code="en"))
    intro = await server.wait_for("sendMessage")
    assert intro.result["text"].startswith("Hello!") and "/ask" in intro.result["text"]


async def test_help_says_what_works_where_it_is_asked(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    server.send_command(chat, user, "help")
    private = (await server.wait_for("sendMessage")).result["text"]
    assert "直接发问题" in private and "那2019年呢" in private
    group = server.group()
    server.send_command(group, server.user("群友"), "help")
    in_group = (await server.wait_for("sendMessage")).result["text"]
    assert "/ask" in in_group and "直接发问题" not in in_group and "私聊" in in_group
    channel = server.channel()
    server.send_channel_post(channel, "/help")
    in_channel = (await server.wait_for("sendMessage")).result["text"]
    assert "频道" in in_channel and "/ask" in in_channel
