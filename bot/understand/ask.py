"""The question model: one typed, immutable `Ask` per question, produced before matching.

Everything later stages need to know about what was asked lives here, derived once: the
subject words (`q.text`, the match text), the answer type asked for, the qualifiers that narrow
it (place, population, year, per-unit, level vs change vs rank) and the shape of the question
(a lookup, an overview, a question about the article). The answer types follow the coarse
classes of the classic question-classification taxonomy (Li & Roth, 2002), adapted to figures:
a figure of some measure (NUM), a date (NUM:date), a place (LOC), a person or organisation
(HUM), a list of components (ENTY), a description (DESC), and yes/no.

An `Ask` can be completed from a previous one (`bot.understand.followup.merge`): a follow-up such
as "那2019年呢" keeps the subject of the question before it and changes only what it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from bot.knowledge.facts import Claim
from bot.understand.compute import Compute
from bot.understand.normalize import Normalized
from bot.understand.places import PlaceRef

__all__ = ["AnswerKind", "AnswerType", "Ask", "Aspect", "Shape"]

# The coarse answer type; "" = the question does not say (a bare subject: "低保标准").
AnswerKind = Literal["figure", "date", "place", "actor", "list", "description", "yesno", ""]
# single: one lookup; overview: a list of what the article says about a topic, place, year or
# attribute; article: about the article itself; chitchat / empty: not a question.
Shape = Literal["single", "overview", "article", "chitchat", "empty"]
# level: the figure itself; change: how much it changed; rank: where it stands among others.
Aspect = Literal["level", "change", "rank"]


@dataclass(frozen=True, slots=True)
class AnswerType:
    """What kind of answer is asked for."""

    kind: AnswerKind = ""
    measure: str = ""  # for figures: money, people, percent, age, rank, 家, 张 … ("" any)
    named: bool = False  # the measure is named by a measure word (多少钱), not only hinted
    yesno: bool = False  # asked as yes/no, whatever else ("是2019年吗": a date, checked)
    names: bool = False  # a name is asked for (叫什么名字, 名称, 全称)


@dataclass(frozen=True, slots=True)
class Ask:
    """One question, understood."""

    text: str  # the clause as typed
    q: Normalized  # the match text and the lexical signals
    shape: Shape = "single"
    answer: AnswerType = field(default_factory=AnswerType)
    aspect: Aspect = "level"
    places: tuple[PlaceRef, ...] = ()  # every place named, with its role
    qualifiers: tuple[str, ...] = ()  # words narrowing a population (散居, 农村, 高龄 …)
    groups: tuple[str, ...] = ()  # population groups named (老年人, 未成年人 …)
    excluded: tuple[str, ...] = ()  # groups left out ("困境儿童（不是孤儿）": 孤儿)
    claims: tuple[Claim, ...] = ()  # distinctions a yes/no question asks about
    direction: str = ""  # "up" / "down": a yes/no question about the direction of a change
    listing: bool = False  # words asking for a list (有哪些, 都有什么, 盘点 …)
    attributes: tuple[str, ...] = ()  # overview attributes named (全省率先, 全覆盖, 100% …)
    article_field: str = ""  # for shape "article": author, date, title, series …
    compute: Compute | None = None  # a computation over stated figures ("几倍", "平均每家")
    context: str = ""  # id of the entry a follow-up was completed from ("" = on its own)
    # The same question with the subject words of the story before it lent ("…社区说能申请上门
    # 服务，多大岁数可以享受"): tried when the question alone is not answered outright.
    lent: Ask | None = None
    listed: bool = False  # an item of an enumeration ("福彩销售额、公益金、帮扶人次"): its context

    def or_else(self, other: Ask) -> Ask:
        """This question with `other` as the last reading to try, after its own lent ones."""
        return replace(self, lent=other if self.lent is None else self.lent.or_else(other))

    @property
    def years(self) -> tuple[int, ...]:
        return self.q.years

    @property
    def yesno(self) -> bool:
        return self.answer.yesno or self.answer.kind == "yesno"

    def inside_places(self) -> tuple[PlaceRef, ...]:
        """Places inside a covered city (districts, county-level cities, towns)."""
        return tuple(p for p in self.places if p.role == "inside")
