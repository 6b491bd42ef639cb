"""Whether an entry speaks for the year a question asks about.

match: the entry is about that year; neutral: it can answer for it (a present state asked for
the article's latest year, a total over a span that includes it); partial: inside a multi-year
statement that does not single the year out; mismatch: it is about another year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.facts import Facts
from bot.knowledge.models import Entry
from bot.lang.zh.question_words import NOW
from bot.understand.ask import Ask

__all__ = ["Span", "YearFit", "year_fit"]

YearFit = Literal["match", "neutral", "partial", "mismatch"]
_COMPARE = re.compile(r"比|较|相比|对比|提高|增长|增加|上涨|涨了|变化|以来|多了|翻")


@dataclass(frozen=True, slots=True)
class Span:
    """The years one pack's article covers (from its entries)."""

    first: int = 0
    last: int = 0

    @classmethod
    def of(cls, years: Sequence[int]) -> Span:
        return cls(min(years), max(years)) if years else cls()

    def outside(self, y: int) -> bool:
        return bool(self.last) and (y > self.last or y < self.first)


def _baseline_fit(e: Entry, facts: Facts, a: Ask, span: Span) -> YearFit:
    """Whether the entry can answer a comparison with the question's base year."""
    bys = set(a.q.baseline_years)
    if any(span.outside(y) for y in bys):
        return "mismatch"
    stated = set(facts.baseline_years)
    if stated:
        return "match" if bys <= stated else "mismatch"
    if all(str(y) in e.quote for y in bys):
        return "neutral"
    return "mismatch" if facts.figure_kind else "partial"


def year_fit(e: Entry, facts: Facts, a: Ask, span: Span) -> YearFit:
    """How the entry fits the years of the question (see the module docstring)."""
    q = a.q
    if q.baseline_years:
        base = _baseline_fit(e, facts, a, span)
        if base not in ("match", "neutral") or not q.years:
            return base
    qs = set(q.years)
    if not qs:
        return "neutral"
    outside = any(span.outside(y) for y in qs)
    open_span = q.year_range and len(qs) == 1 and min(qs) <= span.last
    if outside and not open_span:
        return "mismatch"
    ys = set(e.years)
    if not ys:
        # An undated figure is the present state (目前) or a total over the years (累计): it
        # answers for the article's latest year at most, not for "2022年".
        if q.year_range or (qs == {span.last} and e.period.strip() in NOW):
            return "neutral"
        return "partial"
    if q.year_range:
        lo = min(qs)
        hi = max(qs) if len(qs) > 1 else span.last or lo
        return "match" if any(lo <= y <= hi for y in ys) else "mismatch"
    if qs <= set(facts.baseline_years):
        # The baseline year is stated only as a comparison ("较2019年提高16.7%"): it answers
        # "2019年以来提高了多少", not "2019年的标准是多少".
        return "match" if q.change or _COMPARE.search(q.cleaned) else "partial"
    if not qs <= ys:
        return "mismatch"
    if len(ys) == 1:
        return "match"
    named = " ".join((e.period, e.title, *e.aliases, *e.questions))
    return "match" if all(str(y) in named for y in qs) else "partial"
