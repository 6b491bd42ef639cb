"""``restoration.yaml``: the spun -> standard phrase table that restores the article."""

from __future__ import annotations

from pathlib import Path
from typing import cast, get_args

from bot.knowledge.fields import Fields, items
from bot.knowledge.models import Confidence, RestorationRow
from bot.knowledge.problems import Problem
from bot.knowledge.reader import read_yaml

__all__ = ["parse_restoration"]

_FIELDS = frozenset({"spun", "standard", "confidence", "note", "queries"})
_CONFIDENCE: tuple[str, ...] = get_args(Confidence)


def parse_restoration(path: Path, problems: list[Problem]) -> list[RestorationRow]:
    rows: list[RestorationRow] = []
    for item in items(read_yaml(path, problems), "rows", str(path), problems, required=True):
        spun = item.get("spun")
        rec = Fields(item, str(path), problems, spun if isinstance(spun, str) else "")
        rec.only(_FIELDS)
        spun_text = rec.text("spun", required=True)
        standard_text = rec.text("standard", required=True)
        confidence = rec.choice("confidence", _CONFIDENCE)
        note = rec.text("note")
        queries = rec.flag("queries", True)
        for key, phrase in (("spun", spun_text), ("standard", standard_text)):
            if "\n" in phrase:
                rec.problem(key, f"'{key}' must be on one line (phrases never span paragraphs)")
        rows.append(
            RestorationRow(
                spun=spun_text,
                standard=standard_text,
                confidence=cast(Confidence, confidence),
                note=note,
                queries=queries,
                line=item.line,
            )
        )
    return rows
