"""Years in a question: asked about, as a span, or only the base of a comparison.

"2024年" asks about 2024; "2019年以来" is a span; "比2019年提高" names 2019 only as the base of a
change. Chinese-numeral years (二〇二四年) and short ones (24年) count too; 今年 / 去年 / 前年 are
years counted back from today (the person asks now, not when the article appeared).
"""

from __future__ import annotations

import datetime
import re

from bot.understand.numerals import find_numbers

__all__ = ["Years", "extract_years", "this_year"]

_YEAR = re.compile(
    r"(?<![0-9.])(19[5-9][0-9]|20[0-4][0-9])(?![0-9.%])"
    r"(?!\s*[元人名个家次件场户张亩项万亿多余])(\s*年(?:度)?)?"
)
# A year named only as the base of a comparison: 比2019年, 较2019年, 与2019年相比, than 2019.
_BASELINE = re.compile(
    r"(?:比|较|相比|相较|对比|同比)(?:于)?\s*((?:19|20)[0-9]{2})(?![0-9])\s*年?"
    r"|(?:与|和|跟|同)\s*((?:19|20)[0-9]{2})(?![0-9])\s*年?\s*(?:相比|相较|对比|比)"
    r"|(?:与|和|跟|同)\s*([12][0-9])\s*年\s*(?:相比|相较|对比|比)"  # 跟19年比
    r"|(?:than|compared (?:with|to)|versus|vs\.?)\s+((?:19|20)[0-9]{2})(?![0-9])"
    r"|(?:比|较|相比|相较|对比)(?:于)?\s*([12][0-9])\s*年"  # 比19年: a short year as the base
)
# The same, relative: 比五年前, 和以前比. Taken out of the match text (the change is a signal).
_RELATIVE_BASE = re.compile(
    r"(?:比|较|相比|相较|对比|和|跟|与)(?:于)?(?:[五几两三四]年前|以前|之前|过去|当初|原来|从前)"
    r"(?:相比|比)?"
)
_DIGIT = re.compile(r"[0-9]")  # every pattern but the relative base and 二〇二四年 needs one
_CN_YEAR_HINT = re.compile(r"[〇○零一二三四五六七八九]{4}\s*年")
_SHORT_YEAR = re.compile(r"(?<![0-9.])([12][0-9])年(?![0-9])")
# A short year in Chinese numerals ("一九年", "二四年", "二〇年"): written as digits first.
_CN_SHORT_YEAR = re.compile(
    r"(?<![〇○零一二三四五六七八九十百千万两])([一二])([〇○零一二三四五六七八九])年(?!代)"
)
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_RANGE_SEP = re.compile(r"(19|20)[0-9]{2}\s*年?\s*(?:-|–|—|~|至|到)\s*(19|20)?[0-9]{2}")
# What is left of a range once its years are taken out (从 到 ): not words of the question.
_RANGE_LEFT = re.compile(r"(?:从|自)?\s+(?:-|–|—|~|至|到)(?=\s|$)")
_SPAN_WORDS = ("以来", "至今", "期间", "这几年", "这些年", "五年来", "since", "from")
# Years named by how long ago they were: this year, last year, the year before.
# "我今年七十二了" tells an age: a person before it, or a number after it, is no year asked.
_RELATIVE = re.compile(
    r"(?<![我他她俺妈爸奶爷])(今年|去年|前年|this year|last year)"
    r"(?![0-9一二三四五六七八九十两]+(?:岁|了|多))"
)
_YEARS_AGO = {"今年": 0, "去年": 1, "前年": 2, "this year": 0, "last year": 1}


def this_year() -> int:
    """The current year (a function, so that tests can fix it)."""
    return datetime.date.today().year


Years = tuple[tuple[int, ...], bool, tuple[int, ...], str]


def _short_in_digits(m: re.Match[str]) -> str:
    """ "一九年" -> "19年" (2015–2029 only: "一二年" stays words)."""
    digits = _CN_DIGIT[m.group(1)] + _CN_DIGIT[m.group(2)]
    return f"{digits}年" if 15 <= int(digits) <= 29 else m.group(0)


def extract_years(text: str) -> tuple[tuple[int, ...], bool, tuple[int, ...], str]:
    """Years asked about, whether they form a span, comparison bases, and the text without them."""
    years: list[int] = []
    baseline: list[int] = []

    def take_base(m: re.Match[str]) -> str:
        y = int(next(g for g in m.groups() if g))
        y = y + 2000 if y < 100 else y
        if y not in baseline:
            baseline.append(y)
        return " "

    text = _CN_SHORT_YEAR.sub(_short_in_digits, text) if "年" in text else text
    # Only Chinese-numeral years and relative bases need no digit; most text has none, and
    # the digit patterns are then skipped (taking years out only ever writes spaces).
    digits = _DIGIT.search(text) is not None
    if digits:
        text = _BASELINE.sub(take_base, text)
    text = _RELATIVE_BASE.sub(" ", text)
    if _RELATIVE.search(text):  # "去年新增几家": a year counted back from now
        now = this_year()
        for m in _RELATIVE.finditer(text):
            y = now - _YEARS_AGO[m.group(1)]
            if y not in years:
                years.append(y)
        text = _RELATIVE.sub(" ", text)
    year_range = digits and bool(_RANGE_SEP.search(text))

    def take(m: re.Match[str]) -> str:
        y = int(m.group(1))
        if y not in years:
            years.append(y)
        return " "

    out = _YEAR.sub(take, text) if digits else text
    # Chinese-numeral years: 二〇二四年
    for n in find_numbers(out) if _CN_YEAR_HINT.search(out) else ():
        if n.text and n.unit == "" and 1950 <= n.value <= 2049 and n.value == int(n.value):
            tail = out[n.end : n.end + 1]
            if tail == "年" and not any(ch in n.text for ch in "十百千万"):
                y = int(n.value)
                if y not in years:
                    years.append(y)
                out = out[: n.start] + " " * (n.end - n.start + 1) + out[n.end + 1 :]
    m2 = _SHORT_YEAR.search(out) if digits else None
    while m2 is not None:
        y = 2000 + int(m2.group(1))
        if 2015 <= y <= 2029 and y not in years:
            years.append(y)
        out = out[: m2.start()] + " " * (m2.end() - m2.start()) + out[m2.end() :]
        m2 = _SHORT_YEAR.search(out)
    if years and any(k in out for k in _SPAN_WORDS):
        year_range = True
    if len(years) >= 2 and year_range:
        lo, hi = min(years), max(years)
        if hi - lo <= 30:
            years = list(range(lo, hi + 1))
        out = _RANGE_LEFT.sub(" ", out)
    return tuple(years), year_range, tuple(baseline), out
