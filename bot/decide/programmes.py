"""The programme whose sentence states each figure: the statement (an entry without a figure)
whose quote contains the figure's quote, the first such in knowledge order.

The plain scan (every figure against every statement) is quadratic: at 10,000 entries it cost
more than building the index. Here each distinct quote is looked up once, and only among the
statements holding its rarest character pair, in knowledge order: the same first statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.knowledge.models import Entry

__all__ = ["programmes"]

_SCAN = 64  # fewer statements than this: the plain scan is cheaper than the pair table


def programmes(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Figure id -> the statement whose quote contains the figure's quote."""
    entries = list(entries)
    plain = [e for e in entries if not e.figure and e.quote.strip()]
    pairs = _pairs(plain) if len(plain) >= _SCAN else None
    owners: dict[str, Entry | None] = {}
    out: dict[str, Entry] = {}
    for e in entries:
        quote = e.quote.strip()
        if not (e.figure and quote):
            continue
        if quote not in owners:
            owners[quote] = _owner(quote, plain, pairs)
        owner = owners[quote]
        if owner is not None:
            out[e.id] = owner
    return out


def _pairs(plain: Sequence[Entry]) -> dict[str, list[int]]:
    """Character pair -> the statements whose quote has it, in knowledge order."""
    out: dict[str, list[int]] = {}
    for i, p in enumerate(plain):
        q = p.quote
        for pair in {q[j : j + 2] for j in range(len(q) - 1)}:
            out.setdefault(pair, []).append(i)
    return out


def _owner(quote: str, plain: Sequence[Entry], pairs: dict[str, list[int]] | None) -> Entry | None:
    if pairs is None or len(quote) < 2:
        return next((p for p in plain if quote in p.quote), None)
    # Every statement containing the quote has each of its pairs: the rarest pair's list holds
    # them all, in the same order as `plain`.
    rarest = min((pairs.get(quote[j : j + 2], []) for j in range(len(quote) - 1)), key=len)
    return next((plain[i] for i in rarest if quote in plain[i].quote), None)
