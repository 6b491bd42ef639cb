"""What an entry can answer, read off its fields: the kind of its figure, its year, its places,
its list, its actors and the distinctions it claims.

The fit check (`bot.decide.fit`) asks these facts whether an entry answers *this* question —
a "哪一年" question needs a dated entry, "多少钱" a figure in money, "是全省最高吗" an entry that
says so. Each entry type builds its own facts (`Entry.facts`); this module holds the record and
the readers both types share. Claims are read with the general claim words of `bot.lang.zh`
plus the level names of the entry's own pack (its city, its province).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.lang.zh.claims import LEVELS, PREDICATES
from bot.lang.zh.measures import COUNT_UNITS, UNIT_KINDS


def _find(clause: str, words: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
    """(position, level) of each level word in a clause, longest first, no overlaps."""
    found: list[tuple[int, str]] = []
    taken = [False] * len(clause)
    for word, level in words:
        start = clause.find(word)
        while start >= 0:
            if not any(taken[start : start + len(word)]):
                found.append((start, level))
                for i in range(start, start + len(word)):
                    taken[i] = True
            start = clause.find(word, start + 1)
    return found


_AWARDED_AS = ("评", "获", "为", "是")  # "获评镇江市十佳", "被评为镇江市…"


def _named_levels(
    clause: str, named: Sequence[tuple[str, str]], preds: Sequence[tuple[str, str]]
) -> list[tuple[int, str]]:
    """The pack's place names in a clause that are a level: right before a distinction
    ("镇江市十佳") or right after the verb of an award ("获评镇江市…"). A place named as the
    subject ("镇江居家和社区养老服务改革试点…拿了特别优秀") is at no level."""
    out: list[tuple[int, str]] = []
    for pos, level in _find(clause, named):
        word = next(w for w, lv in named if lv == level and clause.startswith(w, pos))
        rest = clause[pos + len(word) :]
        before = clause[max(0, pos - 2) : pos]
        if any(rest.startswith(w, i) for i in range(3) for w, _f in preds) or any(
            v in before for v in _AWARDED_AS
        ):
            out.append((pos, level))
    return out


__all__ = [
    "Claim",
    "Facts",
    "dated",
    "duration_in",
    "read_claims",
    "read_direction",
    "unit_kind",
    "years_in",
]

Claim = tuple[str, str]  # (predicate family, level: national / province / city / "")

_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_CLAUSE = re.compile(r"[,，;；。:：]")
_DURATION = re.compile(r"(?:连续|持续|连着)(?:[0-9]+|[一二三四五六七八九十两]+)年")
_COMPOSITE = re.compile(r"^\d+(?:\+\d+)+$")
_UP = ("提高", "增长", "增加", "上涨", "提升", "上升", "扩大")
_DOWN = ("下降", "减少", "降低", "下调", "缩小")


@dataclass(frozen=True, slots=True)
class Facts:
    """What one entry states, as the fit check needs it."""

    figure_kind: str = ""  # money / people / percent / 家 / 张 … ("" when it states no figure)
    dated: bool = False  # its period names the year it happened (not 连续4年, not 五年来)
    years: tuple[int, ...] = ()
    change: str = ""  # "up" / "down" when it states a change against a base year
    baseline_years: tuple[int, ...] = ()  # the base year(s) of that change (较2019年 -> 2019)
    is_change: bool = False  # its figure *is* that change (16.7% of 较2019年提高16.7%)
    components: tuple[str, ...] = ()  # the items of a list it enumerates
    actors: tuple[str, ...] = ()  # who acted, awarded or promoted
    claims: tuple[Claim, ...] = ()  # distinctions it states (率先 at 全省, 第一方阵 at 全省 …)
    text: str = ""  # what it states, for qualifier checks: title, scope, answer, quote
    scope: str = ""  # its scope as curated (全市, 句容市, 困境儿童和农村留守儿童 …)
    duration: str = ""  # how long, as its period says (连续4年, 持续五年): a "几年" answer


def unit_kind(unit: str, value: str = "") -> str:
    """What kind of figure a unit is: money, people, percent, 家, 张 … ("" when unknown).

    The one definition of a figure's kind, for entries and the index alike.
    """
    u = unit.strip()
    if "元" in u:
        return "money"
    for word, kind in UNIT_KINDS:
        if u == word:
            return kind
    if "%" in u or "%" in value:
        return "percent"
    if "岁" in u:
        return "age"
    if u in COUNT_UNITS:
        return u
    if not u and value.strip().startswith("第"):
        return "rank"
    if not u and _COMPOSITE.match(value.strip()):
        return "个"  # "1+39" standards: a count written as its parts
    return ""


def duration_in(period: str) -> str:
    """The duration a period states ("连续4年", "持续五年"), or "". The article's own frame
    (五年来) and a span of years (2019—2022年) are not the duration of one thing."""
    m = _DURATION.search(period)
    return m.group(0) if m else ""


def dated(period: str, years: Sequence[int]) -> bool:
    """Whether a period says *when* (2019年, 2019—2022年), not only *how long* (连续4年)."""
    return bool(years) and bool(_YEAR.search(period))


def years_in(text: str) -> tuple[int, ...]:
    """The four-digit years written in a text."""
    return tuple(int(m) for m in _YEAR.findall(text))


def read_direction(change: str) -> str:
    """ "up" / "down" for a stated change (较2019年提高16.7%), "" for none."""
    if any(w in change for w in _UP):
        return "up"
    if any(w in change for w in _DOWN):
        return "down"
    return ""


# Longest first (stable: equal lengths keep their order), sorted once, not per entry.
_GENERAL = tuple(sorted(LEVELS, key=lambda kv: len(kv[0]), reverse=True))
_PREDICATES = tuple(sorted(PREDICATES, key=lambda kv: len(kv[0]), reverse=True))


def read_claims(text: str, city_levels: Sequence[tuple[str, str]] = ()) -> tuple[Claim, ...]:
    """The distinctions a text states, each with the level it is at.

    The level is the general level word (全国, 全省, 省级 …) nearest the predicate within its
    clause ("镇江市率先在全省实施" is at 全省). The pack's own place names (`city_levels`: its
    city, its province) count only in a clause without a general one ("获评镇江市十佳"), since a
    city named before a verb is its subject, not a level. No level word at all: level "".
    """
    general, preds = _GENERAL, _PREDICATES
    named = sorted(city_levels, key=lambda kv: len(kv[0]), reverse=True)
    out: list[Claim] = []
    for clause in _CLAUSE.split(text):
        if not clause:
            continue
        found_levels = _find(clause, general) or _named_levels(clause, named, preds)
        used = [False] * len(clause)
        for word, family in preds:
            start = clause.find(word)
            while start >= 0:
                if not any(used[start : start + len(word)]):
                    for i in range(start, start + len(word)):
                        used[i] = True
                    near = min(found_levels, key=lambda fl: abs(fl[0] - start), default=None)
                    claim = (family, near[1] if near else "")
                    if claim not in out:
                        out.append(claim)
                start = clause.find(word, start + 1)
    return tuple(out)
