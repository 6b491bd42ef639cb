"""English words of a question: lower case, stop words out, lightly stemmed."""

from __future__ import annotations

import re

from bot.lang.en import STOP_WORDS
from bot.understand.text import clean

__all__ = ["EN_WORD", "english_words", "stem"]

EN_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?")


def stem(w: str) -> str:
    """Plural to singular, roughly: enough for "charities"/"charity", "beds"/"bed"."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    if len(w) > 5 and w.endswith("ed") and not w.endswith("eed"):
        return w[:-2]  # "helped" / "assisted" meet "help" / "assist"
    return w


def english_words(text: str) -> list[str]:
    """Lower-case English words without stopwords, lightly stemmed."""
    words: list[str] = []
    cur: list[str] = []
    for ch in clean(text) + " ":
        if ch.isascii() and (ch.isalnum() or ch == "'"):
            cur.append(ch)
        else:
            if cur:
                w = "".join(cur).strip("'").removesuffix("'s")
                if w and w not in STOP_WORDS and not w.isdigit():
                    words.append(stem(w))
                cur = []
    return words
