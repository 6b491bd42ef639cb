"""The checks that need a whole pack (or all of them), run on parsed packs.

``validate`` and every load run `check_packs`, so the bot never serves knowledge that
fails one. Each module checks one thing: names (ids, topics, glossary), entries (quotes,
values), restoration, scope; coverage lives in `bot.knowledge.coverage`, which the
``new-pack`` scaffold shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.checks.entries import check_entry
from bot.knowledge.checks.names import (
    check_glossary,
    check_ids,
    check_shared_topics,
    check_topics,
)
from bot.knowledge.checks.restoration import check_restoration
from bot.knowledge.checks.scope import check_scope
from bot.knowledge.coverage import measure, uncovered
from bot.knowledge.models import QA, Indicator, Pack
from bot.knowledge.problems import Problem
from bot.knowledge.restore import Restorer

__all__ = ["Report", "check_packs"]


@dataclass
class Report:
    """Problems plus the figures the summary line prints."""

    problems: list[Problem] = field(default_factory=list)
    packs: int = 0
    indicators: int = 0
    qas: int = 0
    rows: int = 0
    rows_fired: int = 0
    numbers: int = 0
    covered: int = 0
    ignored: int = 0

    @property
    def entries(self) -> int:
        return self.indicators + self.qas

    def summary(self) -> str:
        fired = "all fire" if self.rows_fired == self.rows else f"{self.rows_fired} fire"
        packs = f"{self.packs} pack{'s' if self.packs != 1 else ''}"
        return (
            f"knowledge OK: {packs}, {self.entries} entries ({self.indicators} indicators,"
            f" {self.qas} Q&A), {self.rows} restoration rows ({fired}), {self.numbers} numbers"
            f" in the text: {self.covered} covered, {self.ignored} ignored"
        )


def check_packs(packs: Sequence[tuple[Path, Pack]]) -> Report:
    """Run every content check on parsed packs (each given with its folder)."""
    result = Report(packs=len(packs))
    problems = result.problems
    check_ids(packs, problems)
    check_shared_topics(packs, problems)
    all_ids = {e.id for _, pack in packs for e in pack.entries}
    for folder, pack in packs:
        result.indicators += sum(isinstance(e, Indicator) for e in pack.entries)
        result.qas += sum(isinstance(e, QA) for e in pack.entries)
        restorer = Restorer(pack.restoration)
        rows = check_restoration(folder, pack, restorer, problems)
        result.rows += rows.rows
        result.rows_fired += rows.fired
        check_topics(folder, pack, problems)
        check_glossary(folder, pack, problems)
        check_scope(folder, pack, problems)
        ids = ({t.id for t in pack.topics}, all_ids)
        for entry in pack.entries:
            check_entry(entry, pack, restorer, ids, problems)
        found = measure(folder, pack)
        problems += found.problems
        problems += uncovered(folder, pack, found)
        result.numbers += len(found.numbers)
        result.covered += len(found.covered)
        result.ignored += len(found.ignored - found.covered.keys())
    return result
