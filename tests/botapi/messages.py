"""Message methods: send, edit, delete, chat actions, and answers to callback/inline queries.

Each one validates what the bot sends the way Telegram does (`botapi.validate`) before it
changes the store, so a request Telegram would refuse is refused here with the same 400.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import time
from collections.abc import Callable
from typing import Any

from botapi.errors import bad_request
from botapi.state import JSON, PendingQuery, Store, set_or_drop
from botapi.validate import (
    MAX_ANSWER_CALLBACK_TEXT,
    check_inline_answer_extras,
    check_inline_results,
    check_reply_markup,
    parse_text,
)

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
MAX_QUOTE = 1024
_DEEP_LINK_RE = re.compile(r"https://t\.me/([A-Za-z0-9_]{5,32})\?start=[A-Za-z0-9_-]{1,64}")
# The emoji a bot may react with (ReactionTypeEmoji in the Bot API reference).
_EMOJI = (
    "👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 "
    "🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 "
    "💊 🙊 😎 👾 🤷 😡"
)
REACTION_EMOJI = frozenset(_EMOJI.split(" "))
_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


class MessageMethods:
    """sendMessage, editMessageText/ReplyMarkup, deleteMessage, sendChatAction,
    setMessageReaction, answerCallbackQuery and answerInlineQuery."""

    strict_html: bool
    inline_query_ttl: float
    bot_user: JSON
    callbacks: dict[str, PendingQuery]
    inline_queries: dict[str, PendingQuery]
    _state: Store
    _flood_check: Callable[[JSON], None]  # from flood control
    _note_sent: Callable[[JSON], None]

    async def _m_sendMessage(self, p: JSON) -> Any:
        chat = self._state.chat_for_sending(p.get("chat_id"))
        parsed = parse_text(
            p.get("text"), p.get("parse_mode"), p.get("entities"), strict_html=self.strict_html
        )
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup)
        reply_to = self._reply_target(chat, p)
        self._flood_check(chat)
        message = self._state.new_message(
            chat,
            sender=None if chat["type"] == "channel" else self.bot_user,
            text=parsed.text,
            entities=parsed.entities,
            reply_to=reply_to,
            thread_id=p.get("message_thread_id"),
            by_bot=True,
        )
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        self._note_sent(chat)
        return copy.deepcopy(message)

    async def _m_editMessageText(self, p: JSON) -> Any:
        parsed = parse_text(
            p.get("text"), p.get("parse_mode"), p.get("entities"), strict_html=self.strict_html
        )
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup, inline_only=True)
        if p.get("inline_message_id"):
            return True
        message = self._editable(p)
        new_markup = markup if markup and markup.get("inline_keyboard") else None
        if (
            message.get("text") == parsed.text
            and message.get("entities", []) == parsed.entities
            and _same(message.get("reply_markup"), new_markup)
        ):
            raise bad_request(_NOT_MODIFIED)
        message["text"] = parsed.text
        set_or_drop(message, "entities", parsed.entities)
        set_or_drop(message, "reply_markup", new_markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _m_editMessageReplyMarkup(self, p: JSON) -> Any:
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup, inline_only=True)
        if p.get("inline_message_id"):
            return True
        message = self._editable(p)
        new_markup = markup if markup and markup.get("inline_keyboard") else None
        if _same(message.get("reply_markup"), new_markup):
            raise bad_request(_NOT_MODIFIED)
        set_or_drop(message, "reply_markup", new_markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _editable(self, p: JSON) -> JSON:
        chat = self._state.chat(p.get("chat_id"))
        message = self._state.messages.get((chat["id"], p.get("message_id") or 0))
        if message is None:
            raise bad_request("message to edit not found")
        if not self._state.is_bot_message(message):
            raise bad_request("message can't be edited")
        return message

    async def _m_deleteMessage(self, p: JSON) -> Any:
        chat = self._state.chat(p.get("chat_id"))
        key = (chat["id"], p.get("message_id") or 0)
        if key not in self._state.messages:
            raise bad_request("message to delete not found")
        del self._state.messages[key]
        return True

    async def _m_sendChatAction(self, p: JSON) -> Any:
        self._state.chat_for_sending(p.get("chat_id"))
        if p.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _m_answerCallbackQuery(self, p: JSON) -> Any:
        entry = self.callbacks.get(str(p.get("callback_query_id", "")))
        if entry is None or entry.answered:
            raise bad_request(_TOO_OLD)
        text = p.get("text")
        if text is not None and len(str(text)) > MAX_ANSWER_CALLBACK_TEXT:
            raise bad_request("MESSAGE_TOO_LONG")
        url = p.get("url")
        if url is not None and not self._opens_this_bot(str(url)):
            # Without a game, the only URLs a callback answer may open are this bot's deep links.
            raise bad_request("URL_INVALID")
        entry.answered = True
        entry.answer = dict(p)
        return True

    async def _m_answerInlineQuery(self, p: JSON) -> Any:
        entry = self.inline_queries.get(str(p.get("inline_query_id", "")))
        now = asyncio.get_running_loop().time()
        if entry is None or entry.answered or now - entry.created > self.inline_query_ttl:
            raise bad_request(_TOO_OLD)
        check_inline_results(p.get("results"), strict_html=self.strict_html)
        check_inline_answer_extras(p.get("next_offset"), p.get("button"))
        entry.answered = True
        entry.answer = dict(p)
        return True

    def _opens_this_bot(self, url: str) -> bool:
        match = _DEEP_LINK_RE.fullmatch(url)
        return bool(match and match[1].lower() == str(self.bot_user["username"]).lower())

    async def _m_setMessageReaction(self, p: JSON) -> Any:
        chat = self._state.chat_for_sending(p.get("chat_id"))
        message = self._state.messages.get((chat["id"], p.get("message_id") or 0))
        if message is None:
            raise bad_request("MESSAGE_ID_INVALID")
        reaction = p.get("reaction") or []
        if not isinstance(reaction, list):
            raise bad_request("can't parse reaction types JSON object")
        if len(reaction) > 1:  # bots may set at most one reaction per message
            raise bad_request("REACTIONS_TOO_MANY")
        for item in reaction:
            if not isinstance(item, dict) or item.get("type") != "emoji":
                raise bad_request("REACTION_INVALID")
            if item.get("emoji") not in REACTION_EMOJI:
                raise bad_request("REACTION_INVALID")
        set_or_drop(message, "bot_reaction", [item["emoji"] for item in reaction])
        return True

    def _reply_target(self, chat: JSON, p: JSON) -> JSON | None:
        reply = p.get("reply_parameters")
        if reply is None and p.get("reply_to_message_id"):
            reply = {
                "message_id": p["reply_to_message_id"],
                "allow_sending_without_reply": p.get("allow_sending_without_reply", False),
            }
        if reply is None:
            return None
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("can't parse reply parameters JSON object")
        target_chat = chat
        if reply.get("chat_id") not in (None, chat["id"]):
            target_chat = self._state.chat(reply["chat_id"])
        message = self._state.messages.get((target_chat["id"], reply["message_id"]))
        if message is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        _check_quote(message, reply)
        return message


def _check_quote(message: JSON, reply: JSON) -> None:
    """A quote must be an exact substring of the replied message (1-1024 characters), at
    ``quote_position`` (UTF-16 units) when one is given; else the message is not sent."""
    quote = reply.get("quote")
    if quote is None:
        return
    text = message.get("text") or message.get("caption") or ""
    if not isinstance(quote, str) or not 1 <= len(quote) <= MAX_QUOTE or quote not in text:
        raise bad_request("QUOTE_TEXT_INVALID")
    position = reply.get("quote_position")
    if position is not None:
        units, piece = text.encode("utf-16-le"), quote.encode("utf-16-le")
        at = position * 2 if isinstance(position, int) else -1
        if at < 0 or units[at : at + len(piece)] != piece:
            raise bad_request("QUOTE_TEXT_INVALID")


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
