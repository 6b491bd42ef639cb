"""Numbered questions in one message: "1.低保标准 2.兜底保障人次", "①…②…", "一、…；二、…",
"a) …  b) …".

People who ask several things at once often number them. Every numbered item is a question of
its own, even a bare noun phrase ("2.兜底保障人次"), so the items are read before the sentence
rules (which keep only the sentences that ask). A number only counts as a marker where the
numbering runs 1, 2, 3 … and it starts the message or follows a space or a punctuation mark —
"2.74万" inside a sentence, or the "1+39" of "3.1+39标准", is not one.
"""

from __future__ import annotations

import re

__all__ = ["numbered_items"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_HAN = "一二三四五六七八九十"
_BEFORE = r"(?:^|(?<=[\s：:，,；;。？?！!]))"
_MARKER = re.compile(
    _BEFORE
    + r"(?:(?P<circled>[①-⑩])"
    + r"|(?P<han>[一二三四五六七八九十])、"
    + r"|(?P<letter>[a-eA-E])\s*[.．)）]"
    + r"|(?P<digit>[1-9])(?:\s*[.．、)）]|\s+(?=[^\s0-9])))"
)


def _value(m: re.Match[str]) -> int:
    if m.group("circled"):
        return _CIRCLED.index(m.group("circled")) + 1
    if m.group("han"):
        return _HAN.index(m.group("han")) + 1
    if m.group("letter"):
        return ord(m.group("letter").lower()) - ord("a") + 1
    return int(m.group("digit"))


def numbered_items(text: str) -> list[str]:
    """The items of a numbered list, in order (at least two), or [] when there is none."""
    chain: list[re.Match[str]] = []
    for m in _MARKER.finditer(text):
        if _value(m) == len(chain) + 1 and (not chain or m.start() >= chain[-1].end()):
            chain.append(m)
    if len(chain) < 2:
        return []
    ends = [m.start() for m in chain[1:]] + [len(text)]
    items = [text[m.end() : end].strip(" ；;，,。\n") for m, end in zip(chain, ends, strict=True)]
    return items if all(items) else []
