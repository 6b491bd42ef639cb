"""Two stated figures combined: ratio, share, difference (or points), and which is larger.

Both inputs are figures the article states (`Qty`); the result is a `Derived` with its formula.
A difference needs the same unit (人 and 人次 are not the same thing counted); a comparison is
answered in the words it was asked ("哪个高" -> 更高, "哪个少" names the smaller), and with
the gap as its figure when the question asks by how much too ("哪个多，多多少").
"""

from __future__ import annotations

import re

from bot.answer import Derived
from bot.compose.quantities import Qty, magnitude, shown
from bot.lang.zh.arithmetic import BY_HOW_MUCH, COMPARED_BY, SMALLER

__all__ = ["combine"]

_COMPARED = re.compile(COMPARED_BY)
_BY_HOW_MUCH = re.compile(BY_HOW_MUCH)


def combine(op: str, qa: Qty, qb: Qty, question: str) -> Derived | None:
    """`op` (ratio / share / difference / compare) of `qa` and `qb`; `question` is the cleaned
    question, for the words a comparison was asked in."""
    approx = qa.approx or qb.approx
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
        )
    if qa.unit != qb.unit:
        return None  # 人 and 人次, 名 and 人: not the same thing counted, nothing to subtract
    scale = magnitude(qa, qb)
    unit = "个百分点" if qa.percent else qa.unit
    div = {"亿": 1e8, "万": 1e4}.get(scale, 1.0)
    if op == "compare":
        big, small = (qa, qb) if qa.value >= qb.value else (qb, qa)
        gap = big.value - small.value
        m = _COMPARED.search(question)
        word = m.group(1) if m else "多"
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
    )
