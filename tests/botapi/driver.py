"""The test driver: people, chats and what they do (write, edit, press buttons, query inline).

Each action stores the message the way Telegram would and queues the update the bot would
receive (unless privacy mode hides it), so a test reads like a user's session.
"""

from __future__ import annotations

import asyncio
import copy
import secrets
import time
from collections.abc import Callable
from typing import Any

from botapi.entities import detect_entities
from botapi.state import JSON, PendingQuery, RecordedRequest, Store, set_or_drop
from botapi.text import utf16_len


class Driver:
    """Simulated users, groups and channels, and their messages, buttons and queries."""

    bot_username: str
    bot_user: JSON
    requests: list[RecordedRequest]
    callbacks: dict[str, PendingQuery]
    inline_queries: dict[str, PendingQuery]
    _state: Store
    _mark: int
    _next_user_id: int
    _next_group_id: int
    push_update: Callable[[JSON], JSON]  # from the update queue
    _deliverable: Callable[[JSON], bool]

    # ------------------------------------------------------------------ people and chats

    def user(
        self,
        first_name: str = "小王",
        *,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        user_id: int | None = None,
        last_name: str | None = None,
    ) -> JSON:
        """A human Telegram user (the id is unique within this server)."""
        if user_id is None:
            self._next_user_id += 1
            user_id = self._next_user_id
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._state.users[user_id] = user
        return user

    def private_chat(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        self._state.chats[chat["id"]] = chat
        return chat

    def group(self, title: str = "镇江民政交流群", *, supergroup: bool = True) -> JSON:
        self._next_group_id += 1
        chat_id = -(1_000_000_000_000 + self._next_group_id) if supergroup else -self._next_group_id
        chat: JSON = {
            "id": chat_id,
            "type": "supergroup" if supergroup else "group",
            "title": title,
        }
        self._state.chats[chat_id] = chat
        return chat

    def channel(self, title: str = "镇江民政发布", *, username: str | None = "zj_mz_news") -> JSON:
        self._next_group_id += 1
        chat: JSON = {
            "id": -(1_000_000_000_000 + self._next_group_id),
            "type": "channel",
            "title": title,
        }
        if username:
            chat["username"] = username
        self._state.chats[chat["id"]] = chat
        return chat

    def set_admin(self, chat: JSON, user: JSON) -> None:
        self._state.admins[chat["id"]].add(user["id"])

    def block(self, user: JSON) -> None:
        """The user blocks the bot: sends to them fail with 403 from now on."""
        self._state.blocked.add(user["id"])

    # ------------------------------------------------------------------ messages

    def send_text(
        self,
        chat: JSON,
        user: JSON | None,
        text: str,
        *,
        reply_to: JSON | None = None,
        entities: list[JSON] | None = None,
        thread_id: int | None = None,
        quote: str | None = None,
        sent_ago: float = 0.0,
    ) -> JSON:
        """A user writes ``text`` in ``chat`` (entities are detected like Telegram's client);
        ``quote`` is the part of ``reply_to`` they selected to reply to; ``sent_ago``
        back-dates it, like a message Telegram held while the bot was down."""
        if chat["type"] == "channel":
            return self.send_channel_post(chat, text)
        assert user is not None, "a user is needed outside channels"
        self._ensure_member(chat, user)
        if reply_to is not None:
            reply_to = self._state.messages.get((chat["id"], reply_to["message_id"]), reply_to)
        extra: JSON = {"date": int(time.time() - sent_ago)} if sent_ago else {}
        if quote is not None:
            replied = (reply_to or {}).get("text", "")
            if not quote or quote not in replied:
                raise ValueError("a client can only quote text of the message it replies to")
            position = utf16_len(replied[: replied.index(quote)])
            extra["quote"] = {"text": quote, "position": position, "is_manual": True}
        message = self._state.new_message(
            chat,
            sender=user,
            text=text,
            entities=entities if entities is not None else detect_entities(text),
            reply_to=reply_to,
            thread_id=thread_id,
            extra=extra,
        )
        if self._deliverable(message):
            self.push_update({"message": copy.deepcopy(message)})
        else:
            self._mark = len(self.requests)
        return message

    def send_command(
        self,
        chat: JSON,
        user: JSON | None,
        command: str,
        args: str = "",
        *,
        to: str | bool = False,
    ) -> JSON:
        """``/command args``; ``to=True`` adds ``@<this bot>``, ``to="otherbot"`` another bot."""
        suffix = ""
        if to is True:
            suffix = f"@{self.bot_username}"
        elif isinstance(to, str) and to:
            suffix = f"@{to}"
        text = f"/{command.lstrip('/')}{suffix}" + (f" {args}" if args else "")
        return self.send_text(chat, user, text)

    def send_channel_post(self, channel: JSON, text: str) -> JSON:
        message = self._state.new_message(
            channel, sender=None, text=text, entities=detect_entities(text)
        )
        self.push_update({"channel_post": copy.deepcopy(message)})
        return message

    def edit_text(self, message: JSON, new_text: str) -> JSON:
        """The author edits their message: Telegram sends edited_message (edited_channel_post)."""
        stored = self._state.messages.get((message["chat"]["id"], message["message_id"]))
        if stored is None:
            raise KeyError("no such message")
        stored["text"] = new_text
        set_or_drop(stored, "entities", detect_entities(new_text))
        stored["edit_date"] = int(time.time())
        kind = "edited_channel_post" if stored["chat"]["type"] == "channel" else "edited_message"
        if kind == "edited_channel_post" or self._deliverable(stored):
            self.push_update({kind: copy.deepcopy(stored)})
        return stored

    def send_media(
        self,
        chat: JSON,
        user: JSON,
        kind: str,
        payload: JSON | None = None,
        *,
        caption: str | None = None,
    ) -> JSON:
        """A non-text message: ``kind`` is sticker, photo, voice, location, document ...;
        photos, documents and voice messages may carry a ``caption`` (≤ 1024 characters)."""
        if caption is not None and (kind not in _CAPTIONED or not 0 < len(caption) <= 1024):
            raise ValueError("Telegram clients send captions of 1-1024 characters on media only")
        self._ensure_member(chat, user)
        unique = secrets.token_hex(8)
        defaults: dict[str, Any] = {
            "sticker": _sticker(unique, unique, "👍"),
            "photo": [
                {"file_id": f"AgAC{unique}", "file_unique_id": unique, "width": 90, "height": 90}
            ],
            "voice": {"file_id": f"AwAC{unique}", "file_unique_id": unique, "duration": 2},
            "location": {"latitude": 32.19, "longitude": 119.45},
            "document": {
                "file_id": f"BQAC{unique}",
                "file_unique_id": unique,
                "file_name": "a.pdf",
            },
        }
        value = payload if payload is not None else defaults[kind]
        extra: JSON = {kind: value}
        if caption is not None:
            extra["caption"] = caption
            entities = detect_entities(caption)
            if entities:
                extra["caption_entities"] = entities
        message = self._state.new_message(chat, sender=user, extra=extra)
        if self._deliverable(message):
            self.push_update({"message": copy.deepcopy(message)})
        return message

    def send_sticker(self, chat: JSON, user: JSON, emoji: str = "👍") -> JSON:
        self._ensure_member(chat, user)
        sticker = _sticker(secrets.token_hex(8), secrets.token_hex(8), emoji)
        return self.send_media(chat, user, "sticker", sticker)

    # ------------------------------------------------------------------ membership

    def add_bot(self, chat: JSON, by: JSON, *, admin: bool = False) -> JSON:
        """``by`` adds the bot to a group (or makes it a channel admin): my_chat_member."""
        self._state.removed_from.discard(chat["id"])
        status = "administrator" if admin or chat["type"] == "channel" else "member"
        return self._my_chat_member(chat, by, "left", status)

    def remove_bot(self, chat: JSON, by: JSON) -> JSON:
        """``by`` removes the bot: sends to the chat fail with 403 from now on."""
        self._state.removed_from.add(chat["id"])
        return self._my_chat_member(chat, by, "member", "left")

    def _my_chat_member(self, chat: JSON, by: JSON, old: str, new: str) -> JSON:
        self._state.users.setdefault(by["id"], by)
        update: JSON = {
            "chat": chat,
            "from": by,
            "date": int(time.time()),
            "old_chat_member": self._bot_member(old),
            "new_chat_member": self._bot_member(new),
        }
        return self.push_update({"my_chat_member": update})

    def _bot_member(self, status: str) -> JSON:
        if status != "administrator":
            return {"status": status, "user": self.bot_user}
        rights = [
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_change_info",
            "can_invite_users",
            "can_post_messages",
            "can_edit_messages",
        ]
        member: JSON = {"status": status, "user": self.bot_user, "is_anonymous": False}
        member |= {right: True for right in rights}
        member |= {"can_be_edited": False, "can_promote_members": False}
        member |= {k: False for k in ("can_post_stories", "can_edit_stories", "can_delete_stories")}
        return member

    # ------------------------------------------------------------------ queries

    def send_callback(self, message: JSON, data: str | None, *, user: JSON | None = None) -> str:
        """A user presses a button of ``message`` (which the bot sent): returns the query id."""
        stored = self._state.messages.get((message["chat"]["id"], message["message_id"]), message)
        if user is None:
            if stored["chat"]["type"] != "private":
                raise ValueError("say which user pressed the button outside private chats")
            user = self._state.users[stored["chat"]["id"]]
        query_id = str(secrets.randbits(63))
        query: JSON = {
            "id": query_id,
            "from": user,
            "message": copy.deepcopy(stored),
            "chat_instance": str(abs(hash(stored["chat"]["id"])) % 10**18),
        }
        if data is not None:
            query["data"] = data
        self.callbacks[query_id] = PendingQuery(query, asyncio.get_running_loop().time())
        self.push_update({"callback_query": query})
        return query_id

    def send_inline_query(
        self, user: JSON, query: str, *, offset: str = "", chat_type: str | None = "sender"
    ) -> str:
        """``@bot query`` typed in some chat; Telegram caps the query at 256 characters."""
        if len(query) > 256:
            raise ValueError("Telegram clients cannot send inline queries over 256 characters")
        query_id = str(secrets.randbits(63))
        inline: JSON = {"id": query_id, "from": user, "query": query, "offset": offset}
        if chat_type is not None:
            inline["chat_type"] = chat_type
        self.inline_queries[query_id] = PendingQuery(inline, asyncio.get_running_loop().time())
        self.push_update({"inline_query": inline})
        return query_id

    def _ensure_member(self, chat: JSON, user: JSON) -> None:
        self._state.users.setdefault(user["id"], user)
        if chat["type"] == "private" and chat["id"] != user["id"]:
            raise ValueError("a private chat only has its own user")


_CAPTIONED = frozenset({"photo", "document", "voice", "video", "audio", "animation"})


def _sticker(file_unique: str, unique_id: str, emoji: str) -> JSON:
    return {
        "file_id": f"CAACAg{file_unique}",
        "file_unique_id": unique_id,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
    }
