"""Application error handler: log it, apologise, tell the operator, keep serving.

PTB calls this for any exception a handler raises (and for polling network
errors, with no update). It must never raise itself, and nothing it logs or
sends may contain the bot token: exception texts from the HTTP layer can quote
request URLs, which embed it.
"""

from __future__ import annotations

import html
import json
import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.config import Settings
from bot.tg.context import BotContext
from bot.tg.messages import lang_of, ui
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

    trace = settings.redact("".join(traceback.format_exception(error)))
    if isinstance(update, Update):
        described = settings.redact(json.dumps(update.to_dict(), ensure_ascii=False))
        update_id: object = update.update_id
    else:
        described, update_id = settings.redact(repr(update)), "-"
    logger.error("error while handling update %s: %s\n%s", update_id, described, trace)

    if isinstance(update, Update):
        await _apologise(update)
    await _report(context, settings, update_id, error, trace)


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
