"""Whether a question asks for a computation, and over what: "几倍", "比…高多少", "占…的比例",
"平均每家…", "哪个多", "非…占比", "平均每年".

Only the wording is read here (patterns in `bot.lang.zh.arithmetic`); which figures are the
inputs and whether the article states them is `bot.compose.derived`'s business. A plain lookup
never matches: every pattern needs a comparison, a ratio, a share or an average.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lang.zh.arithmetic import (
    AMOUNT_AFTER_BASE,
    BACK_TO_BASE,
    BOTH,
    CHANGE_IN_AMOUNT,
    MORE_BY,
    NEGATED_COUNT,
    NEGATION,
    NEGATION_AFTER,
    PAIR_OPS,
    PATTERNS,
    PER_YEAR,
)
from bot.lang.zh.measures import PER_MONTH
from bot.lang.zh.measures import PER_YEAR as PER_YEAR_ASKED

__all__ = ["Compute", "compute_of", "pair_op"]

_LAZY_START = re.compile(r"\(\?P<\w+>\.\+\?\)")  # a pattern opening with a lazy (?P<a>.+?)


@dataclass(frozen=True, slots=True)
class _Finder:
    """A pattern and the cheapest way to find its leftmost match.

    One that opens with a lazy ``(?P<a>.+?)`` matches somewhere only if it matches at the
    start (the group reaches back over any text without a line break), and that is the match
    ``search`` returns: ``match`` tries one start, ``search`` every position in turn (quadratic
    in the question's length, most of what reading a question for a computation cost)."""

    pattern: re.Pattern[str]
    from_start: bool

    @classmethod
    def of(cls, source: str) -> _Finder:
        return cls(re.compile(source), _LAZY_START.match(source) is not None)

    def find(self, text: str) -> re.Match[str] | None:
        if self.from_start and "\n" not in text:
            return self.pattern.match(text)
        return self.pattern.search(text)


_PATTERNS = tuple((op, _Finder.of(p)) for op, p in PATTERNS)
_NEGATION = re.compile(NEGATION)
_NEGATION_AFTER = re.compile(NEGATION_AFTER)
_NEGATED_COUNT = re.compile(NEGATED_COUNT)
_PER_YEAR = re.compile(PER_YEAR)
_CHANGE_IN_AMOUNT = _Finder.of(CHANGE_IN_AMOUNT)
_MORE_BY = _Finder.of(MORE_BY)
_AMOUNT_AFTER_BASE = re.compile(AMOUNT_AFTER_BASE)
_PER_TIME = re.compile(f"{PER_MONTH}|{PER_YEAR_ASKED}")  # 每月高多少: an amount of the level
_BACK_TO_BASE = re.compile(BACK_TO_BASE)
_BOTH = re.compile(BOTH)
_PAIR_OPS = tuple((op, re.compile(p)) for op, p in PAIR_OPS)
_LEAD = re.compile(r"^(?:请问|我想知道|问一下|那|那么|全市的?)+")
_YEAR_BASE = re.compile(r"^(?:(?:19|20)?[0-9]{2}年|[五几两三四]年前|以前|之前|过去)")
_TIME_WORDS = re.compile(r"(?:一年|每年|全年|每月|一个月)$")
# What is no subject of its own when it stands where the base of a share would ("占了多大比例").
_FILLER = re.compile(r"了|多大|多少|几|的|一个")


@dataclass(frozen=True, slots=True)
class Compute:
    """A computation a question asks for."""

    op: str  # points / ratio / share / difference / compare / per_unit / per_year / complement
    # / new_share (the part of a level its stated change added, within the level)
    # / growth_rate (the compound yearly rate of a stated change)
    # / rest_share (the share of a whole left when a stated part is taken out)
    # / change (比2019年多了多少钱: the absolute change of a level stated with a percent change)
    # / base_year (按涨幅倒推，2019年是多少: a level worked back to its stated base year)
    a: str = ""  # the first subject, as written
    b: str = ""  # the second subject (or the base of a share)
    unit: str = ""  # for per_unit: what the total is averaged over ("养老机构", "人次")
    amount: bool = False  # for change: asked in the level's own unit ("多了多少", "每月高多少")


def compute_of(text: str) -> Compute | None:
    """The computation the (cleaned) question asks for, or None for a lookup."""
    if _BACK_TO_BASE.search(text):
        return Compute("base_year", a=_BACK_TO_BASE.sub(" ", text))
    if _NEGATION.search(_LEAD.sub("", text)):
        return Compute("complement", a=text)
    counted = _NEGATED_COUNT.search(text)
    if counted is not None:  # "还有几家养老机构不是等级机构": 非等级机构 of the 养老机构
        return Compute("complement", a="非" + counted.group("rest") + counted.group("what"))
    after = _NEGATION_AFTER.search(text)
    if after is not None:  # "老人里还有百分之多少没被统保": 非统保 of 老人
        return Compute("complement", a="非" + text[: after.start()] + text[after.end() :])
    for op, finder in _PATTERNS:
        m = finder.find(text)
        if m is None:
            continue
        parts = m.groupdict()
        a = _LEAD.sub("", (parts.get("a") or "").strip(" ，,")).removesuffix("的")
        b = (parts.get("b") or "").strip(" ，,").removesuffix("的")
        if op in ("new_share", "growth_rate"):
            return Compute(op, a=a)
        if op == "share" and len(_FILLER.sub("", b)) < 2:
            continue  # "占了多大比例": no base named
        if op == "per_unit":
            unit = _TIME_WORDS.sub("", (parts.get("unit") or "").strip())
            if unit in ("年", ""):
                return Compute("per_year", a=text) if _PER_YEAR.search(text) else None
            return Compute(op, a=text, unit=unit)
        if op in ("difference", "points") and _YEAR_BASE.search(b):
            # 比2019年多了几家: a change, not two subjects; 多/高 asks it as an amount.
            tail = text[m.end("b") :]
            amount = op == "difference" and bool(
                _AMOUNT_AFTER_BASE.search(tail) or _PER_TIME.search(text)
            )
            return Compute("change", a=a, b=b, amount=amount)
        if op == "compare" and _YEAR_BASE.search(b):
            continue  # "比2019年高吗": a direction asked of one figure, not two compared
        if a and b:
            return Compute(op, a=a, b=b)
    if _PER_YEAR.search(text):
        return Compute("per_year", a=text)
    m = _CHANGE_IN_AMOUNT.find(text)
    if m is not None:
        return Compute("change", a=_LEAD.sub("", m.group("a")).removesuffix("的"))
    m = _MORE_BY.find(text)
    if m is not None:
        return Compute("change", a=_LEAD.sub("", m.group("a")).removesuffix("的"), amount=True)
    return None


def pair_op(text: str, *, pointed: bool) -> str:
    """The computation asked of the two figures just answered ("两者差多少", "占比多少"), or "".
    Naming neither, a question must point at both (两者, 这俩) unless it asks a share, which is
    of one within the other (`pointed`: the caller found nothing else it could be of)."""
    for op, pattern in _PAIR_OPS:
        if pattern.search(text) and (_BOTH.search(text) or (op == "share" and pointed)):
            return op
    return ""
