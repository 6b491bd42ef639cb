"""Figures as quantities: the number behind "近1.78亿元", and how a computed one is written.

Only a figure that is a quantity can be an input to arithmetic: "5A", "1+39" and "第一" are not.
A figure written approximately (近 / 约 / 多 / 余 / 逾) gives an approximate result, and says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.knowledge.models import Entry
from bot.understand.numerals import find_numbers

__all__ = ["UNIT_KIND", "Qty", "divisor", "exact", "magnitude", "quantity", "shown"]

_APPROX = re.compile(r"近|约|多|余|逾|左右|以上")
_NOT_A_QUANTITY = re.compile(r"[a-zA-Z+]|^第")


@dataclass(frozen=True, slots=True)
class Qty:
    """An entry's figure as a number in base units (元, 人次, 家 …)."""

    entry: Entry
    value: float  # 10.67亿元 -> 1067000000.0; 16.7% -> 16.7
    unit: str  # the unit after any 万/亿: 元, 人次, %, 元/人·月
    kind: str  # money / people / percent / 家 / 张 … (the entry's figure kind)
    approx: bool  # written with 近 / 约 / 多 / 余 / 逾
    scale: str  # "亿" / "万" / "": the magnitude the article writes it in
    label: str = ""  # how a worked-out input is written (2019年约2364元/人·月 …), else its figure

    @property
    def written(self) -> str:
        return self.label or self.entry.figure

    @property
    def percent(self) -> bool:
        return self.kind == "percent"


def quantity(entry: Entry, kind: str) -> Qty | None:
    """The figure of `entry` as a quantity (`kind` is its figure kind), or None if it is none."""
    value, unit = entry.value_unit
    if not value or _NOT_A_QUANTITY.search(value):
        return None
    found = find_numbers(value + unit)
    if not found:
        return None
    n = found[0]
    scale = "亿" if "亿" in value else "万" if "万" in value else ""
    approx = n.approx or bool(_APPROX.search(value))
    return Qty(entry, n.value, unit.strip(), kind, approx, scale)


def magnitude(*qs: Qty) -> str:
    """The magnitude a result in the inputs' own unit is written in: theirs when they agree."""
    scales = {q.scale for q in qs}
    return scales.pop() if len(scales) == 1 else ""


def _digits(x: float) -> int:
    """Decimal places that show `x` sensibly: none from 100 up, one below, two below 10."""
    ax = abs(x)
    if ax >= 100:
        return 0
    return 1 if ax >= 10 else 2


def shown(
    x: float, scale: str = "", unit: str = "", approx: bool = False, digits: int | None = None
) -> str:
    """A computed number as written in a reply: "约750元", "18.11亿元", "127.4张/家"
    (`digits` decimals when given; else none from 100 up, one below, two below 10)."""
    div = {"亿": 1e8, "万": 1e4}.get(scale, 1.0)
    v = x / div
    d = digits if digits is not None else (_digits(v) if not scale else 2)
    text = f"{v:,.{d}f}".replace(",", "") if d else str(math.floor(v + 0.5))
    if d:
        text = text.rstrip("0").rstrip(".")
    return ("约" if approx else "") + text + scale + unit


# The figure kind a bare unit word averages over ("平均每人次" -> a count of people).
UNIT_KIND = {
    **dict.fromkeys(
        ("人次", "受益人次", "人", "名", "位", "孩子", "儿童", "老人", "老年人"), "people"
    ),
    "户": "户",
    "家": "家",
}


def divisor(q: Qty) -> float:
    """What a value in base units is divided by to be written in the figure's magnitude."""
    return {"亿": 1e8, "万": 1e4}.get(q.scale, 1.0)


def exact(v: float, like: Qty) -> str:
    """A computed number for a formula, in `like`'s magnitude and unit: more digits, no 约."""
    d = v / divisor(like)
    if like.scale:
        return f"{d:.2f}".rstrip("0").rstrip(".") + like.scale + like.unit
    return f"{d:.1f}".rstrip("0").rstrip(".") + like.unit
