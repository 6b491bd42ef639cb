"""Apply a restoration table: spun phrases back to standard Chinese.

The received article was machine-spun (发展 became 成长, 救助 became 救济 ...). The
restored text is *derived* from it by this module, never hand-edited, so that every
quote can be traced back to the received copy through the table.

Rules (the same for the article and for user questions):

* one pass, left to right; at each position the longest matching ``spun`` phrase
  wins, ties (identical phrases) go to the earlier row;
* replaced text is never re-scanned, so rows cannot chain (A->B, then B->C);
* text between matches is copied unchanged.

A regex gives exactly this, compiled as a trie of the phrases (`_trie_pattern`): at each
position ``re`` follows the one branch the next character allows, and a greedy optional
group prefers the longer phrase, so the match is the longest phrase starting at the
leftmost position; ``sub`` never revisits output. (A flat alternation sorted by length
matches the same, but tries every phrase at every position: with the gazetteer's places
that was most of the cost of normalizing a string.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.knowledge.models import RestorationRow

__all__ = ["Restoration", "Restorer", "restore", "restore_query"]

_END = ""  # the trie key marking that a phrase ends at a node (phrases are never empty)
_BUCKET = 64  # first characters per look-ahead bucket of a large table (measured: 32-96 alike)


@lru_cache(maxsize=16)
def _trie_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching the longest of `phrases` that starts where it matches (kept for the
    next table of the same phrases: a pack's rows are compiled by its parse and its check)."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = True

    def body(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + body(sub) for ch, sub in node.items() if ch != _END]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # A phrase ends here and longer ones go on: try the longer first (greedy), else stop.
        return f"(?:{inner})?" if _END in node else inner

    firsts = list(root)
    if len(firsts) <= 4 * _BUCKET:
        return re.compile(body(root))
    # ``re`` tries a branch's alternatives one by one, so a root of 600 first characters (the
    # gazetteer) costs 600 comparisons at every position. Buckets of them, each behind a
    # character-class look-ahead, cut that ~3x; the first characters are distinct, so at most
    # one bucket and one alternative can match: the same match as the flat branch.
    buckets = []
    for i in range(0, len(firsts), _BUCKET):
        chars = firsts[i : i + _BUCKET]
        alts = "|".join(re.escape(ch) + body(root[ch]) for ch in chars)
        buckets.append("(?=[" + "".join(map(re.escape, chars)) + "])(?:" + alts + ")")
    return re.compile("(?:" + "|".join(buckets) + ")")


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
        self._pattern: re.Pattern[str] | None = (
            _trie_pattern(tuple(self._row_of)) if self._row_of else None
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
