"""The engine's output: one model that every renderer (console, HTML, JSON) reads.

Keeping the decision (status, hits, why not answered) apart from its wording means the three
reply forms can never disagree about what the bot found. `answered` means: this entry answers
this question. When the article speaks of the subject but does not state what was asked, the
status is `not_stated`, the reason says what is missing, and `known_instead` carries what the
article does state — shown as such, never as the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.knowledge.models import Entry, Topic

__all__ = [
    "Answer",
    "Derived",
    "Hit",
    "Lang",
    "Overview",
    "Reason",
    "Reply",
    "Status",
    "Verdict",
]

Status = Literal["answered", "ambiguous", "not_stated", "no_match"]
# The language the reply is framed in: the data (figures, quotes) stays as the article writes it.
Lang = Literal["zh", "en"]
# The answer to a yes/no question, checked against what the entry says.
Verdict = Literal["yes", "no", "not_stated", ""]

# Why a question was not answered (or how it was answered), for renderers and logs.
Reason = Literal[
    "",  # answered normally
    "topic_list",  # answered with the entries of one topic ("养老方面有哪些数据")
    "overview",  # answered with a list by place, year or attribute ("丹阳在文章里有什么")
    "article",  # about the article itself: title, author, date, series, sections
    "number_lookup",  # answered by a number in the question ("3539是什么数字")
    "empty",  # nothing left after normalization
    "chitchat",  # greetings, thanks, small talk
    "other_place",  # a place no pack covers (or the province as a whole)
    "unknown_year",  # a year the article gives no figure for
    "unknown_metric",  # something the article does not contain (GDP, 人口 ...)
    "low_score",  # nothing close enough
    "close_candidates",  # ambiguous: two or more entries are about equally close
    "which_city",  # ambiguous: packs of several cities answer it; which city is meant
    "derived",  # answered with a figure computed from stated ones (see `Derived`)
    # not_stated: the article speaks of the subject but does not state ...
    "district",  # ... a figure for the district / county / town asked about
    "population",  # ... one for the group of people asked about
    "measure",  # ... the kind of figure asked for (money where it gives a count ...)
    "date",  # ... when it happened (or a figure for the year asked)
    "detail",  # ... the detail asked for (the names of the parts, who, where ...)
    "claim",  # ... what a yes/no question claims
]


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float  # 0..100, comparable within one answer


@dataclass(frozen=True, slots=True)
class Overview:
    """What an overview lists: a topic's, a place's or a year's entries, an attribute's, or
    every figure of one measure (all the amounts of money)."""

    by: Literal["topic", "place", "year", "attribute", "measure"]
    key: str  # 养老服务 / 丹阳市 / 2022 / 全省率先
    label: str = ""  # how the reply names it (the topic's name, the place …)


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure computed from figures the article states — always shown as computed, with its
    formula and each input's own quote, never as something the article says."""

    op: str  # base_year / change / difference / points / ratio / share / per_unit / per_year /
    # annual / complement / share_of_total / compare
    value: float  # in `unit` (18.11 for 18.11亿元)
    unit: str  # as shown: 亿元, 元/人·月, 倍, %, 个百分点, 张/家
    text: str  # the result as shown: 约750元/人·月
    formula: str  # 875元/人·月 ÷ (1 + 16.7%) ≈ 749.8元/人·月
    inputs: tuple[Entry, ...]
    approx: bool = False  # an input is written approximately (近 / 约 / 多 / 余 / 逾)
    note: str = ""  # what the reader should know (按2024年标准; 逾100万 is a lower bound …)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str  # as the user typed it
    normalized: str  # what the matcher saw
    status: Status
    reason: Reason = ""
    hits: tuple[Hit, ...] = ()  # best first: the answer (+ related), or the candidates
    known_instead: tuple[Hit, ...] = ()  # what the article does say, when not answered
    topic: Topic | None = None  # set for topic lists
    overview: Overview | None = None  # set for overviews (topic lists included)
    suggestions: tuple[Topic, ...] = ()  # topics to offer on no_match
    detail: str = ""  # e.g. the out-of-scope year or place, the district asked about
    lang: Lang = "zh"  # "en": the question was English, so the reply's frame is English
    verdict: Verdict = ""  # for yes/no questions
    article_field: str = ""  # for questions about the article: author, date, title …
    pack: str = ""  # the pack answering (article questions, which name no entry)
    context: str = ""  # the entry a follow-up was completed from ("" = asked on its own)
    derived: Derived | None = None  # set when the answer is computed (reason "derived")
    # The figure that answers when it is not the entry's own: the duration its period states
    # (连续4年) for "买了几年了".
    figure: str = ""

    @property
    def best(self) -> Entry | None:
        return self.hits[0].entry if self.hits else None


@dataclass(frozen=True, slots=True)
class Reply:
    """Everything the bot says to one message: one `Answer` per question it asked, in order.

    A message usually asks one thing; "低保标准是多少？养老床位有多少张？" asks two, and each part
    keeps its own status (answered / not_stated / …), so no part is ever dropped silently.
    """

    message: str  # as the user typed it
    parts: tuple[Answer, ...]

    @property
    def first(self) -> Answer:
        return self.parts[0]

    def entry_ids(self) -> tuple[str, ...]:
        """The entries answered, for "reply to this answer" follow-ups (first part first)."""
        return tuple(p.best.id for p in self.parts if p.status == "answered" and p.best)
