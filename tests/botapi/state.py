"""What the stand-in remembers: recorded requests, pending queries and the chat store.

The store owns chats, users and messages, so every method module looks a chat up (and
numbers a new message) the same way Telegram does, without reaching into another module.
"""

from __future__ import annotations

import copy
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from botapi.errors import ApiError, bad_request

JSON = dict[str, Any]


@dataclass
class RecordedRequest:
    """One request the bot made, with what the stand-in answered."""

    seq: int
    method: str  # canonical name, e.g. "sendMessage"; the raw path segment if unknown
    params: JSON
    status: int  # HTTP status; 0 when the connection was reset
    response: JSON | None  # the envelope sent; None for a reset or HTML error page
    started: float  # loop.time()
    finished: float
    fault: str | None = None  # the injected fault that shaped this answer, if any
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response and self.response.get("ok"))

    @property
    def result(self) -> Any:
        assert self.response is not None and self.response.get("ok"), self.describe()
        return self.response["result"]

    @property
    def description(self) -> str:
        return str((self.response or {}).get("description", ""))

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        text = self.params.get("text")
        return text if isinstance(text, str) else None

    def describe(self) -> str:
        shown = {
            k: (v if len(repr(v)) < 120 else repr(v)[:117] + "...") for k, v in self.params.items()
        }
        tail = f" fault={self.fault}" if self.fault else ""
        return f"#{self.seq} {self.method} {shown} -> {self.status} {self.description}{tail}"


@dataclass
class PendingQuery:
    """A callback or inline query sent to the bot, and the bot's answer once it comes."""

    query: JSON
    created: float
    answered: bool = False
    answer: JSON | None = None


@dataclass
class Store:
    """Chats, users and messages as Telegram keeps them."""

    chats: dict[int, JSON] = field(default_factory=dict)
    users: dict[int, JSON] = field(default_factory=dict)
    messages: dict[tuple[int, int], JSON] = field(default_factory=dict)
    next_message_id: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    bot_messages: set[tuple[int, int]] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)
    removed_from: set[int] = field(default_factory=set)  # groups and channels the bot left
    admins: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    commands: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def chat(self, chat_id: Any) -> JSON:
        """The chat a ``chat_id`` parameter names: an id or an ``@username``."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return chat
        elif isinstance(chat_id, int) and chat_id in self.chats:
            return self.chats[chat_id]
        raise bad_request("chat not found")

    def chat_for_sending(self, chat_id: Any) -> JSON:
        chat = self.chat(chat_id)
        if chat["type"] == "private" and chat["id"] in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat["id"] in self.removed_from:
            if chat["type"] == "channel":
                raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat['type']} chat")
        return chat

    def is_bot_message(self, message: JSON) -> bool:
        return (message["chat"]["id"], message["message_id"]) in self.bot_messages

    def new_message(
        self,
        chat: JSON,
        *,
        sender: JSON | None,
        text: str | None = None,
        entities: list[JSON] | None = None,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
        extra: JSON | None = None,
        by_bot: bool = False,
    ) -> JSON:
        """Store a message with the chat's next id, shaped like a Bot API Message."""
        self.next_message_id[chat["id"]] += 1
        message: JSON = {
            "message_id": self.next_message_id[chat["id"]],
            "date": int(time.time()),
            "chat": chat,
        }
        if sender is not None:
            message["from"] = sender
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        if thread_id is not None:
            message["message_thread_id"] = thread_id
        if reply_to is not None:
            quoted = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
            message["reply_to_message"] = copy.deepcopy(quoted)
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = entities
        if extra:
            message.update(extra)
        key = (chat["id"], message["message_id"])
        self.messages[key] = message
        if by_bot:
            self.bot_messages.add(key)
        return message


def set_or_drop(message: JSON, key: str, value: Any) -> None:
    """Telegram omits empty fields rather than sending them empty."""
    if value:
        message[key] = value
    else:
        message.pop(key, None)
