"""Restoration checks: every row fires, keeps the digits, and leaves no spun phrase behind."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.coverage import NUMBER_RE, find_all
from bot.knowledge.discovery import ARTICLE, RESTORATION
from bot.knowledge.models import Pack
from bot.knowledge.problems import Problem
from bot.knowledge.restore import Restoration, Restorer

__all__ = ["RowCounts", "check_restoration"]

_DIGITS_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class RowCounts:
    """For the summary line: how many rows the pack has, and how many fire."""

    rows: int
    fired: int


def check_restoration(
    folder: Path, pack: Pack, restorer: Restorer, problems: list[Problem]
) -> RowCounts:
    file = str(folder / RESTORATION)
    restoration = restorer.restore(pack.received_text)
    first_line: dict[str, int] = {}
    for row, fires in zip(pack.restoration, restoration.fires, strict=True):

        def problem(message: str, row_line: int = row.line, spun: str = row.spun) -> None:
            problems.append(Problem(file, row_line, spun, message))

        if row.spun == row.standard:
            problem("restoration row changes nothing (spun equals standard)")
        if _DIGITS_RE.findall(row.spun) != _DIGITS_RE.findall(row.standard):
            problem(f"restoration row changes digits: 「{row.spun}」 -> 「{row.standard}」")
        if fires == 0:
            if row.spun in first_line:
                problem(
                    "restoration row never fires: duplicate of the row at line"
                    f" {first_line[row.spun]}, which wins"
                )
            elif row.spun in pack.received_text:
                problem(
                    "restoration row never fires: every occurrence is inside a longer"
                    " spun phrase of another row"
                )
            else:
                problem(f"restoration row never fires: 「{row.spun}」 does not occur in {ARTICLE}")
        else:
            left = _left_behind(row.spun, restoration)
            if left >= 0:
                line = restoration.text.count("\n", 0, left) + 1
                problem(
                    f"spun phrase still present in the restored text ({ARTICLE} line {line}),"
                    " outside any replacement: overlapping rows left it or formed it again"
                )
        first_line.setdefault(row.spun, row.line)
    if NUMBER_RE.findall(pack.received_text) != NUMBER_RE.findall(restoration.text):
        problems.append(
            Problem(file, 0, "", "restoration changes the numbers of the text (digits merged?)")
        )
    return RowCounts(len(pack.restoration), sum(1 for n in restoration.fires if n))


def _left_behind(spun: str, restoration: Restoration) -> int:
    """Offset of an occurrence of ``spun`` that is not inside one replacement, else -1.

    An occurrence wholly inside a replacement is another row's standard wording
    (延续->持续 while 持续->连续) and is correct, because replacements are never
    re-scanned. Anything else was missed: it overlaps text that was copied unchanged.
    """
    starts = [start for start, _, _ in restoration.replaced]
    for at in find_all(restoration.text, spun):
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or restoration.replaced[k][1] < at + len(spun):
            return at
    return -1
