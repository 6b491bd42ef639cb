"""The engine's output: one model that every renderer (console, HTML, JSON) reads.

Keeping the decision (status, hits, why not answered) apart from its wording
means the three reply forms can never disagree about what the bot found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.knowledge.models import Entry, Topic

Status = Literal["answered", "ambiguous", "no_match"]
# The language the reply is framed in: the data (figures, quotes) stays as the article writes it.
Lang = Literal["zh", "en"]

# Why a question was not answered (or how it was answered), for renderers and logs.
Reason = Literal[
    "",  # answered normally
    "topic_list",  # answered with the entries of one topic ("养老方面有哪些数据")
    "number_lookup",  # answered by a number in the question ("3539是什么数字")
    "empty",  # nothing left after normalization
    "chitchat",  # greetings, thanks, small talk
    "other_place",  # a city the article does not cover
    "unknown_year",  # a year the article gives no figure for
    "unknown_metric",  # something the article does not contain (GDP, 人口 ...)
    "low_score",  # nothing close enough
    "close_candidates",  # ambiguous: two or more entries are about equally close
]


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float  # 0..100, comparable within one answer


@dataclass(frozen=True, slots=True)
class Answer:
    question: str  # as the user typed it
    normalized: str  # what the matcher saw
    status: Status
    reason: Reason = ""
    hits: tuple[Hit, ...] = ()  # best first: the answer (+ related), or the candidates
    known_instead: tuple[Hit, ...] = ()  # what the article does say, when not answered
    topic: Topic | None = None  # set for topic lists
    suggestions: tuple[Topic, ...] = ()  # topics to offer on no_match
    detail: str = ""  # e.g. the out-of-scope year or place, for the reply wording
    lang: Lang = "zh"  # "en": the question was English, so the reply's frame is English

    @property
    def best(self) -> Entry | None:
        return self.hits[0].entry if self.hits else None
