"""``indicators*.yaml`` and ``qa*.yaml``: the curated entries, each with its verbatim quote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.knowledge.fields import Fields, id_label, items, slug
from bot.knowledge.models import QA, Entry, Indicator
from bot.knowledge.problems import Problem
from bot.knowledge.reader import read_yaml

__all__ = ["parse_entries"]

_COMMON_FIELDS = frozenset(
    {
        "id",
        "topic",
        "title",
        "title_en",
        "aliases",
        "aliases_en",
        "questions",
        "period",
        "years",
        "scope",
        "quote",
        "related",
        "components",
        "actors",
        "note",
    }
)
_INDICATOR_FIELDS = _COMMON_FIELDS | {"value", "number", "unit", "change", "baseline"}
_QA_FIELDS = _COMMON_FIELDS | {"answer"}


def parse_entries(path: Path, pack: str, kind: str, problems: list[Problem]) -> list[Entry]:
    """``kind`` is "indicators" or "qa" (see `bot.knowledge.discovery.ENTRY_FILES`)."""
    entries: list[Entry] = []
    file = str(path)
    for item in items(read_yaml(path, problems), "entries", file, problems, required=True):
        rec = Fields(item, file, problems, id_label(item))
        common: dict[str, Any] = {
            "id": slug(rec),
            "topic": rec.text("topic", required=True),
            "title": rec.text("title", required=True),
            "title_en": rec.text("title_en", required=True),
            "aliases": rec.texts("aliases"),
            "aliases_en": rec.texts("aliases_en"),
            "questions": rec.texts("questions"),
            "period": rec.text("period"),
            "years": rec.years("years"),
            "scope": rec.text("scope", default="全市"),
            "quote": rec.text("quote", required=True),
            "related": rec.texts("related"),
            "components": rec.texts("components"),
            "actors": rec.texts("actors"),
            "pack": pack,
            "file": file,
            "line": item.line,
        }
        entry: Entry
        if kind == "indicators":
            rec.only(_INDICATOR_FIELDS)
            entry = Indicator(
                **common,
                value=rec.text("value", required=True),
                number=rec.number("number"),
                unit=rec.text("unit"),
                change=rec.text("change"),
                baseline=rec.text("baseline"),
            )
        else:
            rec.only(_QA_FIELDS)
            entry = QA(**common, answer=rec.text("answer", required=True))
        entries.append(entry)
    return entries
