"""Thin Telegram handlers: pick the question out of an update and hand it on.

All decisions about *what* to answer live in `bot.engine`; all wording of answers in
`bot.render`. The question path is `bot.tg.questions`, buttons are `bot.tg.buttons`, the
welcome and descriptions `bot.tg.onboarding`; handlers here only deal with Telegram's side
of an update: who is addressed, which text is the question, what a command shows.

State comes from the typed `bot.tg.context.BotContext`: ``context.engine`` is read on
every update (never cached in a handler), so `/reload` can swap it by one assignment.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType

from bot.render import entry_html
from bot.tg import guide, keyboards, messages
from bot.tg.addressing import command_argument, strip_mention
from bot.tg.buttons import on_callback, opening_view
from bot.tg.callbacks import OpenEntry, OpenSections, OpenTopic, parse_start
from bot.tg.context import BotContext
from bot.tg.links import Sent
from bot.tg.messages import lang_of, ui
from bot.tg.questions import answer_question, log_update, sender_id
from bot.tg.sending import send_html

__all__ = [
    "ask",
    "callback",
    "caption_question",
    "group_question",
    "help_command",
    "non_text",
    "private_question",
    "source",
    "start",
    "topics",
    "unknown_command",
]

logger = logging.getLogger(__name__)
callback = on_callback  # the button handler, registered with the others


async def start(update: Update, context: BotContext) -> None:
    """/start, with an optional deep-link payload: an entry, a topic page, the sections
    menu (from a button someone else owned), or "help" from inline mode."""
    message = update.effective_message
    if message is None:
        return
    knowledge = context.engine.knowledge
    lang = lang_of(message.from_user)
    payload = context.args[0] if context.args else ""
    if payload == "help":
        await send_html(message, guide.help_text(lang, context.bot.username, knowledge))
        log_update(update, "help")
        return
    opening = parse_start(payload) if payload else None
    if isinstance(opening, OpenEntry) and opening.entry in knowledge.entries:
        entry = knowledge.entries[opening.entry]
        keyboard = keyboards.entry_keyboard(entry, knowledge, lang)
        await send_html(message, entry_html(entry, knowledge, lang), keyboard)
        log_update(update, "deep_link", entry_id=entry.id)
        return
    if isinstance(opening, OpenSections) or (
        isinstance(opening, OpenTopic) and opening.topic in knowledge.topics
    ):
        html, keyboard = opening_view(context, opening, lang)
        await send_html(message, html, keyboard)
        log_update(update, "deep_link_menu")
        return
    if payload:
        await send_html(message, ui(lang).unknown_link)
    greeting = guide.greeting(lang, knowledge)
    await send_html(message, greeting, keyboards.start_keyboard(knowledge, lang))
    log_update(update, "start")


async def help_command(update: Update, context: BotContext) -> None:
    """/help as it applies in this kind of chat (private, group, channel)."""
    message = update.effective_message
    if message is not None:
        lang = lang_of(message.from_user)
        knowledge = context.engine.knowledge
        text = guide.help_text(lang, context.bot.username, knowledge, message.chat.type)
        await send_html(message, text)
        log_update(update, "help")


async def topics(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    knowledge = context.engine.knowledge
    lang = lang_of(message.from_user)
    ids = await send_html(
        message,
        messages.sections_text(knowledge, lang),
        keyboards.sections_keyboard(knowledge, lang),
    )
    if message.chat.type != ChatType.PRIVATE:  # the menu pages for whoever opened it
        await context.links.remember_opened(
            message.chat_id, [Sent(i) for i in ids], sender_id(message)
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
            usage = guide.ask_usage(lang_of(message.from_user), context.engine.knowledge)
            await send_html(message, usage)
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
        knowledge = context.engine.knowledge
        usage = guide.mention_usage(lang, context.bot.username, knowledge)
        await send_html(message, usage)
        log_update(update, "usage")


async def caption_question(update: Update, context: BotContext) -> None:
    """A photo (or file) with a question in its caption: the caption is the question; in a
    group only when it mentions the bot or replies to it, like any text."""
    message: Message | None = update.effective_message
    if message is None or not message.caption:
        return
    question = message.caption
    if message.chat.type != ChatType.PRIVATE:
        question = strip_mention(question, context.bot.username)
    if question:
        await answer_question(update, context, message, question)


async def unknown_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is not None:
        await send_html(message, ui(lang_of(message.from_user)).unknown_command)
        log_update(update, "unknown_command")


async def non_text(update: Update, context: BotContext) -> None:
    """Stickers, voice, a photo without a caption ...: say what works instead of silence."""
    message = update.effective_message
    if message is not None:
        hint = guide.non_text(lang_of(message.from_user), context.engine.knowledge)
        await send_html(message, hint)
        log_update(update, "non_text")
