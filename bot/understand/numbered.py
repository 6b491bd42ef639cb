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

__all__ = ["numbered_items", "numbered_lead"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_HAN = "一二三四五六七八九十"
_BEFORE = r"(?:^|(?<=[\s：:，,；;。？?！!]))"
_MARKER = re.compile(
    _BEFORE
    + r"(?:(?P<circled>[①-⑩])"
    + r"|(?P<han>[一二三四五六七八九十])、"
    + r"|第(?P<ordinal>[一二三四五六七八九十])(?:[、，,：:\s])"  # 第一 养老机构几家 第二 …
    + r"|(?P<bullet>[-•·*])\s*(?=\S)"  # a bulleted list: each bullet the next item
    + r"|(?P<letter>[a-eA-E])\s*[.．)）]"
    + r"|(?P<digit>[1-9])(?:\s*[.．、)）]|\s+(?=[^\s0-9])))"
)


# How many items the lead-in announces ("三个涨幅", "以下几个数字"): a count of the list.
_ITEM_COUNT = re.compile(
    r"(?:以下|下面|下列|这|那)?(?:[几一二三四五六七八九两十]|[0-9]{1,2})(?:个|项|件|条|点)"
)

# Words that spread the lead-in over the items ("分别是多少", "各花了多少"): said of each item.
_DISTRIBUTING = re.compile(r"分别|各自|各")


def _value(m: re.Match[str], at: int) -> int:
    """The number a marker gives its item; a bullet numbers itself (`at`: its place)."""
    if m.group("bullet"):
        return at
    if m.group("ordinal"):
        return _HAN.index(m.group("ordinal")) + 1
    if m.group("circled"):
        return _CIRCLED.index(m.group("circled")) + 1
    if m.group("han"):
        return _HAN.index(m.group("han")) + 1
    if m.group("letter"):
        return ord(m.group("letter").lower()) - ord("a") + 1
    return int(m.group("digit"))


def _chain(text: str) -> list[re.Match[str]]:
    """The markers of a numbered list, 1, 2, 3 … in order (at least two), or []."""
    chain: list[re.Match[str]] = []
    for m in _MARKER.finditer(text):
        if _value(m, len(chain) + 1) == len(chain) + 1 and (
            not chain or m.start() >= chain[-1].end()
        ):
            chain.append(m)
    return chain if len(chain) >= 2 else []


def numbered_items(text: str) -> list[str]:
    """The items of a numbered list, in order (at least two), or [] when there is none."""
    chain = _chain(text)
    if not chain:
        return []
    ends = [m.start() for m in chain[1:]] + [len(text)]
    items = [text[m.end() : end].strip(" ；;，,。\n") for m, end in zip(chain, ends, strict=True)]
    return items if all(items) else []


def numbered_lead(text: str) -> str:
    """What comes before a numbered list ("三个涨幅分别是多少：1. 低保 2. …"): it may say what
    every item asks for. The count of the items ("三个", "以下几个") is not part of it. "" when
    there is no list or nothing before it."""
    chain = _chain(text)
    lead = text[: chain[0].start()] if chain else ""
    return _DISTRIBUTING.sub("", _ITEM_COUNT.sub("", lead)).strip(" ：:，,；;\n")
