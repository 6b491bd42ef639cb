"""The answer to a yes/no question, checked against what the entry says.

Supported: every figure, year, direction and distinction the question states is the entry's,
and the entry says every other word asked. Contradicted: the entry states another figure of the
kind asked (875元 asked as 900), another year, the other direction, or the same distinction at
another level ("获评镇江市十佳" asked as 全省) or a lesser one (第一方阵 asked as 第一). Anything
else the entry does not say is not stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.decide.book import Said
from bot.knowledge.facts import Claim, read_claims
from bot.knowledge.models import Entry
from bot.lang import en
from bot.lang.zh.arithmetic import MULTIPLES, TENTHS
from bot.lang.zh.claims import LEVELS, OPPOSITES, PREDICATES, UNLEVELLED
from bot.lang.zh.measures import (
    BOUND_AFTER,
    BOUND_BEFORE,
    BOUND_LOWER,
    BOUND_STRICT,
    BOUND_UNITS,
)
from bot.understand.ask import Ask
from bot.understand.numerals import ParsedNumber, find_numbers

__all__ = ["Verdict", "judge", "subject_claims"]

# Distinctions a question may claim that the entry states as a lesser one (第一 of a 第一方阵):
# the article does not say the stronger one, nor that it is false.
_LESSER: dict[str, frozenset[str]] = {
    "first": frozenset({"top_tier", "leading"}),
    "highest": frozenset({"top_tier", "leading"}),
    "pioneer": frozenset(),
}
# Ranks and firsts: first in the nation is first in the province too, but first in the province
# says nothing of the nation. An award at one level is not an award at another (contradicted).
_ORDINAL = frozenset({"first", "highest", "lowest", "pioneer", "leading", "top_tier"})
_RANK = {"city": 1, "county": 0, "province": 2, "national": 3}
# Distinctions that mean the same when asked ("是不是全国领先" ~ 前列).
_AKIN: dict[str, frozenset[str]] = {
    "leading": frozenset({"leading", "top_tier", "first", "highest"}),
    "honoured": frozenset({"honoured", "excellent", "top_ten", "innovation", "award"}),
    "award": frozenset({"award", "honoured", "innovation", "excellent"}),
}


def _any(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Matched at the number's end (`match` anchors it), and ending where the number starts.
_AFTER = re.compile(rf"(?:{_any(BOUND_UNITS)})?(?:及|或)?(?P<b>{_any(BOUND_AFTER)})")
_BEFORE = re.compile(rf"(?P<b>{_any((*BOUND_BEFORE, *en.BOUND_BEFORE))})\s*$", re.IGNORECASE)
_BOUND_CHARS = "".join(dict.fromkeys("".join(BOUND_BEFORE)))  # what a numeral may have taken
_LOWER = BOUND_LOWER | en.BOUND_LOWER
_STRICT = BOUND_STRICT | en.BOUND_STRICT


_TENTHS = re.compile(TENTHS)
_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", 1)} | {"两": 2}
_MULTIPLES = sorted(MULTIPLES.items(), key=lambda kv: len(kv[0]), reverse=True)
# A stated growth in percent ("较2019年增长66.7%", "提高32.5%").
_GROWTH = re.compile(r"(?:提高|增长|增加|上涨|提升|上调)了?([0-9]+(?:\.[0-9]+)?)%")


@dataclass(frozen=True, slots=True)
class Verdict:
    value: str  # yes / no / not_stated
    why: str = ""  # figure / year / direction / claim / words


def _is_year(value: float, unit: str) -> bool:
    return 1950 <= value <= 2049 and value == int(value) and unit in ("", "年")


def _bound(n: ParsedNumber, text: str) -> str:
    """The bound word a number is stated with in `text` (以上, 不超过 …), or "". The numeral
    reader may have taken a bound word before the digits as its own ("超过3")."""
    lead = len(n.text) - len(n.text.lstrip(_BOUND_CHARS))
    m = _AFTER.match(text, n.end) or _BEFORE.search(text, 0, n.start + lead)
    return m.group("b").lower() if m is not None else ""


def _agrees(n: ParsedNumber, asked: str, s: ParsedNumber, text: str) -> bool:
    """Whether an asked value agrees with a stated one: the same, or inside it where the text
    states a bound ("85岁" and "80周岁以上"; a strict bound such as 超过 excludes its value).
    A bound asked ("90岁以上") agrees only with the same bound; asked of a plain value
    ("超过20家了吗" of 25家), it agrees when the value is inside it."""
    if s.percent != n.percent:
        return False
    same = abs(s.value - n.value) <= 1e-9 * max(1.0, n.value)
    bound, own = _bound(s, text), _bound(n, asked)
    if own and not bound:
        # "超过20家了吗" of 25家: the stated value is inside the bound asked.
        if same:
            return own not in _STRICT
        return s.value > n.value if own in _LOWER else s.value < n.value
    if own:
        return same and (own in _LOWER) == (bound in _LOWER)
    if same:
        return bound not in _STRICT
    if not bound:
        return False
    return n.value > s.value if bound in _LOWER else n.value < s.value


def _numbers_fit(a: Ask, said: Said, e: Entry) -> str:
    """yes / no / "" for the figures a question states ("none": the entry states none)."""
    asked = [n for n in a.q.numbers if n.value and not _is_year(n.value, n.unit)]
    if not asked:
        return ""
    stated = [s for s in find_numbers(said.text) if not _is_year(s.value, s.unit)]
    for n in asked:
        # Only figures counted in the unit asked can agree ("超过25家" is no question of 2019).
        like = [s for s in stated if not (n.unit and s.unit) or s.unit == n.unit]
        same = any(_agrees(n, a.q.cleaned, s, said.text) for s in like)
        if not same:
            # "尊老金是不是每月100块" of an entry that states no amount at all: not stated
            return "no" if any(not _is_year(s.value, s.unit) for s in stated) else "none"
    return "yes"


def _multiple_fit(a: Ask, e: Entry, said: Said) -> str:
    """yes / no / "" for a growth asked as a multiple ("比2019年翻了一番吗") of an entry that
    states its percent change (增长66.7% is no doubling)."""
    asked = next((pct for w, pct in _MULTIPLES if w in a.q.cleaned), None)
    more = False
    tenths = _TENTHS.search(a.q.cleaned)
    if asked is None and tenths is not None:  # "涨了两成多吗": more than 20%
        asked, more = 10.0 * _DIGIT[tenths.group(1)], bool(tenths.group(2))
    if asked is None:
        return ""
    m = _GROWTH.search(said.text)
    if m is None:
        return ""
    stated = float(m.group(1))
    if more:
        return "yes" if asked < stated < asked + 10 else "no"
    return "yes" if stated >= asked - 1e-9 else "no"


# A time a claim is asked for ("连续五年全省第一", "2024年第一"): it dates the clause it is in.
_PERIOD = re.compile(
    r"连续[0-9一二两三四五六七八九十]+[年次届]|(?:19|20)[0-9]{2}年|[0-9一二三四五六七八九十]+年来"
)
_SENTENCE = re.compile(r"[;；。!！?？]")
_CLAUSE = re.compile(r"[,，:：]")
_HEADING = re.compile(r"(?:19|20)[0-9]{2}年(?:以来|底|初)?|[0-9一二三四五六七八九十]+年来")


def _clauses(quote: str) -> list[str]:
    """The clauses of a quote; a time heading its sentence ("2019年,镇江市率先…") is part of
    every clause after it."""
    out: list[str] = []
    for sentence in _SENTENCE.split(quote):
        head = ""
        for clause in _CLAUSE.split(sentence):
            if _HEADING.fullmatch(clause.strip()):
                head += clause
            elif clause:
                out.append(head + clause)
    return out


def _period_elsewhere(a: Ask, e: Entry) -> bool:
    """Whether a time asked with a claim is, in the quote, the time of another clause: "人均
    捐赠是连续五年全省第一吗" of "捐赠总量连续五年位列全省第一方阵,2024年人均捐赠位列全省第一"."""
    periods = [p for p in _PERIOD.findall(a.q.cleaned) if p in e.quote]
    if not periods or not a.claims:
        return False
    clauses = _clauses(e.quote)
    for family, _level in a.claims:
        akin = _AKIN.get(family, frozenset({family}))
        claimed = [c for c in clauses if any(f in akin for f, _lv in read_claims(c))]
        if claimed and any(not any(p in c for c in claimed) for p in periods):
            return True
    return False


# Words that say a distinction or its level, not what it is about: no subject words.
_CLAIM_CHARS = frozenset("".join(w for w, _ in (*LEVELS, *PREDICATES)))


def subject_claims(a: Ask, e: Entry) -> tuple[Claim, ...] | None:
    """The distinctions of the clause a statement's quote says the question's subject in:
    "江海葬纪念园是全省第一个吗" of "建成全市首个江海葬纪念园,…,率先在全省实现…全覆盖" is asked
    of 全市首个, not of the 全省 of another clause. None: no clause says it better than another
    (a figure's distinctions are its own clause's already), or that clause claims nothing."""
    if e.figure:
        return None
    text = a.q.text
    places = [n for p in a.places for n in p.names]
    grams = {
        text[i : i + 2]
        for i in range(len(text) - 1)
        if not (set(text[i : i + 2]) & _CLAIM_CHARS)
        and not any(text[i : i + 2] in n for n in places)
    }
    scored = [(sum(g in c for g in grams), c) for c in _clauses(e.quote)]
    best = max((n for n, _c in scored), default=0)
    if best == 0 or sum(n == best for n, _c in scored) == len(scored):
        return None
    own = tuple(dict.fromkeys(cl for n, c in scored if n == best for cl in read_claims(c)))
    # A clause that names the subject and claims nothing leaves the claims to the clauses after
    # it ("镇江编制救助管理标准,在全国率先推行": one subject, told on).
    return own or None


def _asks_all(a: Ask) -> bool:
    return any(family == "full_coverage" for family, _level in a.claims)


def _claims_fit(a: Ask, said: Said, e: Entry) -> str:
    """yes / no / not_stated / "" for the distinctions a question claims."""
    if not a.claims:
        return ""
    own = subject_claims(a, e)
    stated = own if own is not None else said.facts.claims
    result = "yes"
    for family, level in a.claims:
        if any(fam == OPPOSITES.get(family) for fam, _lv in stated):
            return "no"  # "还得自己去申请吗" of 免申即享
        if family in UNLEVELLED:
            level = ""
        akin = _AKIN.get(family, frozenset({family}))
        same = [lv for fam, lv in stated if fam in akin]
        if same:
            if not level or any(not lv or lv == level for lv in same):
                continue
            if family in _ORDINAL:
                if any(_RANK.get(lv, 0) > _RANK.get(level, 0) for lv in same):
                    continue  # 全国第一 asked as 全省第一
                result = "not_stated"  # 全省率先 asked as 全国率先: not said either way
                continue
            return "no"  # the same honour, at another level (镇江市十佳 asked as 全省)
        result = "not_stated"
    return result


# A part asked within a stated count ("那25家慈善组织里有基金会吗").
_WITHIN = re.compile(r"[0-9]+[^0-9]{0,8}?(?:里|中|当中|之中|里面)(?:有|是)")
_FIGURE_WORDS = re.compile(
    rf"(?:{_any((*BOUND_BEFORE, *en.BOUND_BEFORE))})?[0-9.%+]+(?:{_any(BOUND_UNITS)})?"
    rf"(?:{_any(BOUND_AFTER)})?"
)


def _words_said(a: Ask, said: Said, uncovered: int, *, figures: bool = True) -> bool:
    """Whether the entry says every content word of the question (beyond its claims), the
    figures with their units and bounds included unless `figures` is False."""
    text = a.q.text if figures else _FIGURE_WORDS.sub(" ", a.q.text)
    for ch in "0123456789.%+":
        text = text.replace(ch, "")
    have = said.match_text
    covered = [False] * len(text)
    for i in range(len(text) - 1):
        if text[i : i + 2] in have:
            covered[i] = covered[i + 1] = True
    run = longest = 0
    for c in covered:
        run = 0 if c else run + 1
        longest = max(longest, run)
    return longest < uncovered


def judge(a: Ask, e: Entry, said: Said, *, uncovered: int = 2) -> Verdict:
    """The verdict of entry `e` on yes/no question `a`."""
    facts = said.facts
    numbers = _numbers_fit(a, said, e)
    if numbers == "no":
        return Verdict("no", "figure")
    if numbers == "none":
        return Verdict("not_stated", "figure")
    multiple = _multiple_fit(a, e, said)
    if multiple:
        return Verdict(multiple, "figure")
    other_year = not set(a.q.years) & set(facts.years)
    if a.q.years and facts.dated and not a.q.baseline_years and other_year:
        # One dated event asked of another year is not; a run of years (2019—2022年连续4次)
        # says nothing of a year after it.
        return Verdict("not_stated" if len(facts.years) > 1 else "no", "year")
    if _asks_all(a) and said.facts.figure_kind == "percent" and not facts.is_change:
        share = [n.value for n in find_numbers(e.figure) if n.percent]
        if share and share[0] < 100:
            return Verdict("no", "figure")  # "全都是等级养老机构吗" of 91.85%
    if a.direction and facts.change and a.direction != facts.change:
        return Verdict("no", "direction")
    claims = _claims_fit(a, said, e)
    if claims == "no":
        return Verdict("no", "claim")
    if claims == "not_stated" or (claims == "yes" and _period_elsewhere(a, e)):
        return Verdict("not_stated", "claim")
    within = _WITHIN.search(a.q.cleaned)
    if numbers == "yes" and within and not _words_said(a, said, uncovered, figures=False):
        return Verdict("not_stated", "words")  # "那25家慈善组织里有基金会吗": 25 agrees, 基金会?
    if numbers == "yes" or claims == "yes" or (a.direction and a.direction == facts.change):
        return Verdict("yes", "claim")
    if not _words_said(a, said, uncovered):
        return Verdict("not_stated", "words")
    return Verdict("yes", "words")
