"""The question path: a message in, every part of it answered in one reply, linked for later.

A question is answered within the asker's conversation (`bot.tg.conversations`), so "那2019年呢"
continues the last question; a reply to one of the bot's answers continues from that
answer's entry, even after a restart (`bot.tg.links`). Every part of a message is answered
in order (`bot.tg.replies`), logged for the curator, and the messages sent are remembered,
so an edited question edits its answer and the answer's buttons know whose they are.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from telegram import Message, ReactionTypeEmoji, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.answer import Answer, Reply
from bot.knowledge.models import Knowledge
from bot.qlog import FeedbackRef
from bot.render import WORDS, city_of, city_title
from bot.tg.context import BotContext
from bot.tg.conversations import conversation_key
from bot.tg.durable import is_late
from bot.tg.keyboards import is_answer, start_keyboard
from bot.tg.links import Sent
from bot.tg.messages import Lang, lang_of, ui
from bot.tg.replies import View, reply_view
from bot.tg.sending import edit_or_send, send_view, typing_if_slow
from bot.tg.splitting import MAX_TEXT, text_length
from bot.updatelog import log_handled

__all__ = ["answer_question", "log_answers", "log_update", "sender_id"]

logger = logging.getLogger(__name__)

_THANKS = re.compile(r"谢|感谢|多谢|辛苦|thank|thx|\bty\b", re.IGNORECASE)
THANKS_REACTION = "👍"


def log_update(update: Update, status: str, **fields: Any) -> None:
    """The one structured line per handled update (never the text, never the token)."""
    chat = update.effective_chat
    chat_type = chat.type if chat else ("inline" if update.inline_query else "-")
    log_handled(update_id=update.update_id, chat_type=chat_type, status=status, **fields)


def sender_id(message: Message) -> int | None:
    """Who wrote a message: the user, or the chat an anonymous admin or a channel writes as."""
    if message.sender_chat is not None:
        return message.sender_chat.id
    return message.from_user.id if message.from_user else None


async def log_answers(
    context: BotContext,
    answers: Sequence[Answer],
    chat_type: str,
    latency_ms: float,
    chat_id: int | None = None,
) -> FeedbackRef | None:
    """Log every part for the curator; the signed reference of the first part that is an
    answer feeds the 👍/👎 buttons. The SQLite writes run in a worker thread: a slow disk may
    cost this reply its buttons, never stall every other chat. Logging never fails a reply."""
    qlog = context.qlog
    if qlog is None:
        return None

    def record() -> FeedbackRef | None:
        ref = None
        for answer in answers:
            row = qlog.record_answer(
                answer, chat_type=chat_type, latency_ms=latency_ms, chat_id=chat_id
            )
            if ref is None and row is not None and is_answer(answer):
                ref = qlog.feedback_ref(row)
        return ref

    try:
        return await asyncio.to_thread(record)
    except Exception:  # QuestionLog already swallows storage errors; this is belt and braces
        logger.warning("question log failed", exc_info=True)
        return None


async def answer_question(
    update: Update, context: BotContext, message: Message, question: str
) -> None:
    """Answer every part of `question`; an edited question edits the earlier answer."""
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # one of our own inline answers, posted by a user: not a question
    chat = message.chat
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP) and not _allowed(context, message):
        log_update(update, "throttled")
        return
    engine = context.engine
    edited = update.edited_message is not None or update.edited_channel_post is not None
    reply_to = await _replied_entry(context, message)
    conversation = context.conversations.of(conversation_key(message), engine)
    started = time.perf_counter()
    reply = conversation.reply(question, reply_to=reply_to)
    latency_ms = (time.perf_counter() - started) * 1000
    ref = await log_answers(context, reply.parts, chat.type, latency_ms, chat.id)

    if not edited and _is_thanks(reply):
        reacted = await _react(context, message)
        if reacted or chat.type != ChatType.PRIVATE:  # a group never gets a menu for thanks
            log_update(update, "thanks" if reacted else "thanks_unanswered")
            return
    view = _view(context, message, reply, ref)
    if is_late(message):  # e.g. answered after a restart: say why it took so long
        view = _late(view, lang_of(message.from_user))
    previous = await context.links.answers_to(chat.id, message.message_id) if edited else None
    async with typing_if_slow(context.bot, message):
        if previous:
            ids = await edit_or_send(context, message, view, previous)
        else:
            ids = await send_view(message, view)
    sent = [Sent(i, out.entries) for i, out in zip(ids, view.messages, strict=True)]
    await context.links.remember(chat.id, message.message_id, sent, sender_id(message))

    first = reply.first
    best = (first.hits or first.known_instead or (None,))[0]
    log_update(
        update,
        first.status if len(reply.parts) == 1 else f"parts={len(reply.parts)}",
        entry_id=best.entry.id if best else None,
        latency_ms=latency_ms,
        qid=ref.question_id if ref else None,
    )


def _view(context: BotContext, message: Message, reply: Reply, ref: FeedbackRef | None) -> View:
    knowledge = context.engine.knowledge
    lang = lang_of(message.from_user)
    in_channel = message.chat.type == ChatType.CHANNEL
    view = reply_view(
        reply.parts, knowledge, lang, ref, link_to=context.bot.username if in_channel else ""
    )
    if message.chat.type == ChatType.PRIVATE and all(p.reason == "chitchat" for p in reply.parts):
        return View(view.messages, start_keyboard(knowledge, lang))  # "你好": examples to tap
    return view


def _late(view: View, lang: Lang) -> View:
    """The view with "sorry for the delay" before its first message, if that still fits."""
    first, *rest = view.messages
    html = ui(lang).late_note + first.html
    if text_length(html) > MAX_TEXT:
        return view
    return View((replace(first, html=html), *rest), view.keyboard)


def _allowed(context: BotContext, message: Message) -> bool:
    throttle = context.throttle
    return throttle is None or throttle.allow((message.chat_id, sender_id(message) or 0))


def _is_thanks(reply: Reply) -> bool:
    return all(p.reason == "chitchat" for p in reply.parts) and bool(_THANKS.search(reply.message))


async def _react(context: BotContext, message: Message) -> bool:
    """A 👍 on a thank-you, as a person would: no message, no menu. False if the chat does
    not allow reactions (in a private chat the thank-you then gets the greeting)."""
    try:
        await context.bot.set_message_reaction(
            message.chat_id, message.message_id, ReactionTypeEmoji(THANKS_REACTION)
        )
    except TelegramError as exc:
        logger.info("could not react to a thank-you: %s", exc)
        return False
    return True


async def _replied_entry(context: BotContext, message: Message) -> str:
    """The entry of the bot's answer this message replies to ("" if it replies to none)."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
        return ""
    link = await context.links.link(message.chat_id, replied.message_id)
    if link is None or not link.entries:
        return ""
    quote = message.quote.text if message.quote else ""
    if len(link.entries) > 1 and quote and replied.text:
        return _quoted_entry(link.entries, replied.text, quote, context.engine.knowledge)
    return link.entries[0]


def _quoted_entry(entries: tuple[str, ...], text: str, quote: str, knowledge: Knowledge) -> str:
    """Of a reply that answers several parts, the part the user quoted: the last entry whose
    title appears before the quote."""
    at = text.find(quote)
    best, best_at = entries[0], -1
    for entry_id in entries:
        entry = knowledge.entries.get(entry_id)
        if entry is None:
            continue
        titles = {
            entry.title,
            entry.title_en,
            city_title(entry.title, city_of(entry, knowledge, WORDS["zh"])),
        }
        found = max((text.rfind(t, 0, at + len(quote)) for t in titles if t), default=-1)
        if found > best_at:
            best, best_at = entry_id, found
    return best
