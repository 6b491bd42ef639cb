"""Application error handler: log it, apologise, tell the operator, keep serving.

PTB calls this for any exception a handler raises (and for polling network
errors, with no update). It must never raise itself (except ApplicationHandlerStop,
so that a failed admin command is not also answered as an unknown one), and
nothing it logs or sends may contain the bot token: exception texts from the HTTP
layer can quote request URLs, which embed it, and Telegram's error descriptions can
echo it. ERROR lines name the update by id, kind and chat type; the update itself
(names, text) is logged only at DEBUG.
"""

from __future__ import annotations

import html
import json
import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.config import Settings
from bot.tg.admin import is_admin_command
from bot.tg.context import BotContext
from bot.tg.messages import lang_of, ui
from bot.tg.retry import retryable
from bot.tg.splitting import MAX_TEXT

logger = logging.getLogger(__name__)

_REPORT_TRACEBACK_CHARS = 3000  # the tail of the traceback that fits in one message


def _settings(context: BotContext) -> Settings:
    """The application's settings; bare ones (for redacting the token) if it has none."""
    return context.settings or Settings(token=context.bot.token)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    settings = _settings(context)
    if error is None:
        return
    if update is None and isinstance(error, NetworkError):
        # getUpdates failed; PTB retries on its own. Not worth a traceback or an alert.
        logger.warning("network problem while fetching updates: %s", settings.redact(str(error)))
        return
    if isinstance(error, Forbidden):
        logger.info("not allowed to reply (blocked or removed): %s", settings.redact(str(error)))
        return

    where = describe(update)
    if isinstance(update, Update) and retryable(error):
        # bot.tg.retry gave up on a send: Telegram is unreachable, so an apology or a
        # report would only wait out the same outage. The journal row says undeliverable.
        failure = settings.redact(f"{type(error).__name__}: {error}")
        logger.error("reply to %s undeliverable: %s", where, failure)
        _stop_if_admin_command(update)
        return

    trace = settings.redact("".join(traceback.format_exception(error)))
    # Ids and chat types only: names and message text are personal data (DEBUG has them).
    logger.error("error while handling %s\n%s", where, trace)
    if isinstance(update, Update):
        logger.debug(
            "the update: %s", settings.redact(json.dumps(update.to_dict(), ensure_ascii=False))
        )
        await _apologise(update)
    update_id: object = update.update_id if isinstance(update, Update) else "-"
    await _report(context, settings, update_id, error, trace)
    _stop_if_admin_command(update)


def describe(update: object) -> str:
    """`update 123 (message, private)`: enough to find it, nothing personal."""
    if not isinstance(update, Update):
        return "an update" if update is None else type(update).__name__
    kind = next((k for k in update.to_dict() if k != "update_id"), "unknown")
    chat = update.effective_chat
    return f"update {update.update_id} ({kind}, {chat.type if chat else '-'})"


def _stop_if_admin_command(update: object) -> None:
    """An admin command that failed must not fall through to "unknown command"."""
    if is_admin_command(update):
        raise ApplicationHandlerStop


async def _apologise(update: Update) -> None:
    """A short apology where the user is looking; failures here are only logged."""
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(ui(lang_of(update.callback_query.from_user)).apology)
            return
        message = update.effective_message
        if message is None or update.inline_query is not None:
            return
        await message.reply_text(
            ui(lang_of(message.from_user)).apology,
            do_quote=message.chat.type != ChatType.PRIVATE,
        )
    except TelegramError as exc:
        logger.info("could not send the apology: %s", exc.message)


async def _report(
    context: BotContext,
    settings: Settings,
    update_id: object,
    error: Exception,
    trace: str,
) -> None:
    if settings.error_chat_id is None:
        return
    head = settings.redact(f"{type(error).__name__}: {error}")[:300]
    tail = trace[-_REPORT_TRACEBACK_CHARS:]
    text = (
        f"<b>Error</b> in update {html.escape(str(update_id))}\n"
        f"{html.escape(head)}\n<pre>{html.escape(tail)}</pre>"
    )
    if len(text) > MAX_TEXT:  # escaping can grow the text; cut the traceback further
        text = f"<b>Error</b> in update {html.escape(str(update_id))}\n{html.escape(head)}"
    try:
        await context.bot.send_message(settings.error_chat_id, text)
    except TelegramError as exc:
        logger.warning("could not report the error to ERROR_CHAT_ID: %s", exc.message)
