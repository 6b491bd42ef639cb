"""What people meet before their first question: the bot's descriptions and a group welcome.

The description is the text of the empty chat before "Start", the short description the
line on the bot's profile and in shared links; both are set at start-up in Chinese (the
default) and English, from the loaded packs, and only when they differ from what Telegram
already shows (a restart costs four reads, not four writes). When someone adds the bot to
a group it introduces itself once, saying how to ask there; added to a channel it posts
nothing (the subscribers did not ask for it).
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Bot, ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.knowledge.models import Knowledge
from bot.tg.context import BotContext
from bot.tg.examples import example_question
from bot.tg.guide import help_text
from bot.tg.messages import Lang, esc, lang_of
from bot.tg.questions import log_update

__all__ = ["describe", "descriptions", "group_intro", "on_my_chat_member"]

logger = logging.getLogger(__name__)

MAX_DESCRIPTION: Final = 512
MAX_SHORT_DESCRIPTION: Final = 120
_TOPICS_NAMED: Final = 4  # topics the description names, from the packs
_LANGUAGES: Final[tuple[tuple[str | None, Lang], ...]] = ((None, "zh"), ("en", "en"))
_JOINED = frozenset({ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR})
_OUTSIDE = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.BANNED})


def _cities(knowledge: Knowledge, lang: Lang) -> str:
    names: list[str] = []
    for pack in knowledge.packs:
        city = pack.scope.city if pack.scope else None
        if city is None or not city.name:
            continue
        if lang == "en":
            names.append(city.en[0].capitalize() if city.en else city.name)
        else:
            names.append(city.aliases[0] if city.aliases else city.name)
    return ("、" if lang == "zh" else ", ").join(dict.fromkeys(names))


def _sources(knowledge: Knowledge, lang: Lang) -> str:
    parts = []
    for pack in knowledge.packs:
        src = pack.source
        publisher = (src.publisher_en or src.publisher) if lang == "en" else src.publisher
        parts.append(f"{publisher}《{src.headline}》")
    return ("、" if lang == "zh" else "; ").join(dict.fromkeys(parts))


def descriptions(knowledge: Knowledge, lang: Lang) -> tuple[str, str]:
    """(description, short description), within Telegram's 512 and 120 characters."""
    cities, sources = _cities(knowledge, lang), _sources(knowledge, lang)
    example = example_question(knowledge)
    names = [(t.name_en or t.name) if lang == "en" else t.name for t in knowledge.topics.values()][
        :_TOPICS_NAMED
    ]
    if lang == "en":
        long = (
            f"I answer questions about the figures in {sources}: {cities} "
            f"({', '.join(names)} …). Every answer gives the figure, its unit and period, a "
            "verbatim quote and the publication; what the article does not state, I say it "
            "does not.\n\n"
            f"Send a question, e.g. {example} In a group: /ask question, or mention me."
        )
        short = f"Figures from the {cities} report, each with its quote and source."
    else:
        long = (
            f"我回答{sources}里的数字和做法：{cities}的{'、'.join(names)}等。"
            "每个回答都写明数字、单位和时间，附原文引文和出处；文章没有说的，我会直说没有。\n\n"
            f"直接发问题，例如：{example}在群里请用 /ask 问题，或 @我。"
        )
        short = f"问{cities}报道里的数字：每个回答都附原文引文和出处。"
    return long[:MAX_DESCRIPTION], short[:MAX_SHORT_DESCRIPTION]


async def describe(bot: Bot, knowledge: Knowledge) -> None:
    """Set both descriptions in both languages where Telegram's differ (start-up)."""
    for language_code, lang in _LANGUAGES:
        long, short = descriptions(knowledge, lang)
        try:
            current = await bot.get_my_description(language_code=language_code)
            if current.description != long:
                await bot.set_my_description(long, language_code=language_code)
            current_short = await bot.get_my_short_description(language_code=language_code)
            if current_short.short_description != short:
                await bot.set_my_short_description(short, language_code=language_code)
        except TelegramError as exc:  # cosmetic, like the command menus: keep starting
            logger.warning("setting the bot's description failed: %s", exc.message)


def group_intro(knowledge: Knowledge, lang: Lang, bot_username: str) -> str:
    """The one message the bot posts when it is added to a group."""
    sources = esc(_sources(knowledge, lang))
    if lang == "en":
        head = f"Hello! I answer questions about the figures in {sources}, quoting the article."
    else:
        head = f"大家好！我回答{sources}里的数字和做法，每个回答都附原文引文和出处。"
    return f"{head}\n\n{help_text(lang, bot_username, knowledge, ChatType.SUPERGROUP)}"


def _joined(change: ChatMemberUpdated) -> bool:
    return change.old_chat_member.status in _OUTSIDE and change.new_chat_member.status in _JOINED


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """The bot was added to (or removed from) a chat: introduce it once in a group."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    if not _joined(change):
        log_update(update, f"member_{change.new_chat_member.status}")
        return
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        log_update(update, "joined_quietly")  # a channel: its subscribers did not ask
        return
    lang = lang_of(change.from_user)
    text = group_intro(context.engine.knowledge, lang, context.bot.username)
    try:
        await context.bot.send_message(chat.id, text)
    except TelegramError as exc:  # e.g. removed again at once, or may not post
        logger.info("could not introduce the bot in a group: %s", exc.message)
        return
    log_update(update, "introduced")
