"""One conversation per private chat, and per person in a group, in constant memory.

Follow-ups ("那2019年呢", "丹阳呢") are completed from the asker's own earlier turns: in a
group, member B's "丹阳呢" must not continue member A's question, so a group keeps one
conversation per (group, member). A channel speaks with one voice, so it keeps one.
Conversations live in a `Bounded` map: idle ones are dropped after the engine's turn TTL
(they could not complete anything any more) and the least recently used go first when many
chats are active at once. A reply to one of the bot's answers does not need any of this: it
continues from that answer's entry (see `bot.tg.links`), even after a restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from telegram import Message
from telegram.constants import ChatType

from bot.compose.conversation import TTL_SECONDS, Conversation
from bot.tg.bounded import Bounded

if TYPE_CHECKING:
    from bot.engine import Engine

__all__ = ["MAX_CONVERSATIONS", "ConversationKey", "Conversations", "conversation_key"]

MAX_CONVERSATIONS: Final = 1_000  # ~3 KB each: memory stays flat (soak: tests/soak.py)
ConversationKey = tuple[int, int]  # (chat id, member id); the member is 0 outside groups


def conversation_key(message: Message) -> ConversationKey:
    """Whose conversation a message belongs to."""
    if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return (message.chat.id, 0)
    user = message.from_user
    # An anonymous admin writes as the group (sender_chat): one voice, one conversation.
    member = message.sender_chat.id if message.sender_chat else user.id if user else 0
    return (message.chat.id, member)


class Conversations:
    """The live conversations, each bound to the engine that started it."""

    def __init__(
        self,
        max_items: int = MAX_CONVERSATIONS,
        ttl: float = TTL_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._live: Bounded[ConversationKey, tuple[Engine, Conversation]] = Bounded(
            max_items, ttl, clock=clock
        )

    def of(self, key: ConversationKey, engine: Engine) -> Conversation:
        """The conversation for `key`, new if there is none or the engine was reloaded
        (turns understood by the old knowledge must not complete questions on the new)."""
        held = self._live.get(key)
        if held is not None and held[0] is engine:
            return held[1]
        conversation = engine.conversation(clock=self._clock)
        self._live.put(key, (engine, conversation))
        return conversation

    def forget(self, key: ConversationKey) -> None:
        self._live.pop(key)

    def __len__(self) -> int:
        return len(self._live)
