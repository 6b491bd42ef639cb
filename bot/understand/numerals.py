"""Read the numbers people write in questions and the article writes in values.

Questions say 875、八百七十五、12.24万、十二万、近2万、2800多万、百分之十六点七; entries store
values as written. Both sides are reduced to the same float so that "875元是什么标准" can find
the entry whose figure is 875. Hand-written (about a hundred lines) rather than a dependency,
because we also need the approximation markers (近/约/多/余) and the unit that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ParsedNumber",
    "canon",
    "cn_to_number",
    "find_numbers",
    "parse_value",
]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_MULT = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

MAX_NUMERAL_CHARS = 20  # a longer run of numerals is pasted text, not a figure: not parsed
MAX_VALUE = 1e18  # beyond any figure an article states; larger is noise

_CN_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG)
_APPROX_BEFORE = ("将近", "接近", "大约", "超过", "近", "约", "逾", "超", "达")
_APPROX_AFTER = ("多", "余", "以上", "左右")

# A measure word or unit right after a Chinese numeral makes it a quantity ("五年", "两万人"),
# which keeps bare 一 in 一号申请 / 一门受理 from being read as the number 1.
_MEASURES = set("个家人名元次件场户张亩项年岁条所座位份批")

_ARABIC = re.compile(
    r"(?P<pre>将近|接近|大约|超过|近|约|逾|超)?"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)"
    r"(?P<mid>多|余)?"
    r"(?P<mult>[百千万亿]{0,2})"
    r"(?:\s*(?P<en>thousand|million|billion)\b)?"  # "2 billion yuan"
    r"(?P<post>多|余|以上|左右)?"
    r"(?P<pct>%)?",
    re.IGNORECASE,
)
_MULT_EN = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_CHINESE = re.compile(
    r"(?P<pre>将近|接近|大约|超过|近|约|逾|超)?"
    r"(?P<pctcn>百分之)?"
    rf"(?P<num>[{_CN_CHARS}]+(?:点[{''.join(_DIGITS)}]+[万亿]?)?)"
    r"(?P<post>多|余|以上|左右)?"
)
_UNIT_AFTER = re.compile(
    r"[元人名个家次件场户张亩项岁条所座位份批]+(?:次|/人·月)?|万人次|人次|场次"
)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """One number found in a text, reduced to a float."""

    value: float  # full value: 12.24万 -> 122400.0
    text: str  # as written
    mantissa: float  # the digits before a 万/亿 multiplier: 12.24万 -> 12.24
    approx: bool = False  # 近 / 约 / 多 / 余 ...
    percent: bool = False
    unit: str = ""  # the unit right after it (元, 人次 ...), "" when none
    start: int = 0
    end: int = 0


def canon(value: float) -> float:
    """Round to 6 significant digits so 1.067e9 parsed two ways compares equal."""
    if value == 0:
        return 0.0
    return float(f"{value:.6g}")


def _cn_int(s: str) -> int | None:
    """Chinese integer: 一百二十三, 两万, 十二, 二〇二四 (positional digits)."""
    if not s:
        return None
    if all(ch in _DIGITS for ch in s):
        if len(s) == 1:
            return _DIGITS[s]
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    number = 0
    seen_digit = False
    for ch in s:
        if ch in _DIGITS:
            number = _DIGITS[ch]
            seen_digit = True
        elif ch in _SMALL:
            section += (number if seen_digit or number else 1) * _SMALL[ch]
            number = 0
            seen_digit = False
        elif ch in _BIG:
            if ch == "亿":
                total = (total + section + number) * _BIG[ch]
            else:
                total += (section + number) * _BIG[ch]
            section = 0
            number = 0
            seen_digit = False
        else:
            return None
    return total + section + number


def cn_to_number(s: str) -> float | None:
    """Chinese numeral with an optional decimal part: 十二点二四万 -> 122400.0."""
    if not s:
        return None
    mult = 1
    if "点" in s:
        whole, _, frac = s.partition("点")
        if frac and frac[-1] in _BIG:
            mult = _BIG[frac[-1]]
            frac = frac[:-1]
        if not frac or not all(ch in _DIGITS for ch in frac):
            return None
        w = _cn_int(whole) if whole else 0
        if w is None:
            return None
        return (w + float("0." + "".join(str(_DIGITS[ch]) for ch in frac))) * mult
    v = _cn_int(s)
    return None if v is None else float(v)


def _is_quantity(raw: str, unit: str) -> bool:
    """Whether a Chinese numeral run is a quantity rather than part of a word.

    一门受理 / 十佳 / 千家万户 use numerals as words; 五年, 两万, 一百二十三, 二〇二四 are numbers.
    """
    if len(raw) == 1:
        return bool(unit) and raw not in "百千万亿"
    if any(ch in _SMALL or ch in _BIG or ch == "点" for ch in raw):
        return True
    return bool(unit) or len(raw) == 4  # a digit run: only with a unit, or a year-like 二〇二四


def _unit_at(text: str, pos: int) -> str:
    m = _UNIT_AFTER.match(text, pos)
    return m.group(0) if m else ""


def find_numbers(text: str) -> list[ParsedNumber]:
    """Every number in `text` (Arabic or Chinese), in order of appearance."""
    out: list[ParsedNumber] = []
    taken: list[tuple[int, int]] = []
    for m in _ARABIC.finditer(text):
        raw = m.group("num")
        try:
            mantissa = float(raw)
        except ValueError:  # pragma: no cover - the regex only admits digits
            continue
        if len(raw) > 18:
            continue  # a pasted digit string, not a figure
        value = mantissa
        for ch in m.group("mult"):
            value *= _MULT[ch]
        if m.group("en"):
            value *= _MULT_EN[m.group("en").lower()]
        if not value < MAX_VALUE:
            continue
        end = m.end()
        percent = bool(m.group("pct"))
        approx = bool(m.group("pre") or m.group("mid") or m.group("post"))
        unit = "%" if percent else _unit_at(text, end)
        out.append(
            ParsedNumber(
                value=value,
                text=m.group(0),
                mantissa=mantissa,
                approx=approx,
                percent=percent,
                unit=unit,
                start=m.start(),
                end=end,
            )
        )
        taken.append((m.start(), end))
    for m in _CHINESE.finditer(text):
        raw = m.group("num")
        if len(raw) > MAX_NUMERAL_CHARS or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        try:
            value_f = cn_to_number(raw)
        except OverflowError:  # pragma: no cover - bounded by MAX_NUMERAL_CHARS
            continue
        if value_f is None or not value_f < MAX_VALUE:
            continue
        end = m.end()
        percent = bool(m.group("pctcn"))
        unit = "%" if percent else _unit_at(text, end)
        if unit and unit != "%" and unit[0] not in _MEASURES:
            unit = ""
        if not percent and not _is_quantity(raw, unit):
            continue
        if not percent and raw in ("一", "两"):
            continue  # 一个月, 两个人, 一次: a phrase, not a figure to look up
        mantissa = value_f
        if raw[-1] in _BIG and len(raw) > 1:
            base = cn_to_number(raw[:-1])
            if base is not None:
                mantissa = base
        out.append(
            ParsedNumber(
                value=value_f,
                text=m.group(0),
                mantissa=mantissa,
                approx=bool(m.group("pre") or m.group("post")),
                percent=percent,
                unit=unit,
                start=m.start(),
                end=end,
            )
        )
    out.sort(key=lambda p: p.start)
    return out


def parse_value(text: str) -> ParsedNumber | None:
    """The main number of an entry value as written (875, 12.24万, 近2万, 2800多万, 91.85%)."""
    nums = find_numbers(text)
    return nums[0] if nums else None
