"""Nothing kept per chat or per user by python-telegram-bot itself.

What the bot remembers about chats lives in bounded stores (`bot.tg.bounded`). But PTB
also collects every chat and user id it has seen, in sets meant for a persistence
backend that only a persistence run empties; without one (this bot has none: the update
journal is its persistence) they only grow, about 100 bytes per chat and per user.
`register_housekeeping` empties them after every update.
"""

from __future__ import annotations

from typing import Any, Final

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

HOUSEKEEPING_GROUP: Final = 1000  # after every other handler group
# Application attributes (python-telegram-bot 22) that collect ids for a persistence run.
_PERSISTENCE_MARKS: Final = (
    "_chat_ids_to_be_updated_in_persistence",
    "_user_ids_to_be_updated_in_persistence",
    "_chat_ids_to_be_deleted_in_persistence",
    "_user_ids_to_be_deleted_in_persistence",
)


def forget_seen_ids(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Empty PTB's per-chat/per-user persistence marks (no-op with a persistence)."""
    if app.persistence is not None:
        return
    for name in _PERSISTENCE_MARKS:
        ids = getattr(app, name, None)
        if isinstance(ids, set):
            ids.clear()


def register_housekeeping(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run `forget_seen_ids` after each update, in a handler group after all others."""

    async def housekeeping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        forget_seen_ids(context.application)

    app.add_handler(TypeHandler(Update, housekeeping), group=HOUSEKEEPING_GROUP)
