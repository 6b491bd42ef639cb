"""Derived figures: a small, explicit calculator over figures the article states.

It runs only when the question asks for a computation (`Ask.compute`: 几倍, 比…高多少, 占…比例,
平均每…, 哪个多, 非…) or when the fit check found that what was asked is one step from what is
stated (2019年 of a level stated with its change on 2019; a year of a monthly standard; the
share of a stated total). Every result is labelled as computed, carries its formula and its
inputs (each with its own quote), is rounded to what the inputs allow, and is "约" when an
input is approximate. A figure that is not a quantity (5A, 1+39, 第一) is never an input.
"""

from __future__ import annotations

import re

from bot.answer import Answer, Derived, Hit, Verdict
from bot.compose import changes
from bot.compose.inputs import Inputs
from bot.compose.pairs import COUNT_KINDS, Growth, combine, compare_growth
from bot.compose.quantities import UNIT_KIND, Qty, exact, shown
from bot.decide.book import FactBook
from bot.decide.thresholds import DEFAULT, Thresholds
from bot.lang.zh.arithmetic import DEEDS, GROWTH, YEARS_SPAN
from bot.lang.zh.question_words import CHANGE
from bot.match.index import Index
from bot.understand.ask import Ask
from bot.understand.numerals import cn_to_number

__all__ = ["Calculator"]

_SPAN = re.compile(YEARS_SPAN)
_CHANGE = re.compile("|".join(CHANGE))
_GROWTH = re.compile(GROWTH)


class Calculator:
    def __init__(self, index: Index, book: FactBook, thresholds: Thresholds = DEFAULT) -> None:
        self.index = index
        self.book = book
        self.th = thresholds
        self.inputs = Inputs(index, book, thresholds)

    # ---- the answer -------------------------------------------------------------------------

    def _per_asked(self, a: Ask, d: Derived) -> Derived:
        """A monthly result asked for a year ("2019年…一年合计多少钱"): × 12 as its last step."""
        return changes.a_year_of(d) if a.q.per == "年" else d

    def _answer(self, a: Ask, d: Derived) -> Answer:
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="answered",
            reason="derived",
            hits=tuple(Hit(e, 100.0) for e in d.inputs),
            derived=d,
            context=a.context,
            verdict=self._verdict(a, d),
        )

    def _verdict(self, a: Ask, d: Derived) -> Verdict:
        """A comparison asked yes or no ("A是不是比B高"): yes when A is the one named first of
        the result (the larger, or the smaller when asked so), no when B is."""
        if not a.yesno or d.op != "compare" or a.compute is None or not d.inputs:
            return ""
        first = self.inputs.find(a.compute.a)
        return "yes" if first is not None and d.inputs[0].id == first.entry.id else "no"

    def derive(self, a: Ask) -> Answer | None:
        """The computation a question asks for in so many words, if its inputs are stated."""
        c = a.compute
        if c is None:
            return None
        d: Derived | None = None
        if c.op in ("difference", "points", "ratio", "share", "compare", "rest_share"):
            d = self._two(c.op, c.a, c.b, a)
        elif c.op == "per_unit":
            d = self._per_unit(c.a, c.unit, a)
        elif c.op == "per_year":
            d = self._per_year(c.a, a)
        elif c.op == "complement":
            d = self._complement(c.a, a)
        elif c.op == "change":
            d = self._change(c.a, a, amount=c.amount)
        elif c.op == "growth_rate":
            d = self._growth_rate(c.a)
        elif c.op == "base_year":
            d = self._back_to_base(c.a, a)
        elif c.op == "new_share":
            q = self.inputs.find(c.a)
            got = self.inputs.level(q.entry) if q is not None else None
            d = changes.new_share(got) if got is not None and got[1] > 0 else None
        return self._answer(a, self._per_asked(a, d)) if d is not None else None

    def rescue(self, a: Ask, got: Answer) -> Answer | None:
        """A not-stated answer that one step of arithmetic on stated figures answers."""
        if got.status != "not_stated" or not got.known_instead:
            return None
        e = got.known_instead[0].entry
        q = self.inputs.qty(e)
        if q is None:
            return None
        facts = self.book.facts(e)
        d: Derived | None = None
        years = set(a.q.years)
        if got.reason == "date" and years and years <= set(facts.baseline_years):
            got_level = self.inputs.level(e)
            d = changes.base_year(got_level, next(iter(years))) if got_level else None
        elif got.reason == "measure" and got.detail == "per_year":
            d = changes.annual(q)
        elif got.reason == "measure" and q.percent and a.answer.measure not in ("", "percent"):
            whole = self.inputs.sibling(e, a.answer.measure)
            if whole is not None:
                d = self._share_of(q, whole)
        return self._answer(a, self._per_asked(a, d)) if d is not None else None

    # ---- the operations ---------------------------------------------------------------------

    def _two(self, op: str, pa: str, pb: str, a: Ask) -> Derived | None:
        if op == "compare" and _GROWTH.search(a.q.cleaned):
            # "哪个比2019年涨得多": the two stated changes, in percent
            ga = self._growth(pa)
            gb = self._growth(pb, exclude=ga[0].id) if ga else None
            return compare_growth(ga, gb, a.q.cleaned) if ga and gb else None
        qa = self.inputs.find(pa, "percent" if op == "points" else "")
        if qa is None or (qa.percent and op in ("share", "rest_share")):
            return None  # a share the article states is looked up, not worked out
        kind = "" if op in ("share", "rest_share") else qa.kind
        if op in ("difference", "compare") and qa.kind in COUNT_KINDS:
            kind = "count"  # 助餐点 (个) against 养老机构 (家): both counts of things
        qb = None
        if "的" in pa and "的" not in pb:  # "孤儿标准的涨幅比低保高": 低保的涨幅
            qb = self.inputs.find(pb + pa[pa.rindex("的") :], kind, exclude=(qa.entry.id,))
        qb = qb or self.inputs.find(pb, kind, exclude=(qa.entry.id,))
        if qb is None or not qb.value:
            return None
        if op in ("share", "rest_share") and qb.percent:
            return None  # a count's share of a percent (25家 of 16.7%) is no share of anything
        if len(a.q.years) == 1 and not a.q.baseline_years:
            # "2019年孤儿标准比低保高多少": both figures of that year, or nothing computed.
            ya, yb = (self.inputs.at_year(q, a.q.years[0]) for q in (qa, qb))
            if ya is None or yb is None:
                return None
            qa, qb = ya, yb
        return combine(op, qa, qb, a.q.cleaned)

    def _per_unit(self, text: str, unit: str, a: Ask) -> Derived | None:
        """Total ÷ count: "平均每家养老机构有多少张床位" = 床位 ÷ 养老机构."""
        rest = re.sub(
            rf"(?:平均到|平均|人均|均)?(?:下来)?每(?:一)?(?:个|家|名|位|户|张|项|{DEEDS})?(?:一|1)?"
            rf"{re.escape(unit)}(?:平均)?",
            " ",
            text,
        )
        # The total is what the unit does ("每个助餐点服务多少人次": the meal points' visits);
        # money spent ("花多少") is a total of money whether or not a unit says so.
        named = a.answer.named or a.answer.measure == "money"
        measure = a.answer.measure if named else ""
        kind = UNIT_KIND.get(unit, "count")
        total = self.inputs.find(rest + unit, measure) or (
            self.inputs.find(rest, measure) if measure else None
        )
        if total is not None and total.kind == kind:
            # The unit's own count ("每人减免多少": 11万余人), not the total: what the rest names.
            total = self.inputs.find(rest, measure, exclude=(total.entry.id,))
        if total is None:
            return None
        # The count is said in the total's own sentence (床位 beside 135家, 近1.78亿元 beside
        # 11万余人), else it is named by the unit ("每个助餐点"), else by subject and unit.
        count = self.inputs.sibling(total.entry, kind, unit)
        for phrase in (unit, rest + unit):
            if count is not None:
                break
            count = self.inputs.find(phrase, kind, exclude=(total.entry.id,))
        if count is None or not count.value or count.kind == total.kind or count.percent:
            return None
        v = total.value / count.value
        approx = total.approx or count.approx
        per = f"{total.unit}/{count.unit}" if count.unit else total.unit
        # 2800多万元 ÷ 136个 is 约20.6万元/个, in the total's magnitude, not 205882.4元/个.
        scale = "万" if total.scale and v >= 1e5 else ""
        div = 1e4 if scale else 1.0
        out = shown(v, scale, per, approx, digits=None if scale else (1 if v >= 10 else 2))
        return Derived(
            "per_unit",
            round(v / div, 2),
            scale + per,
            out,
            f"{total.written} ÷ {count.written} ≈ {v / div:.{2 if scale else 1}f}{scale}{per}",
            (total.entry, count.entry),
            approx,
        )

    def _per_year(self, text: str, a: Ask) -> Derived | None:
        """A total over N years ÷ N: "适老化改造平均每年改多少户" (连续五年, 5520户)."""
        total = self.inputs.find(text, a.answer.measure if a.answer.named else "")
        if total is None:
            return None
        m = _SPAN.search(total.entry.period + total.entry.quote)
        if m is None:
            got = self.inputs.level(total.entry) if _CHANGE.search(a.q.cleaned) else None
            if got is None or a.answer.measure == "percent":
                return None
            return changes.change_per_year(got, self.book.facts(total.entry))
        n = m.group("n") or m.group("m") or ""
        years = int(n) if n.isdigit() else int(cn_to_number(n) or 0)
        if years < 2:
            return None
        v = total.value / years
        scale = total.scale
        out = shown(v, scale, total.unit, total.approx)
        div = {"亿": 1e8, "万": 1e4}.get(scale, 1.0)
        return Derived(
            "per_year",
            round(v / div, 2),
            scale + total.unit + "/年",
            out + "/年",
            f"{total.written} ÷ {years}年 ≈ {exact(v, total)}/年",
            (total.entry,),
            total.approx,
            note=f"按文中“{m.group(0)}”平均",
        )

    def _complement(self, text: str, a: Ask) -> Derived | None:
        """100% − a stated share, or the count it leaves: "非等级养老机构" of 91.85%."""
        body = re.sub(r"^(?:非|不是|没有|未|不属于|除了)", "", text)
        share = self.inputs.find(body, "percent")
        if share is None or self.book.facts(share.entry).is_change:
            return None  # 100% − a rise (32.5%) is no share of anything
        rest = 100 - share.value
        if a.answer.measure and a.answer.measure != "percent":
            whole = self.inputs.sibling(share.entry, a.answer.measure)
            if whole is None:
                return None
            v = whole.value * rest / 100
            out = shown(v, unit=whole.unit, approx=True)
            return Derived(
                "complement",
                round(v, 2),
                whole.unit,
                out,
                f"{whole.written} × (100% − {share.written}) ≈ {v:.1f}{whole.unit}",
                (share.entry, whole.entry),
                True,
            )
        out = shown(rest, unit="%", approx=share.approx)
        return Derived(
            "complement",
            round(rest, 2),
            "%",
            out,
            f"100% − {share.written} = {out}",
            (share.entry,),
            share.approx,
        )

    def _change(self, text: str, a: Ask, *, amount: bool = False) -> Derived | None:
        """The absolute change of a level stated with a percent change: "比2019年多了几家",
        "这五年每月多了多少" (`amount`: asked in the level's own unit, whatever it is)."""
        named = a.answer.named and a.answer.measure not in ("", "percent")
        if not (named or amount) or a.answer.measure == "percent":
            return None  # the stated percent change answers it ("补助涨了多少": no unit asked)
        q = self.inputs.find(text, a.answer.measure if named else "")
        got = self.inputs.level(q.entry) if q is not None else None
        return changes.change(got) if got is not None else None

    def _back_to_base(self, text: str, a: Ask) -> Derived | None:
        """ "按涨幅倒推，2019年是多少": the level of the entry the words name (or of the change
        they name: its sentence's level), worked back to the base year it states."""
        for named in self.inputs.named(text)[1]:
            # The change (32.5%) or the Q&A named stands for the level of its own sentence.
            same = (named, *self.inputs.sentence(named))
            got = next((g for o in same if (g := self.inputs.level(o)) is not None), None)
            facts = self.book.facts(got[0].entry) if got is not None else None
            if got is None or facts is None or not facts.baseline_years:
                continue
            years = [y for y in a.q.years if y in facts.baseline_years]
            if a.q.years and not years:
                return None  # a year it is not stated against: no base to work back to
            return changes.base_year(got, (years or list(facts.baseline_years))[0])
        return None

    def _growth(self, text: str, exclude: str = "") -> Growth | None:
        """The percent change stated for what `text` names: a change stated alone (增长66.7%),
        or the change of a level (875元，较2019年提高16.7%)."""
        q = self.inputs.find(text, exclude=(exclude,))
        if q is None:
            return None
        facts = self.book.facts(q.entry)
        if q.percent and facts.is_change:
            return q.entry, (-1.0 if facts.change == "down" else 1.0) * q.value
        got = self.inputs.level(q.entry)
        return (q.entry, got[1]) if got is not None else None

    def _growth_rate(self, text: str) -> Derived | None:
        """The compound yearly rate of the change stated for what `text` names: of a level with
        its change (875元，较2019年提高16.7%), or of a change stated alone (增长66.7%). A
        present state ("现有", no year) is of the article's latest year."""
        got = self._growth(text)
        if got is None:
            return None
        e, pct = got
        facts = self.book.facts(e)
        if not facts.baseline_years:
            return None
        last = max(facts.years) if facts.years else self.book.span(e).last
        return changes.growth_rate(e, pct, facts.baseline_years[0], last)

    def _share_of(self, share: Qty, whole: Qty) -> Derived:
        v = whole.value * share.value / 100
        out = shown(v, unit=whole.unit, approx=True)
        return Derived(
            "share_of_total",
            round(v, 2),
            whole.unit,
            out,
            f"{whole.written} × {share.written} ≈ {v:.1f}{whole.unit}",
            (share.entry, whole.entry),
            True,
        )
