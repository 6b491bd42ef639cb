"""The index built once at start-up, and the scoring of a normalized question against it.

Chinese has no spaces, so rapidfuzz's token scorers collapse to whole-string ratio. Instead each
index string (title, alias, question phrasing, English title, quote ...) is cut into character
unigrams and bigrams, weighted by IDF over entries, and kept in an inverted index. A query only
touches the postings of its own grams; the few fields that share the most weight with it are then
scored properly:

* A — coverage both ways (how much of the question the field explains, and how much of the
  field the question contains), geometric mean, IDF-weighted;
* B — how much of the question the entry as a whole explains (all its strings and topic words);
* C — rapidfuzz ``ratio`` on the two normalized strings (order and near-misses).

The same is done on pinyin syllables (底保 -> di bao = 低保; "dibao" typed as pinyin) and on English
words. Numbers, places, years and topic words are handled as separate signals, and so is the kind
of figure asked for: "花了多少钱" and "帮了多少人" name the same programme but different figures
of it, and the unit of each figure (元 / 人次) tells them apart.

The index holds its postings in ``array`` objects and flat lists rather than one object per field,
so a 10,000-entry pack adds few objects for the garbage collector to walk.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz, process

from bot.knowledge.models import QA, Entry, Indicator, Knowledge, Topic
from bot.understand.normalize import (
    Normalized,
    Normalizer,
    clean,
    counted_noun,
    english_words,
    phrase_table,
    phrases_in,
    pinyin_of,
    segment_syllables,
    stem,
)
from bot.understand.numerals import ParsedNumber, canon, find_numbers, parse_value

__all__ = ["Index", "Scored", "english_words", "pinyin_of", "unit_class"]

ScopeFit = Literal["match", "neutral", "other"]

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
UNIGRAM_WEIGHT = 0.3  # single characters say little on their own; bigrams carry the meaning
PINYIN_FACTOR = 0.92  # a pinyin-only match is a little less certain than a character match
FIELD_SHORTLIST = 60
POSTING_BUDGET = 6000  # postings walked per channel and query: bounds the cost on big packs
ENTRY_SHORTLIST = 40
# Long sentences are not where a homophone typo aims: names, titles and phrasings are. Leaving
# them out of the pinyin channel saves a third of the index build on a large pack.
_NO_PINYIN = frozenset({"quote", "answer"})

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
TERM_MAX_SHARE = 0.2  # a term in more entries than this share is not distinctive

# Which figure units answer which kind of question ("多少家" is answered by 家 or 个 ...).
_COMPATIBLE: dict[str, frozenset[str]] = {
    "money": frozenset({"money"}),
    "people": frozenset({"people"}),
    "percent": frozenset({"percent"}),
    "age": frozenset({"age"}),
    "rank": frozenset({"rank"}),
    "家": frozenset({"家", "个"}),
    "个": frozenset({"个", "家", "项", "件", "场次", "次", "级"}),
    "count": frozenset({"个", "家", "项", "件", "场次", "次", "级", "张", "户", "亩"}),
    "项": frozenset({"项", "个", "件"}),
    "件": frozenset({"件", "个", "项"}),
    "场次": frozenset({"场次", "次"}),
    "次": frozenset({"次", "场次"}),
    "张": frozenset({"张"}),
    "户": frozenset({"户"}),
    "亩": frozenset({"亩"}),
    "级": frozenset({"级"}),
}


def unit_class(e: Entry) -> str:
    """What kind of figure an indicator is, from its unit: money, people, percent, 家, 张 ..."""
    if not isinstance(e, Indicator):
        return ""
    u = e.unit.strip()
    if "元" in u:
        return "money"
    if u in ("人", "人次", "名", "位", "万人次"):
        return "people"
    if "%" in u or "%" in e.value:
        return "percent"
    if "岁" in u:
        return "age"
    if u in ("家", "所", "座"):
        return "家"
    if u in ("个", "项", "件", "场次", "次", "张", "户", "亩", "级"):
        return u
    if not u and e.value.strip().startswith("第"):
        return "rank"
    return ""


def _is_change_figure(e: Entry) -> bool:
    """An indicator whose value *is* its stated change (16.7% of "较2019年提高16.7%")."""
    return isinstance(e, Indicator) and bool(e.change) and e.value.strip() in e.change


_SEP = "\0"


def _states_a_figure(text: str) -> bool:
    """Whether a text states a number other than a year ("2022年" is a date, not a figure)."""
    text = clean(text)
    for n in find_numbers(text):
        if not (1950 <= n.value <= 2049 and text[n.end : n.end + 1] == "年"):
            return True
    return False


def _char_grams(text: str) -> dict[str, float]:
    """Unigrams and bigrams with their type weight (before IDF)."""
    g: dict[str, float] = {}
    for ch in text:
        g[ch] = UNIGRAM_WEIGHT
    for i in range(len(text) - 1):
        g[text[i : i + 2]] = 1.0
    return g


def _seq_grams(tokens: Sequence[str]) -> dict[str, float]:
    g: dict[str, float] = {}
    for t in tokens:
        g[t] = UNIGRAM_WEIGHT
    for i in range(len(tokens) - 1):
        g[tokens[i] + " " + tokens[i + 1]] = 1.0
    return g


def _word_grams(words: Sequence[str]) -> dict[str, float]:
    return dict.fromkeys(words, 1.0)


class _Channel:
    """One kind of gram (characters, pinyin syllables, English words) with its postings.

    Per-field data lives in flat lists indexed by the channel's field number, and all postings in
    one flat array (gram -> slot -> [start, end)); the dicts hold only strings and numbers, which
    the garbage collector does not track. One list or array per gram would be tens of thousands
    of objects on a large pack for every full collection to walk.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.post_lists: dict[str, list[int]] = {}  # while building
        self.post_slot: dict[str, int] = {}  # gram -> slot in post_start
        self.post_flat: array[int] = array("i")  # every posting list, one after the other
        self.post_start: array[int] = array("i", [0])
        self._grams: list[dict[str, float]] = []  # while building
        self._entries: list[dict[str, float]] = []  # while building
        # Per field, its grams as one "\0gram\0gram\0" string: membership tests for the frequent
        # grams scored only on the shortlist, without a dict per field for the collector.
        self.field_grams: Sequence[str] = ()
        self.field_global: array[int] = array("i")  # channel field -> index field
        self.field_kind_weight: array[float] = array("d")
        self.field_total: array[float] = array("d")
        self.field_key: array[float] = array("d")  # kind weight / total, for the cheap ranking
        self.entry_grams: Sequence[dict[str, float]] = ()  # per entry: every gram it has
        self.idf: dict[str, float] = {}
        self.idf_unknown = 1.0

    def _entry(self, entry_idx: int) -> dict[str, float]:
        while len(self._entries) <= entry_idx:
            self._entries.append({})
        return self._entries[entry_idx]

    def add_field(
        self, entry_idx: int, global_fid: int, grams: dict[str, float], kind_weight: float
    ) -> None:
        fid = len(self._grams)
        self._grams.append(grams)
        self.field_global.append(global_fid)
        self.field_kind_weight.append(kind_weight)
        post = self.post_lists
        for g in grams:
            lst = post.get(g)
            if lst is None:
                post[g] = [fid]
            else:
                lst.append(fid)
        self._entry(entry_idx).update(grams)

    def add_entry_only(self, entry_idx: int, grams: Iterable[str]) -> None:
        self._entry(entry_idx).update(dict.fromkeys(grams, 0.0))

    def finish(self, n_entries: int) -> None:
        """Weigh the grams and freeze the tables: tuples and arrays of untracked values are
        invisible to the garbage collector, lists are walked element by element."""
        self.entry_grams = tuple(self._entries)
        self._entries = []
        df: Counter[str] = Counter()
        for present in self.entry_grams:
            df.update(present.keys())  # keys, not the mapping: count entries, not weights
        n = max(n_entries, 1)
        idf = {g: math.log(1.0 + n / d) for g, d in df.items()}
        self.idf = idf
        self.idf_unknown = math.log(1.0 + n)
        unknown = self.idf_unknown
        totals = array("d")
        for field_grams in self._grams:
            t = 0.0
            for g, w in field_grams.items():
                t += idf.get(g, unknown) * w
            totals.append(t or 1.0)
        self.field_grams = tuple(_SEP + _SEP.join(g) + _SEP for g in self._grams)
        self._grams = []
        self.field_total = totals
        self.field_key = array(
            "d", (kw / t for kw, t in zip(self.field_kind_weight, totals, strict=True))
        )
        for g, lst in self.post_lists.items():
            self.post_slot[g] = len(self.post_start) - 1
            self.post_flat.extend(lst)
            self.post_start.append(len(self.post_flat))
        self.post_lists = {}

    def postings(self, gram: str) -> array[int] | None:
        """The fields that contain `gram` (a fresh slice), or None."""
        k = self.post_slot.get(gram)
        if k is None:
            return None
        return self.post_flat[self.post_start[k] : self.post_start[k + 1]]

    def weigh(self, grams: dict[str, float]) -> dict[str, float]:
        return {g: w * self.idf.get(g, self.idf_unknown) for g, w in grams.items()}


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


@dataclass(slots=True)
class _Query:
    grams: dict[str, dict[str, float]] = field(default_factory=dict)  # channel -> weighted grams
    strings: dict[str, str] = field(default_factory=dict)  # channel -> string for ratio


class Index:
    """Everything a question is matched against, built once from the knowledge."""

    def __init__(self, knowledge: Knowledge, normalizer: Normalizer | None = None) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer or Normalizer.for_knowledge(knowledge)
        self.entries: list[Entry] = list(knowledge.entries.values())
        self._pos: dict[str, int] = {e.id: i for i, e in enumerate(self.entries)}
        # One row per index string, as parallel flat lists.
        self.field_entry: array[int] = array("i")
        self.field_kind: Sequence[str] = ()
        self.field_text: Sequence[str] = ()  # normalized match text (or English words joined)
        self.field_pinyin: Sequence[str] = ()  # space-joined syllables, for ratio on pinyin
        self._rows: tuple[list[str], list[str], list[str]] = ([], [], [])  # while building
        self.ch = {name: _Channel(name) for name in ("char", "pinyin", "en")}
        self.exact: dict[str, tuple[int, ...]] = {}  # normalized title/alias -> entries
        self.numbers: dict[tuple[float, bool], tuple[int, ...]] = {}  # value -> entries
        self.secondary: dict[tuple[float, bool], tuple[int, ...]] = {}  # change figures
        self.syllables: set[str] = set()
        self.en_vocab: list[str] = []
        self.unit_of = tuple(unit_class(e) for e in self.entries)
        self.change_figure = tuple(_is_change_figure(e) for e in self.entries)
        self.states_change = tuple(
            isinstance(e, Indicator) and bool(e.change) for e in self.entries
        )
        self.per_of = tuple(self._per(e) for e in self.entries)
        # What each entry is called (title and aliases, normalized): what its figure counts.
        self.names_of = tuple(
            " ".join(
                (
                    *(self.normalizer.index_text(s) for s in (e.title, *e.aliases)),
                    *(counted_noun(s) for s in e.questions),
                )
            )
            for e in self.entries
        )
        # Q&A entries whose answer states no number cannot answer "多少个 / 几家".
        self.figureless = tuple(
            isinstance(e, QA) and not _states_a_figure(e.answer) for e in self.entries
        )
        # Figures stated in one sentence (same quote): siblings the unit words choose between.
        sentences: dict[str, int] = {}
        self.sentence_of = tuple(
            sentences.setdefault(e.quote.strip(), len(sentences))
            if isinstance(e, Indicator) and e.quote.strip()
            else -1
            for e in self.entries
        )
        self._topic_table = phrase_table(())
        self._term_table = phrase_table(())
        self._term_grams: dict[str, tuple[str, ...]] = {}
        self._pinyin: dict[str, list[str]] = {}  # while building
        self._topic_by_key: dict[str, str] = {}
        self._topic_en: list[tuple[frozenset[str], str]] = []
        self.topic_names: set[str] = set()
        # Names of the places inside the packs' cities: an entry scoped to one is local to it.
        self._inside_names = tuple(
            n for s in knowledge.scopes.values() for p in s.places for n in p.names
        )
        self._build()

    @staticmethod
    def _per(e: Entry) -> str:
        if isinstance(e, Indicator) and "月" in e.unit:
            return "月"
        if "年均" in e.period or "每年" in e.period:
            return "年"
        return ""

    # ---- building ---------------------------------------------------------------------------

    def _add(self, entry_idx: int, kind: str, raw: str) -> None:
        if not raw or not raw.strip():
            return
        kinds, texts, pinyins = self._rows
        fid = len(kinds)
        if kind.endswith("_en"):
            words = english_words(raw)
            if not words:
                return
            self.field_entry.append(entry_idx)
            kinds.append(kind)
            texts.append(" ".join(words))
            pinyins.append("")
            self.ch["en"].add_field(entry_idx, fid, _word_grams(words), KIND_WEIGHT[kind])
            return
        text = self.normalizer.index_text(raw)
        if not text:
            return
        syl = self._pinyin.get(text)
        if syl is None:  # index strings repeat (aliases, quotes): one reading per string
            syl = self._pinyin[text] = pinyin_of(text)
        self.syllables.update(syl)  # digits and ASCII runs are dropped in _build
        self.field_entry.append(entry_idx)
        kinds.append(kind)
        texts.append(text)
        pinyins.append(" ".join(syl))
        self.ch["char"].add_field(entry_idx, fid, _char_grams(text), KIND_WEIGHT[kind])
        if kind not in _NO_PINYIN:
            self.ch["pinyin"].add_field(entry_idx, fid, _seq_grams(syl), KIND_WEIGHT[kind])
        if kind in ("title", "alias"):
            got = self.exact.get(text, ())
            if entry_idx not in got:
                self.exact[text] = (*got, entry_idx)

    def _build(self) -> None:
        topics = self.knowledge.topics
        topic_grams: dict[str, tuple[list[str], list[str], list[str]]] = {}
        for t in topics.values():
            chars: list[str] = []
            syls: list[str] = []
            for k in (t.name, *t.keywords):
                text = self.normalizer.index_text(k)
                chars.extend(_char_grams(text))
                syls.extend(_seq_grams(pinyin_of(text)))
            topic_grams[t.id] = (chars, syls, english_words(t.name_en))
        for i, e in enumerate(self.entries):
            self._add(i, "title", e.title)
            for a in e.aliases:
                self._add(i, "alias", a)
            for q in e.questions:
                self._add(i, "question", q)
            self._add(i, "title_en", e.title_en)
            for a in e.aliases_en:
                self._add(i, "alias_en", a)
            self._add(i, "quote", e.quote)
            if isinstance(e, QA):
                self._add(i, "answer", e.answer)
            # Topic words explain part of a question for every entry in the topic (B only).
            tg = topic_grams.get(e.topic)
            if tg is not None:
                self.ch["char"].add_entry_only(i, tg[0])
                self.ch["pinyin"].add_entry_only(i, tg[1])
                self.ch["en"].add_entry_only(i, tg[2])
            self._add_numbers(i, e)
        for c in self.ch.values():
            c.finish(len(self.entries))
        self.syllables = {s for s in self.syllables if s.isalpha()}
        kinds, texts, pinyins = self._rows
        self.field_kind, self.field_text, self.field_pinyin = (
            tuple(kinds),
            tuple(texts),
            tuple(pinyins),
        )
        self._rows = ([], [], [])
        self._pinyin = {}
        self.en_vocab = sorted(self.ch["en"].post_slot)
        pairs: list[tuple[str, str]] = []
        for t in topics.values():
            for k in (t.name, *t.keywords):
                key = self.normalizer.canonical(k)
                if key and key not in self._topic_by_key:
                    self._topic_by_key[key] = t.id
                    pairs.append((key, key))
            self.topic_names.add(self.normalizer.index_text(t.name))
            words = frozenset(english_words(t.name_en))
            if words:
                self._topic_en.append((words, t.id))
        self._topic_table = phrase_table(pairs)
        self._build_terms()

    def _build_terms(self) -> None:
        """Distinctive domain terms (glossary words, topic keywords) and their bigrams: an entry
        that mentions none of a term's wording is not about what the question names."""
        raw = [g.canonical for p in self.knowledge.packs for g in p.glossary]
        raw += [k for t in self.knowledge.topics.values() for k in t.keywords]
        ch = self.ch["char"]
        n = max(len(self.entries), 1)
        limit = max(2.0, TERM_MAX_SHARE * len(self.entries))
        pairs: list[tuple[str, str]] = []
        for w in raw:
            text = self.normalizer.index_text(w)
            if len(text) < 2 or text in self._term_grams:
                continue
            grams = tuple(text[i : i + 2] for i in range(len(text) - 1))
            # Entries holding the term's rarest bigram (read back from its IDF): cheap on a big
            # pack, and an upper bound of the entries holding the whole term.
            df = min((n / math.expm1(ch.idf[g]) if g in ch.idf else 0.0) for g in grams)
            if 0.5 <= df <= limit:
                self._term_grams[text] = grams
                pairs.append((text, text))
        self._term_table = phrase_table(pairs)

    def _add_numbers(self, i: int, e: Entry) -> None:
        if not isinstance(e, Indicator):
            return
        keys: set[tuple[float, bool]] = set()
        changes: set[tuple[float, bool]] = set()
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

    # ---- query side -------------------------------------------------------------------------

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return segment_syllables(word, self.syllables, min_len=2)

    def _query(self, q: Normalized) -> _Query:
        out = _Query()
        text = q.text
        syl = pinyin_of(text)
        en: list[str] = []
        for w in q.english:
            w2 = stem(w)
            known = w2 in self.ch["en"].idf
            seg = None if known else self.segment_pinyin(w)
            if seg is not None and len(seg) >= 2:
                syl.extend(seg)
            elif not known and self.en_vocab and len(w2) >= 4:
                hit = process.extractOne(w2, self.en_vocab, scorer=fuzz.ratio, score_cutoff=82)
                en.append(hit[0] if hit else w2)
            else:
                en.append(w2)
        if text:
            out.grams["char"] = self.ch["char"].weigh(_char_grams(text))
            out.strings["char"] = text
        # Pinyin only adds what characters cannot find: a homophone typo (an unknown bigram) or
        # pinyin typed as words. A question whose every bigram is known skips it (half the cost).
        slots = self.ch["char"].post_slot
        known = len(syl) == len(text) and all(
            text[i : i + 2] in slots for i in range(len(text) - 1)
        )
        if syl and not (known and len(text) > 1):
            out.grams["pinyin"] = self.ch["pinyin"].weigh(_seq_grams(syl))
            out.strings["pinyin"] = " ".join(syl)
        if en:
            out.grams["en"] = self.ch["en"].weigh(_word_grams(en))
            out.strings["en"] = " ".join(en)
        return out

    def topics_in(self, q: Normalized) -> list[Topic]:
        """Topics whose name or keywords the question uses."""
        seen: list[str] = []
        for k in phrases_in(self._topic_table, q.cleaned):
            tid = self._topic_by_key[k]
            if tid not in seen:
                seen.append(tid)
        words = set(stem(w) for w in q.english)
        for ws, tid in self._topic_en:
            if ws <= words and tid not in seen:
                seen.append(tid)
        return [self.knowledge.topics[t] for t in seen if t in self.knowledge.topics]

    def topic_keys_in(self, q: Normalized) -> list[str]:
        """The topic words themselves, as found in the question (to measure what is left)."""
        return phrases_in(self._topic_table, q.cleaned)

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
        subs = [r for r in q.place_refs if r.role == "inside"]
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

    def _channel_scores(
        self, name: str, qgrams: dict[str, float], qstring: str
    ) -> dict[int, tuple[float, str]]:
        """Per entry: the best text score (0..1) on this channel, and the kind of field."""
        ch = self.ch[name]
        wq = sum(qgrams.values())
        if wq <= 0:
            return {}
        # Walk the rarest grams' postings first, within a budget; the rest ("stop" grams) are
        # added afterwards, only for the fields that made the shortlist.
        found: list[tuple[str, float, array[int]]] = []
        for g, w in qgrams.items():
            fp = ch.postings(g)
            if fp is not None:
                found.append((g, w, fp))
        ordered = sorted(found, key=lambda t: len(t[2]))
        mf: dict[int, float] = {}
        stop: list[tuple[str, float]] = []
        budget = POSTING_BUDGET
        # Single characters / syllables have long postings and little weight: they only pick
        # candidates when no bigram matched, otherwise they are scored on the shortlist.
        if name == "char":
            singles = [t for t in ordered if len(t[0]) == 1]
        elif name == "pinyin":
            singles = [t for t in ordered if " " not in t[0]]
        else:
            singles = []
        if singles and len(singles) < len(ordered):
            walk = [t for t in ordered if t not in singles]
            stop.extend((g, w) for g, w, _fp in singles)
        else:
            walk = ordered
        get = mf.get
        for g, w, fp in walk:
            if len(fp) > budget:
                stop.append((g, w))
                continue
            budget -= len(fp)
            for fid in fp:
                mf[fid] = get(fid, 0.0) + w
        if not mf:
            if not stop:
                return {}
            first = ch.postings(stop[0][0]) or array("i")
            mf = dict.fromkeys(first[:FIELD_SHORTLIST], 0.0)
        fkey = ch.field_key
        if len(mf) > FIELD_SHORTLIST:
            floor = max(mf.values()) * 0.34
            cheap = heapq.nlargest(
                FIELD_SHORTLIST,
                ((m * m * fkey[fid], fid, m) for fid, m in mf.items() if m >= floor),
            )
            pairs = [(fid, m) for _k, fid, m in cheap]
        else:
            pairs = list(mf.items())
        ftotal = ch.field_total
        fglobal = ch.field_global
        fentry = self.field_entry
        fkind = self.field_kind
        ftext = self.field_pinyin if name == "pinyin" else self.field_text
        ratio = fuzz.ratio
        entry_grams = ch.entry_grams
        b_cache: dict[int, float] = {}
        best: dict[int, tuple[float, str]] = {}
        stop_keys = [(_SEP + g + _SEP, w) for g, w in stop]
        for fid, m in pairs:
            if stop_keys:
                fg = ch.field_grams[fid]
                for key, w in stop_keys:
                    if key in fg:
                        m += w
            gid = fglobal[fid]
            e = fentry[gid]
            b = b_cache.get(e)
            if b is None:
                eg = entry_grams[e] if e < len(entry_grams) else {}
                b = min(1.0, sum(w for g, w in qgrams.items() if g in eg) / wq)
                b_cache[e] = b
            qcov = min(1.0, m / wq)
            fcov = min(1.0, m / ftotal[fid])
            a = math.sqrt(qcov * fcov)
            c = ratio(qstring, ftext[gid]) / 100.0
            kind = fkind[gid]
            s = KIND_WEIGHT[kind] * (0.55 * a + 0.20 * c) + 0.25 * b
            prev = best.get(e)
            if prev is None or s > prev[0]:
                best[e] = (s, kind)
        return best

    def search(self, q: Normalized, limit: int = 10) -> list[Scored]:
        """Entries ranked for a question, best first (scores 0..100)."""
        qq = self._query(q)
        combined: dict[int, tuple[float, str, str]] = {}
        per_channel: dict[str, dict[int, tuple[float, str]]] = {}
        for name, factor in (("char", 1.0), ("pinyin", PINYIN_FACTOR), ("en", 1.0)):
            grams = qq.grams.get(name)
            if not grams:
                continue
            got = self._channel_scores(name, grams, qq.strings[name])
            per_channel[name] = got
            for e, (s, kind) in got.items():
                s *= factor
                prev = combined.get(e)
                if prev is None or s > prev[0]:
                    combined[e] = (s, kind, name)
        # When the question mixes Chinese and English, credit both parts.
        if "en" in qq.grams and "char" in qq.grams:
            wc = sum(qq.grams["char"].values())
            we = sum(qq.grams["en"].values())
            share_c = wc / (wc + we)
            en_scores = per_channel.get("en", {})
            ch_scores = per_channel.get("char", {})
            for e in set(en_scores) | set(ch_scores):
                mixed = (
                    share_c * ch_scores.get(e, (0.0, ""))[0]
                    + (1 - share_c) * en_scores.get(e, (0.0, ""))[0]
                )
                prev = combined.get(e)
                if prev is None or mixed > prev[0]:
                    combined[e] = (mixed, "mixed", "mixed")

        number_hits = self.number_hits(q.numbers)
        lookup = bool(number_hits) and self._is_number_lookup(q)
        for i in number_hits:
            combined.setdefault(i, (0.0, "number", "number"))
        topic_ids = {t.id for t in self.topics_in(q)}
        terms = [self._term_grams[t] for t in phrases_in(self._term_table, q.text)]
        entry_grams = self.ch["char"].entry_grams

        ranked = sorted(combined.items(), key=lambda kv: -kv[1][0])[:ENTRY_SHORTLIST]
        shortlisted = {i for i, _v in ranked}
        ranked += [(i, combined[i]) for i in number_hits if i not in shortlisted]
        out: list[Scored] = []
        for i, (s, kind, chan) in ranked:
            entry = self.entries[i]
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
            if terms and i < len(entry_grams):
                eg = entry_grams[i]
                if any(not all(g in eg for g in grams) for grams in terms):
                    score -= TERM_PENALTY
            fit = self.scope_fit(entry, q)
            if fit == "match":
                score += SCOPE_BONUS
            elif fit == "other":
                score -= SCOPE_PENALTY
            unit_fit = 0
            uc = self.unit_of[i]
            if q.measure_named and self.figureless[i]:
                unit_fit = -1  # "多少个街道" and a programme that states no figure at all
                score -= UNIT_HINT_PENALTY
            # "涨了多少" is answered by a change figure whatever its unit; "涨了多少钱" is not.
            exempt = q.change and self.change_figure[i] and not q.measure_named
            if q.measure and uc and not exempt:
                unit_fit = 1 if uc in _COMPATIBLE.get(q.measure, frozenset()) else -1
                if unit_fit > 0 and q.counted and q.counted not in self.names_of[i]:
                    unit_fit = -1  # "多少个社区": the figure counts 助餐点, not 社区
                    score -= COUNTED_PENALTY
                elif q.measure_named:
                    score += UNIT_BONUS if unit_fit > 0 else -UNIT_PENALTY
                else:
                    score += UNIT_HINT_BONUS if unit_fit > 0 else -UNIT_HINT_PENALTY
            if q.change:
                if self.change_figure[i]:
                    score += CHANGE_BONUS
                elif self.states_change[i]:
                    score += CHANGE_CONTEXT_BONUS
            elif self.change_figure[i] and not (lookup and primary):
                score -= CHANGE_PENALTY
            if q.per and self.per_of[i] == q.per:
                score += PER_BONUS
            out.append(
                Scored(
                    entry=entry,
                    score=max(0.0, min(100.0, score)),
                    text_score=min(100.0, text_score),
                    field=kind,
                    channel=chan,
                    number_match=num,
                    topic_match=tmatch,
                    scope=fit,
                    unit_fit=unit_fit,
                )
            )
        if q.measure_named:
            out = self._steer_siblings(out)
        out.sort(key=lambda s: (-s.score, self._pos[s.entry.id]))
        return out[:limit]

    def _steer_siblings(self, scored: list[Scored]) -> list[Scored]:
        """A figure of the wrong unit steps further back when a sibling of its sentence has the
        unit asked for: "兜底保障花了多少钱" names the programme of both 12.24万人次 and 10.67亿元,
        so the programme words cannot choose between them and the unit must."""
        fitting = {self.sentence_of[self._pos[s.entry.id]] for s in scored if s.unit_fit > 0} - {-1}
        if not fitting:
            return scored
        return [
            replace(s, score=max(0.0, s.score - SIBLING_PENALTY))
            if s.unit_fit < 0 and self.sentence_of[self._pos[s.entry.id]] in fitting
            else s
            for s in scored
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
