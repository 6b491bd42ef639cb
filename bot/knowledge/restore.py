"""Apply a restoration table: spun phrases back to standard Chinese.

The received article was machine-spun (发展 became 成长, 救助 became 救济 ...). The
restored text is *derived* from it by this module, never hand-edited, so that every
quote can be traced back to the received copy through the table.

Rules (the same for the article and for user questions):

* one pass, left to right; at each position the longest matching ``spun`` phrase
  wins, ties (identical phrases) go to the earlier row;
* replaced text is never re-scanned, so rows cannot chain (A->B, then B->C);
* text between matches is copied unchanged.

A regex alternation sorted by length gives exactly this: ``re`` tries the
alternatives in order at the leftmost position, and ``sub`` never revisits output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.knowledge.models import RestorationRow

__all__ = ["Restoration", "Restorer", "restore", "restore_query"]


@dataclass(frozen=True, slots=True)
class Restoration:
    """The restored text and how often each row fired (same order as the table)."""

    text: str
    fires: tuple[int, ...]
    # (start, end, row index) of every replacement, as offsets into ``text``: a spun
    # phrase found inside one of these is another row's standard wording, not a miss.
    replaced: tuple[tuple[int, int, int], ...] = ()

    def unused(self) -> list[int]:
        """Indexes of rows that never fired: dead rows are curation mistakes."""
        return [i for i, n in enumerate(self.fires) if n == 0]


class Restorer:
    """A restoration table compiled once, for repeated use (the engine, per question)."""

    __slots__ = ("_pattern", "_replacement", "_row_of", "rows")

    def __init__(self, rows: Iterable[RestorationRow]) -> None:
        self.rows: tuple[RestorationRow, ...] = tuple(rows)
        # First row wins for a duplicated phrase, so later duplicates never fire.
        self._row_of: dict[str, int] = {}
        for i, row in enumerate(self.rows):
            if row.spun:
                self._row_of.setdefault(row.spun, i)
        self._replacement = {s: self.rows[i].standard for s, i in self._row_of.items()}
        # Longest first; sorted() is stable, so equal lengths keep table order.
        phrases = sorted(self._row_of, key=len, reverse=True)
        self._pattern: re.Pattern[str] | None = (
            re.compile("|".join(map(re.escape, phrases))) if phrases else None
        )

    def apply(self, text: str) -> str:
        """Restore ``text`` (the hot path: no bookkeeping)."""
        if self._pattern is None:
            return text
        repl = self._replacement
        return self._pattern.sub(lambda m: repl[m.group()], text)

    def find(self, text: str) -> list[str]:
        """The table's phrases found in ``text``, leftmost-longest and non-overlapping, in
        order — the same matches ``apply`` replaces, without building the restored text."""
        if self._pattern is None:
            return []
        return self._pattern.findall(text)

    def restore(self, text: str) -> Restoration:
        """Restore ``text`` and count, per row, how often it fired."""
        fires = [0] * len(self.rows)
        if self._pattern is None:
            return Restoration(text, tuple(fires))
        pieces: list[str] = []
        replaced: list[tuple[int, int, int]] = []
        pos = out_len = 0
        for m in self._pattern.finditer(text):
            start = m.start()
            pieces.append(text[pos:start])
            out_len += start - pos
            i = self._row_of[m.group()]
            fires[i] += 1
            standard = self.rows[i].standard
            pieces.append(standard)
            replaced.append((out_len, out_len + len(standard), i))
            out_len += len(standard)
            pos = m.end()
        pieces.append(text[pos:])
        return Restoration("".join(pieces), tuple(fires), tuple(replaced))


def restore(text: str, rows: Sequence[RestorationRow]) -> Restoration:
    """Apply every row of the table to ``text`` (used on the article itself)."""
    return Restorer(rows).restore(text)


# Compiled query tables by identity of the row sequence (a Pack's tuple lives as long
# as the pack): hashing 150 rows per question would cost more than applying them.
_QUERY_CACHE: dict[int, tuple[Sequence[RestorationRow], Restorer]] = {}
_QUERY_CACHE_SIZE = 8


def restore_query(text: str, rows: Sequence[RestorationRow]) -> str:
    """Apply only the rows that are safe on a user's own words (``queries`` true).

    Rows such as 免费->收费 are right inside the spun article but would invert a
    user's correct wording, so they are skipped here. The compiled table is cached
    per row sequence (pass the same tuple, e.g. ``pack.restoration``, each time).
    """
    cached = _QUERY_CACHE.get(id(rows))
    if cached is None or cached[0] is not rows:
        if len(_QUERY_CACHE) >= _QUERY_CACHE_SIZE:
            _QUERY_CACHE.clear()
        cached = (rows, Restorer(r for r in rows if r.queries))
        _QUERY_CACHE[id(rows)] = cached
    return cached[1].apply(text)
