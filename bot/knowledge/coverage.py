"""Coverage: every number in the restored article is stated by an entry or set aside.

A number is a run of digits with an optional decimal part (``875``, ``12.24``; ``1+39`` is
two numbers). An occurrence is *covered* when an entry's quote spans it and the entry
states it (in its value, change, baseline or period), *ignored* when a coverage.yaml row
lists it. `measure` computes both for a pack; the ``validate`` checks report what is
left, and the ``new-pack`` scaffold drafts entries and ignore rows from the same figures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.discovery import ARTICLE, COVERAGE
from bot.knowledge.models import Entry, Indicator, Pack
from bot.knowledge.problems import Problem

__all__ = ["NUMBER_RE", "Coverage", "entry_numbers", "find_all", "measure", "uncovered"]

# A number as the coverage check counts it: 875, 12.24, 2019 (each part of 1+39 separately).
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Coverage:
    """The numbers of one pack's restored text and what accounts for each (by index)."""

    numbers: list[re.Match[str]]
    covered: dict[int, str] = field(default_factory=dict)  # -> id of the first entry stating it
    quoted_by: dict[int, str] = field(default_factory=dict)  # spanned by a quote, stated or not
    ignored: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)  # about coverage.yaml rows

    def left(self) -> list[int]:
        """Indexes of the numbers neither covered nor ignored."""
        return [
            i for i in range(len(self.numbers)) if i not in self.covered and i not in self.ignored
        ]


def entry_numbers(entry: Entry) -> set[str]:
    """The numbers an entry states as data: the ones its quote may cover.

    A Q&A answer may repeat the numbers of its sentence, but only a figure's
    value/change/baseline or a period makes a number answerable as such.
    """
    fields = [entry.period]
    if isinstance(entry, Indicator):
        fields += [entry.value, entry.change, entry.baseline]
    return {m for f in fields for m in NUMBER_RE.findall(f)}


def find_all(text: str, sub: str) -> list[int]:
    """Every offset where ``sub`` occurs in ``text`` (overlapping ones included)."""
    out: list[int] = []
    at = text.find(sub)
    while sub and at >= 0:
        out.append(at)
        at = text.find(sub, at + 1)
    return out


def measure(folder: Path, pack: Pack) -> Coverage:
    """Which entry covers, and which coverage.yaml row ignores, each number of the text."""
    text = pack.restored_text
    result = Coverage(list(NUMBER_RE.finditer(text)))
    matches = result.numbers
    starts = [m.start() for m in matches]

    def inside(begin: int, end: int) -> list[int]:
        """Indexes of the numbers wholly inside [begin, end)."""
        found = range(bisect.bisect_left(starts, begin), bisect.bisect_left(starts, end))
        return [i for i in found if matches[i].end() <= end]

    for entry in pack.entries:
        stated = entry_numbers(entry)
        for at in find_all(text, entry.quote):
            for i in inside(at, at + len(entry.quote)):
                result.quoted_by.setdefault(i, entry.id)
                if matches[i].group() in stated:
                    result.covered.setdefault(i, entry.id)

    file = str(folder / COVERAGE)
    for row in pack.ignored_numbers:
        hits = [
            i
            for at in find_all(text, row.context)
            for i in inside(at, at + len(row.context))
            if matches[i].group() == row.text
        ]
        if not hits:
            where = (
                "its context is the received (spun) wording; use the restored wording"
                if row.context in pack.received_text
                else f"context 「{row.context}」 not found in the restored text"
            )
            if row.context in text:
                where = f"no number {row.text!r} inside 「{row.context}」"
            result.problems.append(
                Problem(file, row.line, row.text, f"ignore row matches nothing: {where}")
            )
            continue
        hidden = next((i for i in hits if i in result.covered), None)
        if hidden is not None:
            result.problems.append(
                Problem(
                    file,
                    row.line,
                    row.text,
                    f"ignore row hides a covered number: entry {result.covered[hidden]!r}"
                    " states it; remove the ignore row",
                )
            )
        result.ignored.update(hits)
    return result


def uncovered(folder: Path, pack: Pack, found: Coverage) -> list[Problem]:
    """One problem per number left, saying what would cover it."""
    text = pack.restored_text
    article = str(folder / ARTICLE)
    problems: list[Problem] = []
    for i in found.left():
        m = found.numbers[i]
        line = text.count("\n", 0, m.start()) + 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        snippet = text[max(line_start, m.start() - 12) : min(line_end, m.end() + 12)]
        hint = (
            f"entry {found.quoted_by[i]!r} quotes it but does not state {m.group()} in its value,"
            " change, baseline or period"
            if i in found.quoted_by
            else "add an entry whose quote spans it, or an ignore row in coverage.yaml"
        )
        problems.append(
            Problem(article, line, "", f"uncovered number {m.group()} in 「{snippet}」: {hint}")
        )
    return problems
