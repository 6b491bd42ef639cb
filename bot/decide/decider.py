"""The decision for one question: answered, not stated, ambiguous or no match.

Order: refusals that need no entry (another city, the province, a metric the article lacks),
the years asked, the choice among ranked candidates (score, margin, same-sentence partners),
then the fit check — does the chosen entry state what was asked? — and for yes/no questions
the verdict. A candidate that fits close behind a best that does not takes its place; if none
fits, the answer is `not_stated`, carrying the closest entry as what the article states instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer import Answer, Hit, Reason
from bot.decide.book import FactBook
from bot.decide.crossing import about_the_subject, drops_subject
from bot.decide.fit import Fit, check, qualifiers
from bot.decide.gates import Gates
from bot.decide.programmes import programmes
from bot.decide.ranking import Choice, choose, same_sentence
from bot.decide.siblings import (
    change_figure,
    named_sibling,
    people_sibling,
    sibling_subject,
    siblings,
)
from bot.decide.thresholds import DEFAULT, Thresholds
from bot.decide.verdict import judge
from bot.decide.years import year_fit
from bot.knowledge.models import Entry, Knowledge, Topic
from bot.lang.zh.measures import NAMEABLE
from bot.lang.zh.question_words import ALSO
from bot.match.index import Scored
from bot.understand.answer_type import cue_pattern
from bot.understand.ask import Ask

__all__ = ["Decider"]

_ALSO = cue_pattern(ALSO)


def _hits(scored: Sequence[Scored]) -> tuple[Hit, ...]:
    return tuple(Hit(s.entry, round(s.score, 1)) for s in scored)


class Decider:
    def __init__(
        self,
        knowledge: Knowledge,
        book: FactBook,
        thresholds: Thresholds = DEFAULT,
        programme: dict[str, str] | None = None,
    ) -> None:
        """`programme`: figure id -> programme id, as `programme_ids` gave it for the same
        knowledge and code (the build cache); found from the entries when None."""
        self.knowledge = knowledge
        self.book = book
        self.th = thresholds
        self.gates = Gates(knowledge)
        self._topics = tuple(knowledge.topics.values())
        # The programme (a statement without a figure) whose sentence states each figure.
        self.programme: dict[str, Entry] = (
            programmes(knowledge.entries.values())
            if programme is None
            else {f: knowledge.entries[p] for f, p in programme.items()}
        )

    def programme_ids(self) -> dict[str, str]:
        return {f: p.id for f, p in self.programme.items()}

    # ---- outcomes ---------------------------------------------------------------------------

    def no_match(
        self,
        a: Ask,
        reason: Reason,
        *,
        known: Sequence[Scored] = (),
        suggest: Sequence[Scored] = (),
        detail: str = "",
    ) -> Answer:
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="no_match",
            reason=reason,
            known_instead=_hits(known),
            suggestions=self.suggest(suggest) if suggest else self._topics,
            detail=detail,
            context=a.context,
        )

    def not_stated(
        self, a: Ask, fit: Fit, known: Sequence[Scored], *, verdict: bool = False
    ) -> Answer:
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="not_stated",
            reason=fit.reason,  # type: ignore[arg-type]
            known_instead=_hits(known),
            suggestions=self.suggest(known),
            detail=fit.detail,
            verdict="not_stated" if verdict or a.yesno else "",
            context=a.context,
        )

    def answered(
        self,
        a: Ask,
        best: Scored,
        follow: Sequence[Entry],
        results: Sequence[Scored],
        verdict: str = "",
    ) -> Answer:
        """The answer `best`, with what follows it (partners, related), and its verdict on a
        yes/no question (`verdict` when the caller has already judged it)."""
        said = self.book.said(best.entry)
        if a.yesno and not verdict:
            v = judge(a, best.entry, said, uncovered=self.th.uncovered_chars)
            if v.value == "not_stated":
                return self.not_stated(a, Fit(False, "claim", v.why), [best], verdict=True)
            verdict = v.value
        reason: Reason = ""
        if best.number_match and best.text_score < self.th.answer_score:
            reason = "number_lookup"
        by_id = {s.entry.id: s for s in results}
        hits = [Hit(best.entry, round(best.score, 1))]
        seen = {best.entry.id}
        for e in (*follow, *self.related(best.entry)):
            if e.id not in seen:
                seen.add(e.id)
                rs = by_id.get(e.id)
                hits.append(Hit(e, round(rs.score, 1) if rs else 0.0))
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="answered",
            reason=reason,
            hits=tuple(hits),
            verdict=verdict,  # type: ignore[arg-type]
            context=a.context,
            figure=said.facts.duration if a.answer.measure == "years" else "",
        )

    # ---- the decision -----------------------------------------------------------------------

    def decide(self, a: Ask, results: Sequence[Scored], packs: Sequence[str] = ()) -> Answer:
        th = self.th
        best = results[0] if results else None
        oos = self.gates.absent_metric(a, packs)
        if oos and (best is None or best.text_score < th.exact_score):
            return self.no_match(a, "unknown_metric", detail=oos, suggest=results)
        if best is None or best.score < th.min_score:
            return self.no_match(a, "low_score", suggest=results)
        if not a.context:
            results = about_the_subject(a.q.text, results, self.book, th)
            best = results[0]
        thin = len(a.q.text) < 2 and not (a.q.english or a.q.numbers or a.compute)
        if thin and best.text_score < th.exact_score:
            # One character of subject ("镇江有几个区" -> 区): any entry with 社区 in it would
            # do; that is no match, not a choice to offer.
            return self.no_match(a, "low_score", suggest=results)
        if self.gates.about_province(a, best.entry):
            floor = max(th.answer_score, best.score - th.ambiguous_band)
            known = [s for s in results if s.score >= floor][:2]
            detail = "、".join(p.short for p in a.places if p.role == "province") or "全省"
            return self.no_match(a, "other_place", known=known, detail=detail)
        narrowed = qualifiers(a, self.book.said(best.entry))
        if not narrowed.ok and best.score >= th.answer_score:
            # "丹阳呢" after "那2019年呢": no year and no arithmetic makes a district's figure.
            better = [s for s in results[1:4] if s.score >= best.score - th.refit_band]
            if not any(qualifiers(a, self.book.said(s.entry)).ok for s in better):
                if self._other_place(a, narrowed, best):
                    # "…的是丹阳市民政局？" of what the article says of 句容: no, and where.
                    return self.answered(a, best, (), results, verdict="no")
                return self.not_stated(a, narrowed, [best])
        if (a.q.years or a.q.baseline_years) and not a.yesno:  # a yes/no year is checked
            fitted = self._years(a, results)
            if isinstance(fitted, Answer):
                return fitted
            results = fitted
        ctx = self.knowledge.entries.get(a.context) if a.answer.names and a.context else None
        if ctx is not None and self.book.facts(ctx).figure_kind in NAMEABLE:
            # "都叫什么名字" after 25家: the names of those 25, which only that entry could list.
            results = [s for s in results if s.entry.id == ctx.id] or results
        choice = choose(a, results, self.programme, th)
        if choice.programme is not None:
            fam = choice.family
            lead = Scored(choice.programme, fam[0].score, fam[0].text_score)
            if check(a, lead.entry, self.book.said(lead.entry)).ok:
                return self.answered(a, lead, [s.entry for s in fam], results)
            return self._close(a, choice)  # the programme does not state it: its figures may
        if choice.best is not None:
            return self._clear(a, choice, choice.best, results)
        return self._close(a, choice)

    def _years(self, a: Ask, results: Sequence[Scored]) -> list[Scored] | Answer:
        th = self.th
        fitted = [
            (s, year_fit(s.entry, self.book.facts(s.entry), a, self.book.span(s.entry)))
            for s in results
        ]
        ok = [s for s, fit in fitted if fit in ("match", "neutral")]
        best = results[0]
        if fitted[0][1] in ("match", "neutral"):
            return ok
        alt = ok[0] if ok else None
        if alt is not None and alt.score >= max(th.min_score, best.score - th.year_alternative):
            return ok
        floor = max(th.min_score, best.score - th.ambiguous_band)
        known = [s for s, fit in fitted if fit != "mismatch" or s is best]
        known = [s for s in known if s.score >= floor][:2] or [best]
        years = list(a.q.years) or list(a.q.baseline_years)
        span = self.book.span(best.entry)
        detail = "、".join(str(y) for y in years)
        if any(span.outside(y) for y in years):
            return self.no_match(a, "unknown_year", known=known, detail=detail)
        return self.not_stated(a, Fit(False, "date", detail), known)

    def _clear(
        self, a: Ask, choice: Choice, best: Scored, unfolded: Sequence[Scored] = ()
    ) -> Answer:
        fit = check(a, best.entry, self.book.said(best.entry))
        named = named_sibling(self.book, a, best, choice.results) if fit.ok else None
        if fit.ok and named is None:
            named = sibling_subject(self.book, a, best, choice.results)
            named = named or people_sibling(self.book, a, best, choice.results, self.th.margin)
        if named is not None:
            # "等级养老机构有多少家": 等级 names the share of rated institutions, not all 135.
            sib = check(a, named.entry, self.book.said(named.entry))
            if sib.ok:
                return self.answered(a, named, [best.entry], choice.results)
            return self.not_stated(a, sib, [named, best])
        if fit.ok:
            change = change_figure(self.book, a, best, choice.results)
            if change is not None:
                return self.answered(a, change, [best.entry], choice.results)
            return self.answered(a, best, choice.follow, choice.results)
        # A candidate close behind that does state what was asked answers instead.
        if fit.reason == "measure" and fit.detail == "per_year":
            return self.not_stated(a, fit, [best])  # its own figure, a year of it: computed
        # A figure of the best programme's own sentence may be a little further behind.
        for s in choice.results[1:]:
            band = self.th.refit_band
            if same_sentence(s.entry, best.entry):
                # A figure of the best's own sentence; a programme's figures answer for it
                # however far behind their words are ("五安工程…完成几个": 33个).
                band = self.th.sibling_refit_band if best.entry.figure else 100.0
            if s.score < max(self.th.min_score, best.score - band):
                continue
            # 低保标准 asked, 孤儿保障标准 fits; 江海葬纪念园 asked, 惠民殡葬 dated: not a refit
            own_kind = band == self.th.refit_band or fit.reason in ("date", "detail")
            if own_kind and self._drops_subject(a, best, s):
                continue
            if check(a, s.entry, self.book.said(s.entry)).ok:
                follow = choice.folded.get(s.entry.id, ())
                return self.answered(a, s, follow, choice.results)
        # An entry folded into the best as its partner (the Q&A of an indicator's sentence)
        # may state what the best does not ("那个得到谁的认可了": the Q&A names 民政部).
        # Only a who, where or when: the parts a Q&A lists may be those of something else.
        told = fit.reason == "date" or fit.detail in ("actor", "place")
        partners = {e.id for e in choice.follow} if told else set[str]()
        for s in unfolded:
            if s.entry.id in partners and check(a, s.entry, self.book.said(s.entry)).ok:
                return self.answered(a, s, [best.entry], choice.results)
        known = [best, *siblings(best, choice.results)]
        return self.not_stated(a, fit, known[:3])

    def _other_place(self, a: Ask, narrowed: Fit, best: Scored) -> bool:
        """A yes/no question that names one district of what the article says of another
        ("…的是丹阳市民政局？" of 句容市民政局), not asking about one more ("丹阳也…吗")."""
        if not a.yesno or narrowed.reason != "district" or _ALSO.search(a.q.cleaned):
            return False
        return bool(self.book.said(best.entry).places)

    def _drops_subject(self, a: Ask, best: Scored, other: Scored) -> bool:
        names = self.book.names
        return drops_subject(a.q.text, names(best.entry), names(other.entry))

    def _close(self, a: Ask, choice: Choice) -> Answer:
        th = self.th
        results = choice.results
        best = results[0]
        floor = max(th.min_score, best.score - th.ambiguous_band)
        cands = [s for s in results if s.score >= floor][:5]
        fits = [(s, check(a, s.entry, self.book.said(s.entry))) for s in cands]
        fitting = [s for s, f in fits if f.ok]
        if fitting and fitting[0] is not best:
            # The best does not fit: a fitting rival about another subject (孤儿 for 低保)
            # does not answer for it, unless it quotes the best's own sentence.
            fitting = [
                s
                for s in fitting
                if same_sentence(s.entry, best.entry) or not self._drops_subject(a, best, s)
            ]
        if not fitting:
            first = fits[0][1]
            if first.reason == "measure" and first.detail == "per_year":
                return self.not_stated(a, first, [best])  # a year of its monthly figure
            if best.score < th.dominant_score and not best.number_match:
                return self.no_match(a, "low_score", suggest=results)
            return self.not_stated(a, fits[0][1], cands[:3])
        top = fitting[0]
        # "寻亲成功了几个人": 68人, not the 3539人次 close beside it
        top = people_sibling(self.book, a, top, fitting, self.th.margin) or top
        # Two entries of one sentence that both fit are partners, not rivals.
        rivals = [s for s in fitting[1:] if not same_sentence(s.entry, top.entry)]
        s2 = rivals[0].score if rivals else 0.0
        if top.score - s2 >= th.margin_needed(top.score) or (
            not rivals and top.score >= th.dominant_score
        ):
            change = change_figure(self.book, a, top, results)
            if change is not None:
                return self.answered(a, change, [top.entry], results)
            return self.answered(a, top, choice.folded.get(top.entry.id, ()), results)
        if best.score < th.dominant_score and s2 < th.dominant_score and not best.number_match:
            return self.no_match(a, "low_score", suggest=results)
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="ambiguous",
            reason="close_candidates",
            hits=_hits(fitting[:5]),
            context=a.context,
        )

    # ---- helpers ----------------------------------------------------------------------------

    def related(self, entry: Entry) -> list[Entry]:
        got = (self.knowledge.entries.get(rid) for rid in entry.related)
        return [e for e in got if e is not None and e.id != entry.id]

    def suggest(self, results: Sequence[Scored]) -> tuple[Topic, ...]:
        seen: list[Topic] = []
        for s in results[:5]:
            t = self.knowledge.topics.get(s.entry.topic)
            if t is not None and t not in seen and s.score >= 20:
                seen.append(t)
        return tuple(seen) or self._topics
