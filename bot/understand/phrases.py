"""Phrase tables: one pass, leftmost-longest, replaced text never re-scanned.

Every word table of the question side (filler, glossary, places, small talk) is a
`bot.knowledge.restore.Restorer`, the same machine the article is restored with, so a question
and the article cannot disagree about what a phrase becomes.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge.models import RestorationRow
from bot.knowledge.restore import Restorer

__all__ = ["phrase_table", "phrases_in"]


def phrase_table(pairs: Iterable[tuple[str, str]]) -> Restorer:
    """A `Restorer` over (phrase, replacement) pairs: one pass, leftmost-longest, table order."""
    return Restorer(RestorationRow(src, dst, "certain") for src, dst in pairs if src)


def phrases_in(table: Restorer, text: str) -> list[str]:
    """The table's phrases found in `text` (leftmost-longest, non-overlapping), in order."""
    if not text or not table.rows:
        return []
    return table.find(text)
