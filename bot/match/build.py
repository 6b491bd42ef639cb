"""Building the index data from the knowledge: the expensive, cacheable part of start-up.

Every index string (title, alias, question phrasing, English title, quote ...) is normalized
once, cut into grams for each channel and recorded as a field row; the figures each indicator
states become number keys; what each entry is called becomes the words its figure counts.
`IndexData` holds only arrays, strings and small dicts, so `bot.match.cache` can save it and
load it back without rebuilding, and without the normalizer: on a warm start none of the
~15 normalization passes per string run. On a cold start the pinyin channel is made last, on a
thread (`bot.match.readings`): `IndexData.readings` waits for it where it is first read.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from bot.deferred import Deferred
from bot.knowledge.models import QA, Entry, Indicator, Knowledge
from bot.match.grams import (
    Channel,
    ChannelBuilder,
    Strings,
    StringsBuilder,
    char_grams,
    seq_grams,
    word_grams,
)
from bot.match.readings import (
    NO_READING,
    READ,
    READ_AND_INDEXED,
    Readings,
    ReadingsPlan,
    build_readings,
)
from bot.understand.normalize import Normalizer, clean, counted_noun, english_words, pinyin_of
from bot.understand.numerals import canon, find_numbers, parse_value

__all__ = ["CHANNELS", "KINDS", "KIND_WEIGHT", "IndexData", "NumberKey", "build_data"]

# How much a field counts: a title or alias is what the entry *is*; a quote only mentions it.
KIND_WEIGHT: dict[str, float] = {
    "title": 1.0,
    "alias": 1.0,
    "question": 0.97,
    "title_en": 1.0,
    "alias_en": 1.0,
    "answer": 0.8,
    "quote": 0.85,
}
KINDS: tuple[str, ...] = tuple(KIND_WEIGHT)  # field kinds are stored as indexes into this
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
CHANNELS = ("char", "pinyin", "en")
_NOW = ("char", "en")  # built with the index; the pinyin channel is made apart (`readings`)
# Long sentences are not where a homophone typo aims: names, titles and phrasings are. Leaving
# them out of the pinyin channel saves a third of the index build on a large pack.
_NO_PINYIN = frozenset({"quote", "answer"})

NumberKey = tuple[float, bool]  # (canonical value, is a percentage)


@dataclass(frozen=True, slots=True)
class IndexData:
    """What the index computes from the knowledge and a normalizer; plain data only."""

    channels: dict[str, Channel]  # "char" and "en"; the pinyin channel is in `readings`
    readings: Deferred[Readings]  # the pinyin channel, being made on a cold start
    field_entry: array[int]  # per index field: the entry it belongs to
    field_kind: array[int]  # per index field: index into KINDS
    field_text: Strings  # normalized match text (or English words joined)
    exact: dict[str, tuple[int, ...]]  # normalized title or alias -> entries
    numbers: dict[NumberKey, tuple[int, ...]]  # value -> entries stating it
    secondary: dict[NumberKey, tuple[int, ...]]  # value -> entries stating it as a change
    names_of: Strings  # per entry: its title and aliases normalized, its counted nouns
    figureless: array[int]  # per entry: 1 for a Q&A whose answer states no figure

    def channel(self, name: str) -> Channel:
        """One channel of `CHANNELS`; the pinyin channel once it is made."""
        return self.readings.get().channel if name == "pinyin" else self.channels[name]

    @property
    def field_pinyin(self) -> Strings:
        """Per index field: its syllables space-joined, for ratio on pinyin ("" outside it)."""
        return self.readings.get().field_pinyin

    @property
    def syllables(self) -> frozenset[str]:
        """Every syllable of the index strings (for pinyin input)."""
        return self.readings.get().syllables


def _states_a_figure(text: str) -> bool:
    """Whether a text states a number other than a year ("2022年" is a date, not a figure)."""
    text = clean(text)
    for n in find_numbers(text):
        if not (1950 <= n.value <= 2049 and text[n.end : n.end + 1] == "年"):
            return True
    return False


class _Builder:
    def __init__(self, knowledge: Knowledge, normalizer: Normalizer) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer
        self.entries: list[Entry] = list(knowledge.entries.values())
        self.ch = {name: ChannelBuilder(name) for name in _NOW}
        self.field_entry: array[int] = array("i")
        self.field_kind: array[int] = array("b")
        self.texts = StringsBuilder()
        self.reads: array[int] = array("b")  # per field: how the pinyin channel reads it
        self.weight: array[float] = array("d")  # per field: its kind's weight
        self.entry_end: array[int] = array("i")
        self._memo: dict[str, str] = {}  # index string -> its match text, while building
        self.exact: dict[str, tuple[int, ...]] = {}
        self.numbers: dict[NumberKey, tuple[int, ...]] = {}
        self.secondary: dict[NumberKey, tuple[int, ...]] = {}
        self._topic_grams: dict[str, dict[str, dict[str, float]]] = {}
        self._topic_ids: dict[str, tuple[str, ...]] = {}

    def _row(self, entry_idx: int, kind: str, text: str, reads: int) -> int:
        fid = len(self.field_entry)
        self.field_entry.append(entry_idx)
        self.field_kind.append(_KIND_CODE[kind])
        self.texts.add(text)
        self.reads.append(reads)
        self.weight.append(KIND_WEIGHT[kind])
        return fid

    def add(self, entry_idx: int, kind: str, raw: str) -> None:
        if not raw or not raw.strip():
            return
        if kind.endswith("_en"):
            words = english_words(raw)
            if words:
                key = " ".join(words)
                fid = self._row(entry_idx, kind, key, NO_READING)
                self.ch["en"].add_field(fid, key, words, KIND_WEIGHT[kind])
            return
        text = self._match(raw)
        if not text:
            return
        fid = self._row(entry_idx, kind, text, READ if kind in _NO_PINYIN else READ_AND_INDEXED)
        self.ch["char"].add_field(fid, text, text, KIND_WEIGHT[kind])
        if kind in ("title", "alias"):
            got = self.exact.get(text, ())
            if entry_idx not in got:
                self.exact[text] = (*got, entry_idx)

    def _match(self, raw: str) -> str:
        """The match text of an index string, through this build's own memo (packs repeat
        them): the normalizer's memo, kept for the process's life, is left to later stages."""
        got = self._memo.get(raw)
        if got is None:
            got = self._memo[raw] = self.normalizer.index_text(raw, remember=False)
        return got

    def topic_grams(self) -> dict[str, dict[str, dict[str, float]]]:
        """Per topic and channel, the grams of its name and keywords: they explain part of a
        question for every entry in the topic (coverage B only, no field of their own)."""
        out: dict[str, dict[str, dict[str, float]]] = {}
        for t in self.knowledge.topics.values():
            chars: dict[str, float] = {}
            syls: dict[str, float] = {}
            for k in (t.name, *t.keywords):
                text = self.normalizer.index_text(k)
                chars.update(char_grams(text))
                syls.update(seq_grams(pinyin_of(text)))
            out[t.id] = {"char": chars, "pinyin": syls, "en": word_grams(english_words(t.name_en))}
        return out

    def topic_ids(self, topic: str) -> tuple[str, ...]:
        """The topic's gram ids per channel, interned when its first entry closes: the words of
        a topic no entry is in stay unknown to the index, as they are to every entry."""
        got = self._topic_ids.get(topic)
        if got is None:
            grams = self._topic_grams.get(topic, {})
            got = self._topic_ids[topic] = tuple(
                self.ch[name].topic_ids(grams.get(name, {})) for name in _NOW
            )
        return got

    def add_numbers(self, i: int, e: Entry) -> None:
        if not isinstance(e, Indicator):
            return
        keys: set[NumberKey] = set()
        changes: set[NumberKey] = set()
        pct = "%" in e.unit or "%" in e.value
        mult = 1.0
        if e.unit.startswith("万"):
            mult = 1e4
        elif e.unit.startswith("亿"):
            mult = 1e8
        if e.number is not None:
            keys.add((canon(e.number), pct))
            if mult != 1.0:
                keys.add((canon(e.number * mult), pct))
        pv = parse_value(clean(e.value))
        if pv is not None:
            keys.add((canon(pv.value), pct or pv.percent))
            keys.add((canon(pv.value * mult), pct or pv.percent))
            if pv.mantissa != pv.value and (pv.mantissa >= 10 or pv.mantissa % 1):
                keys.add((canon(pv.mantissa), pct or pv.percent))
        for n in find_numbers(clean(e.change)):
            if n.percent or not (1950 <= n.value <= 2049):
                changes.add((canon(n.value), n.percent))
        for table, ks in ((self.numbers, keys), (self.secondary, changes - keys)):
            for k in ks:
                got = table.get(k, ())
                if k[0] > 0 and i not in got:
                    table[k] = (*got, i)

    def names(self) -> Strings:
        """What each entry is called (title and aliases, normalized): what its figure counts."""
        index_text = self._match
        out = StringsBuilder()
        for e in self.entries:
            out.add(
                " ".join(
                    (
                        *(index_text(s) for s in (e.title, *e.aliases)),
                        *(counted_noun(s) for s in e.questions),
                    )
                )
            )
        return out.finish()

    def build(self) -> IndexData:
        self._topic_grams = self.topic_grams()
        ch = self.ch
        for i, e in enumerate(self.entries):
            self.add(i, "title", e.title)
            for a in e.aliases:
                self.add(i, "alias", a)
            for q in e.questions:
                self.add(i, "question", q)
            self.add(i, "title_en", e.title_en)
            for a in e.aliases_en:
                self.add(i, "alias_en", a)
            self.add(i, "quote", e.quote)
            if isinstance(e, QA):
                self.add(i, "answer", e.answer)
            for name, extra in zip(_NOW, self.topic_ids(e.topic), strict=True):
                ch[name].end_entry(extra)
            self.entry_end.append(len(self.field_entry))
            self.add_numbers(i, e)
        names_of = self.names()
        self._memo = {}
        n = len(self.entries)
        field_text = self.texts.finish()
        plan = ReadingsPlan(
            field_text=field_text,
            reads=self.reads,
            weight=self.weight,
            entry_end=self.entry_end,
            entry_topic=[e.topic for e in self.entries],
            topic_grams={t: g["pinyin"] for t, g in self._topic_grams.items()},
        )
        return IndexData(
            channels={name: c.finish(n) for name, c in ch.items()},
            readings=Deferred(lambda: build_readings(plan)),
            field_entry=self.field_entry,
            field_kind=self.field_kind,
            field_text=field_text,
            exact=self.exact,
            numbers=self.numbers,
            secondary=self.secondary,
            names_of=names_of,
            figureless=array(
                "b", (isinstance(e, QA) and not _states_a_figure(e.answer) for e in self.entries)
            ),
        )


def build_data(knowledge: Knowledge, normalizer: Normalizer) -> IndexData:
    """Normalize, cut and weigh every index string of `knowledge` (the cold start)."""
    return _Builder(knowledge, normalizer).build()
