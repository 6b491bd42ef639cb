"""Send replies as Telegram HTML: split under the limit, threaded, quoting, editable later.

An edited question edits the earlier answer in place (more parts are added, surplus parts
deleted), so a group never sees two answers to one question. When a reply is slow to leave
(the group's flood limit holds it back, the Bot API is slow) the chat shows "typing…".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError

from bot.tg.context import BotContext
from bot.tg.replies import Outgoing, View
from bot.tg.splitting import split_html

__all__ = ["edit_or_send", "send_html", "send_view", "typing_if_slow"]

logger = logging.getLogger(__name__)

TYPING_AFTER_S = 0.8  # a reply that has not left by then shows "typing…"
TYPING_EVERY_S = 4.5  # clients show the action for 5 seconds


async def send_html(
    message: Message,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    quote: bool | None = None,
) -> list[int]:
    """Reply with fixed HTML (help, menus), split under the length limit; the keyboard goes
    under the last part. Outside private chats the first part replies to the message."""
    pieces = tuple(Outgoing(part, ()) for part in split_html(html))
    return await send_view(message, View(pieces, keyboard), quote=quote)


async def send_view(message: Message, view: View, *, quote: bool | None = None) -> list[int]:
    """Send every message of a reply; returns their ids in order.

    Outside private chats the first message replies to the question, so the reply sits in
    its thread (forum topics are handled by `reply_text`); when a reply of several questions
    takes several messages, each one that begins a new part quotes the question it answers.
    """
    if quote is None:
        quote = message.chat.type != ChatType.PRIVATE
    ids: list[int] = []
    last = len(view.messages) - 1
    for i, out in enumerate(view.messages):
        sent = await message.reply_text(
            out.html,
            reply_markup=view.keyboard if i == last else None,
            reply_parameters=_reply_to(message, view, i) if quote else None,
            do_quote=False,
        )
        ids.append(sent.message_id)
    return ids


def _reply_to(message: Message, view: View, i: int) -> ReplyParameters | None:
    """The first message replies; later ones only to quote the part they begin."""
    out = view.messages[i]
    several = len(view.messages) > 1
    begins = bool(out.quote) and (i == 0 or view.messages[i - 1].quote != out.quote)
    if i > 0 and not (several and begins):
        return None
    source = message.text or message.caption or ""
    text = out.quote if several and begins else ""
    if text and text in source:
        position = len(source[: source.index(text)].encode("utf-16-le")) // 2
        return ReplyParameters(
            message.message_id,
            quote=text,
            quote_position=position,
            allow_sending_without_reply=True,
        )
    if i > 0:
        return None
    return ReplyParameters(message.message_id, allow_sending_without_reply=True)


async def edit_or_send(
    context: BotContext, message: Message, view: View, previous: list[int]
) -> list[int]:
    """Turn our earlier answer into the new one: edit what exists, add or delete the rest."""
    ids: list[int] = []
    last = len(view.messages) - 1
    for i, out in enumerate(view.messages):
        markup = view.keyboard if i == last else None
        if i < len(previous):
            try:
                await context.bot.edit_message_text(
                    out.html, chat_id=message.chat_id, message_id=previous[i], reply_markup=markup
                )
                ids.append(previous[i])
                continue
            except BadRequest as exc:
                if "not modified" in exc.message.lower():
                    ids.append(previous[i])
                    continue
                # Our old answer is gone (deleted by an admin): post a fresh one below.
                logger.info("could not edit earlier answer: %s", exc.message)
        reply = message.chat.type != ChatType.PRIVATE and not ids
        sent = await message.reply_text(out.html, reply_markup=markup, do_quote=reply)
        ids.append(sent.message_id)
    for stale in previous[len(view.messages) :]:
        try:
            await context.bot.delete_message(chat_id=message.chat_id, message_id=stale)
        except TelegramError:
            logger.info("could not delete a stale answer part")
    return ids


@contextlib.asynccontextmanager
async def typing_if_slow(bot: Bot, message: Message) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the body runs, if it takes longer than a moment.

    The action skips the rate limiter (see `bot.tg.application.ActionsFirst`), so it shows
    while the reply itself is held back by the group's flood limit.
    """
    task = asyncio.create_task(_typing(bot, message))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _typing(bot: Bot, message: Message) -> None:
    await asyncio.sleep(TYPING_AFTER_S)
    thread = message.message_thread_id if message.is_topic_message else None
    while True:
        try:
            await bot.send_chat_action(message.chat_id, ChatAction.TYPING, message_thread_id=thread)
        except TelegramError as exc:  # cosmetic: never fail or delay the answer for it
            logger.debug("typing action failed: %s", exc)
            return
        await asyncio.sleep(TYPING_EVERY_S)
