"""Thin Telegram handlers: pick the question out of an update, ask the engine, send the reply.

All decisions about *what* to answer live in `bot.engine`; all wording of
answers in `bot.render`. Handlers only deal with Telegram's side: who is
addressed, where to reply, how to split, what to edit.

The engine is read from `bot_data[ENGINE_KEY]` on every update (never cached in
a handler), so `/reload` can swap it atomically by assigning a new one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import Any, cast

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, filters

from bot.answer import Answer
from bot.engine import Engine
from bot.qlog import FeedbackRef, QuestionLog, log_handled
from bot.render import entry_html
from bot.tg import keyboards, messages
from bot.tg.durable import is_late
from bot.tg.keyboards import Feedback, OpenEntry, OpenSections, OpenTopic
from bot.tg.memory import AnswerMemory
from bot.tg.messages import lang_of, split_html, ui
from bot.tg.throttle import Throttle

logger = logging.getLogger(__name__)

# bot_data keys shared with the application builder and the admin/ops code.
ENGINE_KEY = "engine"  # bot.engine.Engine currently serving; /reload swaps it
SETTINGS_KEY = "settings"  # bot.config.Settings
THROTTLE_KEY = "throttle"  # Throttle | None, keyed by (group, user)
QLOG_KEY = "qlog"  # bot.qlog.QuestionLog | None
ANSWERS_KEY = "answers"  # bot.tg.memory.AnswerMemory: which messages answered which question


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    return cast(Engine, context.bot_data[ENGINE_KEY])


def qlog_of(context: ContextTypes.DEFAULT_TYPE) -> QuestionLog | None:
    return cast("QuestionLog | None", context.bot_data.get(QLOG_KEY))


async def ask_logged(
    context: ContextTypes.DEFAULT_TYPE,
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
    qlog = qlog_of(context)
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


# --- who is being addressed ---------------------------------------------------------------


class _AddressedToBot(filters.MessageFilter):
    """A group message that mentions this bot or replies to one of its messages.

    With privacy mode on these are exactly the non-command messages Telegram
    delivers to the bot; the filter keeps the bot quiet if privacy mode is off.
    """

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        reply = message.reply_to_message
        if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        for entity, text in entities.items():
            if entity.type == MessageEntity.MENTION and text.lower() == mention:
                return True
            if entity.user is not None and entity.user.id == bot.id:
                return True
        return False


ADDRESSED_TO_BOT = _AddressedToBot(name="addressed_to_bot")


def command_argument(message: Message) -> str:
    """Text after a leading /command[@bot] (the entity is ASCII, so offsets are characters)."""
    text = message.text or ""
    if message.entities and message.entities[0].type == MessageEntity.BOT_COMMAND:
        first = message.entities[0]
        if first.offset == 0:
            return text[first.length :].strip()
    return text.strip()


def strip_mention(text: str, username: str) -> str:
    cleaned = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return cleaned.strip(" \t\n,，:：")


# --- sending -------------------------------------------------------------------------------


def _answers(context: ContextTypes.DEFAULT_TYPE) -> AnswerMemory:
    return cast(AnswerMemory, context.bot_data[ANSWERS_KEY])


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


async def _edit_or_send(
    context: ContextTypes.DEFAULT_TYPE,
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


# --- the question path ----------------------------------------------------------------------


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message, question: str
) -> None:
    """Ask the engine and reply; an edited question edits the earlier answer."""
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # one of our own inline answers, posted by a user: not a question
    chat = message.chat
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP) and not _allowed(context, message):
        log_update(update, "throttled")
        return

    engine = engine_of(context)
    answer, latency_ms, logged = await ask_logged(context, engine, question, chat.type, chat.id)

    lang = lang_of(message.from_user)
    html, keyboard = keyboards.answer_reply(answer, engine.knowledge, lang, logged)
    if is_late(message):  # e.g. answered after a restart: say why it took so long
        html = ui(lang).late_note + html
    edited = update.edited_message is not None or update.edited_channel_post is not None
    previous = _answers(context).get(chat.id, message.message_id) if edited else None
    if previous:
        ids = await _edit_or_send(context, message, html, keyboard, previous)
    else:
        ids = await send_html(message, html, keyboard)
    _answers(context).put(chat.id, message.message_id, ids)

    best = answer.hits[0] if answer.hits else None
    log_update(
        update,
        answer.status,
        entry_id=best.entry.id if best else None,
        latency_ms=latency_ms,
        qid=logged.question_id if logged else None,
    )


def _allowed(context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    throttle = cast("Throttle | None", context.bot_data.get(THROTTLE_KEY))
    if throttle is None:
        return True
    user = message.from_user
    sender = user.id if user is not None else message.sender_chat.id if message.sender_chat else 0
    return throttle.allow((message.chat_id, sender))


# --- handlers --------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, with an optional deep-link payload: an entry id, or "help" from inline mode."""
    message = update.effective_message
    if message is None:
        return
    knowledge = engine_of(context).knowledge
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


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        lang = lang_of(message.from_user)
        await send_html(message, messages.help_text(lang, context.bot.username))
        log_update(update, "help")


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    knowledge = engine_of(context).knowledge
    lang = lang_of(message.from_user)
    await send_html(
        message,
        messages.sections_text(knowledge, lang),
        keyboards.sections_keyboard(knowledge, lang),
    )
    log_update(update, "topics")


async def source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        knowledge = engine_of(context).knowledge
        await send_html(message, messages.source_text(knowledge, lang_of(message.from_user)))
        log_update(update, "source")


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_question(update, context, message, message.text)


async def group_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await send_html(message, ui(lang_of(message.from_user)).unknown_command)
        log_update(update, "unknown_command")


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice ...: say what works instead of staying silent."""
    message = update.effective_message
    if message is not None:
        await send_html(message, ui(lang_of(message.from_user)).non_text)
        log_update(update, "non_text")


async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons. Every query is answered (else the client spins); unknown data is ignored."""
    query = update.callback_query
    if query is None:
        return
    knowledge = engine_of(context).knowledge
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
        qlog = qlog_of(context)
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
