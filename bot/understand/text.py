"""Text as phones send it, made comparable: NFKC, no control characters, case, simplified.

Questions arrive with full-width characters, traditional characters, zero-width and bidi
characters; index strings go through the same function, so both sides converge on one form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["HAN_HI", "HAN_LO", "MAX_QUESTION_CHARS", "clean", "has_han"]

MAX_QUESTION_CHARS = 1000  # longer input is not a question; cap the work it can cause
HAN_LO, HAN_HI = "\u3400", "\u9fff"

# Anything outside these ranges may be a control, format, private-use or unassigned character
# and is checked one by one; ordinary text (ASCII, Latin, CJK, full-width forms) skips the loop.
_MAYBE_CONTROL = re.compile(
    "[^\u0020-\u007e\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205e"
    "\u2070-\u2fff\u3000-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef]"
)
_CONTROL_CATS = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """One OpenCC converter for the process: building it reads its dictionaries."""
    import opencc

    return opencc.OpenCC("t2s")


def clean(text: str) -> str:
    """NFKC, drop control/zero-width/bidi characters, case fold, traditional -> simplified."""
    if not text:
        return ""
    text = text[: MAX_QUESTION_CHARS * 2]
    text = unicodedata.normalize("NFKC", text)
    if _MAYBE_CONTROL.search(text):
        text = "".join(
            " " if ch in "\t\n\r\v\f" else ch
            for ch in text
            if ch in "\t\n\r\v\f" or unicodedata.category(ch) not in _CONTROL_CATS
        )
    text = text.casefold()
    try:
        converted = _t2s().convert(text)
    except Exception:  # a converter failure must never stop an answer
        converted = text
    return str(converted)[:MAX_QUESTION_CHARS]


def has_han(text: str) -> bool:
    """Whether the text has a Chinese character."""
    return bool(_HAN.search(text))
