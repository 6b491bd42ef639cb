"""Pinyin: per-character readings, and Latin words split into known syllables.

Homophone typos from an input method (底保 for 低保) and pinyin typed without tones ("dibao")
meet the entries on syllables. Readings are per character, so both sides of a comparison read a
polyphonic character the same way whatever surrounds it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from array import array
from collections.abc import Container, Iterable
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from bot.understand.text import HAN_HI as _HAN_HI
from bot.understand.text import HAN_LO as _HAN_LO

__all__ = ["char_pinyin", "pinyin_of", "pinyin_tuple", "segment_syllables"]


class _Readings:
    """The first reading of every Han character in one string (`get(code point)`): a dict of
    pypinyin's 42,000 entries held 11 MB of small objects in every process for the few
    thousand characters the packs and questions use."""

    __slots__ = ("_blob", "_ends")

    def __init__(self, table: Iterable[tuple[int, str]]) -> None:
        lo, hi = ord(_HAN_LO), ord(_HAN_HI)
        first = [""] * (hi - lo + 1)
        for cp, reading in table:
            if lo <= cp <= hi:
                first[cp - lo] = reading.split(",", 1)[0]
        self._blob = "".join(first)
        self._ends = array("i", accumulate(map(len, first)))

    def __len__(self) -> int:
        return len(self._blob)

    def get(self, cp: int) -> str | None:
        """The character's most common reading (toned, "lǜ"), or None."""
        i = cp - ord(_HAN_LO)
        if not 0 <= i < len(self._ends):
            return None
        start = self._ends[i - 1] if i else 0
        return self._blob[start : self._ends[i]] or None


_ENTRY = re.compile(r'"(\d+)"\s*:\s*"([^"\\]*)"')


@lru_cache(maxsize=1)
def _pinyin_table() -> _Readings:
    """pypinyin's single-character table, read from its data file.

    Not through ``import pypinyin``: the package import also loads its phrase dictionary, about
    190,000 objects and a tenth of a second, which per-character look-ups never use and every
    full garbage collection would then walk. An empty table means "use pypinyin itself". The
    file is a flat JSON object of code point -> readings; it is read entry by entry (no dict of
    it all at once), through `json` only if it ever holds an escape.
    """
    try:
        spec = importlib.util.find_spec("pypinyin")
        for loc in (spec.submodule_search_locations or []) if spec else []:
            path = Path(loc) / "pinyin_dict.json"
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                if "\\" in text:
                    raw = json.loads(text)
                    return _Readings((int(k), str(v)) for k, v in raw.items())
                return _Readings((int(m[1]), m[2]) for m in _ENTRY.finditer(text))
    except (OSError, ValueError, ImportError):
        pass
    return _Readings(())


def _toneless(reading: str) -> str:
    """ "lǜ" -> "lv", "ḿ" -> "m": pypinyin's NORMAL style, without its import."""
    for v in "üǖǘǚǜ":
        reading = reading.replace(v, "v")
    return "".join(
        c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c)
    )


_CHAR_PINYIN: dict[str, str] = {}  # per character, filled on first use (strings only: untracked)


def char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character (its most common reading), memoized per character.

    Per character rather than per word, so both sides of a comparison read a polyphonic
    character the same way whatever surrounds it.
    """
    got = _CHAR_PINYIN.get(ch)
    if got is not None:
        return got
    if _HAN_LO <= ch <= _HAN_HI:
        table = _pinyin_table()
        if table:
            reading = table.get(ord(ch))
            got = _toneless(reading) if reading else ch
        else:  # pragma: no cover - pypinyin without its data file
            from pypinyin import lazy_pinyin

            out = lazy_pinyin(ch)
            got = out[0] if out else ch
    else:
        got = ch
    _CHAR_PINYIN[ch] = got
    return got


_ALL_HAN = re.compile(f"[{_HAN_LO}-{_HAN_HI}]*")


def pinyin_tuple(text: str) -> tuple[str, ...]:
    """Syllables of Han characters; runs of ASCII letters/digits stay whole."""
    if _ALL_HAN.fullmatch(text):  # most index strings and questions: one memo read a character
        get = _CHAR_PINYIN.get
        return tuple([get(ch) or char_pinyin(ch) for ch in text])
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if _HAN_LO <= ch <= _HAN_HI:
            if run:
                out.append("".join(run))
                run = []
            out.append(char_pinyin(ch))
        elif ch.isascii() and ch.isalnum():
            run.append(ch)
        elif run:
            out.append("".join(run))
            run = []
    if run:
        out.append("".join(run))
    return tuple(out)


def pinyin_of(text: str) -> list[str]:
    """Syllables of Han characters; runs of ASCII letters/digits stay whole."""
    return list(pinyin_tuple(text))


def segment_syllables(word: str, syllables: Container[str], min_len: int = 1) -> list[str] | None:
    """Split a Latin word into the fewest known pinyin syllables, or None if it is not pinyin.

    Shared by the question side (spelling "guer butie" back into Han) and the index side
    (matching typed pinyin against entries), so both read pinyin the same way.
    """
    n = len(word)
    if n < min_len or n > 40 or not word.isalpha():
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            s = word[i:j]
            if s in syllables:
                cand = [*cur, s]
                prev = best[j]
                if prev is None or len(cand) < len(prev):
                    best[j] = cand
    return best[n]
