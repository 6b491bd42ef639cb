"""Pinyin: per-character readings, and Latin words split into known syllables.

Homophone typos from an input method (底保 for 低保) and pinyin typed without tones ("dibao")
meet the entries on syllables. Readings are per character, so both sides of a comparison read a
polyphonic character the same way whatever surrounds it.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

from bot.understand.text import HAN_HI as _HAN_HI
from bot.understand.text import HAN_LO as _HAN_LO

__all__ = ["char_pinyin", "pinyin_of", "pinyin_tuple", "segment_syllables"]


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's single-character table (code point -> "lǜ,lù"), read from its data file.

    Not through ``import pypinyin``: the package import also loads its phrase dictionary, about
    190,000 objects and a tenth of a second, which per-character look-ups never use and every
    full garbage collection would then walk. An empty table means "use pypinyin itself".
    """
    try:
        spec = importlib.util.find_spec("pypinyin")
        for loc in (spec.submodule_search_locations or []) if spec else []:
            path = Path(loc) / "pinyin_dict.json"
            if path.is_file():
                raw = json.loads(path.read_text(encoding="utf-8"))
                return {int(k): str(v) for k, v in raw.items()}
    except (OSError, ValueError, ImportError):
        pass
    return {}


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
            got = _toneless(reading.split(",", 1)[0]) if reading else ch
        else:  # pragma: no cover - pypinyin without its data file
            from pypinyin import lazy_pinyin

            out = lazy_pinyin(ch)
            got = out[0] if out else ch
    else:
        got = ch
    _CHAR_PINYIN[ch] = got
    return got


def pinyin_tuple(text: str) -> tuple[str, ...]:
    """Syllables of Han characters; runs of ASCII letters/digits stay whole."""
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
