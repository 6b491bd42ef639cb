"""Entry checks: topic and related ids exist, the quote is verbatim in the restored text,
and what the entry states (value, number, components, actors) is in its quote."""

from __future__ import annotations

import re

from bot.knowledge.models import Entry, Indicator, Pack
from bot.knowledge.problems import Problem
from bot.knowledge.restore import Restorer

__all__ = ["check_entry"]

_PLAIN_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")


def check_entry(
    entry: Entry,
    pack: Pack,
    restorer: Restorer,
    ids: tuple[set[str], set[str]],
    problems: list[Problem],
) -> None:
    """``ids``: the topic ids of the entry's pack, and the entry ids of all packs."""

    def problem(message: str) -> None:
        problems.append(Problem(entry.file, entry.line, entry.id, message))

    topics, all_ids = ids
    if entry.topic and entry.topic not in topics:
        problem(f"unknown topic {entry.topic!r} (topics.yaml has: {', '.join(sorted(topics))})")

    if entry.quote and entry.quote not in pack.restored_text:
        problem(_quote_hint(entry.quote, pack, restorer))

    if isinstance(entry, Indicator):
        if entry.value and entry.value not in entry.quote:
            problem(f"value {entry.value!r} not found in its quote")
        if (
            entry.number is not None
            and _PLAIN_NUMBER_RE.match(entry.value)
            and float(entry.value) != entry.number
        ):
            problem(f"number {entry.number:g} does not match value {entry.value!r}")

    for rid in entry.related:
        if rid == entry.id:
            problem("related lists the entry itself")
        elif rid not in all_ids:
            problem(f"unknown related id {rid!r}")

    # Components and actors are answers in their own right ("which four mechanisms?",
    # "who awarded it?"), so each must be the article's own wording, not a paraphrase.
    for key, names in (("components", entry.components), ("actors", entry.actors)):
        for name in names:
            if name not in entry.quote:
                problem(f"{key} item {name!r} not found verbatim in its quote")


def _quote_hint(quote: str, pack: Pack, restorer: Restorer) -> str:
    """Say *where* a quote departs from the text: curators fix it in seconds, not minutes."""
    base = "quote not found verbatim in the restored text"
    if quote in pack.received_text:
        fixed = restorer.apply(quote)
        return f"{base}: it is the received (spun) wording; the restored wording is 「{fixed}」"
    text = pack.restored_text
    lo, hi = 0, len(quote)  # longest prefix of the quote that occurs in the text
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"{base} (not even its first character)"
    at = text.find(quote[:lo]) + lo
    there = text[at : at + 8].split("\n", 1)[0]
    there = f"「{there}…」" if there else "the end of the paragraph"
    return (
        f"{base}: it matches up to 「…{quote[max(0, lo - 8) : lo]}」, then the quote has"
        f" 「{quote[lo : lo + 8]}…」 where the text has {there}"
    )
