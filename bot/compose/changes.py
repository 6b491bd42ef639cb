"""Figures computed from a level and its stated change, and a year of a monthly figure.

The article states levels with their change on a base year ("2024年…875元，较2019年提高16.7%"):
the base-year level, the absolute change and its yearly average follow from those two numbers. A
monthly standard asked for a year is × 12, on its own or as the last step of one of those.
Every result is a `Derived`, approximate where a division by (1 + x%) made it so.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Derived
from bot.compose.quantities import Qty, divisor, exact, shown
from bot.knowledge.facts import Facts
from bot.knowledge.models import Entry
from bot.understand.numerals import find_numbers

__all__ = [
    "LevelChange",
    "a_year_of",
    "annual",
    "base_year",
    "change",
    "change_per_year",
    "growth_rate",
    "level_and_change",
    "new_share",
]

_SCALES = {"亿": 1e8, "万": 1e4}
# Results that stay a monthly amount when their inputs are (a year of one is × 12).
_MONTHLY_OPS = frozenset({"base_year", "change", "difference"})

LevelChange = tuple[Qty, float]  # the level, and its change in percent (negative when down)


def level_and_change(q: Qty | None, facts: Facts) -> LevelChange | None:
    """A level (not a percent) with the percent change its entry states, or None."""
    if q is None or q.percent:
        return None
    pct = [n for n in find_numbers(q.entry.change_note) if n.percent]
    if not pct:
        return None
    return q, (-1.0 if facts.change == "down" else 1.0) * pct[0].value


def _of_level(op: str, v: float, level: Qty, formula: str, note: str, text: str = "") -> Derived:
    """A result in the level's magnitude and unit, approximate (a division by 1 + x%)."""
    return Derived(
        op,
        round(v / divisor(level), 2),
        level.scale + level.unit,
        text or shown(v, level.scale, level.unit, True),
        formula,
        (level.entry,),
        True,
        note=note,
    )


def base_year(got: LevelChange, year: int) -> Derived:
    """The level of the base year: 875元 ÷ (1 + 16.7%)."""
    level, pct = got
    v = level.value / (1 + pct / 100)
    formula = f"{level.written} ÷ (1 + {pct:g}%) ≈ {exact(v, level)}"
    return _of_level("base_year", v, level, formula, f"{year}年的数字由文中的现值和增幅推算")


def change(got: LevelChange) -> Derived:
    """The absolute change: 875元 − 875元 ÷ (1 + 16.7%)."""
    level, pct = got
    v = level.value - level.value / (1 + pct / 100)
    formula = f"{level.written} − {level.written} ÷ (1 + {pct:g}%) ≈ {exact(v, level)}"
    return _of_level("change", v, level, formula, "由文中的现值和增幅推算")


def new_share(got: LevelChange) -> Derived:
    """The part a stated increase added, as a share of the level now: 1 − 1 ÷ (1 + 32.5%)."""
    level, pct = got
    v = (1 - 1 / (1 + pct / 100)) * 100
    out = f"约{v:.1f}%"
    return Derived(
        "new_share",
        round(v, 2),
        "%",
        out,
        f"增加的部分 ÷ 现值 = 1 − 1 ÷ (1 + {pct:g}%) ≈ {v:.1f}%",
        (level.entry,),
        True,
        note="由文中的现值和增幅推算：增加的部分占现值的比例",
    )


def change_per_year(got: LevelChange, facts: Facts) -> Derived | None:
    """The average yearly change: (875 − 875 ÷ 1.167) ÷ (2024 − 2019)."""
    if not facts.baseline_years or not facts.years:
        return None
    level, pct = got
    first, last = facts.baseline_years[0], max(facts.years)
    years = last - first
    if years < 2:
        return None
    v = (level.value - level.value / (1 + pct / 100)) / years
    w = level.written
    return _of_level(
        "per_year",
        v,
        level,
        f"({w} − {w} ÷ (1 + {pct:g}%)) ÷ {years}年 ≈ {exact(v, level)}",
        f"由文中的现值和增幅推算，按{first}—{last}年{years}年平均",
        f"{shown(v, level.scale, level.unit, True)}（平均每年）",
    )


def growth_rate(e: Entry, pct: float, first: int, last: int) -> Derived | None:
    """The compound yearly rate of a stated change: (1 + 16.7%)^(1/5) − 1 over 2019—2024."""
    years = last - first
    if years < 2 or pct <= -100:
        return None
    v = ((1 + pct / 100) ** (1 / years) - 1) * 100
    return Derived(
        "growth_rate",
        round(v, 2),
        "%",
        f"约{v:.1f}%（年均）",
        f"(1 + {pct:g}%)^(1/{years}) − 1 ≈ {v:.1f}%",
        (e,),
        True,
        note=f"按{first}—{last}年{years}年复合计算（简单平均为{pct / years:.1f}个百分点/年）",
    )


def annual(q: Qty) -> Derived | None:
    """A year of a monthly figure: 875元/人·月 × 12."""
    if "月" not in q.unit or q.percent:
        return None
    v = q.value * 12
    unit = q.unit.replace("·月", "·年").replace("月", "年")
    out = shown(v, q.scale, unit, q.approx)
    return Derived(
        "annual",
        round(v / divisor(q), 2),
        q.scale + unit,
        out,
        f"{q.written} × 12 = {out}",
        (q.entry,),
        q.approx,
        note="按每月标准乘以12个月",
    )


def a_year_of(d: Derived) -> Derived:
    """A monthly result asked for a year ("一年比2019年多领多少钱"): the same × 12, shown as the
    last step of its formula; any other result as it is."""
    if "月" not in d.unit or d.op not in _MONTHLY_OPS:
        return d
    scale = d.unit[:1] if d.unit[:1] in _SCALES else ""
    unit = d.unit[len(scale) :].replace("·月", "·年").replace("月", "年")
    v = d.value * 12
    out = shown(v * _SCALES.get(scale, 1.0), scale, unit, d.approx)
    return replace(
        d,
        value=round(v, 2),
        unit=scale + unit,
        text=out,
        formula=f"{d.formula}；× 12 ≈ {out.removeprefix('约')}",
        note="；".join(n for n in (d.note, "按每月乘以12个月") if n),
    )
