"""The typed state every handler reads: `BotContext` and what the application holds.

PTB lets an application choose the classes behind ``context``, ``bot_data`` and
``chat_data`` (`telegram.ext.ContextTypes`). Ours are plain typed objects, so a handler
writes ``context.engine`` instead of casting what a string key of a dict returns: no
string keys, no casts, and mypy sees a missing or mistyped field.

The engine is read from `BotData` on every update (never cached in a handler), so
`/reload` swaps it for the next update by a single assignment (see `bot.reload`).

Nothing is kept per chat in PTB's `chat_data` (a dict per chat that lives as long as the
process): what the bot remembers about chats is in bounded stores (`bot.tg.bounded`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.tg.bounded import Bounded
from bot.tg.conversations import Conversations
from bot.tg.links import AnswerLinks

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.engine import Engine
    from bot.qlog import QuestionLog
    from bot.reload import Reloader
    from bot.tg.throttle import Throttle
    from bot.votes import Votes

__all__ = ["CONTEXT_TYPES", "BotApplication", "BotContext", "BotData", "Opened"]

OPENED_KEPT: Final = 5_000  # (chat, message, button) presses remembered, to ignore repeats
OPENED_TTL_S: Final = 600.0
Opened = Bounded[tuple[int, int, str], bool]


class BotData:
    """What the whole application shares; filled in by `build_application`."""

    def __init__(self) -> None:
        self.engine: Engine | None = None  # the engine serving now; /reload replaces it
        self.settings: Settings | None = None
        self.qlog: QuestionLog | None = None  # None: questions are not logged
        self.votes: Votes | None = None  # 👍/👎, beside the question log
        self.throttle: Throttle | None = None  # per (group, user); None: no group throttle
        self.reloader: Reloader | None = None  # set by bot.tg.admin.register_admin
        self.conversations = Conversations()
        self.links = AnswerLinks(None)  # replaced by one on the question log when it is on
        self.opened: Opened = Bounded(OPENED_KEPT, OPENED_TTL_S)


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """``context`` in every handler, with the application's state as typed properties."""

    @property
    def engine(self) -> Engine:
        engine = self.bot_data.engine
        if engine is None:
            raise RuntimeError("no engine: build the application with build_application()")
        return engine

    @property
    def settings(self) -> Settings | None:
        return self.bot_data.settings

    @property
    def qlog(self) -> QuestionLog | None:
        return self.bot_data.qlog

    @property
    def throttle(self) -> Throttle | None:
        return self.bot_data.throttle

    @property
    def reloader(self) -> Reloader | None:
        return self.bot_data.reloader

    @property
    def votes(self) -> Votes | None:
        return self.bot_data.votes

    @property
    def conversations(self) -> Conversations:
        return self.bot_data.conversations

    @property
    def links(self) -> AnswerLinks:
        return self.bot_data.links

    @property
    def opened(self) -> Opened:
        return self.bot_data.opened


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

# No job queue: nothing is scheduled (and PTB's needs APScheduler, which is not installed).
BotApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, None
]
