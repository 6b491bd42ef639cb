"""Overviews: what the article says about a topic, a place, a year, or an attribute it repeats.

"养老方面有哪些数据", "丹阳在文章里有什么", "2022年有什么成果", "哪些是全省率先的", "文中的100%
都指什么": a list request whose subject is one of those keys (or several: "2024年养老方面"), with
nothing left that names one entry. Each listed entry keeps its figure, period and source; the
entries are selected by their answer facts, not by matching words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer import Answer, Hit, Overview
from bot.decide.book import FactBook
from bot.knowledge.facts import read_claims
from bot.knowledge.models import Entry, Knowledge, Topic
from bot.lang.en import BROAD as EN_BROAD
from bot.lang.zh.claims import ATTRIBUTE_LABELS, HONOURS, LEVELS
from bot.lang.zh.measures import KIND_NAMES, LISTABLE, MEASURE_NOUNS
from bot.lang.zh.question_words import BROAD, LIST_LEFTOVER, TELL_ABOUT
from bot.match.index import Index, Scored
from bot.understand.ask import Ask
from bot.understand.english import stem
from bot.understand.numerals import find_numbers
from bot.understand.phrases import phrase_table
from bot.understand.places import PlaceRef

__all__ = ["Overviews"]

MAX_ITEMS = 40  # an overview longer than this is the whole article; the reply pages it
_MAX_LEFTOVER = 6  # characters of other words a list request may carry ("亮点", "称号" …)
_NAMES_ENTRY = 80.0  # text score at which the question names one entry: a lookup, not a list
# Text score at which a list question names one entry whose parts it asks ("慈善服务覆盖哪些
# 领域"); below it, the entry with parts is only the least bad match ("2020年有哪些进展").
_NAMES_PARTS = 50.0
_MAX_NARROWED = 5  # a list longer than this is no answer to a question that asked for one thing
_EITHER = re.compile(r"或者|或是|还是|或")  # attributes asked as alternatives
# "说说社会救助": asked to be told about a subject, which for a topic is what is listed of it.
_TELL_ABOUT = re.compile(r"^(?:请|你|再|那)?(?:" + "|".join(TELL_ABOUT) + ")")


def _at_year(period: str, year: int) -> bool:
    return str(year) in period and "以来" not in period


class Overviews:
    def __init__(self, knowledge: Knowledge, index: Index, book: FactBook) -> None:
        self.knowledge = knowledge
        self.index = index
        self.book = book
        self._strip = phrase_table((w, "") for w in (*BROAD, *LIST_LEFTOVER))
        self._strip_measure = phrase_table(
            (w, "") for w in (*BROAD, *LIST_LEFTOVER, *MEASURE_NOUNS)
        )

    def _leftover(self, a: Ask, topic_keys: Sequence[str]) -> str:
        text = a.q.cleaned
        for k in (*topic_keys, *a.attributes, *(w for w, _level in LEVELS)):
            text = text.replace(k, " ")
        for p in a.places:
            for n in p.names:
                text = text.replace(n, " ")
        han, english = self.index.normalizer.leftover(self._strip.apply(text))
        topic_words = {
            stem(w) for t in self.index.topics_in(a.q) for w in t.name_en.lower().split()
        }
        rest = [w for w in english if stem(w) not in topic_words | EN_BROAD and len(w) > 2]
        return han + "".join(rest)

    def find(self, a: Ask, results: Sequence[Scored]) -> Answer | None:
        """The overview a question asks for, or None when it asks for one entry."""
        told = a.answer.kind == "description" and bool(_TELL_ABOUT.match(a.q.cleaned))
        if not a.listing and a.answer.kind and not told:
            return None  # the common case: a question for one thing, not a list
        topics = self.index.topics_in(a.q)
        places = [p for p in a.places if p.role == "inside"]
        years = a.q.years if len(a.q.years) == 1 and not a.q.baseline_years else ()
        attributes = a.attributes
        keys = bool(topics) + bool(places) + bool(years) + bool(attributes)
        if not keys and a.listing and a.q.measure in LISTABLE:
            return self._by_measure(a)  # "把文章里的资金数目都列出来"
        if not keys or (not a.listing and not topics):
            return None
        leftover = self._leftover(a, self.index.topic_keys_in(a.q))
        # A bare topic word ("福彩", "慈善这块") lists the topic, unless it names an entry.
        bare = (
            bool(topics)
            and not leftover
            and (told or not a.answer.kind)
            and not keys - bool(topics)
        )
        best = results[0] if results else None
        named = _TELL_ABOUT.sub("", a.q.text) if told else a.q.text  # "说说低保": 低保
        if bare and (named in self.index.exact or (best and best.text_score >= _NAMES_ENTRY)):
            bare = False  # "床位": the name of an entry, not of a topic to list
        if not keys or not (a.listing or bare):
            return None
        if a.yesno or a.answer.kind in ("date", "actor"):
            return None
        counted = [n for n in a.q.numbers if not n.percent and n.unit]
        if counted and a.answer.kind == "list":
            return None  # "74个公募项目都有哪些": the items of one figure, not a list of entries
        if a.answer.kind == "figure" and a.answer.named:
            return None  # "养老方面花了多少钱": one figure, not a list
        if leftover and best is not None and best.text_score >= _NAMES_ENTRY:
            return None
        parts = (
            best is not None
            and best.text_score >= _NAMES_PARTS
            and bool(self.book.facts(best.entry).components)
        )
        if leftover and a.answer.kind == "list" and parts:
            return None  # "慈善服务覆盖哪些领域": the parts of one entry, not a list of entries
        if len(leftover) > _MAX_LEFTOVER:
            return None
        entries = list(self.knowledge.entries.values())
        label: list[str] = []
        by = "topic"
        if topics:
            ids = {t.id for t in topics} | {i for t in topics for i in t.includes}
            entries = [e for e in entries if e.topic in ids]
            label.append("、".join(t.name for t in topics))
        if places:
            entries = [e for e in entries if self._about(e, places)]
            label.append("、".join(p.name for p in places))
            by = "place"
            if not entries:  # "润州区有什么": the article says nothing of that place
                return Answer(
                    question=a.text,
                    normalized=a.q.text,
                    status="not_stated",
                    reason="district",
                    detail=label[-1],
                    context=a.context,
                )
        if years:
            y = years[0]
            # ... the year as a point in time, not the start of a span ("2019年以来")
            entries = [e for e in entries if y in e.years and _at_year(e.period, y)]
            label.append(f"{y}年")
            by = "year"
        if attributes:
            if _EITHER.search(a.q.cleaned):  # "全省第一或者全省最高的": either will do
                entries = [e for e in entries if any(self._has(e, (x,)) for x in attributes)]
            else:
                entries = [e for e in entries if self._has(e, attributes)]
            label.append("、".join(ATTRIBUTE_LABELS.get(x, x) for x in attributes))
            by = "attribute"
        if not entries:
            return None
        if len(topics) == 1 and not (places or years or attributes):
            by = "topic"
        topic: Topic | None = topics[0] if by == "topic" and len(topics) == 1 else None
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="answered",
            reason="topic_list" if topic is not None else "overview",
            hits=tuple(Hit(e, 100.0) for e in entries[:MAX_ITEMS]),
            topic=topic,
            overview=Overview(by, label[-1], " · ".join(label)),  # type: ignore[arg-type]
            context=a.context,
        )

    def _by_measure(self, a: Ask) -> Answer | None:
        """Every figure of the measure a list request names, and nothing else it asks."""
        han, english = self.index.normalizer.leftover(self._strip_measure.apply(a.q.cleaned))
        if han or english:
            return None  # "养老方面花了哪些钱" has a subject: not every amount in the article
        kind = a.q.measure
        entries = [
            e for e in self.knowledge.entries.values() if self.book.facts(e).figure_kind == kind
        ]
        if not entries:
            return None
        name = KIND_NAMES.get(kind, kind)
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="answered",
            reason="overview",
            hits=tuple(Hit(e, 100.0) for e in entries[:MAX_ITEMS]),
            overview=Overview("measure", kind, f"文中的{name}"),
            context=a.context,
        )

    def narrowed(self, a: Ask, results: Sequence[Scored]) -> Answer | None:
        """For a question no one entry is close to: when a place or a year it names (with a
        distinction, maybe) narrows the article to a few entries ("句容2024年得了什么表彰"),
        those, as a list."""
        if a.compute is not None or not (a.q.years or any(p.role == "inside" for p in a.places)):
            return None
        if len(a.q.text) < 2:
            return None  # "那2019年呢": a follow-up with nothing to follow, not a request
        listed = self.find(replace(a, listing=True), results)
        if listed is None or listed.status != "answered" or len(listed.hits) > _MAX_NARROWED:
            return None
        return listed

    def _about(self, e: Entry, places: Sequence[PlaceRef]) -> bool:
        said = self.book.said(e)
        return any(p.name in said.places for p in places)

    def _has(self, e: Entry, attributes: Sequence[str]) -> bool:
        """Whether an entry states every attribute asked (a claim, or a figure such as 100%)."""
        facts = self.book.facts(e)
        for attr in attributes:
            numbers = find_numbers(attr)
            if numbers:
                n = numbers[0]
                if not any(
                    abs(m.value - n.value) < 1e-9 and m.percent == n.percent
                    for m in find_numbers(e.figure or e.quote)
                ):
                    return False
                continue
            wanted = read_claims(attr)
            if not wanted:
                continue
            for family, level in wanted:
                akin = HONOURS if family in HONOURS else {family}  # "哪些奖": any honour
                if not any(fam in akin and (not level or lv == level) for fam, lv in facts.claims):
                    return False
        return True
