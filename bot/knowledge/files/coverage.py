"""``coverage.yaml``: numbers in the article body that are not figures, each with a reason."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.fields import Fields, id_label, items
from bot.knowledge.models import IgnoredNumber
from bot.knowledge.problems import Problem
from bot.knowledge.reader import read_yaml

__all__ = ["parse_coverage"]

_FIELDS = frozenset({"text", "context", "reason"})


def parse_coverage(path: Path, problems: list[Problem]) -> list[IgnoredNumber]:
    ignored: list[IgnoredNumber] = []
    for item in items(read_yaml(path, problems), "ignore", str(path), problems):
        rec = Fields(item, str(path), problems, id_label(item, "text"))
        rec.only(_FIELDS)
        row = IgnoredNumber(
            text=rec.text("text", required=True),
            context=rec.text("context", required=True),
            reason=rec.text("reason", required=True),
            line=item.line,
        )
        if row.text and row.context and row.text not in row.context:
            rec.problem("context", f"'context' must contain the number {row.text!r}")
        ignored.append(row)
    return ignored
