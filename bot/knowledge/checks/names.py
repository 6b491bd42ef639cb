"""Names that must be unique or agree: entry ids across packs, topic and section ids,
shared topics, glossary terms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.knowledge.discovery import GLOSSARY, TOPICS
from bot.knowledge.models import Entry, Pack
from bot.knowledge.problems import Problem, located

__all__ = ["check_glossary", "check_ids", "check_shared_topics", "check_topics"]


def check_ids(packs: Sequence[tuple[Path, Pack]], problems: list[Problem]) -> None:
    """Entry ids are unique across *all* packs: they are callback data and deep links."""
    first: dict[str, Entry] = {}
    for _, pack in packs:
        for entry in pack.entries:
            if not entry.id:
                continue
            if entry.id in first:
                other = first[entry.id]
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        entry.id,
                        f"duplicate id (first defined at {located(other.file, other.line)})",
                    )
                )
            else:
                first[entry.id] = entry


def check_shared_topics(packs: Sequence[tuple[Path, Pack]], problems: list[Problem]) -> None:
    """Packs may share topic ids (every city has social assistance) but must agree on them."""
    seen: dict[str, tuple[Path, Pack]] = {}
    for folder, pack in packs:
        for topic in pack.topics:
            if topic.id not in seen:
                seen[topic.id] = (folder, pack)
                continue
            other_folder, other_pack = seen[topic.id]
            if other_pack is pack:
                continue  # duplicates inside one pack are reported by check_topics
            other = next(t for t in other_pack.topics if t.id == topic.id)
            if (topic.name, topic.name_en, topic.section, topic.keywords, topic.includes) != (
                other.name,
                other.name_en,
                other.section,
                other.keywords,
                other.includes,
            ):
                at = located(str(other_folder / TOPICS), other.line)
                problems.append(
                    Problem(
                        str(folder / TOPICS),
                        topic.line,
                        topic.id,
                        f"topic differs from the one at {at};"
                        " a shared topic id must be defined identically in every pack",
                    )
                )


def check_topics(folder: Path, pack: Pack, problems: list[Problem]) -> None:
    """Section and topic ids are unique in their pack, and every topic has entries."""
    file = str(folder / TOPICS)
    seen: dict[str, int] = {}
    items = [("section", s.id, s.line) for s in pack.sections]
    items += [("topic", t.id, t.line) for t in pack.topics]
    for kind, item_id, item_line in items:
        key = f"{kind}:{item_id}"
        if key in seen:
            problems.append(
                Problem(
                    file, item_line, item_id, f"duplicate {kind} id (first at line {seen[key]})"
                )
            )
        seen.setdefault(key, item_line)
    used = {e.topic for e in pack.entries}
    for topic in pack.topics:
        if topic.id not in used:
            problems.append(
                Problem(
                    file,
                    topic.line,
                    topic.id,
                    "topic has no entries (users would see an empty page)",
                )
            )


def check_glossary(folder: Path, pack: Pack, problems: list[Problem]) -> None:
    file = str(folder / GLOSSARY)
    seen: dict[str, int] = {}
    for term in pack.glossary:
        if term.canonical in seen:
            problems.append(
                Problem(
                    file,
                    term.line,
                    term.canonical,
                    f"duplicate glossary term (first at line {seen[term.canonical]})",
                )
            )
        seen.setdefault(term.canonical, term.line)
