"""From ranked candidates to one best entry, or to a set of equally close ones.

A figure and the programme it belongs to often quote the same sentence (the figure "近2万名
网格员" and the programme "小网格+大救助"). They are not rivals: the kind of question picks one
("多少" a figure, "是什么" a programme), the other follows it as related, instead of a needless
"did you mean". Two figures of one sentence that tie ("捐款多不多，在江苏排名怎么样": total and
per head) are answered by the programme that states the sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.decide.thresholds import Thresholds
from bot.knowledge.models import Entry
from bot.match.index import Scored
from bot.understand.ask import Ask

__all__ = ["Choice", "choose", "same_sentence"]


def same_sentence(a: Entry, b: Entry) -> bool:
    """Whether two entries quote the same sentence of the article (one quote contains the other)."""
    qa, qb = a.quote.strip(), b.quote.strip()
    return bool(qa and qb) and (qa in qb or qb in qa)


_FIGURE: dict[str, bool] = {}  # entry id -> whether it states a figure (read once per entry)


def _states_figure(e: Entry) -> bool:
    got = _FIGURE.get(e.id)
    if got is None:
        got = _FIGURE[e.id] = bool(e.figure)
    return got


@dataclass(frozen=True, slots=True)
class Choice:
    """The outcome of ranking: a clear best (with what follows it), or close candidates."""

    results: tuple[Scored, ...]  # after folding, best first
    best: Scored | None = None  # set when one candidate is clearly ahead
    follow: tuple[Entry, ...] = ()  # entries folded into the best, shown as related
    programme: Entry | None = None  # set when tied figures are answered by their programme
    family: tuple[Scored, ...] = ()  # ... and those figures
    folded: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)

    @property
    def clear(self) -> bool:
        return self.best is not None or self.programme is not None


def _fold(
    a: Ask, results: Sequence[Scored], th: Thresholds
) -> tuple[list[Scored], dict[str, list[Entry]]]:
    """Merge a figure and a programme that quote the same sentence into one candidate.

    "多少 / 几 / how many" (or a number) wants the figure, anything else the programme. An
    entry of the other kind steps aside for the wanted-kind entries of its sentence, lending
    them its score (all by the same amount, so rival figures of that sentence stay rivals),
    and is listed as related to the one that wins.
    """
    # A yes/no question is judged on the figure whose clause it asks about ("捐赠总量是全省第一
    # 吗" is about the total, not the programme that states total and per head alike).
    want_figure = a.q.intent == "quantity" or (
        a.yesno and bool(a.claims or a.q.numbers or a.direction)
    )
    band = th.what_fold_band if a.q.intent == "what" or a.yesno else th.fold_band
    if not want_figure and a.q.intent != "what" and not a.yesno:
        # A bare subject ("孤儿生活费标准", "五安工程") asks for what it names: the programme
        # takes a figure's place only when it is named as well (a tie), not from behind.
        band = th.bare_fold_band
    scores = {s.entry.id: s.score for s in results}
    folded: dict[str, list[Entry]] = {}
    gone: set[str] = set()
    # Only entries of the other kind step aside (join `gone`): the wanted ones are read once.
    wanted = [t for t in results if _states_figure(t.entry) == want_figure and t.unit_fit >= 0]
    for s in results:
        if _states_figure(s.entry) == want_figure or s.entry.id in gone:
            continue
        partners = [
            t for t in wanted if t.score >= s.score - band and same_sentence(s.entry, t.entry)
        ]
        if not partners:
            continue
        top = max(partners, key=lambda t: scores[t.entry.id])
        lift = max(0.0, s.score - scores[top.entry.id])
        for t in partners:
            scores[t.entry.id] = min(100.0, scores[t.entry.id] + lift)
        gone.add(s.entry.id)
        folded.setdefault(top.entry.id, []).append(s.entry)
    if not gone:
        return list(results), folded
    kept = [
        replace(s, score=scores[s.entry.id]) if scores[s.entry.id] != s.score else s
        for s in results
        if s.entry.id not in gone
    ]
    order = {s.entry.id: i for i, s in enumerate(results)}
    kept.sort(key=lambda s: (-s.score, order[s.entry.id]))
    return kept, folded


def _programme_tie(
    results: Sequence[Scored], programme: Mapping[str, Entry], th: Thresholds
) -> tuple[Entry, tuple[Scored, ...]] | None:
    best = results[0]
    qa = programme.get(best.entry.id)
    if qa is None or best.score < th.dominant_score or best.unit_fit < 0:
        return None
    family = [s for s in results if programme.get(s.entry.id) is qa and s.unit_fit >= 0]
    rivals = [s for s in results if s not in family and s.entry.id != qa.id]
    if len(family) < 2:
        return None
    if rivals and best.score - rivals[0].score < th.margin_needed(best.score):
        return None
    floor = best.score - th.ambiguous_band
    return qa, tuple(s for s in family if s.score >= floor)


def choose(
    a: Ask, results: Sequence[Scored], programme: Mapping[str, Entry], th: Thresholds
) -> Choice:
    """Fold same-sentence partners, then apply the score and margin thresholds."""
    kept, folded = _fold(a, results, th)
    best = kept[0]
    partners = [
        s.entry
        for s in kept[1:]
        if best.score >= th.answer_score
        and _states_figure(s.entry) != _states_figure(best.entry)
        and s.score >= best.score - th.ambiguous_band
        and same_sentence(s.entry, best.entry)
    ]
    follow = [*folded.get(best.entry.id, ()), *partners]
    partner_ids = {e.id for e in partners}
    second = next(
        (s for s in kept[1:] if s.entry.id != best.entry.id and s.entry.id not in partner_ids),
        None,
    )
    s2 = second.score if second is not None else 0.0
    frozen = {k: tuple(v) for k, v in folded.items()}
    if best.score - s2 >= th.margin_needed(best.score):
        return Choice(tuple(kept), best=best, follow=tuple(follow), folded=frozen)
    if second is not None:
        tie = _programme_tie(kept, programme, th)
        if tie is not None:
            return Choice(tuple(kept), programme=tie[0], family=tie[1], folded=frozen)
    return Choice(tuple(kept), folded=frozen)
