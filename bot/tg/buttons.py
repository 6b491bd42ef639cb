"""Button presses: nobody can make the bot post where they should not, votes that add up.

- In a channel, no press ever posts: entries and topics open in a private chat with the bot
  (a deep link, the callback answer's `url`).
- In a group, an answer's and a menu's buttons work for the person who asked; anyone else
  gets the same thing in a private chat, so six taps by two members post nothing in the group.
- Every press in a group or channel counts against the per-member throttle that questions use.
- Pressing the same button twice on the same message opens it once; menus are edited in place.
- 👍/👎: one vote per person per answer, changeable; the buttons show the votes so far.

Every query is answered (else the client spins); unknown or forged data is acknowledged and
ignored.
"""

from __future__ import annotations

import asyncio

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.render import entry_html
from bot.tg import keyboards, messages
from bot.tg.callbacks import Feedback, OpenEntry, OpenSections, OpenTopic, deep_link, parse_callback
from bot.tg.context import BotContext
from bot.tg.links import Link, Sent
from bot.tg.messages import Lang, lang_of, ui
from bot.tg.questions import log_update
from bot.tg.sending import send_html
from bot.tg.splitting import split_html

__all__ = ["on_callback", "opening_view", "owns"]


async def on_callback(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    user = query.from_user
    lang = lang_of(user)
    chat = query.message.chat if query.message is not None else None
    action = parse_callback(query.data)
    shared = chat is not None and chat.type != ChatType.PRIVATE
    throttle = context.throttle
    if shared and chat is not None and throttle and not throttle.allow((chat.id, user.id)):
        await query.answer(ui(lang).too_fast)
        log_update(update, "button_throttled")
        return
    if isinstance(action, Feedback):
        await _vote(update, context, query, action)
        return
    knowledge = context.engine.knowledge
    if action is None:
        await query.answer()  # forged or obsolete data: acknowledge, do nothing
        log_update(update, "button_unknown")
        return
    stale = (isinstance(action, OpenEntry) and action.entry not in knowledge.entries) or (
        isinstance(action, OpenTopic) and action.topic not in knowledge.topics
    )
    if stale:
        await query.answer(ui(lang).entry_gone)  # a button from before a /reload
        log_update(update, "button_stale")
        return
    message = query.message if isinstance(query.message, Message) else None
    if chat is not None and chat.type != ChatType.PRIVATE:
        mine = chat.type != ChatType.CHANNEL and await owns(context, message, user)
        if not mine:
            url = deep_link(context.bot.username, action)
            await query.answer(ui(lang).opened_privately, url=url)
            log_update(update, "button_private")
            return
    if message is None:
        await query.answer()  # too old: Telegram no longer tells us what the message holds
        log_update(update, "button_inaccessible")
        return
    if isinstance(action, OpenEntry):
        await _open_entry(update, context, query, message, action, lang)
        return
    await query.answer()
    html, keyboard = opening_view(context, action, lang)
    await _edit(message, html, keyboard)
    log_update(update, "button_topic" if isinstance(action, OpenTopic) else "button_sections")


def opening_view(
    context: BotContext, action: OpenSections | OpenTopic, lang: Lang
) -> tuple[str, InlineKeyboardMarkup]:
    """The sections menu or a page of a topic (also what a deep link opens)."""
    knowledge = context.engine.knowledge
    if isinstance(action, OpenSections):
        return messages.sections_text(knowledge, lang), keyboards.sections_keyboard(knowledge, lang)
    topic = knowledge.topics[action.topic]
    total = len(knowledge.topic_entries(topic.id))
    page = keyboards.clamp_page(action.page, total)
    text = messages.topic_text(knowledge, topic, page, keyboards.page_count(total), lang)
    return text, keyboards.topic_keyboard(knowledge, topic, page, lang)


async def owns(context: BotContext, message: Message | None, user: User) -> bool:
    """Whether `user` asked for this message: from its link, else from what it replies to."""
    if message is None:
        return False
    link: Link | None = await context.links.link(message.chat_id, message.message_id)
    if link is not None and link.owner:
        return context.links.owns(link, user.id)
    asked = message.reply_to_message
    if asked is None:
        return False
    sender = asked.sender_chat or asked.from_user
    return sender is not None and sender.id == user.id


async def _open_entry(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    message: Message,
    action: OpenEntry,
    lang: Lang,
) -> None:
    """Post the entry below, once per button: a second tap says it is already there."""
    key = (message.chat_id, message.message_id, f"e:{action.entry}")
    if key in context.opened:
        await query.answer(ui(lang).opened_already)
        log_update(update, "button_repeat", entry_id=action.entry)
        return
    context.opened.put(key, True)
    await query.answer()
    knowledge = context.engine.knowledge
    entry = knowledge.entries[action.entry]
    keyboard = keyboards.entry_keyboard(entry, knowledge, lang)
    ids = await send_html(message, entry_html(entry, knowledge, lang), keyboard, quote=False)
    chat: Chat = message.chat
    owner = query.from_user.id if chat.type != ChatType.PRIVATE else None
    await context.links.remember_opened(chat.id, [Sent(i, (entry.id,)) for i in ids], owner)
    log_update(update, "button_entry", entry_id=entry.id)


async def _vote(
    update: Update, context: BotContext, query: CallbackQuery, action: Feedback
) -> None:
    qlog, votes = context.qlog, context.votes
    qid = action.ref.question_id
    lang = lang_of(query.from_user)
    if qlog is None or votes is None or not qlog.verify_feedback(action.ref):
        await query.answer()  # a forged or foreign tag: stop the spinner, record nothing
        log_update(update, "feedback_forged", qid=qid)
        return
    tally = await asyncio.to_thread(votes.cast, qid, query.from_user.id, action.up)
    if tally is None:
        await query.answer(ui(lang).feedback_unsaved)
        log_update(update, "feedback_unsaved", qid=qid)
        return
    if not tally.changed:
        await query.answer(ui(lang).feedback_same)  # the same vote again: nothing to update
        log_update(update, "feedback_repeat", qid=qid)
        return
    await query.answer(ui(lang).feedback_thanks)
    message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        shared = message.chat.type != ChatType.PRIVATE
        markup = keyboards.with_votes(
            message.reply_markup, action.ref, (tally.up, tally.down), tally.mine, shared=shared
        )
        if markup is not None:
            try:
                await message.edit_reply_markup(markup)
            except BadRequest as exc:
                if "not modified" not in exc.message.lower():
                    raise
    log_update(update, "feedback_up" if action.up else "feedback_down", qid=qid)


async def _edit(message: Message, html: str, keyboard: InlineKeyboardMarkup) -> None:
    """Menus edit their own message in place, like a screen in an app."""
    try:
        await message.edit_text(split_html(html)[0], reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
