"""Typed records for a knowledge pack.

Everything the engine, the renderers and the Telegram layer share is defined
here, so that data flows one way (pack -> engine -> answer -> render) and no
module has to reach into another's internals. The records are frozen: a loaded
pack is never mutated, a reload builds a new one and swaps it whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.knowledge.facts import (
    Facts,
    dated,
    duration_in,
    read_claims,
    read_direction,
    unit_kind,
    years_in,
)
from bot.lang.zh.claims import PREDICATES
from bot.understand.numerals import find_numbers

Confidence = Literal["certain", "likely", "guess"]
EntryKind = Literal["indicator", "qa"]
# How a place ranks in China's administrative hierarchy, as far as questions need it.
PlaceLevel = Literal["province", "city", "district", "county_city", "county", "town", "village"]


@dataclass(frozen=True, slots=True)
class Source:
    """The publication a pack's figures come from."""

    publisher: str  # 新华日报
    series: str  # 江苏民政工作高质量发展巡礼⑦镇江篇
    headline: str  # restored headline
    author: str
    date: str  # ISO date of the copy we have (the repost)
    date_note: str  # e.g. "原文发表不晚于该日"
    received_from: str = ""  # where the copy came from (a reposting site)
    headline_received: str = ""  # the headline as the received copy writes it
    publisher_en: str = ""  # the publisher's English name, for English replies


@dataclass(frozen=True, slots=True)
class RestorationRow:
    """One spun -> standard phrase substitution.

    `queries` is False for rows that are only safe inside the article's own
    context (e.g. 免费 -> 收费 would invert a user's own, correct wording).
    """

    spun: str
    standard: str
    confidence: Confidence
    note: str = ""
    queries: bool = True
    line: int = 0  # 1-based line in restoration.yaml, for diagnostics


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A canonical term and the everyday words people use for it."""

    canonical: str
    synonyms: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str  # standard Chinese (restored) section heading
    title_en: str
    line: int = 0  # 1-based line in topics.yaml, for diagnostics


@dataclass(frozen=True, slots=True)
class Topic:
    id: str  # slug, e.g. "social-assistance"
    name: str  # 社会救助
    name_en: str
    section: str  # Section.id
    keywords: tuple[str, ...] = ()  # words that signal the topic in a question
    line: int = 0  # 1-based line in topics.yaml, for diagnostics
    # Topics the article treats within this one (福利彩票 in the paragraph on 慈善): what the
    # article says of this topic lists theirs too.
    includes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A place a pack knows by name: the city an article covers, a place inside it, its province."""

    name: str  # canonical written form: 丹阳市
    level: PlaceLevel
    aliases: tuple[str, ...] = ()  # other ways people write it: 丹阳
    en: tuple[str, ...] = ()  # romanised / English names, lower case: danyang
    within: str = ""  # name of the enclosing place, when it is not the pack's city
    line: int = 0  # 1-based line in scope.yaml, for diagnostics

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Scope:
    """What an article covers, read from its pack's scope.yaml: the engine's fit check asks it
    whether a question's place, population or metric is one the article can speak to at all."""

    city: Place  # the place the article is about
    province: Place  # the province it lies in: compared with ("全省第一"), never given figures of
    places: tuple[Place, ...] = ()  # districts, county-level cities, towns, villages inside it
    absent_metrics: tuple[str, ...] = ()  # asked-about metrics the article does not contain
    populations: tuple[str, ...] = ()  # population groups the article's figures distinguish
    line: int = 0

    def all_places(self) -> tuple[Place, ...]:
        return (self.city, *self.places)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """Fields every entry has, whatever its kind."""

    id: str  # stable ASCII slug, also used in callback data and deep links
    topic: str  # Topic.id
    title: str  # standard Chinese
    title_en: str
    aliases: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # natural question phrasings
    period: str = ""  # as a reader would say it: 2024年, 2019年以来, 五年来 ...
    years: tuple[int, ...] = ()  # calendar years the statement is about
    scope: str = "全市"  # 全市, 句容市, 丹阳市 ...
    quote: str  # verbatim from the restored article text
    related: tuple[str, ...] = ()  # ids of entries worth offering next
    components: tuple[str, ...] = ()  # the items of a list the quote enumerates (四项机制 ...)
    actors: tuple[str, ...] = ()  # who acted, awarded or promoted, as the quote names them
    pack: str = ""  # name of the pack (folder) the entry came from
    file: str = ""  # path of the YAML file, for diagnostics
    line: int = 0  # 1-based line of the entry in that file

    @property
    def kind(self) -> EntryKind:
        raise NotImplementedError

    @property
    def figure(self) -> str:
        """The figure it states, as written (875元/人·月), or "" for an entry without one."""
        return ""

    @property
    def statement(self) -> str:
        """What it says, in one line of standard Chinese (the answer text of a card)."""
        raise NotImplementedError

    @property
    def change_note(self) -> str:
        """A change stated beside its figure (较2019年提高16.7%), or ""."""
        return ""

    @property
    def value_unit(self) -> tuple[str, str]:
        """Its figure's value and unit as curated ("875", "元/人·月"), or ("", "")."""
        return "", ""

    def facts(self, levels: Sequence[tuple[str, str]] = ()) -> Facts:
        """What this entry can answer (see `bot.knowledge.facts`); `levels` are the level names
        of its pack (its city and province) for reading the distinctions it claims."""
        raise NotImplementedError

    def _claim_text(self) -> str:
        """The part of the quote its distinctions are read from."""
        return self.quote

    def own_clause(self) -> str:
        """The clause of its quote that states it (the whole quote for a statement)."""
        return self.quote

    def _facts(self, levels: Sequence[tuple[str, str]], **kw: object) -> Facts:
        said = " ".join(p for p in (self.title, self.scope, self.statement, self.quote) if p)
        return Facts(
            dated=dated(self.period, self.years),
            duration=duration_in(self.period),
            years=self.years,
            components=self.components,
            actors=self.actors,
            claims=read_claims(self._claim_text(), levels),
            text=said,
            scope=self.scope,
            **kw,  # type: ignore[arg-type]
        )


_DURATION = re.compile(r"[0-9]|[一二三四五六七八九十两]+年")


def _states_a_number(clause: str) -> bool:
    """Whether a clause states a figure or a duration (连续五年) — 十佳 and 第一 are words."""
    return bool(_DURATION.search(clause)) or bool(find_numbers(clause))


def _states(clause: str, value: str) -> bool:
    """Whether a clause states `value` itself, not only inside a longer claim word (第一 in
    第一方阵)."""
    if not value:
        return False
    longer = [w for w, _family in PREDICATES if value in w and w != value]
    # Each occurrence, left to right and not overlapping (what re.finditer on the escaped
    # value finds, without compiling a pattern per value: thousands on a large pack).
    start = clause.find(value)
    while start >= 0:
        if not any(clause.startswith(w, start - w.index(value)) for w in longer):
            return True
        start = clause.find(value, start + len(value))
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator(Entry):
    """One figure: a value with its unit, period and scope."""

    value: str  # as written in the article: 875, 12.24万, 近2万, 2800多万
    number: float | None = None  # exact machine value where the text is exact
    unit: str = ""  # 元/人·月, 人次, 亿元, % ...
    change: str = ""  # e.g. 较2019年提高16.7%
    baseline: str = ""  # e.g. 2019年

    @property
    def kind(self) -> EntryKind:
        return "indicator"

    @property
    def figure(self) -> str:
        value, unit = self.value.strip(), self.unit.strip()
        return value if not unit or value.endswith(unit) else value + unit

    @property
    def change_note(self) -> str:
        return self.change

    @property
    def value_unit(self) -> tuple[str, str]:
        return self.value, self.unit

    @property
    def statement(self) -> str:
        where = "，".join(p for p in (self.period.strip(), self.scope.strip()) if p)
        s = f"{self.title}：{self.figure}" + (f"（{where}）" if where else "")
        return s + (f"，{self.change}" if self.change else "")

    def own_clause(self) -> str:
        value = self.value.strip()
        own = [c for c in re.split(r"[,，;；。]", self.quote) if _states(c, value)]
        return "，".join(own) or self.quote

    def _claim_text(self) -> str:
        """A figure's distinctions are those of its own clause: one sentence often states
        several figures (第一方阵 for the total, 第一 for the amount per head)."""
        value = self.value.strip()
        clauses = re.split(r"[,，;；。]", self.quote)
        own = [c for c in clauses if _states(c, value)]
        if not own:
            return self.quote
        # ... plus the clauses that state no figure at all ("保障标准全省最高"): they speak of the
        # sentence's subject, where a clause with another figure speaks of that figure.
        plain = [c for c in clauses if c not in own and not _states_a_number(c)]
        return "，".join((*own, *plain))

    def facts(self, levels: Sequence[tuple[str, str]] = ()) -> Facts:
        return self._facts(
            levels,
            figure_kind=unit_kind(self.unit, self.value),
            change=read_direction(self.change),
            baseline_years=years_in(self.baseline),
            is_change=bool(self.change) and self.value.strip() in self.change,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class QA(Entry):
    """A programme, reform, brand, mechanism or award, told in a sentence."""

    answer: str  # concise standard Chinese

    @property
    def kind(self) -> EntryKind:
        return "qa"

    @property
    def statement(self) -> str:
        return self.answer

    def facts(self, levels: Sequence[tuple[str, str]] = ()) -> Facts:
        return self._facts(levels)


@dataclass(frozen=True, slots=True)
class IgnoredNumber:
    """A number in the article body that is not a figure, with the reason."""

    text: str  # the number as written, e.g. "3" in "3个平台"
    context: str  # a few characters around it, so the occurrence is unambiguous
    reason: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Pack:
    """One article: its source, text, restoration table and curated entries."""

    name: str
    source: Source
    received_text: str
    restored_text: str
    restoration: tuple[RestorationRow, ...]
    glossary: tuple[GlossaryTerm, ...]
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    entries: tuple[Entry, ...]
    ignored_numbers: tuple[IgnoredNumber, ...] = ()
    scope: Scope | None = None  # from scope.yaml; None only for packs built in code (tests)


@dataclass(frozen=True)
class Knowledge:
    """All loaded packs, with the look-ups every layer needs."""

    packs: tuple[Pack, ...]
    entries: dict[str, Entry] = field(init=False)
    topics: dict[str, Topic] = field(init=False)
    sources: dict[str, Source] = field(init=False)  # pack name -> source
    scopes: dict[str, Scope] = field(init=False)  # pack name -> scope (packs that have one)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", {e.id: e for p in self.packs for e in p.entries})
        object.__setattr__(self, "topics", {t.id: t for p in self.packs for t in p.topics})
        object.__setattr__(self, "sources", {p.name: p.source for p in self.packs})
        object.__setattr__(
            self, "scopes", {p.name: p.scope for p in self.packs if p.scope is not None}
        )

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for p in self.packs for s in p.sections)

    def source_of(self, entry: Entry) -> Source:
        return self.sources[entry.pack]

    def topic_entries(self, topic_id: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.topic == topic_id]
