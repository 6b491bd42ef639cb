"""``glossary.yaml``: general synonyms the matcher applies to questions."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.fields import Fields, id_label, items
from bot.knowledge.models import GlossaryTerm
from bot.knowledge.problems import Problem
from bot.knowledge.reader import read_yaml

__all__ = ["parse_glossary"]

_FIELDS = frozenset({"canonical", "synonyms", "note"})


def parse_glossary(path: Path, problems: list[Problem]) -> list[GlossaryTerm]:
    terms: list[GlossaryTerm] = []
    for item in items(read_yaml(path, problems), "terms", str(path), problems, required=True):
        rec = Fields(item, str(path), problems, id_label(item, "canonical"))
        rec.only(_FIELDS)
        term = GlossaryTerm(
            canonical=rec.text("canonical", required=True),
            synonyms=rec.texts("synonyms"),
            line=item.line,
        )
        if not term.synonyms and "synonyms" not in item:
            rec.problem(None, "missing required field 'synonyms'")
        elif not term.synonyms:
            rec.problem("synonyms", "a term needs at least one synonym")
        terms.append(term)
    return terms
