"""The index built once at start-up, and the ranking of a normalized question against it.

Chinese has no spaces, so rapidfuzz's token scorers collapse to whole-string ratio. Instead each
index string is cut into character unigrams and bigrams (and pinyin syllables, and English
words), weighted by IDF over entries, and kept in an inverted index: `bot.match.build` makes the
data, `bot.match.grams` stores it compactly (integer gram ids, arrays), `bot.match.scoring`
gives each entry its text score, and `bot.match.cache` saves the data between starts.

This module adds the signals beside the text: numbers, places, years and topic words, and the
kind of figure asked for: "花了多少钱" and "帮了多少人" name the same programme but different
figures of it, and the unit of each figure (元 / 人次) tells them apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.facts import unit_kind
from bot.knowledge.models import Entry, Indicator, Knowledge, Topic
from bot.lang.zh.measures import COMPATIBLE
from bot.match.build import IndexData, build_data
from bot.match.scoring import ENTRY_SHORTLIST, TextScorer
from bot.match.topics import DomainWords
from bot.understand.normalize import (
    Normalized,
    Normalizer,
    clean,
    english_words,
    pinyin_of,
)
from bot.understand.numerals import ParsedNumber, canon
from bot.understand.places import PlaceRef

__all__ = ["Index", "Scored", "english_words", "pinyin_of", "unit_class"]

ScopeFit = Literal["match", "neutral", "other"]
# A candidate while it is ranked: score, entry index, text score, field, channel, number
# match, topic match, scope, unit fit (the fields of `Scored`, the entry by its index).
_Row = tuple[float, int, float, str, str, bool, bool, ScopeFit, int]


def _rank_key(r: _Row) -> tuple[float, int]:
    """Best score first; equal scores in the knowledge's order."""
    return (-r[0], r[1])


# Signals beside the text, in score points (0..100 scale).
NUMBER_LOOKUP_FLOOR = 75.0  # a question that is mostly a figure, and the entry states it
NUMBER_LOOKUP_BONUS = 25.0
NUMBER_SECONDARY = 7.0  # the figure is only the entry's change ("较2019年提高16.7%"), not its value
NUMBER_MENTION_BONUS = 8.0
TOPIC_BONUS = 4.0
SCOPE_BONUS = 6.0
SCOPE_PENALTY = 15.0
UNIT_BONUS = 6.0  # the figure has the unit a measure word asks for (多少钱 -> 元)
UNIT_PENALTY = 14.0  # ... or a different one (多少人 -> not 元)
UNIT_HINT_BONUS = 4.0  # the same, when the wording only hints at the unit (花了, 覆盖率)
UNIT_HINT_PENALTY = 8.0
SIBLING_PENALTY = 10.0  # ... more so when a figure of the same sentence has the unit asked for
COUNTED_PENALTY = 8.0  # the thing counted ("多少个社区") is not what the figure counts
CHANGE_BONUS = 6.0  # "涨了多少" wants the change figure
CHANGE_CONTEXT_BONUS = 2.0  # ... and a level figure stating its change also answers it
CHANGE_PENALTY = 10.0  # a change figure when no change was asked about
PER_BONUS = 3.0  # "每个月" and a per-month figure
TERM_PENALTY = 6.0  # the question names a distinctive term (低保, 孤儿) the entry never mentions


def unit_class(e: Entry) -> str:
    """What kind of figure an entry states (money, people, percent, 家, 张 …): the one
    definition in `bot.knowledge.facts`, read off its value and unit."""
    value, unit = e.value_unit
    return unit_kind(unit, value) if value else ""


def _is_change_figure(e: Entry) -> bool:
    """An indicator whose value *is* its stated change (16.7% of "较2019年提高16.7%")."""
    return isinstance(e, Indicator) and bool(e.change) and e.value.strip() in e.change


@dataclass(frozen=True, slots=True)
class Scored:
    """One entry's score for one question, with the signals behind it."""

    entry: Entry
    score: float  # 0..100 after boosts
    text_score: float  # 0..100 from the strings alone
    field: str = ""  # kind of the best-matching field ("alias", "quote", ...)
    channel: str = ""  # "char", "pinyin" or "en"
    number_match: bool = False
    topic_match: bool = False
    scope: ScopeFit = "neutral"
    unit_fit: int = 0  # +1 the figure's unit is the kind asked for, -1 a different kind


class Index:
    """Everything a question is matched against, built once from the knowledge.

    `data` is the built index data (from `bot.match.cache`); without it the index is built
    here. Either way the result is the same: the cache stores exactly what the build makes.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        normalizer: Normalizer | None = None,
        *,
        data: IndexData | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer or Normalizer.for_knowledge(knowledge)
        self.entries: list[Entry] = list(knowledge.entries.values())
        self._pos: dict[str, int] = {e.id: i for i, e in enumerate(self.entries)}
        self.data = data if data is not None else build_data(knowledge, self.normalizer)
        self._text = TextScorer(self.data)
        self.ch = self.data.channels
        self.numbers = self.data.numbers  # value -> entries
        self.secondary = self.data.secondary  # change figures
        self.figureless = self.data.figureless  # Q&A that states no figure
        self.names_of = self.data.names_of  # what each entry's figure counts
        self.exact = self.data.exact  # normalized title/alias -> entries
        self.unit_of = tuple(unit_class(e) for e in self.entries)
        self.change_figure = tuple(_is_change_figure(e) for e in self.entries)
        self.states_change = tuple(
            isinstance(e, Indicator) and bool(e.change) for e in self.entries
        )
        self.per_of = tuple(self._per(e) for e in self.entries)
        # Figures stated in one sentence (same quote): siblings the unit words choose between.
        sentences: dict[str, int] = {}
        self.sentence_of = tuple(
            sentences.setdefault(e.quote.strip(), len(sentences))
            if isinstance(e, Indicator) and e.quote.strip()
            else -1
            for e in self.entries
        )
        self.words = DomainWords(knowledge, self.normalizer, self.ch["char"])
        # Names of the places inside the packs' cities: an entry scoped to one is local to it.
        self._inside_names = tuple(
            n for s in knowledge.scopes.values() for p in s.places for n in p.names
        )

    @staticmethod
    def _per(e: Entry) -> str:
        if isinstance(e, Indicator) and "月" in e.unit:
            return "月"
        if "年均" in e.period or "每年" in e.period:
            return "年"
        return ""

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return self._text.segment_pinyin(word)

    def topics_in(self, q: Normalized) -> list[Topic]:
        """Topics whose name or keywords the question uses."""
        return self.words.topics_in(q)

    def topic_keys_in(self, q: Normalized) -> list[str]:
        """The topic words themselves, as found in the question (to measure what is left)."""
        return self.words.topic_keys_in(q)

    def number_hits(self, numbers: Iterable[ParsedNumber]) -> dict[int, bool]:
        """Entries whose figure equals a number in the question -> whether it is their value
        (True) or only their stated change (False)."""
        found: dict[int, bool] = {}
        for n in numbers:
            keys = [(canon(n.value), n.percent)]
            if n.mantissa != n.value:
                keys.append((canon(n.mantissa), n.percent))
            if not n.percent and not n.unit:
                keys.append((canon(n.value), True))
            for k in keys:
                for i in self.numbers.get(k, ()):
                    found[i] = True
                for i in self.secondary.get(k, ()):
                    found.setdefault(i, False)
        return found

    def scope_fit(self, e: Entry, q: Normalized) -> ScopeFit:
        """match: the entry is about a place inside a city the question names; other: it is
        about another such place; neutral: the question names none (or only the city)."""
        return self._scope_fit(e, [r for r in q.place_refs if r.role == "inside"])

    def _scope_fit(self, e: Entry, subs: list[PlaceRef]) -> ScopeFit:
        if not subs:
            return "neutral"
        hay = e.scope + e.title + "".join(e.aliases)
        if any(n in hay for r in subs for n in r.names):
            return "match"
        if any(n in e.scope for n in self._inside_names):
            return "other"
        return "neutral"

    def entry_index(self, entry_id: str) -> int | None:
        return self._pos.get(entry_id)

    def search(self, q: Normalized, limit: int = 10) -> list[Scored]:
        """Entries ranked for a question, best first (scores 0..100).

        Every candidate is scored as a plain row; only the `limit` returned become `Scored`
        (a frozen dataclass costs more to make than the arithmetic of its row)."""
        combined = self._text.scores(self._text.query(q))

        number_hits = self.number_hits(q.numbers)
        lookup = bool(number_hits) and self._is_number_lookup(q)
        for i in number_hits:
            combined.setdefault(i, (0.0, "number", "number"))
        topic_ids = {t.id for t in self.topics_in(q)}
        code = self.ch["char"].code
        terms = [[code(g) for g in grams] for grams in self.words.terms_in(q.text)]
        entry_rows = self.ch["char"].entry_rows
        subs = [r for r in q.place_refs if r.role == "inside"]
        entries, unit_of, figureless = self.entries, self.unit_of, self.figureless
        change_figure, states_change, per_of = self.change_figure, self.states_change, self.per_of

        ranked = sorted(combined.items(), key=lambda kv: -kv[1][0])[:ENTRY_SHORTLIST]
        shortlisted = {i for i, _v in ranked}
        ranked += [(i, combined[i]) for i in number_hits if i not in shortlisted]
        rows: list[_Row] = []
        for i, (s, kind, chan) in ranked:
            entry = entries[i]
            text_score = 100.0 * s
            score = text_score
            primary = number_hits.get(i)
            num = primary is not None
            if num:
                if lookup:
                    score = max(score + NUMBER_LOOKUP_BONUS, NUMBER_LOOKUP_FLOOR)
                    if not primary:
                        score -= NUMBER_SECONDARY
                else:
                    score += NUMBER_MENTION_BONUS
            tmatch = entry.topic in topic_ids
            if topic_ids:
                score += TOPIC_BONUS if tmatch else -TOPIC_BONUS
            if terms:
                eg = entry_rows[i]
                if any(not all(c and c in eg for c in codes) for codes in terms):
                    score -= TERM_PENALTY
            fit = self._scope_fit(entry, subs)
            if fit == "match":
                score += SCOPE_BONUS
            elif fit == "other":
                score -= SCOPE_PENALTY
            unit_fit = 0
            uc = unit_of[i]
            if q.measure_named and figureless[i]:
                unit_fit = -1  # "多少个街道" and a programme that states no figure at all
                score -= UNIT_HINT_PENALTY
            # "涨了多少" is answered by a change figure whatever its unit; "涨了多少钱" is not.
            exempt = q.change and change_figure[i] and not q.measure_named
            if q.measure and uc and not exempt:
                unit_fit = 1 if uc in COMPATIBLE.get(q.measure, frozenset()) else -1
                if unit_fit > 0 and q.counted and q.counted not in self.names_of[i]:
                    unit_fit = -1  # "多少个社区": the figure counts 助餐点, not 社区
                    score -= COUNTED_PENALTY
                elif q.measure_named:
                    score += UNIT_BONUS if unit_fit > 0 else -UNIT_PENALTY
                else:
                    score += UNIT_HINT_BONUS if unit_fit > 0 else -UNIT_HINT_PENALTY
            if q.change:
                if change_figure[i]:
                    score += CHANGE_BONUS
                elif states_change[i]:
                    score += CHANGE_CONTEXT_BONUS
            elif change_figure[i] and not (lookup and primary):
                score -= CHANGE_PENALTY
            if q.per and per_of[i] == q.per:
                score += PER_BONUS
            rows.append(
                (
                    max(0.0, min(100.0, score)),
                    i,
                    min(100.0, text_score),
                    kind,
                    chan,
                    num,
                    tmatch,
                    fit,
                    unit_fit,
                )
            )
        if q.measure_named:
            rows = self._steer_siblings(rows)
        rows.sort(key=_rank_key)
        return [
            Scored(
                entry=entries[i],
                score=score,
                text_score=text_score,
                field=kind,
                channel=chan,
                number_match=num,
                topic_match=tmatch,
                scope=fit,
                unit_fit=unit_fit,
            )
            for score, i, text_score, kind, chan, num, tmatch, fit, unit_fit in rows[:limit]
        ]

    def _steer_siblings(self, rows: list[_Row]) -> list[_Row]:
        """A figure of the wrong unit steps further back when a sibling of its sentence has the
        unit asked for: "兜底保障花了多少钱" names the programme of both 12.24万人次 and 10.67亿元,
        so the programme words cannot choose between them and the unit must."""
        sentence_of = self.sentence_of
        fitting = {sentence_of[r[1]] for r in rows if r[8] > 0} - {-1}
        if not fitting:
            return rows
        return [
            (max(0.0, r[0] - SIBLING_PENALTY), *r[1:])
            if r[8] < 0 and sentence_of[r[1]] in fitting
            else r
            for r in rows
        ]

    def _is_number_lookup(self, q: Normalized) -> bool:
        """A question that is mostly a number ("3539是什么数字", "875元是什么标准")."""
        rest = q.text
        for n in q.numbers:
            rest = rest.replace(clean(n.text).replace(" ", ""), "", 1)
            if n.unit:
                rest = rest.replace(n.unit, "", 1)
        for w in (
            "数字",
            "数据",
            "数值",
            "代表",
            "意思",
            "含义",
            "指的",
            "指",
            "标准",
            "这个",
            "哪个",
            "哪项",
        ):
            rest = rest.replace(w, "")
        return len(rest) <= 3 and not q.english
