"""Input-method typos and pinyin typed as words, repaired towards the pack's vocabulary.

"底保" sounds like 低保 and "guer butie" spells 孤儿补贴: a window of the question that sounds like
a vocabulary word and shares at least half its characters with it becomes that word, and a run
of Latin words that spells known words in pinyin is written in Han, so both meet the glossary
and the index as Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from bot.lang.zh.stop_words import CHITCHAT, FILLER, PINYIN_FUNCTION_WORDS
from bot.understand.english import stem
from bot.understand.pinyin import char_pinyin, pinyin_tuple, segment_syllables
from bot.understand.text import HAN_HI, HAN_LO, clean

__all__ = ["MAX_TYPO_FIX_CHARS", "Speller"]

MAX_TYPO_FIX_CHARS = 200  # homophone repair is per character window: typed questions only
_ASCII_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")


class Speller:
    """Typo repair and pinyin spelling over one vocabulary.

    `words` (glossary terms) and `vocabulary` (entry titles, aliases, topic words) are what typos
    are repaired towards; `synonyms` are only spelled from pinyin (志工 is no repair for 职工);
    `phrases` (the entries' question phrasings) only help tell real wording from a typo.
    """

    def __init__(
        self,
        words: Iterable[str],
        synonyms: Iterable[str],
        vocabulary: Iterable[str],
        phrases: Iterable[str],
        english_vocabulary: Iterable[str],
        is_place: Callable[[str], bool],
    ) -> None:
        words, synonyms, vocab = list(words), list(synonyms), list(vocabulary)
        self._is_place = is_place
        # Homophone repair and pinyin spelling: syllables -> the vocabulary words that sound so.
        self._sounds: dict[str, tuple[str, ...]] = {}
        self._spell: dict[str, str] = {}
        self._syllables: set[str] = set()
        # Typos are repaired towards the entries' own words and the glossary's canonical terms;
        # the everyday synonyms are only spelled from pinyin (志工 is no repair for 职工).
        for w in (*words, *vocab):
            self._add_sound(w, content=True)
        for w in (*synonyms, *PINYIN_FUNCTION_WORDS):
            self._add_sound(w, content=False)
        self._max_sound = max((k.count(" ") + 1 for k in self._spell), default=0)
        self._starts = _starts(self._sounds)
        # Character pairs that occur in real wording (the vocabulary, the entries' question
        # phrasings, filler): a character that pairs with its neighbour outside the window
        # (低保|现在, 干部|职工) belongs to a correct word, not to a typo to repair.
        self._pairs: set[str] = set()
        for w in (*words, *synonyms, *vocab, *FILLER, *CHITCHAT, *(clean(p) for p in phrases)):
            self._pairs.update(w[i : i + 2] for i in range(len(w) - 1))
        self._english = frozenset(stem(w) for w in english_vocabulary)

    def state(self) -> dict[str, Any]:
        """The tables as plain JSON values, for the build cache (`from_state` reads them)."""
        return {
            "sounds": self._sounds,
            "spell": self._spell,
            "syllables": sorted(self._syllables),
            "max_sound": self._max_sound,
            "pairs": sorted(self._pairs),
            "english": sorted(self._english),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], is_place: Callable[[str], bool]) -> Speller:
        """The speller whose `state` this is, without reading the vocabulary again."""
        self = cls.__new__(cls)
        self._is_place = is_place
        self._sounds = {k: tuple(v) for k, v in state["sounds"].items()}
        self._spell = dict(state["spell"])
        self._syllables = set(state["syllables"])
        self._max_sound = int(state["max_sound"])
        self._starts = _starts(self._sounds)
        self._pairs = set(state["pairs"])
        self._english = frozenset(state["english"])
        return self

    def _add_sound(self, word: str, *, content: bool) -> None:
        han = "".join(ch for ch in word if HAN_LO <= ch <= HAN_HI)
        if han != word or not 1 <= len(han) <= 8 or (content and len(han) < 2):
            return
        syl = pinyin_tuple(han)
        key = " ".join(syl)
        self._syllables.update(syl)
        self._spell.setdefault(key, han)
        if content:
            got = self._sounds.get(key, ())
            if han not in got:
                self._sounds[key] = (*got, han)

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return segment_syllables(word, self._syllables)

    def _spell_words(self, words: list[str]) -> str | None:
        """Han for a run of pinyin words ("guer butie" -> 孤儿补贴), or None if it is not one.

        The whole run must be spelled by known words, one of them two syllables or more:
        English words rarely spell a sequence of known Chinese words.
        """
        if len(words) == 1 and stem(words[0]) in self._english:
            return None  # "dibao" is also an English word of the entries
        syl: list[str] = []
        for w in words:
            seg = self.segment_pinyin(w)
            if seg is None:
                return None
            syl.extend(seg)
        out: list[str] = []
        word = False
        i = 0
        while i < len(syl):
            for n in range(min(self._max_sound, len(syl) - i), 0, -1):
                han = self._spell.get(" ".join(syl[i : i + n]))
                if han is not None:
                    word = word or n >= 2
                    out.append(han)
                    i += n
                    break
            else:
                return None
        return "".join(out) if word else None

    def spell_pinyin(self, text: str) -> str:
        """Spell runs of pinyin words in Han, so they meet the glossary and the index as Chinese."""
        if not self._spell or not _ASCII_WORD.search(text):
            return text
        groups: list[list[re.Match[str]]] = []
        for m in _ASCII_WORD.finditer(text):
            w = m.group(0)
            if self._is_place(w) or self.segment_pinyin(w) is None:
                groups.append([])
                continue
            last = groups[-1] if groups else []
            if last and not text[last[-1].end() : m.start()].strip(" '-"):
                last.append(m)
            else:
                groups.append([m])
        out: list[str] = []
        pos = 0
        for g in groups:
            if not g:
                continue
            han = self._spell_words([m.group(0) for m in g])
            if han is not None:
                out.append(text[pos : g[0].start()])
                out.append(han)
                pos = g[-1].end()
        out.append(text[pos:])
        return "".join(out)

    def fix_homophones(self, text: str) -> str:
        """Repair input-method typos: a window that sounds like a vocabulary word and shares at
        least half its characters with it becomes that word (姑儿 -> 孤儿, 养劳院 -> 养老院)."""
        if not self._sounds or len(text) > MAX_TYPO_FIX_CHARS:
            return text
        n = len(text)
        syl = [char_pinyin(ch) if HAN_LO <= ch <= HAN_HI else "" for ch in text]
        out: list[str] = []
        i = 0
        starts = self._starts
        while i < n:
            sizes = starts.get(syl[i]) if syl[i] else None
            if not sizes:  # no vocabulary word starts with this sound
                out.append(text[i])
                i += 1
                continue
            took = 0
            for size in sizes:
                if size > n - i or not syl[i + size - 1]:
                    continue
                window = text[i : i + size]
                cands = self._sounds.get(" ".join(syl[i : i + size]))
                if not cands:
                    continue
                if window in cands:
                    out.append(window)
                    took = size
                    break
                best = max(cands, key=lambda c: sum(a == b for a, b in zip(c, window, strict=True)))
                if self._is_typo(text, i, window, best):
                    out.append(best)
                    took = size
                    break
            if took:
                i += took
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    def _is_typo(self, text: str, start: int, window: str, word: str) -> bool:
        """Whether `window` (at `start` in `text`) is a mistyped `word`: half its characters
        right, and the wrong ones not part of real wording (职工 is no typo of 志工)."""
        same = sum(a == b for a, b in zip(word, window, strict=True))
        if same < (len(window) + 1) // 2:
            return False
        pairs = self._pairs
        end = start + len(window)
        if window[0] != word[0] and start > 0 and text[start - 1 : start + 1] in pairs:
            return False
        return not (window[-1] != word[-1] and end < len(text) and text[end - 1 : end + 1] in pairs)


def _starts(sounds: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """Per first syllable, the lengths (longest first, 2 to 8) of the vocabulary sounds that
    begin with it: where a typo window may start, and how long it may be."""
    by: dict[str, set[int]] = {}
    for key in sounds:
        syl = key.split(" ")
        if 2 <= len(syl) <= 8:
            by.setdefault(syl[0], set()).add(len(syl))
    return {k: tuple(sorted(v, reverse=True)) for k, v in by.items()}
