"""Names that cross: a candidate called only by a name that cuts into another entry's name.

"临时救助一共花了多少资金" reads, word for word, 临时救助 + 资金; the funds entry is called
救助资金 and so ranks first, though its name starts inside 临时救助, the name of another entry.
Read as a person would (the longer, earlier word wins), the question is about 临时救助, and what
it asks (money) is then a measure that entry may not state. A first candidate whose every name
found in the question crosses another candidate's name is not about the question's subject, and
drops out of the ranking (its score came from half a word); a name inside a longer one ("兜底保障"
in "困难群众兜底保障") does not cross it, it is the same subject.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.decide.book import FactBook
from bot.decide.thresholds import Thresholds
from bot.match.index import Scored

__all__ = ["about_the_subject", "drops_subject", "named_elsewhere", "uncross"]

Span = tuple[int, int]
_CANDIDATES = 5  # how deep the ranking is read: names of entries further down do not decide


def _spans(text: str, names: Sequence[str]) -> list[Span]:
    out: list[Span] = []
    for name in names:
        if len(name) < 2:
            continue
        at = text.find(name)
        while at >= 0:
            out.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return out


def _cut_by(m: Span, o: Span) -> bool:
    """`m` starts inside `o` and runs past it: read left to right, `o` is the word there
    ("临时救助资金": 救助资金 is cut by 临时救助; in "低保标准全省排名", 标准全省排名 does not
    cut 低保标准)."""
    return o[0] < m[0] < o[1] < m[1]


def uncross(
    text: str, results: Sequence[Scored], names: Callable[[Scored], Sequence[str]]
) -> list[Scored]:
    """`results` without the first candidate when its names all cross another candidate's name
    in `text` (the question's match text); unchanged when they do not."""
    if len(results) < 2:
        return list(results)
    mine = names(results[0])
    first = _spans(text, mine)
    if not first:
        return list(results)  # called by other words than its names: nothing to read
    for other in results[1:_CANDIDATES]:
        # A name the first is called by too (惠民殡葬 of 惠民殡葬惠及人数) is its own subject.
        # Only names the question has can cross (`_spans` finds nothing of the others).
        own = [
            n for n in names(other) if len(n) >= 2 and n in text and not any(n in m for m in mine)
        ]
        theirs = _spans(text, own)
        crossed = theirs and all(any(_cut_by(m, o) for o in theirs) for m in first)
        if crossed and not any(o[0] <= m[0] and m[1] <= o[1] for m in first for o in theirs):
            return list(results[1:])
    return list(results)


def named_elsewhere(
    text: str,
    first: Sequence[str],
    own: str,
    others: Sequence[Sequence[str]],
) -> bool:
    """Whether the question names another candidate and not the first: "全市低保人数有多少" names
    低保 (the standard's name), and the person-times of 兜底保障, ranked first on 人数 and the
    sentence they share, are not called 低保 — neither by a name (`first`) nor in their own
    clause (`own`), nor by a name sharing two characters with 低保. Then the first is about
    another subject than the one asked."""
    if any(len(n) >= 2 and n in text for n in first):
        return False
    mine = {f[i : i + 2] for f in first for i in range(len(f) - 1)}
    return any(
        len(n) >= 2 and n in text and n not in own and mine.isdisjoint(_pairs(n))
        for names in others
        for n in names
    )


def _pairs(name: str) -> set[str]:
    return {name[i : i + 2] for i in range(len(name) - 1)}


def about_the_subject(
    text: str, results: Sequence[Scored], book: FactBook, th: Thresholds
) -> list[Scored]:
    """The ranking without a first candidate that is not about what the question (its match
    `text`) names: cut out of another's name, or named elsewhere. It stays when it is the only
    one, or called exactly."""
    names = book.match_names
    out = uncross(text, results, lambda s: names(s.entry))
    first = out[0]
    if len(out) > 1 and first.text_score < th.exact_score:
        others = [names(s.entry) for s in out[1:_CANDIDATES] if s.score >= th.min_score]
        own = book.normalizer.canonical(first.entry.own_clause())
        if named_elsewhere(text, names(first.entry), own, others):
            out = out[1:]
    return out


def drops_subject(text: str, mine: str, theirs: str) -> bool:
    """Whether a pair of the question's words calls one entry (`mine`: its names) and not
    another (`theirs`): then the other is about another subject, however well it fits."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    return any(p in mine and p not in theirs for p in pairs)
