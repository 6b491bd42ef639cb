"""How to use the bot, said where it is asked: the greeting, /help per kind of chat, hints.

"Just send a question" works only in a private chat; a group needs /ask or a mention, a
channel's subscribers can only tap. The examples and the publication named come from the
loaded packs, never from code, so another article's pack brings its own.
"""

from __future__ import annotations

from bot.knowledge.models import Knowledge
from bot.tg.examples import example_question
from bot.tg.messages import Lang, esc, ui

__all__ = ["about", "ask_usage", "greeting", "help_text", "mention_usage", "non_text"]


def about(knowledge: Knowledge, lang: Lang) -> str:
    """The articles the bot answers about, from the packs: <b>新华日报</b>《…》 (HTML)."""
    parts = []
    for pack in knowledge.packs:
        src = pack.source
        publisher = (src.publisher_en or src.publisher) if lang == "en" else src.publisher
        parts.append(f"<b>{esc(publisher)}</b>《{esc(src.headline)}》")
    return ("、" if lang == "zh" else "; ").join(dict.fromkeys(parts))


def greeting(lang: Lang, knowledge: Knowledge) -> str:
    t = ui(lang)
    return f"{t.greeting.format(about=about(knowledge, lang))}\n\n{t.greeting_examples}"


def help_text(
    lang: Lang, bot_username: str, knowledge: Knowledge, chat_type: str = "private"
) -> str:
    """/help as it applies where it is asked: "just send a question" only works in private."""
    t = ui(lang)
    bot, example = esc(bot_username), esc(example_question(knowledge))
    if chat_type in ("group", "supergroup"):
        return t.help_group.format(bot=bot, example=example)
    if chat_type == "channel":
        return t.help_channel
    private = t.help_private.format(example=example)
    return "\n".join((private, t.help_followup, t.help_inline.format(bot=bot)))


def mention_usage(lang: Lang, bot_username: str, knowledge: Knowledge) -> str:
    example = esc(example_question(knowledge))
    return ui(lang).mention_usage.format(bot=esc(bot_username), example=example)


def non_text(lang: Lang, knowledge: Knowledge) -> str:
    return ui(lang).non_text.format(example=esc(example_question(knowledge)))


def ask_usage(lang: Lang, knowledge: Knowledge) -> str:
    return ui(lang).ask_usage.format(example=esc(example_question(knowledge)))
