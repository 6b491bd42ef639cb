"""Questions about the article itself: its title, publisher, author, date, series, sections.

Answered from the pack's source.yaml and topics.yaml — never from an entry, which would answer
"谁写的" with whoever *wrote* a guide the article mentions.
"""

from __future__ import annotations

from bot.answer import Answer
from bot.knowledge.models import Knowledge
from bot.understand.ask import Ask

__all__ = ["about_article"]


def about_article(a: Ask, knowledge: Knowledge) -> Answer:
    """The answer to a question about the article (`a.article_field` says which field)."""
    packs = [p.pack for p in a.places if p.role in ("city", "inside") and p.pack]
    pack = packs[0] if packs else (knowledge.packs[0].name if len(knowledge.packs) == 1 else "")
    return Answer(
        question=a.text,
        normalized=a.q.text,
        status="answered",
        reason="article",
        article_field=a.article_field,
        pack=pack,
        context=a.context,
    )
