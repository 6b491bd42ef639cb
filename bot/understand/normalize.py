"""Turn what a user typed into what the matcher compares, with the signals pulled out of it.

Questions arrive from phones: full-width and traditional characters, @mentions, /ask prefixes,
filler (请问 / 是多少 / 呢), spun wording pasted from the repost, homophone typos from the input
method (姑儿 for 孤儿), pinyin typed without tones ("guer butie"), and synonyms (最低生活保障 for
低保). The index strings go through the *same* pipeline, so both sides converge on one form
instead of the scorer having to bridge the gap.

Years, places, numbers and the kind of figure asked for (钱 / 人 / 家 ...) are pulled out as
signals before the text is stripped: they decide whether a question is in scope at all (2025年,
南京) and which of two sibling figures it wants, so they must not be lost as "filler". The words
themselves are language data (`bot.lang`); which places an article covers comes from its pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bot.knowledge.facts import unit_kind
from bot.knowledge.models import GlossaryTerm, Knowledge, RestorationRow
from bot.knowledge.restore import Restorer
from bot.lang.en import CHITCHAT as CHITCHAT_EN
from bot.lang.en import STOP_WORDS
from bot.lang.zh.measures import PERSON_NOUN_PATTERN
from bot.lang.zh.question_words import CHANGE, DESCRIPTION, QUANTITY
from bot.lang.zh.stop_words import (
    CHITCHAT,
    FILLER,
    FREE_CLASSIFIERS,
    MEASURE_WORD_PATTERN,
    SMALL_NUMERALS,
)
from bot.understand.english import EN_WORD, english_words, stem
from bot.understand.measure import counted, measure_of, per_of
from bot.understand.measure import counted_noun as _counted_noun
from bot.understand.normalized import Intent, Normalized
from bot.understand.numerals import find_numbers
from bot.understand.phrases import phrase_table, phrases_in
from bot.understand.pinyin import pinyin_of, segment_syllables
from bot.understand.places import Gazetteer, PlaceRef
from bot.understand.text import clean
from bot.understand.typos import Speller
from bot.understand.years import extract_years

__all__ = [
    "Intent",
    "Normalized",
    "Normalizer",
    "clean",
    "counted_noun",
    "english_words",
    "phrase_table",
    "phrases_in",
    "pinyin_of",
    "segment_syllables",
    "stem",
]


_FILLER_MEASURE = re.compile(
    rf"(?:多少|几)(?:[十百千万亿]+{MEASURE_WORD_PATTERN}?|{MEASURE_WORD_PATTERN})"
    rf"|哪[{SMALL_NUMERALS}几]+{MEASURE_WORD_PATTERN}"  # 哪两份, 哪几项: which ones, asked
)
_NUMERAL_MEASURE = re.compile(rf"(?<=[{SMALL_NUMERALS}])[{FREE_CLASSIFIERS}]")
_COMMAND = re.compile(r"^\s*/[a-z_]+(?:@[a-z0-9_]+)?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@[a-z0-9_]{3,}", re.IGNORECASE)
_ASCII_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")
# Kept in the match text: CJK, ASCII letters/digits, and the few symbols names use (1+3+N, 5A, %).
_KEEP = re.compile(r"[^\u3400-\u9fff\uf900-\ufaffa-z0-9+%.]+")
_STRAY_DOT = re.compile(r"(?<![0-9])\.|\.(?![0-9])")
_LEVEL_WORDS = ("全省", "全市")  # level words that name no place: stripped with the places


def _cue_pattern(cues: Iterable[str], *, guard_ji: bool = False) -> re.Pattern[str]:
    alts = sorted((c.replace(".", " ") for c in cues), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    if guard_ji:  # 几 asks a number, 几乎 does not; 第几 asks a rank (still a quantity)
        body = body.replace("|几|", "|几(?!乎)|")
    return re.compile(body)


_QUANTITY = _cue_pattern(QUANTITY, guard_ji=True)
# "60岁以上老人": an age bounding whom a question is about, not a figure it states.
_WHOSE_AGE = re.compile(r"\s*(?:周岁|岁)(?:及)?(?:以上|以下)的?" + PERSON_NOUN_PATTERN)
_WHAT = _cue_pattern((*DESCRIPTION, "哪些", "有啥"))
# 比 alone is a comparison unless it is 比例 / 比较 / 占比.
# English cues are whole words: "exchange" is no change, "growing" is.
_CHANGE = re.compile(
    "(?<!占)比(?!例|较)|"
    + "|".join(
        rf"\b{re.escape(c)}" if c.isascii() else re.escape(c)
        for c in sorted(CHANGE, key=len, reverse=True)
    )
)
_FILLER_TABLE = phrase_table((f, "") for f in FILLER)
_CHITCHAT_TABLE = phrase_table((c, "") for c in CHITCHAT)


def counted_noun(text: str) -> str:
    """The noun an entry's question phrasing counts ("出台了几项制度" -> 制度)."""
    return _counted_noun(text, _FILLER_TABLE)


class Normalizer:
    """The pack-aware pipeline: restoration rows, glossary, vocabulary and places come from the
    knowledge.

    `vocabulary` (entry titles, aliases, topic words, glossary terms) is what homophone typos are
    repaired towards and what pinyin input is spelled back into; `english_vocabulary` keeps a
    pinyin-looking word that the entries use in English ("dibao") as English; `phrases` (the
    entries' question phrasings) only help tell real wording from a typo.
    """

    def __init__(
        self,
        restoration: Iterable[RestorationRow] = (),
        glossary: Iterable[GlossaryTerm] = (),
        vocabulary: Iterable[str] = (),
        english_vocabulary: Iterable[str] = (),
        phrases: Iterable[str] = (),
        places: Gazetteer | None = None,
        speller: Speller | None = None,
    ) -> None:
        vocabulary = list(vocabulary)
        self._places = places or Gazetteer(Knowledge(()), vocabulary)
        # Places inside a city stay in the match text (entries are titled by them: 句容市民政局);
        # a pack's city, a province and other places leave it.
        names = self._places.names()
        inside = {n for n in names if self._places.role(n) == "inside"}
        self._place_strip = phrase_table(
            [(n, n if n in inside else "") for n in names]
            + [(s, s) for s in self._places.shields]
            + [(w, "") for w in _LEVEL_WORDS]
        )
        self._restore = Restorer(
            replace(r, spun=clean(r.spun), standard=clean(r.standard))
            for r in restoration
            if r.queries and r.spun.strip()
        )
        gloss: list[tuple[str, str]] = []
        words: list[str] = []
        synonyms: list[str] = []
        for term in glossary:
            canonical = clean(term.canonical)
            if not canonical:
                continue
            gloss.append((canonical, canonical))
            words.append(canonical)
            for s in term.synonyms:
                if s.strip():
                    gloss.append((clean(s), canonical))
                    synonyms.append(clean(s))
        self._glossary = phrase_table(gloss)
        self._index_cache: dict[str, str] = {}
        self._speller = speller or Speller(
            words,
            synonyms,
            [self._restore.apply(clean(w)) for w in vocabulary],
            phrases,
            english_vocabulary,
            self._places.is_place_word,
        )

    @classmethod
    def for_knowledge(cls, knowledge: Knowledge, state: Any = None) -> Normalizer:
        """The normalizer of `knowledge`; with the `state` of one built before for the same
        knowledge and code (the build cache), without reading the vocabulary again."""
        if state is not None:
            return cls._restored(knowledge, state)
        vocab: list[str] = []
        english: list[str] = []
        for e in knowledge.entries.values():
            vocab.append(e.title)
            vocab.extend(e.aliases)
            english.extend(english_words(e.title_en))
            for a in e.aliases_en:
                english.extend(english_words(a))
        for t in knowledge.topics.values():
            vocab.append(t.name)
            vocab.extend(t.keywords)
            english.extend(english_words(t.name_en))
        # Many packs repeat words (every city has a 低保标准): each is read once. Repeats never
        # change a table (the first row of a phrase wins), they only cost build time.
        vocab = list(dict.fromkeys(vocab))
        restoration, glossary = cls._rows(knowledge)
        return cls(
            restoration=restoration,
            glossary=glossary,
            vocabulary=vocab,
            english_vocabulary=list(dict.fromkeys(english)),
            phrases=list(dict.fromkeys(q for e in knowledge.entries.values() for q in e.questions)),
            places=Gazetteer(knowledge, [clean(v) for v in vocab]),
        )

    @staticmethod
    def _rows(knowledge: Knowledge) -> tuple[list[RestorationRow], list[GlossaryTerm]]:
        rows = {(r.spun, r.standard, r.queries): r for p in knowledge.packs for r in p.restoration}
        terms = {(g.canonical, g.synonyms): g for p in knowledge.packs for g in p.glossary}
        return list(rows.values()), list(terms.values())

    @classmethod
    def _restored(cls, knowledge: Knowledge, state: Any) -> Normalizer:
        places = Gazetteer(knowledge, shielded=state["shields"])
        restoration, glossary = cls._rows(knowledge)
        speller = Speller.from_state(state["speller"], places.is_place_word)
        return cls(restoration, glossary, places=places, speller=speller)

    def state(self) -> dict[str, Any]:
        """What `for_knowledge` reads the vocabulary for, as plain JSON values."""
        return {"shields": sorted(self._places.shields), "speller": self._speller.state()}

    @property
    def places(self) -> Gazetteer:
        return self._places

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return self._speller.segment_pinyin(word)

    def canonical(self, text: str) -> str:
        """Cleaned, restored and glossary-mapped text (no stripping): for keyword look-ups."""
        return self._glossary.apply(self._restore.apply(clean(text)))

    def index_text(self, text: str, *, remember: bool = True) -> str:
        """The match text of an index string (title, alias, question ...), cached unless
        `remember` is False (a quote is normalized once, by the build: keeping its match
        text for the process's life would only hold memory)."""
        got = self._index_cache.get(text)
        if got is None:
            # normalize(text, index=True).text, without a Normalized: a cold build asks this
            # of every index string.
            got = self._match_text(extract_years(self._index_cleaned(text))[3])
            if remember:
                self._index_cache[text] = got
        return got

    # ---- the pipeline -----------------------------------------------------------------------

    def _match_text(self, text: str) -> str:
        han = EN_WORD.sub(" ", text)
        han = _STRAY_DOT.sub("", _KEEP.sub("", self._place_strip.apply(han)))
        han = _FILLER_TABLE.apply(_FILLER_MEASURE.sub("", han))
        return _NUMERAL_MEASURE.sub("", han)

    def leftover(self, text: str) -> tuple[str, tuple[str, ...]]:
        """What is left of already-normalized text (`Normalized.cleaned` minus some words) once
        years, places and filler are gone: (Han match text, English words)."""
        english = tuple(
            w
            for w in (m.removesuffix("'s") for m in EN_WORD.findall(text))
            if w not in STOP_WORDS and not self._places.is_place_word(w)
        )
        return self._match_text(extract_years(text)[3]), english

    def _index_cleaned(self, raw: str) -> str:
        """`Normalized.cleaned` of an index string (no repairs: those are for questions)."""
        text = _MENTION.sub(" ", _COMMAND.sub("", clean(raw), count=1))
        return self._glossary.apply(self._restore.apply(text))

    def normalize(self, question: str, *, index: bool = False) -> Normalized:
        """Normalize a question; `index=True` skips the signals and repairs only questions need."""
        raw = question if isinstance(question, str) else ""
        if index:
            cleaned = self._index_cleaned(raw)
            return Normalized(raw, cleaned, self._match_text(extract_years(cleaned)[3]))
        text = clean(raw)
        text = _COMMAND.sub("", text, count=1)
        text = _MENTION.sub(" ", text)
        text = self._speller.spell_pinyin(text)
        text = self._restore.apply(text)
        text = self._speller.fix_homophones(text)
        unglossed = text  # "多少低保户": the glossary's 低保 would drop the 户 it counts
        text = self._glossary.apply(text)
        years, year_range, baseline, text_wo_years = extract_years(text)

        # English words (and place names typed in Latin letters) come out first.
        english: list[str] = []
        refs: list[PlaceRef] = []
        for w in EN_WORD.findall(text):
            w = w.removesuffix("'s")
            ref = self._places.english(w)
            if ref is not None:
                if ref not in refs:
                    refs.append(ref)
            elif w not in STOP_WORDS and not w.isdigit():
                english.append(w)
        for ref in self._places.find(text_wo_years):
            if ref not in refs:
                refs.append(ref)
        numbers = tuple(n for n in find_numbers(text_wo_years) if n.value > 0 or n.text)

        han = EN_WORD.sub(" ", text_wo_years)
        han = self._place_strip.apply(han)
        han = _STRAY_DOT.sub("", _KEEP.sub("", han))
        covered = [r for r in refs if r.role in ("city", "inside")]
        chitchat = False
        if han or english or not covered:
            rest = _FILLER_TABLE.apply(_CHITCHAT_TABLE.apply(han))
            en_all = [w.removesuffix("'s") for w in EN_WORD.findall(text_wo_years)]
            en_rest = [w for w in en_all if w not in CHITCHAT_EN and w not in STOP_WORDS]
            had_chat = bool(phrases_in(_CHITCHAT_TABLE, han)) or bool(en_all)
            chitchat = had_chat and not rest and not en_rest and not numbers and not years
        han = _FILLER_MEASURE.sub("", han)
        han = _NUMERAL_MEASURE.sub("", _FILLER_TABLE.apply(han))
        # A glossary phrase the filler had split ("孤儿那个补贴" -> 孤儿补贴 -> 孤儿保障标准).
        han = self._glossary.apply(han)
        measure, named = measure_of(unglossed)
        if not named and unglossed != text:
            measure, named = measure_of(text)
        stated = [n for n in numbers if not _WHOSE_AGE.match(text_wo_years, n.end)]
        if not measure:
            # "是不是有两百多家": the figure a question states hints at the kind it is about.
            measure = next((k for n in stated if (k := unit_kind(n.unit, n.text))), "")
        intent: Intent = ""
        if named or stated or _QUANTITY.search(text):
            intent = "quantity"
        elif _WHAT.search(text):
            intent = "what"  # "一床难求怎么解决": a hint (床位) does not make it "how many"
        elif measure:
            intent = "quantity"
        return Normalized(
            raw=raw,
            cleaned=text,
            text=han,
            english=tuple(english),
            years=years,
            year_range=year_range,
            places=tuple(r.name for r in covered),
            other_places=tuple(r.short for r in refs if r.role == "other"),
            numbers=numbers,
            chitchat=chitchat,
            baseline_years=baseline,
            measure=measure,
            measure_named=named,
            counted=counted(text, measure, named, _FILLER_TABLE),
            change=bool(baseline) or bool(_CHANGE.search(text)),
            per=per_of(text),
            intent=intent,
            province=any(r.role == "province" for r in refs) or "全省" in text,
            place_refs=tuple(refs),
        )
