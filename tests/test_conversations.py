"""Conversations per private chat and per group member, bounded, renewed on reload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fixtures.engine_pack import build_knowledge
from telegram import Chat, Message, User

from bot.engine import Engine
from bot.tg.conversations import Conversations, conversation_key

NOW = dt.datetime(2025, 2, 12, tzinfo=dt.UTC)


def _message(chat: Chat, user: User | None = None, sender_chat: Chat | None = None) -> Message:
    return Message(1, NOW, chat, from_user=user, sender_chat=sender_chat, text="那2019年呢")


def test_keys_per_private_chat_per_group_member_and_per_channel() -> None:
    alice, bob = User(1, "甲", False), User(2, "乙", False)
    group = Chat(-100, "supergroup")
    assert conversation_key(_message(Chat(1, "private"), alice)) == (1, 0)
    assert conversation_key(_message(group, alice)) == (-100, 1)
    assert conversation_key(_message(group, bob)) == (-100, 2)
    anonymous = _message(group, User(1087968824, "Group", True), sender_chat=group)
    assert conversation_key(anonymous) == (-100, -100)
    channel = Chat(-200, "channel")
    assert conversation_key(_message(channel, None, sender_chat=channel)) == (-200, 0)


def test_one_conversation_per_key_until_the_engine_is_replaced() -> None:
    engine = Engine(build_knowledge())
    live = Conversations()
    first = live.of((1, 0), engine)
    assert live.of((1, 0), engine) is first and live.of((2, 0), engine) is not first
    first.reply("镇江低保标准是多少")
    assert first.reply("那2019年呢").first.context == "dibao-standard"
    reloaded = Engine(engine.knowledge)
    fresh = live.of((1, 0), reloaded)
    assert fresh is not first and fresh.turns == ()  # old turns never reach the new engine


def test_memory_stays_bounded_with_many_chats() -> None:
    engine: Any = Engine(build_knowledge())
    live = Conversations(max_items=100)
    for chat in range(500):
        live.of((chat, 0), engine).reply("低保标准")
    assert len(live) == 100
