"""Thin Telegram handlers: pick the question out of an update, ask the engine, send the reply.

All decisions about *what* to answer live in `bot.engine`; all wording of
answers in `bot.render`. Handlers only deal with Telegram's side: who is
addressed, where to reply, how to split, what to edit.

State comes from the typed `bot.tg.context.BotContext`: ``context.engine`` is read on
every update (never cached in a handler), so `/reload` can swap it by one assignment.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.answer import Answer
from bot.engine import Engine
from bot.qlog import FeedbackRef, log_handled
from bot.render import entry_html
from bot.tg import keyboards, messages
from bot.tg.addressing import command_argument, strip_mention
from bot.tg.context import BotContext
from bot.tg.durable import is_late
from bot.tg.keyboards import Feedback, OpenEntry, OpenSections, OpenTopic
from bot.tg.messages import lang_of, ui
from bot.tg.sending import edit_or_send, send_html
from bot.tg.splitting import split_html

logger = logging.getLogger(__name__)


async def ask_logged(
    context: BotContext,
    engine: Engine,
    question: str,
    chat_type: str,
    chat_id: int | None = None,
) -> tuple[Answer, float, FeedbackRef | None]:
    """Ask the engine and log the question: (answer, engine latency in ms, logged row).

    The signed row reference feeds the 👍/👎 buttons. The SQLite write runs in a worker
    thread: a slow disk or a locked database may cost this one answer its buttons, never
    stall the event loop and with it every other chat. Logging never fails the answer.
    """
    started = time.perf_counter()
    answer = engine.ask(question)
    latency_ms = (time.perf_counter() - started) * 1000
    qlog = context.qlog
    if qlog is None:
        return answer, latency_ms, None

    def record() -> FeedbackRef | None:
        log_id = qlog.record_answer(
            answer, chat_type=chat_type, latency_ms=latency_ms, chat_id=chat_id
        )
        return None if log_id is None else qlog.feedback_ref(log_id)

    try:
        logged = await asyncio.to_thread(record)
    except Exception:  # QuestionLog already swallows storage errors; this is belt and braces
        logger.warning("question log failed", exc_info=True)
        logged = None
    return answer, latency_ms, logged


def log_update(update: Update, status: str, **fields: Any) -> None:
    """The one structured line per handled update (never the text, never the token)."""
    chat = update.effective_chat
    chat_type = chat.type if chat else ("inline" if update.inline_query else "-")
    log_handled(update_id=update.update_id, chat_type=chat_type, status=status, **fields)


# --- the question path ----------------------------------------------------------------------


async def answer_question(
    update: Update, context: BotContext, message: Message, question: str
) -> None:
    """Ask the engine and reply; an edited question edits the earlier answer."""
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # one of our own inline answers, posted by a user: not a question
    chat = message.chat
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP) and not _allowed(context, message):
        log_update(update, "throttled")
        return

    engine = context.engine
    answer, latency_ms, logged = await ask_logged(context, engine, question, chat.type, chat.id)

    lang = lang_of(message.from_user)
    html, keyboard = keyboards.answer_reply(answer, engine.knowledge, lang, logged)
    if is_late(message):  # e.g. answered after a restart: say why it took so long
        html = ui(lang).late_note + html
    edited = update.edited_message is not None or update.edited_channel_post is not None
    previous = context.answers.get(chat.id, message.message_id) if edited else None
    if previous:
        ids = await edit_or_send(context, message, html, keyboard, previous)
    else:
        ids = await send_html(message, html, keyboard)
    context.answers.put(chat.id, message.message_id, ids)

    best = answer.hits[0] if answer.hits else None
    log_update(
        update,
        answer.status,
        entry_id=best.entry.id if best else None,
        latency_ms=latency_ms,
        qid=logged.question_id if logged else None,
    )


def _allowed(context: BotContext, message: Message) -> bool:
    throttle = context.throttle
    if throttle is None:
        return True
    user = message.from_user
    sender = user.id if user is not None else message.sender_chat.id if message.sender_chat else 0
    return throttle.allow((message.chat_id, sender))


# --- handlers --------------------------------------------------------------------------------


async def start(update: Update, context: BotContext) -> None:
    """/start, with an optional deep-link payload: an entry id, or "help" from inline mode."""
    message = update.effective_message
    if message is None:
        return
    knowledge = context.engine.knowledge
    lang = lang_of(message.from_user)
    payload = context.args[0] if context.args else ""
    if payload == "help":
        await send_html(message, messages.help_text(lang, context.bot.username))
        log_update(update, "help")
        return
    if payload:
        entry = knowledge.entries.get(payload)
        if entry is not None:
            keyboard = keyboards.entry_keyboard(entry, knowledge, lang)
            await send_html(message, entry_html(entry, knowledge, lang), keyboard)
            log_update(update, "deep_link", entry_id=entry.id)
            return
        await send_html(message, ui(lang).unknown_link)
    await send_html(message, messages.greeting(lang), keyboards.start_keyboard(knowledge, lang))
    log_update(update, "start")


async def help_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is not None:
        lang = lang_of(message.from_user)
        await send_html(message, messages.help_text(lang, context.bot.username))
        log_update(update, "help")


async def topics(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    knowledge = context.engine.knowledge
    lang = lang_of(message.from_user)
    await send_html(
        message,
        messages.sections_text(knowledge, lang),
        keyboards.sections_keyboard(knowledge, lang),
    )
    log_update(update, "topics")


async def source(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is not None:
        knowledge = context.engine.knowledge
        await send_html(message, messages.source_text(knowledge, lang_of(message.from_user)))
        log_update(update, "source")


async def ask(update: Update, context: BotContext) -> None:
    """/ask in any chat, channel posts included; a bare /ask as a reply asks the replied text."""
    message = update.effective_message
    if message is None:
        return
    question = command_argument(message)
    reply = message.reply_to_message
    from_bot = (
        reply is not None and reply.from_user is not None and reply.from_user.id == context.bot.id
    )
    if not question and reply is not None and reply.text and not from_bot:
        question = reply.text
    if not question:
        if update.message is not None or update.channel_post is not None:
            await send_html(message, ui(lang_of(message.from_user)).ask_usage)
            log_update(update, "usage")
        return
    await answer_question(update, context, message, question)


async def private_question(update: Update, context: BotContext) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_question(update, context, message, message.text)


async def group_question(update: Update, context: BotContext) -> None:
    """A group message that mentions the bot or replies to it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    question = strip_mention(message.text, context.bot.username)
    if question:
        await answer_question(update, context, message, question)
    elif update.message is not None:  # just "@bot": say how to ask
        lang = lang_of(message.from_user)
        await send_html(message, messages.mention_usage(lang, context.bot.username))
        log_update(update, "usage")


async def unknown_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is not None:
        await send_html(message, ui(lang_of(message.from_user)).unknown_command)
        log_update(update, "unknown_command")


async def non_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice ...: say what works instead of staying silent."""
    message = update.effective_message
    if message is not None:
        await send_html(message, ui(lang_of(message.from_user)).non_text)
        log_update(update, "non_text")


async def callback(update: Update, context: BotContext) -> None:
    """Buttons. Every query is answered (else the client spins); unknown data is ignored."""
    query = update.callback_query
    if query is None:
        return
    knowledge = context.engine.knowledge
    lang = lang_of(query.from_user)
    action = keyboards.parse_callback(query.data)

    if isinstance(action, OpenSections):
        await query.answer()
        text = messages.sections_text(knowledge, lang)
        await _show(query.message, text, keyboards.sections_keyboard(knowledge, lang))
        log_update(update, "button_sections")
    elif isinstance(action, OpenTopic) and action.topic in knowledge.topics:
        await query.answer()
        topic = knowledge.topics[action.topic]
        total = len(knowledge.topic_entries(topic.id))
        page = keyboards.clamp_page(action.page, total)
        text = messages.topic_text(knowledge, topic, page, keyboards.page_count(total), lang)
        await _show(query.message, text, keyboards.topic_keyboard(knowledge, topic, page, lang))
        log_update(update, "button_topic")
    elif isinstance(action, OpenEntry) and action.entry in knowledge.entries:
        await query.answer()
        entry = knowledge.entries[action.entry]
        if isinstance(query.message, Message):
            keyboard = keyboards.entry_keyboard(entry, knowledge, lang)
            html = entry_html(entry, knowledge, lang)
            await send_html(query.message, html, keyboard, quote=False)
        log_update(update, "button_entry", entry_id=entry.id)
    elif isinstance(action, OpenTopic | OpenEntry):
        await query.answer(ui(lang).entry_gone)  # a button from before a /reload
        log_update(update, "button_stale")
    elif isinstance(action, Feedback):
        qlog = context.qlog
        qid = action.ref.question_id
        if qlog is None or not qlog.verify_feedback(action.ref):
            await query.answer()  # a forged or foreign tag: stop the spinner, record nothing
            log_update(update, "feedback_forged", qid=qid)
            return
        saved = qlog.record_feedback(qid, action.up)
        await query.answer(ui(lang).feedback_thanks if saved else None)
        log_update(update, "feedback_up" if action.up else "feedback_down", qid=qid)
    else:
        await query.answer()  # forged or obsolete data: acknowledge, do nothing
        log_update(update, "button_unknown")


async def _show(message: object, html: str, keyboard: InlineKeyboardMarkup) -> None:
    """Menus edit their own message in place, like a screen in an app."""
    if not isinstance(message, Message):
        return  # too old: Telegram no longer tells us what the message holds
    try:
        await message.edit_text(split_html(html)[0], reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
