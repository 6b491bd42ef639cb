"""Which entries to show as examples: in the greeting's buttons, in help texts, in inline mode.

Chosen from the loaded packs (never written into code), so another article's pack brings its
own examples: the most prominent entry of each section first, so the examples show breadth.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge.models import Entry, Indicator, Knowledge

__all__ = ["example_entries", "example_question", "headline", "prominence", "unique_entries"]


def unique_entries(entries: Iterable[Entry]) -> list[Entry]:
    """First occurrence of each entry, order kept."""
    seen: set[str] = set()
    out: list[Entry] = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            out.append(entry)
    return out


def prominence(entry: Entry) -> tuple[bool, bool, int]:
    """How much of a headline an entry is: a figure, with a stated change, asked many ways.

    Curators give the figures people ask about most the most phrasings, so this
    picks 低保标准 over 政策文件数量 without a hand-kept list.
    """
    change = entry.change if isinstance(entry, Indicator) else ""
    return isinstance(entry, Indicator), bool(change), len(entry.questions) + len(entry.aliases)


def headline(entries: Iterable[Entry]) -> Entry | None:
    """The most prominent entry; ties go to the first, i.e. the article's order."""
    best: Entry | None = None
    for entry in entries:
        if best is None or prominence(entry) > prominence(best):
            best = entry
    return best


def example_entries(knowledge: Knowledge, count: int = 3) -> list[Entry]:
    """The headline question of each section first, so the examples show the breadth."""
    candidates = [e for e in knowledge.entries.values() if e.questions]
    picked: list[Entry] = []
    for section in knowledge.sections:
        topic_ids = {t.id for t in knowledge.topics.values() if t.section == section.id}
        best = headline(e for e in candidates if e.topic in topic_ids)
        if best is not None:
            picked.append(best)
    rest = sorted(candidates, key=prominence, reverse=True)
    return unique_entries([*picked, *rest])[:count]


def example_question(knowledge: Knowledge) -> str:
    """One question to show as "例如：…", from the packs ("" for a pack without questions)."""
    found = example_entries(knowledge, 1)
    return found[0].questions[0] if found else ""
