"""Refusals that need no fit check: another city, the province as a whole, a head count of a
population, a metric the article does not contain.

Each reads the question (`Ask`) and what the packs' scope.yaml says they cover; nothing about a
particular article is written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.knowledge.models import Entry, Knowledge
from bot.lang.zh.populations import GROUPS
from bot.lang.zh.question_words import RANKING
from bot.match.index import Scored
from bot.understand.answer_type import cue_pattern
from bot.understand.ask import Ask

__all__ = ["Gates"]

_RANKING = cue_pattern(RANKING)


class Gates:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._absent: dict[str, tuple[str, ...]] = {
            name: tuple(w.casefold() for w in s.absent_metrics)
            for name, s in knowledge.scopes.items()
        }
        # One pattern per pack: the terms, longest first (a question is scanned once).
        self._patterns = {
            name: re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
            for name, terms in self._absent.items()
            if terms
        }
        # Where the article itself uses an absent metric's word as part of another ("财政" in
        # 财政部): the character after (or before) it there, so "财政部" asks no finance figure.
        text = "".join(p.restored_text for p in knowledge.packs)
        self._used: dict[str, set[str]] = {}
        for terms in self._absent.values():
            for t in terms:
                for m in re.finditer(re.escape(t), text):
                    around = self._used.setdefault(t, set())
                    around.add("+" + text[m.end() : m.end() + 1])
                    around.add("-" + text[max(0, m.start() - 1) : m.start()])
        self._headcount = frozenset(GROUPS)
        self._province_words = {
            name: tuple(s.province.names) for name, s in knowledge.scopes.items()
        }

    def elsewhere(self, a: Ask) -> tuple[str, ...]:
        """Places no pack covers that the question is about ("南京低保标准"): () when it also
        names a covered place, which is then what it is about."""
        covered = [p for p in a.places if p.role in ("city", "inside")]
        if covered:
            return ()
        return tuple(p.short for p in a.places if p.role == "other")

    def about_province(self, a: Ask, best: Entry | None) -> bool:
        """A provincial figure is asked for ("江苏全省低保标准"), which an article about one city
        does not give; "全省排第几" / "全省最高" use the province only as a yardstick."""
        if not a.q.province or a.q.places or _RANKING.search(a.q.cleaned) or a.claims:
            return False
        if best is None:
            return True
        words = self._province_words.get(best.pack, ())
        own = " ".join((best.title, *best.aliases))
        return not any(w in own for w in words) and "全省" not in own

    def absent_metric(self, a: Ask, packs: Sequence[str]) -> str:
        """A metric the article does not contain that the question names ("GDP", "房价")."""
        hay = a.q.cleaned
        for name in packs or self._absent:
            pattern = self._patterns.get(name)
            for m in pattern.finditer(hay) if pattern is not None else ():
                term = m.group(0)
                used = self._used.get(term, set())
                after = "+" + hay[m.end() : m.end() + 1]
                before = "-" + hay[max(0, m.start() - 1) : m.start()]
                if (after in used and after != "+") or (before in used and before != "-"):
                    continue  # the article's own word (财政部), not the metric
                found = re.search(re.escape(term), a.q.raw, re.IGNORECASE)
                return found.group(0) if found else term
        return ""

    def headcount(self, a: Ask) -> bool:
        """A head count of a group ("镇江有多少老年人"): not a figure of an article about
        programmes, and not a request for the topic's list either."""
        q = a.q
        return (
            q.intent == "quantity"
            and q.text in self._headcount
            and not q.numbers
            and q.measure in ("", "people")
        )

    @staticmethod
    def strong(results: Sequence[Scored], floor: float) -> list[Scored]:
        """The results at or above a floor (what the article says instead, on a refusal)."""
        return [s for s in results if s.score >= floor]
