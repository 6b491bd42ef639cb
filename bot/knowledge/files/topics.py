"""``topics.yaml``: the article's sections and the topics under them (the /topics browser)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.fields import Fields, id_label, items, kind_of, slug
from bot.knowledge.models import Section, Topic
from bot.knowledge.problems import Problem
from bot.knowledge.reader import YMap, read_yaml

__all__ = ["parse_topics"]

_SECTION_FIELDS = frozenset({"id", "title", "title_en", "topics"})
_TOPIC_FIELDS = frozenset({"id", "name", "name_en", "keywords", "includes"})


def parse_topics(path: Path, problems: list[Problem]) -> tuple[list[Section], list[Topic]]:
    """Sections with their topics (each topic knows its section)."""
    sections: list[Section] = []
    topics: list[Topic] = []
    file = str(path)
    lines: dict[str, int] = {}  # the line of each topic's `includes`, for problems
    for item in items(read_yaml(path, problems), "sections", file, problems, required=True):
        rec = Fields(item, file, problems, id_label(item))
        rec.only(_SECTION_FIELDS)
        section_id = slug(rec)
        section = Section(
            id=section_id,
            title=rec.text("title", required=True),
            title_en=rec.text("title_en", required=True),
            line=item.line,
        )
        topic_items = item.get("topics")
        if not isinstance(topic_items, list) or not topic_items:
            rec.problem("topics" if "topics" in item else None, "a section needs a list of topics")
            topic_items = []
        for t_item in topic_items:
            if not isinstance(t_item, YMap):
                rec.problem("topics", f"wrong type for 'topics' item: got {kind_of(t_item)}")
                continue
            t_rec = Fields(t_item, file, problems, id_label(t_item))
            t_rec.only(_TOPIC_FIELDS)
            topics.append(
                Topic(
                    id=slug(t_rec),
                    name=t_rec.text("name", required=True),
                    name_en=t_rec.text("name_en", required=True),
                    section=section_id,
                    keywords=t_rec.texts("keywords"),
                    line=t_item.line,
                    includes=t_rec.texts("includes"),
                )
            )
            lines[topics[-1].id] = t_rec.line_of("includes") if "includes" in t_item else 0
        sections.append(section)
    ids = {t.id for t in topics}
    for t in topics:
        for other in t.includes:
            if other not in ids or other == t.id:
                problems.append(
                    Problem(file, lines[t.id], t.id, f"'includes' names no other topic: {other!r}")
                )
    return sections, topics
