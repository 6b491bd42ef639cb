"""Who a message is for: the bot's mention or reply filter, and the question inside it.

In groups the bot answers only what is addressed to it (a mention, a reply, /ask), so
ordinary chatter never gets a reply; these helpers decide that and strip the address.
"""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.ext import filters

__all__ = ["ADDRESSED_TO_BOT", "command_argument", "strip_mention"]


class _AddressedToBot(filters.MessageFilter):
    """A group message that mentions this bot (in its text or caption) or replies to one of
    its messages.

    With privacy mode on these are exactly the non-command messages Telegram
    delivers to the bot; the filter keeps the bot quiet if privacy mode is off.
    """

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        reply = message.reply_to_message
        if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        entities = {**message.parse_entities(kinds), **message.parse_caption_entities(kinds)}
        for entity, text in entities.items():
            if entity.type == MessageEntity.MENTION and text.lower() == mention:
                return True
            if entity.user is not None and entity.user.id == bot.id:
                return True
        return False


ADDRESSED_TO_BOT = _AddressedToBot(name="addressed_to_bot")


def command_argument(message: Message) -> str:
    """Text after a leading /command[@bot] (the entity is ASCII, so offsets are characters)."""
    text = message.text or ""
    if message.entities and message.entities[0].type == MessageEntity.BOT_COMMAND:
        first = message.entities[0]
        if first.offset == 0:
            return text[first.length :].strip()
    return text.strip()


def strip_mention(text: str, username: str) -> str:
    cleaned = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return cleaned.strip(" \t\n,，:：")
