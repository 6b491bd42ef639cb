"""The kind of figure a question asks for: 多少钱 → money, 几家 → 家, how many beds → 张.

"花了多少钱" and "帮了多少人" name the same programme but different figures of it; the measure
word (or, failing one, the wording: 花了, 覆盖率) tells which. The words are language data
(`bot.lang.zh.measures`); this module only reads them.
"""

from __future__ import annotations

import re

from bot.knowledge.restore import Restorer
from bot.lang.en import HOUSEHOLDS as EN_HOUSEHOLDS
from bot.lang.en import PEOPLE as EN_PEOPLE
from bot.lang.en import STOP_WORDS
from bot.lang.zh.measures import (
    BARE_COUNT_END,
    COUNTABLE,
    HOUSEHOLD_NOUN_PATTERN,
    LOOSE_MEASURE,
    MEASURE_AFTER,
    PER_MONTH,
    PER_YEAR,
    PERSON_NOUN_PATTERN,
    SHARE_ASK,
)
from bot.lang.zh.question_words import INDEFINITE
from bot.understand.english import stem
from bot.understand.text import HAN_HI, HAN_LO, clean

__all__ = ["counted", "counted_noun", "measure_of", "per_of"]

_ASK = re.compile(r"(?:多少|几)([十百千万亿]*)")
_SHARE_ASK = re.compile(SHARE_ASK)
_CHOICE = re.compile(r"还是")
_ASIDE = re.compile(r"[（(][^）)]*[）)]")
_PERSON_NOUN = re.compile(r"[^，。？！,.?!]{0,5}?" + PERSON_NOUN_PATTERN)
_ASK_EN = re.compile(r"how many((?: [a-z][a-z\-]*){1,3})")
_LOOSE = tuple((re.compile(p), kind) for p, kind in LOOSE_MEASURE)
_COUNTED = re.compile(r"(?:多少|几)(?:[个家项件张户所座])([\u3400-\u9fff]{2})")
_PER_MONTH = re.compile(PER_MONTH)
_HOUSEHOLD = re.compile(HOUSEHOLD_NOUN_PATTERN)
_BARE_COUNT = re.compile(BARE_COUNT_END)
_PER_YEAR = re.compile(PER_YEAR)
# "这几年…花了多少钱": a wh-word used indefinitely asks no measure.
_INDEFINITE = re.compile("|".join(map(re.escape, sorted(INDEFINITE, key=len, reverse=True))))


def _is_han(ch: str) -> bool:
    return bool(ch) and HAN_LO <= ch <= HAN_HI


def measure_of(text: str) -> tuple[str, bool]:
    """The kind of figure asked for, and whether a measure word names it (多少钱, 几家, how many
    beds) rather than the wording hinting at it (花了, 覆盖率)."""
    if _SHARE_ASK.search(text):
        return "percent", True  # "等级机构占多少": a share of the whole
    text = _INDEFINITE.sub(" ", text)
    # The last wh-word asks ("连续几年给孩子买了保险，覆盖了多少孩子"); one in an aside
    # ("（几年加起来）") only when there is no other.
    core = _ASIDE.sub(" ", text)
    text = core if _ASK.search(core) else text
    for m in reversed(list(_ASK.finditer(text))):
        rest = text[m.end() : m.end() + 10]
        for word, kind in MEASURE_AFTER:
            if rest.startswith(word):
                return kind, True
        if "亿" in m.group(1) and not _is_han(rest[:1]):
            return "money", True  # "花了多少亿": a civil-affairs figure in 亿 is an amount of money
        if rest[:1] in ("个", "名", "位"):
            if _PERSON_NOUN.match(rest, 1) or rest[:1] != "个":
                return "people", True
            if _BARE_COUNT.match(rest):
                continue  # "有几个呀": no noun, a count of whatever the subject counts
            if _is_han(rest[1:2]):
                return "个", True
            continue
        if _PERSON_NOUN.match(rest):
            return "people", True
        if _HOUSEHOLD.match(rest):
            return "户", True
    for m in _ASK_EN.finditer(text):
        phrase: list[str] = []
        for w in m.group(1).split():
            if w in STOP_WORDS:
                break
            phrase.append(w)
        if any(w in EN_HOUSEHOLDS for w in phrase):
            return "户", True
        if any(w in EN_PEOPLE for w in phrase):
            return "people", True
        if any(stem(w) == "bed" for w in phrase):
            return "张", True
        if phrase:
            return "count", True  # things, English names no measure word: any countable unit
    for pattern, kind in _LOOSE:
        if pattern.search(text):
            return kind, False
    return "", False


def counted(text: str, kind: str, named: bool, filler: Restorer) -> str:
    """The noun right after 多少/几 and its measure word, as a bigram ("多少个社区" -> 社区), when
    a countable kind is named; `filler` is the filler table to strip it with."""
    if not named or kind not in COUNTABLE:
        return ""
    m = _COUNTED.search(text)
    if m is None:
        return ""
    got = filler.apply(m.group(1))
    return got if len(got) == 2 else ""


def counted_noun(text: str, filler: Restorer) -> str:
    """The noun an entry's own question phrasing counts ("出台了几项制度" -> 制度): the thing its
    figure counts may be called so even when its title words it otherwise."""
    if "多少" not in text and "几" not in text and "幾" not in text:
        return ""  # most phrasings count nothing: skip the conversion
    t = clean(text)
    m = _COUNTED.search(t)
    if m is None:
        return ""
    got = filler.apply(m.group(1))
    return got if len(got) == 2 else ""


def per_of(text: str) -> str:
    """ "月" / "年": a per-month or per-year figure is asked for. When both are named, the
    later one is asked, the earlier one is context ("每个月三千多，一年下来是多少")."""
    month = [m.start() for m in _PER_MONTH.finditer(text)]
    year = [m.start() for m in _PER_YEAR.finditer(text)]
    if not month and not year:
        return ""
    if month and year and _CHOICE.search(text):
        return ""  # "是每月还是每年的": which one is the question, not an answer
    return "月" if max(month, default=-1) > max(year, default=-1) else "年"
