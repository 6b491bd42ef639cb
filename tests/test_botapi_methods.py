"""The stand-in's newer Bot API methods refuse what Telegram refuses.

Quotes in replies, reactions, callback answers that open a URL, the bot's descriptions, and
the updates a driver produces (captions, quotes, the bot added to or removed from a chat),
checked through plain HTTP so no python-telegram-bot logic hides anything.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from botapi import BotAPIServer


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession, server: BotAPIServer, method: str, **params: Any
) -> tuple[int, Any]:
    url = f"{server.base_url}{server.token}/{method}"
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with http.post(url, data=form) as response:
        return response.status, await response.json()


async def test_a_quote_must_be_an_exact_substring_at_its_position(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    group = botapi.group()
    question = botapi.send_text(group, botapi.user(), "低保标准是多少？养老床位有多少张？")
    reply = {"message_id": question["message_id"]}

    async def send(**extra: Any) -> tuple[int, Any]:
        params = {**reply, **extra}
        return await call(http, botapi, "sendMessage", chat_id=group["id"], text="答",
                          reply_parameters=params)  # fmt: skip

    assert (await send(quote="养老床位有多少张？", quote_position=8))[0] == 200
    assert (await send(quote="低保标准"))[0] == 200
    for bad in ({"quote": "养老院"}, {"quote": ""}, {"quote": "养老床位", "quote_position": 2}):
        status, body = await send(**bad)
        assert (status, body["description"]) == (400, "Bad Request: QUOTE_TEXT_INVALID")


async def test_reactions_one_allowed_emoji_on_an_existing_message(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    message = botapi.send_text(chat, user, "谢谢")
    ok = [{"type": "emoji", "emoji": "👍"}]

    async def react(reaction: Any, message_id: int = message["message_id"]) -> tuple[int, Any]:
        return await call(http, botapi, "setMessageReaction", chat_id=chat["id"],
                          message_id=message_id, reaction=reaction)  # fmt: skip

    assert (await react(ok))[0] == 200
    assert (await react([{"type": "emoji", "emoji": "🦖"}]))[1]["description"].endswith(
        "REACTION_INVALID"
    )
    assert (await react(ok * 2))[1]["description"].endswith("REACTIONS_TOO_MANY")
    assert (await react(ok, 999))[1]["description"].endswith("MESSAGE_ID_INVALID")


async def test_a_callback_answer_may_only_open_this_bots_deep_links(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    keyboard = {"inline_keyboard": [[{"text": "b", "callback_data": "s"}]]}
    _, sent = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="菜单",
                         reply_markup=keyboard)  # fmt: skip
    own = f"https://t.me/{botapi.bot_username}?start=dibao-standard"
    for url, status in (("https://example.com/", 400), ("https://t.me/otherbot?start=x", 400)):
        query = botapi.send_callback(sent["result"], "s")
        assert (await call(http, botapi, "answerCallbackQuery", callback_query_id=query,
                           url=url))[0] == status  # fmt: skip
    query = botapi.send_callback(sent["result"], "s")
    assert (await call(http, botapi, "answerCallbackQuery", callback_query_id=query,
                       url=own))[0] == 200  # fmt: skip


async def test_descriptions_per_language_within_limits(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    assert (await call(http, botapi, "setMyDescription", description="中文"))[0] == 200
    assert (await call(http, botapi, "setMyDescription", description="English",
                       language_code="en"))[0] == 200  # fmt: skip
    _, zh = await call(http, botapi, "getMyDescription")
    _, en = await call(http, botapi, "getMyDescription", language_code="en")
    assert zh["result"] == {"description": "中文"} and en["result"] == {"description": "English"}
    _, none = await call(http, botapi, "getMyShortDescription", language_code="de")
    assert none["result"] == {"short_description": ""}
    too_long = await call(http, botapi, "setMyShortDescription", short_description="x" * 121)
    assert too_long[0] == 400
    assert (await call(http, botapi, "setMyDescription", description="x" * 513))[0] == 400
    bad_lang = await call(http, botapi, "setMyDescription", description="x", language_code="eng")
    assert bad_lang[0] == 400


async def test_a_removed_bot_cannot_post_and_membership_updates_are_queued(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    group = botapi.group()
    owner = botapi.user("群主")
    added = botapi.add_bot(group, owner)
    change = added["my_chat_member"]
    assert change["old_chat_member"]["status"] == "left"
    assert change["new_chat_member"] == {"status": "member", "user": botapi.bot_user}
    botapi.remove_bot(group, owner)
    status, body = await call(http, botapi, "sendMessage", chat_id=group["id"], text="x")
    assert (status, body["description"]) == (
        403,
        "Forbidden: bot was kicked from the supergroup chat",
    )
    channel = botapi.channel()
    admin = botapi.add_bot(channel, owner)["my_chat_member"]["new_chat_member"]
    assert admin["status"] == "administrator" and admin["can_post_messages"] is True


def test_captions_and_quotes_are_what_a_client_sends(botapi: BotAPIServer) -> None:
    user = botapi.user()
    group = botapi.group()
    photo = botapi.send_media(group, user, "photo", caption="@zj_minzheng_bot 低保")
    assert photo["caption_entities"] == [{"type": "mention", "offset": 0, "length": 16}]
    with pytest.raises(ValueError):
        botapi.send_media(group, user, "sticker", caption="x")
    answer = botapi.send_text(group, user, "镇江低保标准875元")
    quoted = botapi.send_text(group, user, "那2019年呢", reply_to=answer, quote="875元")
    assert quoted["quote"] == {"text": "875元", "position": 6, "is_manual": True}
    with pytest.raises(ValueError):
        botapi.send_text(group, user, "x", reply_to=answer, quote="不在原文里")
