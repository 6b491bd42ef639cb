"""Inline mode: `@bot 低保` in any chat offers sourced figures to send.

What lands in the other chat must carry its own citation and its own caveats: whoever
receives a card never saw the question. So each result is one entry with its full sourced
answer, and when the article does not answer the query (another city, another year, a
figure it does not give) the first card says so in its title and its text, and the entries
after it are labelled as what the article states instead, never as the answer. Nothing
found shows a "没有找到" button above an empty list rather than nothing at all.

Results for a query depend on its text alone, wording included (the query's language, not
the client's), so Telegram may cache them for everyone (`is_personal=False`). The empty
query is answered in the asker's client language, so its results are personal.
"""

from __future__ import annotations

import asyncio
import time
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
from bot.render import WORDS, city_of, city_title, entry_html, refusal, render_html
from bot.tg.context import BotContext
from bot.tg.examples import headline, unique_entries
from bot.tg.keyboards import related_entries
from bot.tg.messages import Lang, esc, lang_of, ui
from bot.tg.questions import log_answers, log_update
from bot.tg.splitting import split_html

MAX_RESULTS = 10
CACHE_SECONDS = 300
OVERVIEW_CACHE_SECONDS = 60
HELP_PAYLOAD = "help"  # /start parameter of the button above the results
CAVEAT_ID = "_caveat"  # entry ids never start with "_"
COMPUTED_ID = "_computed"
_MAX_QUERY = int(InlineQueryLimit.MAX_QUERY_LENGTH)  # 256


def answer_entries(answer: Answer, knowledge: Knowledge) -> list[Entry]:
    """Entries worth offering for an answer, best first and without repeats."""
    hits = answer.hits if answer.status in ("answered", "ambiguous") else answer.known_instead
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


def card_title(entry: Entry, knowledge: Knowledge, lang: Lang) -> str:
    """The result's title, naming its city: the card may be sent anywhere."""
    w = WORDS[lang]
    city = city_of(entry, knowledge, w)
    if lang == "en":
        summary = w.summary(entry)
        return f"{city}: {summary}" if city and city.lower() not in summary.lower() else summary
    scope = knowledge.scopes.get(entry.pack)
    short = scope.city.aliases[0] if scope and scope.city.aliases else city
    summary = w.summary(entry)
    titled = city_title(summary, city)
    return titled if not short or short in titled else f"{short} · {titled}"


def _article(
    result_id: str,
    title: str,
    description: str,
    html: str,
    link: str,
    lang: Lang,
) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description or None,
        input_message_content=InputTextMessageContent(
            split_html(html)[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # A deep link back to the bot, so whoever receives the figure can ask more.
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton(ui(lang).inline_open, url=link)]]),
    )


def article(
    entry: Entry,
    knowledge: Knowledge,
    bot_username: str,
    lang: Lang,
    caveat: tuple[str, str] | None = None,
) -> InlineQueryResultArticle:
    """One entry as a result. With a `caveat` (why the article does not answer the query, and
    the label of what it states instead) the card is tagged as not what was asked, and the
    caveat is its description and the opening of its text."""
    description = " · ".join(x for x in (entry.period, entry.scope) if x)
    title = card_title(entry, knowledge, lang)
    html = entry_html(entry, knowledge, lang)
    if caveat is not None:
        head, label = caveat
        title = ui(lang).inline_not_asked + title
        description = head
        note = f"<i>{esc(head)}</i>" + (f"\n<i>{esc(label)}</i>" if label else "")
        html = f"{note}\n\n{html}"
    link = f"https://t.me/{bot_username}?start={entry.id}"
    return _article(entry.id, title, description, html, link, lang)


def results_for(
    answer: Answer, knowledge: Knowledge, bot_username: str
) -> list[InlineQueryResultArticle]:
    """The cards for a query's answer, in the query's language (see the module docstring)."""
    lang = answer.lang
    entries = answer_entries(answer, knowledge)
    if answer.derived is not None:
        return _computed(answer, entries, knowledge, bot_username)
    if answer.status in ("answered", "ambiguous"):
        return [article(e, knowledge, bot_username, lang) for e in entries]
    if answer.reason in ("chitchat", "empty", "low_score") and not entries:
        return []
    head, label = refusal(answer, knowledge)
    first = entries[0] if entries else None
    link = f"https://t.me/{bot_username}?start={first.id if first else HELP_PAYLOAD}"
    said = WORDS[lang].summary(first) if first else ""
    gap = "" if label.endswith("：") else " "
    description = f"{label}{gap}{said}".strip()
    caveat = _article(CAVEAT_ID, head, description, render_html(answer, knowledge), link, lang)
    return [caveat, *(article(e, knowledge, bot_username, lang, (head, label)) for e in entries)]


def _computed(
    answer: Answer, entries: list[Entry], knowledge: Knowledge, bot_username: str
) -> list[InlineQueryResultArticle]:
    """A computed figure first, labelled as computed (its card carries the formula and every
    input with its quote); then the stated figures it was computed from, as such."""
    d = answer.derived
    assert d is not None
    lang, w = answer.lang, WORDS[answer.lang]
    title = ui(lang).inline_computed + d.text
    inputs = unique_entries([*d.inputs, *entries])[:MAX_RESULTS]
    link = f"https://t.me/{bot_username}?start={inputs[0].id if inputs else HELP_PAYLOAD}"
    first = _article(COMPUTED_ID, title, w.derived, render_html(answer, knowledge), link, lang)
    caveat = (f"{title}（{w.derived}）" if lang == "zh" else f"{title} ({w.derived})", w.basis)
    return [first, *(article(e, knowledge, bot_username, lang, caveat) for e in inputs)]


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    engine = context.engine
    knowledge = engine.knowledge
    text = query.query.strip()[:_MAX_QUERY]
    username = context.bot.username
    if text:
        started = time.perf_counter()
        answer = engine.ask(text)
        latency_ms = (time.perf_counter() - started) * 1000
        logged = await log_answers(context, [answer], "inline", latency_ms)
        lang: Lang = answer.lang
        results = results_for(answer, knowledge, username)
        best = (answer.hits or answer.known_instead or (None,))[0]
        qid = logged.question_id if logged else None
        entry_id = best.entry.id if best else None
        log_update(update, answer.status, entry_id=entry_id, latency_ms=latency_ms, qid=qid)
        personal, cache = False, CACHE_SECONDS
    else:
        lang = lang_of(query.from_user)
        qlog = context.qlog
        asked = await asyncio.to_thread(qlog.most_asked, MAX_RESULTS) if qlog else []
        entries = overview_entries(knowledge, asked)
        results = [article(e, knowledge, username, lang) for e in entries]
        log_update(update, "inline_overview")
        personal, cache = True, OVERVIEW_CACHE_SECONDS
    t = ui(lang)
    await query.answer(
        results,
        cache_time=cache,
        is_personal=personal,
        button=InlineQueryResultsButton(
            text=t.inline_button if results else t.inline_not_found,
            start_parameter=HELP_PAYLOAD,
        ),
    )
