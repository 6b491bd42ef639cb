"""Send an answer as Telegram HTML: split under the limit, threaded, editable later.

An edited question edits the earlier answer in place (more parts are added, surplus
parts deleted), so a group never sees two answers to one question.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError

from bot.tg.context import BotContext
from bot.tg.splitting import split_html

__all__ = ["edit_or_send", "send_html"]

logger = logging.getLogger(__name__)


async def send_html(
    message: Message,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    quote: bool | None = None,
) -> list[int]:
    """Reply with `html`, split under the length limit; the keyboard goes under the last part.

    Outside private chats the first part quotes the asking message, so the reply
    sits in its thread (forum topics are handled by `reply_text`).
    """
    if quote is None:
        quote = message.chat.type != ChatType.PRIVATE
    ids: list[int] = []
    parts = split_html(html)
    for i, part in enumerate(parts):
        sent = await message.reply_text(
            part,
            reply_markup=keyboard if i == len(parts) - 1 else None,
            do_quote=quote and i == 0,
        )
        ids.append(sent.message_id)
    return ids


async def edit_or_send(
    context: BotContext,
    message: Message,
    html: str,
    keyboard: InlineKeyboardMarkup | None,
    previous: list[int],
) -> list[int]:
    """Turn our earlier answer into the new one: edit what exists, add or delete the rest."""
    parts = split_html(html)
    ids: list[int] = []
    for i, part in enumerate(parts):
        markup = keyboard if i == len(parts) - 1 else None
        if i < len(previous):
            try:
                await context.bot.edit_message_text(
                    part, chat_id=message.chat_id, message_id=previous[i], reply_markup=markup
                )
                ids.append(previous[i])
                continue
            except BadRequest as exc:
                if "not modified" in exc.message.lower():
                    ids.append(previous[i])
                    continue
                # Our old answer is gone (deleted by an admin): post a fresh one below.
                logger.info("could not edit earlier answer: %s", exc.message)
        sent = await message.reply_text(
            part, reply_markup=markup, do_quote=message.chat.type != ChatType.PRIVATE and not ids
        )
        ids.append(sent.message_id)
    for stale in previous[len(parts) :]:
        try:
            await context.bot.delete_message(chat_id=message.chat_id, message_id=stale)
        except TelegramError:
            logger.info("could not delete a stale answer part")
    return ids
