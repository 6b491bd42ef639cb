"""The typed state every handler reads: `BotContext` and what the application holds.

PTB lets an application choose the classes behind ``context``, ``bot_data`` and
``chat_data`` (`telegram.ext.ContextTypes`). Ours are plain typed objects, so a handler
writes ``context.engine`` instead of casting what a string key of a dict returns: no
string keys, no casts, and mypy sees a missing or mistyped field.

The engine is read from `BotData` on every update (never cached in a handler), so
`/reload` swaps it for the next update by a single assignment (see `bot.reload`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.tg.memory import AnswerMemory

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.engine import Engine
    from bot.qlog import QuestionLog
    from bot.reload import Reloader
    from bot.tg.throttle import Throttle

__all__ = ["CONTEXT_TYPES", "BotApplication", "BotContext", "BotData"]


class BotData:
    """What the whole application shares; filled in by `build_application`."""

    def __init__(self) -> None:
        self.engine: Engine | None = None  # the engine serving now; /reload replaces it
        self.settings: Settings | None = None
        self.qlog: QuestionLog | None = None  # None: questions are not logged
        self.throttle: Throttle | None = None  # per (group, user); None: no group throttle
        self.reloader: Reloader | None = None  # set by bot.tg.admin.register_admin
        # Which bot messages answered which question, so an edited question edits its
        # answer: one bounded memory for all chats, not a dict per chat (bot.tg.memory).
        self.answers = AnswerMemory()


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
    def answers(self) -> AnswerMemory:
        return self.bot_data.answers


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

# No job queue: nothing is scheduled (and PTB's needs APScheduler, which is not installed).
BotApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, None
]
