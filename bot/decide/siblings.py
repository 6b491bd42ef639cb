"""Figures of the best entry's own sentence: the one a question names more closely, the one that
is the change asked for, and those shown beside a miss.

One sentence of the article often states several figures ("全市在业养老机构135家,…,等级养老机构
占比91.85%"); ranking finds the sentence, and these read which of its figures was asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.decide.book import FactBook
from bot.decide.fit import check
from bot.decide.ranking import same_sentence
from bot.knowledge.models import Entry
from bot.match.index import Scored
from bot.understand.ask import Ask

__all__ = ["change_figure", "named_sibling", "people_sibling", "sibling_subject", "siblings"]


def named_sibling(book: FactBook, a: Ask, best: Scored, results: Sequence[Scored]) -> Scored | None:
    """A figure of the best's own sentence whose name holds words of the question that the
    best's name lacks: the question is about that figure's subject."""
    if a.answer.kind != "figure" or not best.entry.figure or a.context:
        return None
    if a.answer.measure in ("", "percent", "money"):
        return None  # only a count of a part whose share is stated ("等级养老机构有几家")
    text = a.q.text
    words = {text[i : i + 2] for i in range(len(text) - 1)}
    own = " ".join(book.match_names(best.entry))
    said = _clause_cover(book, best.entry, words)
    for s in results[1:6]:
        facts = book.facts(s.entry)
        if s.entry is best.entry or facts.figure_kind != "percent" or facts.is_change:
            continue
        if not same_sentence(s.entry, best.entry):
            continue
        theirs = " ".join(book.match_names(s.entry))
        # Its name holds words the best's lacks, and its own clause says more of the
        # question than the best's (the sentence's shared subject counts for neither).
        extra = any(w in theirs and w not in own for w in words)
        if extra and _clause_cover(book, s.entry, words) > said:
            return s
    return None


def sibling_subject(
    book: FactBook, a: Ask, best: Scored, results: Sequence[Scored]
) -> Scored | None:
    """A figure of the best's own sentence that the question names by a name of its own, which
    the best's names and its part of the sentence lack ("临时救助投入了多少资金" of 兜底保障
    10.67亿元 beside 临时救助 2.74万人次): the question is about that figure's subject."""
    if not best.entry.figure or a.context:
        return None
    text = a.q.text
    if any(len(n) >= 2 and n in text for n in book.match_names(best.entry)):
        return None  # the question names the best too ("慈善组织开展了多少个公募项目")
    own = " ".join(
        (*book.match_names(best.entry), book.normalizer.index_text(_own_part(best.entry)))
    )
    for s in results[1:6]:
        if s.entry is best.entry or not s.entry.figure or not same_sentence(s.entry, best.entry):
            continue
        if any(len(n) >= 3 and n in text and not _told(n, own) for n in book.match_names(s.entry)):
            return s
    return None


def _told(name: str, text: str) -> bool:
    """Whether a text speaks of a name, its words perhaps apart ("困难群众兜底保障" in "困难群众
    获得兜底保障"): each two-character word of it is in the text."""
    return name in text or all(name[i : i + 2] in text for i in range(0, len(name) - 1, 2))


_PEOPLE_ASKED = re.compile(r"(?:多少|几)(?:个|名|位)?人(?!次)")


def people_sibling(
    book: FactBook, a: Ask, best: Scored, results: Sequence[Scored], band: float
) -> Scored | None:
    """People asked ("寻亲成功了几个人") where the best counts person-times (3539人次) and a
    figure of its own sentence counts people (68人): that figure is the one asked for, when
    the question names it or it is no more than `band` behind. Otherwise it is about
    something else ("兜底保障帮了多少人": not the 68 who found their families)."""
    if not best.entry.figure.endswith("人次") or not _PEOPLE_ASKED.search(a.q.cleaned):
        return None
    for s in results[1:6]:
        if not s.entry.figure.endswith("人") or not same_sentence(s.entry, best.entry):
            continue
        named = any(len(n) >= 2 and n in a.q.text for n in book.match_names(s.entry))
        if named or s.score >= best.score - band:
            return s
    return None


_SUB_SENTENCE = re.compile(r"[；;。]")


def _own_part(e: Entry) -> str:
    """The part of its sentence (between semicolons) that states the entry's figure: what
    speaks of its subject ("…困难群众获得兜底保障,累计投入资金10.67亿元")."""
    own = e.own_clause().split("，")[0]
    return next((p for p in _SUB_SENTENCE.split(e.quote) if own and own in p), e.quote)


def _clause_cover(book: FactBook, e: Entry, words: set[str]) -> int:
    clause = book.normalizer.canonical(e.own_clause())
    return sum(w in clause for w in words)


def change_figure(book: FactBook, a: Ask, best: Scored, results: Sequence[Scored]) -> Scored | None:
    """ "涨了多少" (no unit named) is answered by the figure that *is* the change (16.7%),
    when the level that states it won the ranking (875元, 较2019年提高16.7%)."""
    asks_change = (a.aspect == "change" and not a.answer.named) or bool(a.direction)
    if not asks_change or book.facts(best.entry).is_change:
        return None
    for s in results:
        if s.entry is not best.entry and same_sentence(s.entry, best.entry):
            said = book.said(s.entry)
            if said.facts.is_change and check(a, s.entry, said).ok:
                return s
    return None


def siblings(best: Scored, results: Sequence[Scored]) -> list[Scored]:
    """Figures of the best entry's own sentence: what the article states nearby."""
    return [
        s
        for s in results[1:4]
        if s.entry.figure and same_sentence(s.entry, best.entry) and s.entry is not best.entry
    ][:2]
