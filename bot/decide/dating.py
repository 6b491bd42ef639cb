"""Whether the year an entry states is the date of what was asked, or of something beside it.

A Chinese time adverbial comes before what it dates: "2024年人均捐赠金额位列全省第一" dates the
ranking, not the "慈善一日捐" named before it in the same sentence; "建成全市首个江海葬纪念园，
…，2019年以来累计减免…" says nothing of when the memorial park was built. So a year answers
"哪一年" only when some of the words asked follow it in its sentence. A baseline year
("较2019年提高") dates nothing.
"""

from __future__ import annotations

import re

__all__ = ["dates_subject"]

_SENTENCE = re.compile(r"[。；;！!？?]")
# A year or a run of years as a date, not as the base of a comparison (较2019年, 比2019年).
_DATE = re.compile(r"(?<![较比与同])(?:19|20)\d{2}(?:\s*[—–\-~至到]\s*(?:19|20)?\d{2,4})?年")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _grams(text: str) -> set[str]:
    """Two-character runs of the Chinese words in a text (years and numbers left out)."""
    out: set[str] = set()
    for run in _HAN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def dates_subject(asked: str, quote: str) -> bool | None:
    """True: a year in `quote` is followed, in its sentence, by words of the question;
    False: the question's words are there, but only before or away from every year;
    None: the quote shares no words with the question (it was matched by its name) or
    states no year (its period was curated from the sentences around it), so this check
    cannot tell."""
    wanted = {g for g in _grams(asked) if "年" not in g}
    shared = {g for g in wanted if g in quote}
    if not shared or not _DATE.search(quote):
        return None
    for sentence in _SENTENCE.split(quote):
        for m in _DATE.finditer(sentence):
            after = sentence[m.end() :]
            if any(g in after for g in shared):
                return True
    return False
