"""Inline mode: `@bot 低保` in any chat offers sourced figures to send.

Each result is one entry: its id is the entry id (ASCII, ≤ 48 bytes, unique),
its message the full sourced answer, so what lands in the other chat carries
its own citation. An empty query offers what people ask about most (from the
question log), then the headline entry of each topic. Results do not depend
on who asks, so Telegram may cache them for everyone (`is_personal=False`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode

from bot.answer import Answer
from bot.knowledge.models import Entry, Knowledge
from bot.render import entry_html, entry_summary, entry_summary_en
from bot.tg.context import BotContext
from bot.tg.handlers import ask_logged, log_update
from bot.tg.keyboards import headline, related_entries, unique_entries
from bot.tg.messages import Lang, lang_of, ui
from bot.tg.splitting import split_html

MAX_RESULTS = 10
CACHE_SECONDS = 300
HELP_PAYLOAD = "help"  # /start parameter of the button above the results
_MAX_QUERY = int(InlineQueryLimit.MAX_QUERY_LENGTH)  # 256


def answer_entries(answer: Answer, knowledge: Knowledge) -> list[Entry]:
    """Entries worth offering for an answer, best first and without repeats."""
    hits = answer.hits if answer.status != "no_match" else answer.known_instead
    entries = [h.entry for h in hits]
    best = answer.best
    if answer.status == "answered" and best is not None:
        entries += related_entries(best, knowledge)
    return unique_entries(entries)[:MAX_RESULTS]


def overview_entries(knowledge: Knowledge, most_asked: Sequence[str] = ()) -> list[Entry]:
    """For an empty query: what people ask most, then each topic's headline entry."""
    asked = [knowledge.entries[i] for i in most_asked if i in knowledge.entries]
    picked = [headline(knowledge.topic_entries(topic.id)) for topic in knowledge.topics.values()]
    return unique_entries([*asked, *(e for e in picked if e is not None)])[:MAX_RESULTS]


def article(
    entry: Entry, knowledge: Knowledge, bot_username: str, lang: Lang, content_lang: Lang = "zh"
) -> InlineQueryResultArticle:
    """One result; `content_lang` follows the query's language (results are cached per query
    text for everyone), `lang` the asker's client for the button."""
    description = " · ".join(x for x in (entry.period, entry.scope) if x)
    text = split_html(entry_html(entry, knowledge, content_lang))[0]
    summary = entry_summary_en(entry) if content_lang == "en" else entry_summary(entry)
    return InlineQueryResultArticle(
        id=entry.id,
        title=summary,
        description=description or None,
        input_message_content=InputTextMessageContent(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # A deep link back to the bot, so whoever receives the figure can ask more.
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        ui(lang).inline_open, url=f"https://t.me/{bot_username}?start={entry.id}"
                    )
                ]
            ]
        ),
    )


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    engine = context.engine
    knowledge = engine.knowledge
    lang = lang_of(query.from_user)
    text = query.query.strip()[:_MAX_QUERY]
    content_lang: Lang = "zh"
    if text:
        answer, latency_ms, logged = await ask_logged(context, engine, text, "inline")
        entries = answer_entries(answer, knowledge)
        content_lang = answer.lang
        best = entries[0].id if entries else None
        qid = logged.question_id if logged else None
        log_update(update, answer.status, entry_id=best, latency_ms=latency_ms, qid=qid)
    else:
        qlog = context.qlog
        asked = await asyncio.to_thread(qlog.most_asked, MAX_RESULTS) if qlog else []
        entries = overview_entries(knowledge, asked)
        log_update(update, "inline_overview")
    username = context.bot.username
    await query.answer(
        [article(e, knowledge, username, lang, content_lang) for e in entries],
        cache_time=CACHE_SECONDS,
        is_personal=False,
        button=InlineQueryResultsButton(text=ui(lang).inline_button, start_parameter=HELP_PAYLOAD),
    )
