"""Two stated figures combined: ratio, share, difference (or points), and which is larger.

Both inputs are figures the article states (`Qty`); the result is a `Derived` with its formula.
A difference needs the same unit (人 and 人次 are not the same thing counted), or two counts of
things (387个 助餐点 − 135家 机构: a bare number, with a note on the units); a comparison is
answered in the words it was asked ("哪个高" -> 更高, "哪个少" names the smaller), and with
the gap as its figure when the question asks by how much too ("哪个多，多多少").
"""

from __future__ import annotations

import re

from bot.answer import Derived
from bot.compose.quantities import Qty, magnitude, shown
from bot.knowledge.models import Entry
from bot.lang.zh.arithmetic import ASKED_WAY, BY_HOW_MUCH, COMPARED_BY, GROWTH, SMALLER
from bot.lang.zh.measures import COMPATIBLE

__all__ = ["COUNT_KINDS", "Growth", "combine", "compare_growth"]

Growth = tuple[Entry, float]  # an entry and the percent change it states (negative when down)

_COMPARED = re.compile(COMPARED_BY)
_ASKED_WAY = re.compile(ASKED_WAY)
_BY_HOW_MUCH = re.compile(BY_HOW_MUCH)
_GROWTH = re.compile(GROWTH)


# Kinds that count things (家, 个, 件, 场次 …): two of them may be compared as numbers.
COUNT_KINDS = frozenset(COMPATIBLE["count"])


def _unlike(qa: Qty, qb: Qty, what: str = "结果只是粗略的比") -> str:
    """A word of warning when the two are counted in different units (68人 of 3539人次)."""
    if qa.unit and qb.unit and qa.unit != qb.unit and not (qa.percent or qb.percent):
        return f"两个数的单位不同（{qa.unit}、{qb.unit}），{what}"
    return ""


def combine(op: str, qa: Qty, qb: Qty, question: str) -> Derived | None:
    """`op` (ratio / share / rest_share / difference / compare) of `qa` and `qb`; `question`
    is the cleaned question, for the words a comparison was asked in."""
    approx = qa.approx or qb.approx
    if op == "rest_share":
        v = (1 - qa.value / qb.value) * 100
        if not 0 <= v <= 100:
            return None  # the part is no part of that whole
        return Derived(
            op,
            round(v, 2),
            "%",
            shown(v, unit="%", approx=True),
            f"1 − {qa.written} ÷ {qb.written} ≈ {v:.1f}%",
            (qa.entry, qb.entry),
            True,
            note=f"{qb.entry.title}中{qa.entry.title}以外的部分",
        )
    if op in ("ratio", "share"):
        unit, times = ("倍", 1.0) if op == "ratio" else ("%", 100.0)
        v = qa.value / qb.value * times
        return Derived(
            op,
            round(v, 2),
            unit,
            shown(v, unit=unit, approx=approx),
            f"{qa.written} ÷ {qb.written} ≈ {v:.2f}{unit if op == 'share' else ''}",
            (qa.entry, qb.entry),
            approx,
            note=_unlike(qa, qb),
        )
    counted = qa.kind in COUNT_KINDS and qb.kind in COUNT_KINDS
    if qa.unit != qb.unit and not counted:
        return None  # 人 and 人次, 元 and 人: not the same thing counted, nothing to subtract
    scale = magnitude(qa, qb)
    # Two counts of things (387个 助餐点, 135家 机构): their difference is a bare number.
    unit = "个百分点" if qa.percent else qa.unit if qa.unit == qb.unit else ""
    div = {"亿": 1e8, "万": 1e4}.get(scale, 1.0)
    if op == "compare":
        big, small = (qa, qb) if qa.value >= qb.value else (qb, qa)
        gap = big.value - small.value
        m = _COMPARED.search(question)
        asked = _ASKED_WAY.search(question) if m is None else None  # "是不是比B高"
        word = m.group(1) if m else asked.group(1) if asked else "多"
        word = {"贵": "高", "便宜": "低"}.get(word, word)
        if word in SMALLER:  # "哪个少": the smaller one is the answer
            text = f"{small.entry.title}更{word}（{small.written} < {big.written}）"
            win = small
        else:
            text = f"{big.entry.title}更{word}（{big.written} > {small.written}）"
            win = big
        gap_text = shown(gap, scale, unit, approx)
        formula = f"{big.written} − {small.written} = {gap_text}"
        inputs = (win.entry, (small if win is big else big).entry)
        if _BY_HOW_MUCH.search(question, m.end() if m else 0):
            # "哪个多，多多少": the gap is the figure asked, the larger one named with it.
            text = f"{big.entry.title}更{word}，差{gap_text}（{big.written} − {small.written}）"
            return Derived(op, round(gap / div, 2), scale + unit, text, formula, inputs, approx)
        return Derived(
            op,
            round(win.value / div, 2),
            scale + win.unit,
            text,
            formula,
            inputs,
            approx,
        )
    big, small = (qa, qb) if qa.value >= qb.value else (qb, qa)
    v = big.value - small.value  # "A比B少多少" asks the same gap as "B比A多多少"
    text = shown(v, scale, unit, approx)
    return Derived(
        "points" if qa.percent else op,
        round(v / div, 2),
        scale + unit,
        text,
        f"{big.written} − {small.written} = {text}",
        (qa.entry, qb.entry),
        approx,
        note=_unlike(qa, qb, "差值只是两个数目之差"),
    )


def compare_growth(a: Growth, b: Growth, question: str) -> Derived:
    """Which of two stated changes is larger ("低保和孤儿标准哪个涨得多"), in percent; the gap in
    percentage points when the question asks by how much too."""
    (big, bp), (small, sp) = (a, b) if a[1] >= b[1] else (b, a)
    m = _COMPARED.search(question)
    word = m.group(1) if m else "多"
    win, wp, other, op_ = (small, sp, big, bp) if word in SMALLER else (big, bp, small, sp)
    sign = "<" if word in SMALLER else ">"
    gap = bp - sp
    name = win.title if _GROWTH.search(win.title) else f"{win.title}涨幅"  # not "增长幅度涨幅"
    text = f"{name}更{word}（{wp:g}% {sign} {op_:g}%）"
    formula = f"{bp:g}% − {sp:g}% = {gap:.1f}个百分点"
    inputs = (win, other)
    if _BY_HOW_MUCH.search(question, m.end() if m else 0):
        text = f"{name}更{word}，差{gap:.1f}个百分点（{bp:g}% − {sp:g}%）"
        return Derived("compare", round(gap, 2), "个百分点", text, formula, inputs, False)
    return Derived("compare", round(wp, 2), "%", text, formula, inputs, False)
