"""Operator controls: /reload, /stats and SIGHUP.

Admin commands answer only user ids listed in ADMIN_IDS, and only in a private
chat (stats and validation errors are not for a group's eyes). For everyone else
they are exactly like a command the bot does not have: the handler runs in a group
before the ordinary handlers and, for a non-admin, lets the update fall through, so
a private chat gets the usual "unknown command" and a group or channel nothing. An
admin's command is answered here and stops the update. Arguments are validated:
a bad one gets a usage line, never a traceback.

Usage, once the application is built and its engine is in its `BotData`::

    register_admin(application, settings)
"""

from __future__ import annotations

import asyncio
import html
import time
from functools import partial
from typing import Final

from telegram import Update
from telegram.constants import ChatType, MessageLimit, ParseMode
from telegram.ext import ApplicationHandlerStop, CommandHandler, filters

from bot.config import Settings
from bot.curation import parse_since, stats_text
from bot.match.cache import index_cache
from bot.reload import Reloader, build_engine, install_sighup, remove_sighup
from bot.tg.context import BotApplication, BotContext
from bot.tg.questions import log_update

__all__ = ["ADMIN_GROUP", "COMMANDS", "is_admin_command", "register_admin"]

ADMIN_GROUP: Final = -1  # handler group run before the ordinary handlers (group 0)
COMMANDS: Final = ("reload", "stats")
_MAX_REPLY = int(MessageLimit.MAX_TEXT_LENGTH) - 100  # room for the <pre> tags


class _Admin:
    def __init__(self, settings: Settings, reloader: Reloader) -> None:
        self.admin_ids = settings.admin_ids
        self.data_dir = settings.data_dir
        self.reloader = reloader

    def allowed(self, update: Update) -> bool:
        user, chat = update.effective_user, update.effective_chat
        return (
            update.message is not None  # not an edit, not a channel post
            and user is not None
            and user.id in self.admin_ids
            and chat is not None
            and chat.type == ChatType.PRIVATE
        )

    async def command(self, update: Update, context: BotContext) -> None:
        started = time.perf_counter()
        if not self.allowed(update):
            # Handled like any command the bot does not have (group 0 answers "unknown
            # command" in private chats, nothing elsewhere): no hint that it exists.
            return
        message = update.message
        assert message is not None and message.text is not None  # allowed() checked it
        command = command_name(message.text)
        args = context.args or []
        if command == "reload" and args:
            text, status = "usage: /reload (no arguments)", "admin_usage"
        elif command == "reload":
            result = await self.reloader.reload("/reload")
            text = result.summary()
            status = "admin_reload" if result.ok else "admin_reload_rejected"
        elif len(args) > 1:
            text, status = "usage: /stats [7d | 24h | 2w | 2025-01-31 | all]", "admin_usage"
        else:
            text = await self.stats(args)
            status = "admin_stats"
        # Explicit HTML, escaped: validation messages quote YAML and may hold < or &.
        await context.bot.send_message(
            chat_id=message.chat_id,
            text=f"<pre>{html.escape(text[:_MAX_REPLY])}</pre>",
            parse_mode=ParseMode.HTML,
        )
        log_update(update, status, latency_ms=(time.perf_counter() - started) * 1000)
        raise ApplicationHandlerStop

    async def stats(self, args: list[str]) -> str:
        try:
            since = parse_since(args[0]) if args else None
        except ValueError as exc:
            return str(exc).replace("--since", "/stats")
        engine = self.reloader.engine
        knowledge = engine.knowledge if engine is not None else None
        # Reading months of log is disk and CPU work: keep it off the event loop.
        return await asyncio.to_thread(stats_text, self.data_dir, since=since, knowledge=knowledge)


def command_name(text: str) -> str:
    """`/Stats@bot 7d` -> `stats`."""
    return text.split(maxsplit=1)[0].split("@")[0].lstrip("/").lower() if text else ""


def is_admin_command(update: object) -> bool:
    """Whether `update` is a message carrying /reload or /stats (for the error handler)."""
    message = update.effective_message if isinstance(update, Update) else None
    text = message.text if message is not None else None
    return bool(text and text.startswith("/") and command_name(text) in COMMANDS)


def register_admin(application: BotApplication, settings: Settings) -> None:
    """Install /reload, /stats and the SIGHUP reload on `application`. Idempotent.

    Call after the application is built and its engine is set, before it starts.
    It wraps ``post_init`` (to install the signal handler on the running loop) and
    ``post_shutdown``, so do not reassign those afterwards.
    """
    bot_data = application.bot_data
    if bot_data.reloader is not None:
        return
    cache = index_cache(settings.index_cache_dir)
    reloader = Reloader(
        bot_data, root=settings.knowledge_dir, build=partial(build_engine, index_cache=cache)
    )
    bot_data.reloader = reloader
    admin = _Admin(settings, reloader)
    application.add_handler(
        CommandHandler(
            list(COMMANDS),
            admin.command,
            filters=filters.UpdateType.MESSAGES | filters.UpdateType.CHANNEL_POSTS,
        ),
        group=ADMIN_GROUP,
    )

    previous_init = application.post_init
    previous_shutdown = application.post_shutdown

    async def post_init(app: BotApplication) -> None:
        if previous_init is not None:
            await previous_init(app)
        install_sighup(reloader)

    async def post_shutdown(app: BotApplication) -> None:
        try:
            if previous_shutdown is not None:
                await previous_shutdown(app)
        finally:
            remove_sighup()

    application.post_init = post_init
    application.post_shutdown = post_shutdown
