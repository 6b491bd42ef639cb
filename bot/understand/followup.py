"""Follow-ups: a question completed from an earlier one in the same conversation.

"那2019年呢", "丹阳呢", "具体多少钱", "它是哪一年的", "这个是按人算吗" name no subject of their own
(or point back with 它 / 这个 / 刚才); they keep the subject of a previous question and change only
what they name themselves: a year, a place, the kind of figure, the answer type. A message that
names its own subject is asked on its own — a topic switch never inherits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.lang.zh import question_words as qw
from bot.lang.zh.arithmetic import PER_YEAR
from bot.lang.zh.measures import PER_MONTH, PER_UNIT_WORDS
from bot.lang.zh.measures import PER_YEAR as PER_YEAR_ASK
from bot.lang.zh.question_words import CHANGE, DEIXIS
from bot.understand.answer_type import cue_pattern
from bot.understand.ask import Ask

__all__ = [
    "Turn",
    "asked_like",
    "content",
    "echoes",
    "elliptical",
    "listed_again",
    "merge",
    "pick_turn",
    "points_back",
    "stands_alone",
]

_POSITIONS = sorted(qw.TURN_POSITIONS, key=lambda wp: len(wp[0]), reverse=True)
_DEIXIS = cue_pattern(
    (*DEIXIS, "刚才", "前面", "之前", "上面", "其中", "里面", "回到", *(w for w, _ in _POSITIONS))
)
_CHANGE = cue_pattern(CHANGE)
# The words that ask ("哪一年", "谁", "哪里"): what is asked, not what it is asked about.
_ASKING = cue_pattern(
    (
        *qw.DATE,
        *qw.PLACE,
        *qw.ACTOR,
        *qw.LIST,
        *qw.NAMES,
        *qw.WH,
        *qw.RANK_ASK,
        *qw.RANK_LEFTOVERS,
        *qw.ASPECT_NOUNS,  # "占比多少": an aspect of the figure before, not a new subject
        *qw.WHEN_VERBS,  # "哪年开始的": when it began, of the subject before
        *qw.GENERIC_NOUNS,  # "是哪一年的做法": the kind of thing said before
        *qw.HONOUR_WORDS,  # "获得了什么": the honour of what was said before
        *qw.WHOM,  # "是针对哪些家庭的": whom what was said before is for
        *qw.SCOPE_VERBS,
    )
)
_MIN_CONTENT = 2  # characters of its own subject that make a question stand alone
_WITHIN = re.compile(r"其中|里面|当中|里头")  # "里面低保有多少": a part of the earlier figure
_SHARE_VERB = re.compile(r"占了?$")  # "其中有等级的占多少": 占 asks the share, it names nothing
_NE = re.compile(r"呢[\s?？!！。.~～…；;]*$")
# The words that ask for an average ("平均每家", "一年平均"): how to compute, not what of.
_AVERAGE = re.compile(rf"(?:{PER_UNIT_WORDS}|{PER_YEAR})(?:[个家名位户人])?")
# The period a figure is asked per ("一年呢", "每月下来"): how it is counted, not what of.
_PER = re.compile(rf"(?:{PER_MONTH}|{PER_YEAR_ASK})(?:下来|算下来)?")


@dataclass(frozen=True, slots=True)
class Turn:
    """One earlier question of a conversation, with the entry that answered it."""

    ask: Ask
    entry_id: str  # "" when it was not answered by an entry
    at: float  # when it was asked (monotonic seconds)
    said: str = ""  # the answering entry's own words (title, aliases), to find it again by
    overview: bool = False  # it was answered with a list (by topic, place, year, attribute)

    @property
    def subject(self) -> str:
        """The answering entry's own name (the first of `said`), "" when none answered."""
        return self.said.split(" ")[0] if self.said else ""


_THEN = re.compile(r"^\s*那(?:么)?(?![个些项是次笔位家里边一])")


def echoes(a: Ask, before: Ask) -> bool:
    """Whether a part of a message only repeats the part before it ("…开展了多少个公募项目？是
    多少", "…？呢"): no words, year, place, number or measure of its own. It asks nothing new."""
    q = a.q
    if q.text or q.english or q.numbers or q.years or q.baseline_years or a.places:
        return False
    if a.compute is not None or a.yesno or a.listing or a.shape not in ("single", "empty"):
        return False
    if a.answer.kind and a.answer.kind != before.answer.kind:
        return False  # "…几家慈善组织，都叫啥名字": their names, a new question of it
    return not q.measure or q.measure == before.q.measure


def points_back(a: Ask) -> bool:
    """Whether the question points back at something said before (它, 这个, 刚才 …). A 那 that
    opens a question ("那孤儿呢", "那么养老机构呢") is "then", not "that one"."""
    return bool(_DEIXIS.search(_THEN.sub("", a.q.cleaned)))


def content(a: Ask) -> str:
    """The question's own subject words: its match text without places, population words,
    pointing words, change words and aspect nouns ("那2019年丹阳呢", "占比多少" have none)."""
    text = a.q.text
    for p in a.places:
        for n in sorted(p.names, key=len, reverse=True):
            text = text.replace(n, "")
    for w in (*a.qualifiers, *a.groups):
        text = text.replace(w, "")
    text = _ASKING.sub("", _CHANGE.sub("", _DEIXIS.sub("", _PER.sub("", _AVERAGE.sub("", text)))))
    return _SHARE_VERB.sub("", re.sub(r"[0-9.%+]", "", text))


def stands_alone(a: Ask) -> bool:
    return len(content(a)) >= _MIN_CONTENT or bool(a.q.english)


def elliptical(a: Ask) -> bool:
    """ "公益金呢", "床位呢": a new subject asked the way the question before was asked."""
    return bool(_NE.search(a.q.raw)) and not a.answer.kind and not a.listing


def asked_like(a: Ask, turn: Turn) -> Ask:
    """`a` asked with the answer type and aspect of the earlier question ("福彩卖了多少钱" ->
    "公益金呢" is a figure too; "…比2019年涨了多少" -> "低保的呢" a change too); its own subject,
    places and measure stay its own."""
    prev = turn.ask
    return replace(
        a,
        answer=replace(prev.answer, measure=a.q.measure, named=a.q.measure_named),
        aspect=prev.aspect if a.aspect == "level" else a.aspect,  # "涨了多少" -> "低保的呢"
        q=replace(a.q, intent=a.q.intent or prev.q.intent),
        context=turn.entry_id,
    )


def pick_turn(a: Ask, history: Sequence[Turn]) -> Turn | None:
    """The earlier turn a follow-up continues: the latest whose entry says the follow-up's own
    words ("那个改造连续做了几年" goes back past an unrelated turn to 适老化改造), else the
    latest."""
    answered = [t for t in reversed(history) if t.entry_id]
    if not answered:
        return None
    for word, at in _POSITIONS:  # "我最开始问的那个": by its place, whatever its words
        if word in a.q.cleaned:
            ordered = answered[::-1]
            return ordered[at] if -len(ordered) <= at < len(ordered) else answered[-1]
    own = _DEIXIS.sub("", a.q.text)  # its own words, groups and places included
    bigrams = {own[i : i + 2] for i in range(len(own) - 1)}
    if bigrams:
        for t in answered:
            if any(b in t.said for b in bigrams):
                return t
    return answered[0]


def listed_again(a: Ask, turn: Turn) -> Ask | None:
    """ "2022年呢" / "丹阳呢" after an overview ("2021年有什么大动作"): the same list asked of the
    year or place this question names; None when it names neither, or a subject of its own."""
    if not turn.overview or stands_alone(a) or not (a.q.years or a.places):
        return None
    prev = turn.ask
    q = replace(
        prev.q,
        raw=a.q.raw,
        years=a.q.years or prev.q.years,
        year_range=a.q.year_range if a.q.years else prev.q.year_range,
        places=a.q.places or prev.q.places,
        place_refs=a.q.place_refs or prev.q.place_refs,
    )
    return replace(prev, text=a.text, q=q, places=a.places or prev.places, context="")


def merge(a: Ask, turn: Turn) -> Ask:
    """`a` completed from `turn`: the earlier subject words with this question's own, and this
    question's year, place, measure and answer type where it names them."""
    prev = turn.ask
    own = content(a)
    q = replace(
        prev.q,
        raw=a.q.raw,
        cleaned=prev.q.cleaned + " " + a.q.cleaned,
        text=prev.q.text + own,
        english=(*prev.q.english, *a.q.english),
        years=a.q.years or (() if a.q.baseline_years else prev.q.years),
        year_range=a.q.year_range if a.q.years else prev.q.year_range,
        baseline_years=a.q.baseline_years,
        numbers=a.q.numbers,
        measure=a.q.measure or prev.q.measure,
        measure_named=a.q.measure_named or (prev.q.measure_named and not a.q.measure),
        counted=a.q.counted or prev.q.counted,
        change=a.q.change,
        per=a.q.per or prev.q.per,
        intent=a.q.intent or prev.q.intent,
        places=a.q.places or prev.q.places,
        other_places=a.q.other_places,
        place_refs=a.q.place_refs or prev.q.place_refs,
        province=a.q.province,
    )
    # "涨幅呢" after 3132元: the earlier answer type, of the measure this question names.
    answer = a.answer if a.answer.kind else prev.answer
    if not a.answer.kind and a.q.measure:
        answer = replace(prev.answer, measure=a.q.measure, named=a.q.measure_named)
    compute = a.compute
    subject = turn.subject
    if compute is not None and not compute.b and subject and subject not in compute.a:
        # "平均每家多少张" after 养老机构床位: the earlier entry is what is averaged.
        compute = replace(compute, a=subject + compute.a)
    # "其中丹阳有几家", "里面低保有多少人次": a part of what was answered, which the entry must
    # speak of by name to answer.
    within = (own,) if own and _WITHIN.search(a.q.cleaned) else ()
    return replace(
        a,
        q=q,
        shape="single",
        answer=answer,
        aspect=a.aspect if a.aspect != "level" else ("change" if a.q.change else "level"),
        places=a.places or prev.places,
        qualifiers=a.qualifiers or prev.qualifiers,
        groups=(*(a.groups or prev.groups), *within),
        compute=compute,
        context=turn.entry_id,
    )
