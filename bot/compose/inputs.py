"""The stated figures a computation works on: found by the words that name them.

A phrase names an input only if its entry is about as close to it as the best match (an input
that is merely the next-best match is no input at all), of the kind wanted; a statement with no
figure (五安工程) stands for the one figure its own sentence states. Entries that share a
sentence are indexed once, by their quote, so that finding a partner costs no scan.
"""

from __future__ import annotations

from dataclasses import replace

from bot.compose import changes
from bot.compose.quantities import Qty, quantity
from bot.decide.book import FactBook
from bot.decide.thresholds import DEFAULT, Thresholds
from bot.knowledge.models import Entry
from bot.lang.zh.measures import COMPATIBLE
from bot.match.index import Index

__all__ = ["Inputs"]


def _fits(q: Qty, kind: str) -> bool:
    return not kind or q.kind in COMPATIBLE.get(kind, frozenset({kind}))


class Inputs:
    """Finds the figures a question's words name, and the figures beside them."""

    def __init__(self, index: Index, book: FactBook, thresholds: Thresholds = DEFAULT) -> None:
        self.index = index
        self.book = book
        self.th = thresholds
        self._by_quote: dict[str, list[Entry]] | None = None  # made on first use

    def qty(self, e: Entry) -> Qty | None:
        return quantity(e, self.book.facts(e).figure_kind)

    def level(self, e: Entry) -> changes.LevelChange | None:
        """Its figure as a level with the percent change it states, or None."""
        return changes.level_and_change(self.qty(e), self.book.facts(e))

    def at_year(self, q: Qty, year: int) -> Qty | None:
        """The figure for `year`: its own when it is of that year (or of no year), else the
        level worked back to that base year (3132元 of 2024 with +32.5% on 2019: ≈2364元 in
        2019), written so; None when the article gives no way to it."""
        if year in q.entry.years or not q.entry.years:
            return q
        got = self.level(q.entry)
        if got is None or year not in self.book.facts(q.entry).baseline_years:
            return None
        level, pct = got
        v = level.value / (1 + pct / 100)
        label = f"{year}年约{v:.0f}{level.unit}（{level.written} ÷ (1 + {pct:g}%)）"
        return replace(level, value=v, approx=True, label=label)

    def sentence(self, e: Entry) -> list[Entry]:
        """The other entries that quote the same sentence, in knowledge order."""
        if self._by_quote is None:
            by: dict[str, list[Entry]] = {}
            for other in self.index.entries:
                by.setdefault(other.quote.strip(), []).append(other)
            self._by_quote = by
        return [o for o in self._by_quote.get(e.quote.strip(), ()) if o.id != e.id]

    def named(self, phrase: str) -> tuple[str, list[Entry]]:
        """The entries a phrase names about as well as the best one, best first, and the kind
        of figure its own words ask for ("" when none)."""
        q = self.index.normalizer.normalize(phrase)
        want = q.measure if q.measure_named or q.measure else ""
        found = self.index.search(q, limit=8)
        if not found:
            return want, []
        floor = max(self.th.min_score, found[0].score - self.th.ambiguous_band)
        return want, [s.entry for s in found if s.score >= floor]

    def find(self, phrase: str, kind: str = "", exclude: tuple[str, ...] = ()) -> Qty | None:
        """The stated figure a phrase names ("低保标准", "兜底保障投入"), of the kind wanted."""
        asked, entries = self.named(phrase)
        want = kind or asked
        for e in entries:
            # A statement (五安工程) stands for the one figure its own sentence states (33个).
            got = self.qty(e) or self.only_figure(e, want)
            if got is None or e.id in exclude or got.entry.id in exclude:
                continue
            if _fits(got, want):
                return got
        return None

    def only_figure(self, e: Entry, want: str) -> Qty | None:
        """The one figure (of the kind wanted, if any) that a statement's own sentence states."""
        if e.figure:
            return None
        found = [q for o in self.sentence(e) if (q := self.qty(o)) is not None and _fits(q, want)]
        return found[0] if len(found) == 1 else None

    def sibling(self, e: Entry, kind: str, named: str = "") -> Qty | None:
        """A figure of the kind wanted that the same sentence states (135家 beside 91.85%);
        of several, the one `named` calls by name (每个项目: 136个项目, not 1847件问题)."""
        found = [
            q
            for o in self.sentence(e)
            if (q := self.qty(o)) is not None and q.kind in COMPATIBLE.get(kind, frozenset({kind}))
        ]
        if named and len(found) > 1:
            called = [
                q for q in found if any(named in n for n in (q.entry.title, *q.entry.aliases))
            ]
            return called[0] if called else None
        return found[0] if found else None
