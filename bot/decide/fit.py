"""The fit check: does this entry answer this question, or only speak of its subject?

Ranking finds the entry closest to the words of a question; this check asks whether it states
what was asked. A "哪一年" question needs an entry with a year, "多少钱" a figure in money,
"哪个镇" an entry that names it, "分别是什么" one that lists them; a district, a population
group or a per-unit the entry does not speak of is a miss, whatever the words share. A miss is
reported with its reason, so the reply can say what the article does not state, and then
show, as such, what it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.decide.book import Said
from bot.decide.dating import dates_subject
from bot.decide.verdict import subject_claims
from bot.knowledge.models import Entry
from bot.lang.zh.claims import HONOURS, LEVELS
from bot.lang.zh.measures import (
    COMPATIBLE,
    MONEY_WAYS,
    NAMEABLE,
    PER_UNIT_ASK,
    PER_UNIT_WORDS,
    RATE_NAME,
    STRICT,
)
from bot.lang.zh.populations import COUNTED_PEOPLE, COVERED_BY, SAME_GROUP
from bot.lang.zh.question_words import ACTOR_HEADS, DATE_FINE, HONOUR_ASK, PLACE_LEVELS
from bot.understand.answer_type import cue_pattern
from bot.understand.ask import Ask

__all__ = ["Fit", "check", "qualifiers"]

_UNION = re.compile(r"[和及与、]")
# "其中留守儿童有多少", "孩子里留守儿童占多少": a part of the group counted is asked.
_SUBSET = re.compile(r"其中|里面|当中|之中|里的|中的")
# The group a count asks for, right after its question word ("覆盖了多少儿童").
_COUNTED = re.compile(r"(?:多少|几)[名个位]?([\u4e00-\u9fff]{2,6})")
# What an entry says when its own figure is an average per unit (人均捐赠金额, 每人每月).
_PER_UNIT = re.compile(PER_UNIT_WORDS)
_PER_UNIT_ASK = re.compile(PER_UNIT_ASK)
_RATE_NAME = re.compile(RATE_NAME)
# Distinctions that answer "排第几" / "第几个": 首个 is the first one, 全省最高 a rank.
_DATE_FINE = cue_pattern(DATE_FINE)
_MONTH_OR_DAY = re.compile(r"(?<![0-9])[0-9]{1,2}[月日号]")  # 3月, 12日 (not 一号申请)
_HONOUR_ASK = cue_pattern(HONOUR_ASK)
_PLACE_LEVEL = re.compile(
    r"(?:哪|什么|啥)(?:个|一个|座)?(" + "|".join(sorted(PLACE_LEVELS, key=len, reverse=True)) + ")"
)
_COUNTED_PERSON = re.compile(
    r"(?:多少|几)(?:个|名|位)?(" + "|".join(sorted(COUNTED_PEOPLE, key=len, reverse=True)) + ")"
)
_MONEY_WAY = re.compile("|".join(re.escape(w) for w, _way in MONEY_WAYS))
_WAY_OF = dict(MONEY_WAYS)
_YEARLY = re.compile(r"年均|每年|一年|平均每年")  # a figure stated per year
_RANK_CLAIMS = frozenset({"first", "top_tier", "highest", "lowest", "leading", "pioneer"})


def _level_asked(text: str) -> tuple[str, str] | None:
    """The level a rank is asked at ("在全国排第几": 全国, national), the first one named."""
    found = [(text.find(w), w, level) for w, level in LEVELS if w in text]
    return min(found)[1:] if found else None


@dataclass(frozen=True, slots=True)
class Fit:
    ok: bool
    reason: str = ""  # district / population / measure / date / detail / claim
    detail: str = ""  # what is missing, for the reply ("润州区", "散居", "money" …)


FITS = Fit(True)


def _mentions(text: str, group: str) -> bool:
    return group in text or any(g in text for g in SAME_GROUP.get(group, ()))


def _population(a: Ask, said: Said) -> Fit | None:
    text = said.text
    for w in a.qualifiers:
        if w not in text and not any(c in text for c in COVERED_BY.get(w, ())):
            return Fit(False, "population", w)
    for g in a.groups:
        if not _mentions(text, g):
            return Fit(False, "population", g)
    # 困境儿童和农村留守儿童: a figure for both groups together says nothing of one alone.
    # (A count of people only: money spent on both groups is still that programme's money.)
    parts = [p for p in _UNION.split(said.facts.scope) if len(p) >= 2]
    if len(parts) >= 2 and said.facts.figure_kind == "people":
        # A follow-up's own words ("其中留守儿童有多少"), not those of the question it continues.
        asked = a.q.raw if a.context else a.q.cleaned
        counted = _COUNTED.search(asked)
        whom = counted.group(1) if counted else ""
        whom = next((g for g in a.groups if whom.startswith(g)), whom)  # "儿童买了" -> 儿童
        if whom and not _SUBSET.search(asked) and all(_mentions(p, whom) for p in parts):
            return None  # "给多少孩子买了": the children (儿童) of both groups are counted
        # A group inside another one named ("儿童" of "农村留守儿童") names nothing more.
        groups = [
            g for g in a.groups if len(g) >= 2 and not any(g in h and h != g for h in a.groups)
        ]
        named = [p for p in parts if p in asked or any(g in p for g in groups)]
        if len(named) < len(parts) and _each_named(parts, asked):
            return None  # "困境和留守儿童": both groups, their head noun said once
        if named and len(named) < len(parts):
            return Fit(False, "population", named[0])
    return None


_PER_WHOM = re.compile(r"每(?:个|一)?(人|户|家|名|位)(?!次)|(人|户)均|/(人|户)")
_SAME_WHOM = {"名": "人", "位": "人"}


def _per_units(text: str) -> set[str]:
    """Whom a text counts a figure per ("每户", "人均", "元/人·月"): 人, 户 or 家."""
    return {_SAME_WHOM.get(w, w) for m in _PER_WHOM.finditer(text) for w in m.groups() if w}


def _each_named(parts: list[str], asked: str) -> bool:
    """Whether a question names each of several groups that share a head noun, said once
    ("困境和留守儿童" for 困境儿童 and 农村留守儿童): a word of each one's own part is asked."""
    tail = 0
    while tail < min(map(len, parts)) and len({p[len(p) - tail - 1] for p in parts}) == 1:
        tail += 1
    if tail < 2:
        return False
    stems = [p[: len(p) - tail] for p in parts]
    return all(any(s[i : i + 2] in asked for i in range(len(s) - 1)) for s in stems)


def _asks_head_count(a: Ask) -> bool:
    """Whether a group of people is what is counted: "困境儿童有多少", "老人一共有几个"."""
    text = a.q.cleaned.rstrip("？?。!！ 呢吗啊")
    return any(
        re.search(re.escape(g) + r"(?:有|一共有|总共有|共有|一共|总共)?(?:多少|几)[个名位]?$", text)
        for g in a.groups
    )


def _way(text: str) -> str:
    """ "spent" / "raised": which way the money a text speaks of went, "" when it does not say."""
    m = _MONEY_WAY.search(text)
    return _WAY_OF[m.group(0)] if m else ""


def _same_way(question: str, e: Entry) -> bool:
    """Whether the money asked went the way the entry's own clause says it did (or either says
    nothing of it)."""
    asked = _way(question)
    stated = _way(e.title + " " + e.own_clause()) if asked else ""
    return not asked or not stated or asked == stated


def _measure(a: Ask, e: Entry, said: Said) -> Fit | None:
    t = a.answer
    kind = said.facts.figure_kind
    if t.kind != "figure" and not (t.named and t.measure):
        return None
    if t.measure == "years":  # "买了几年了": how long, which only a stated duration tells
        return None if said.facts.duration else Fit(False, "measure", "years")
    person = _COUNTED_PERSON.search(a.q.cleaned) if t.measure == "people" else None
    if person is not None:
        # "有多少名志愿者" of 受益群众1.87万人次: the figure must count them, by its name or
        # in the clause that states it (the sentence may speak of them beside another count).
        own = " ".join((e.title, e.scope, e.own_clause(), *e.aliases))
        if not _mentions(own, person.group(1)):
            return Fit(False, "population", person.group(1))
    if t.measure == "money" and kind == "money" and not _same_way(a.q.cleaned, e):
        return Fit(False, "measure", "money")  # money spent asked, money raised stated
    if a.q.per == "年" and "月" in e.figure and not said.facts.is_change:
        return Fit(False, "measure", "per_year")  # 每人每月 asked as a year: computed, not stated
    if not t.named and kind and kind != "people" and _asks_head_count(a):
        # "60岁以上的老年人有多少": the age qualifies whom, the count of them is asked
        return Fit(False, "measure", "people")  # "其中困境儿童有多少" of the programme's money
    if not t.measure:
        return None if kind else Fit(False, "measure", "")
    if a.aspect == "change" and not t.named and said.facts.is_change:
        return None  # "补助比19年涨了多少": no unit asked, the stated change answers
    if t.measure == "rank" and any(c[0] in _RANK_CLAIMS for c in said.facts.claims):
        return None  # 全省最高 is a rank, whatever figure the entry has (its level: `check`)
    if not kind:
        return Fit(False, "measure", t.measure)
    compatible = kind in COMPATIBLE.get(t.measure, frozenset())
    if not compatible and (t.measure in STRICT or t.named):
        return Fit(False, "measure", t.measure)
    return None


def _type(a: Ask, e: Entry, said: Said) -> Fit | None:
    facts = said.facts
    kind = a.answer.kind
    if kind == "date" and not (facts.dated and dates_subject(a.q.cleaned, e.quote) is not False):
        return Fit(False, "date", "")  # no year, or a year of something else it says
    if kind == "date" and _DATE_FINE.search(a.q.cleaned) and not _MONTH_OR_DAY.search(e.quote):
        return Fit(False, "date", "day")  # "每月几号发" of an entry that states only a year
    if kind == "actor" and not facts.actors:
        return Fit(False, "detail", "actor")
    if kind == "actor" and any(
        h in a.q.cleaned and not any(h in x for x in facts.actors) for h in ACTOR_HEADS
    ):
        return Fit(False, "detail", "actor")  # "哪家公司承保的" of an entry naming 民政部
    if kind == "place" and not (said.places or said.names_city):
        return Fit(False, "detail", "place")
    level = _PLACE_LEVEL.search(a.q.cleaned) if kind == "place" else None
    if level is not None and not any(p.endswith(level.group(1)) for p in said.places):
        return Fit(False, "detail", "place")  # "在哪个镇" of an entry that names only 句容市
    if kind == "description" and a.answer.names and facts.figure_kind in NAMEABLE:
        kind = "list"  # "能告诉我名字吗" of 25家: the names of the 25, a list
    if kind == "list":
        if not facts.components:
            return Fit(False, "detail", "list")
        if any(c in a.q.cleaned for c in facts.components):
            return Fit(False, "detail", "list")  # the parts of a part ("那3个平台是哪三个")
    return _measure(a, e, said)


def qualifiers(a: Ask, said: Said) -> Fit:
    """Only the place and population the question narrows to: whether the entry speaks of
    them at all (checked before years and arithmetic, which cannot supply a district)."""
    for p in a.inside_places():
        if not any(n in said.text for n in p.names):
            return Fit(False, "district", p.name)
    return _population(a, said) or FITS


def check(a: Ask, e: Entry, said: Said) -> Fit:
    """Whether entry `e` (with its facts `said`) answers question `a`."""
    narrowed = qualifiers(a, said)
    if not narrowed.ok:
        return narrowed
    if any(g in e.title for g in a.excluded):  # 困境儿童（不是孤儿）of the orphans' standard
        return Fit(False, "population", (a.groups or a.excluded)[0])
    miss = _type(a, e, said)
    if miss is not None:
        return miss
    facts = said.facts
    # A statement's rank is the one of the clause that names the subject, when that clause
    # states one (江海葬纪念园: 全市首个, not the 全省率先 of the next clause).
    own = subject_claims(a, e) if a.aspect == "rank" else None
    claims = own if own and any(c[0] in _RANK_CLAIMS for c in own) else facts.claims
    ranked = facts.figure_kind == "rank" or any(c[0] in _RANK_CLAIMS for c in claims)
    if a.aspect == "rank" and not a.yesno and not ranked:
        return Fit(False, "claim", "rank")
    if a.aspect == "rank" and not a.yesno:
        level = _level_asked(a.q.cleaned)
        at = {c[1] for c in claims if c[0] in _RANK_CLAIMS}
        if level is not None and at and level[1] not in at:
            return Fit(False, "claim", level[0])  # 全国排第几 of a standard 全省最高
    if _HONOUR_ASK.search(a.q.cleaned) and not any(c[0] in HONOURS for c in facts.claims):
        return Fit(False, "claim", "honour")  # "这个做法获过什么奖" of one that names none
    if a.aspect == "change" and a.answer.kind == "figure" and not (facts.change or facts.is_change):
        return Fit(False, "detail", "change")
    if a.compute is not None and a.compute.op == "per_year" and not _YEARLY.search(said.text):
        # "平均每年筹集多少" the calculator could not work out (2019年以来: how many years?):
        # the total is not the answer.
        return Fit(False, "measure", "yearly")
    averaged = a.compute is not None and a.compute.op == "per_unit"
    if (averaged or _PER_UNIT_ASK.search(a.q.cleaned)) and not _PER_UNIT.search(said.text):
        # "平均每人减免多少" the calculator could not work out, "每千名老人多少张床位": a total
        # is not the answer.
        return Fit(False, "measure", "per_unit")
    asked, stated = _per_units(a.q.cleaned), _per_units(said.text + " " + e.figure)
    if asked and stated and not asked & stated:
        return Fit(False, "measure", "per_unit")  # "每户补助多少" of a standard 每人每月
    for stem in _RATE_NAME.findall(a.q.cleaned):
        if stem not in said.text:  # "入住率" of an entry that states 等级养老机构占比
            return Fit(False, "measure", "percent")
    return FITS
