"""Every entry's answer facts, read once when the engine is built.

The fit check and the yes/no verdict consult these on every question; reading them from the
entries' fields (claims, places, years) per question would cost more than the match itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from bot.decide.years import Span
from bot.knowledge.facts import Facts
from bot.knowledge.models import Entry, Knowledge, Scope
from bot.understand.normalize import Normalizer

__all__ = ["EAGER_ROWS", "FactBook", "Rows", "Said"]

# A book of up to this many entries is read whole at start (from its cached rows, ≈8 µs each,
# or from the entries) and saves its rows, so the first questions on a small pack pay nothing.
# A larger one reads an entry when it is first consulted (≈0.15 ms from the entry, a few
# entries per question) and saves none: no start, cold or warm, reads 10,000 entries' facts.
EAGER_ROWS = 2000


class Rows(Protocol):
    """Texts by position (a list, or the build cache's `Strings`)."""

    def __len__(self) -> int: ...

    def __getitem__(self, i: int, /) -> str: ...


@dataclass(frozen=True, slots=True)
class Said:
    """One entry's facts with what the checks compare against."""

    facts: Facts
    text: str  # what it states, cleaned (simplified, restored): for qualifier look-ups
    source: str  # its names, what it states and its phrasings, as written: see `match_text`
    places: tuple[str, ...]  # places inside its city it names (丹阳市, 白兔镇 …)
    names_city: bool = False  # it says where by naming its city ("研讨会在镇江召开")
    # `match_text` once made: only yes/no verdicts and follow-ups ask for it, so an entry
    # consulted for anything else never pays for normalizing its whole text.
    made: list[str] = field(default_factory=list, compare=False, repr=False)
    normalizer: Normalizer | None = field(default=None, compare=False, repr=False)

    @property
    def match_text(self) -> str:
        """`source` in match-text form: for "does it say every word asked"."""
        if not self.made:
            n = self.normalizer
            self.made.append(n.normalize(self.source, index=True).text if n else "")
        return self.made[0]


class FactBook:
    """Every entry's `Said`, read from the entry, or from the rows a book built before for the
    same knowledge and code saved (`state`, in the build cache). A small book reads them all
    at start; a large one when an entry is first consulted, then keeps it."""

    def __init__(
        self,
        knowledge: Knowledge,
        normalizer: Normalizer,
        state: Rows | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer
        self._said: dict[str, Said] = {}
        self._names: dict[str, str] = {}
        self._match_names: dict[str, tuple[str, ...]] = {}
        spans: dict[str, list[int]] = {}
        for e in knowledge.entries.values():
            spans.setdefault(e.pack, []).extend(e.years)
        self._spans = {pack: Span.of(years) for pack, years in spans.items()}
        self._rows: Rows = ()
        self._pos: dict[str, int] = {}
        n = len(knowledge.entries)
        if state is not None and (len(state) or n <= EAGER_ROWS):  # a large book saves none
            if len(state) != n:
                raise ValueError("fact book rows do not fit the knowledge")
            self._rows = state
            self._pos = {eid: i for i, eid in enumerate(knowledge.entries)}
        if n <= EAGER_ROWS:
            for e in knowledge.entries.values():
                _ = self.said(e).match_text  # made now, and saved with the rows

    def _read(self, e: Entry) -> Said:
        scope = self.knowledge.scopes.get(e.pack)
        levels: list[tuple[str, str]] = []
        inside: list[tuple[str, tuple[str, ...]]] = []
        city: tuple[str, ...] = ()
        if scope is not None:
            city = scope.city.names
            levels = [(n, "city") for n in scope.city.names]
            levels += [(n, "province") for n in scope.province.names]
            inside = [(p.name, p.names) for p in scope.places]
        facts = e.facts(levels)
        text = self.normalizer.canonical(facts.text)
        source = " ".join((e.title, *e.aliases, facts.text, *e.questions))
        places = tuple(name for name, names in inside if any(n in text for n in names))
        names_city = any(f"在{n}" in e.quote for n in city)
        return Said(facts, text, source, places, names_city, normalizer=self.normalizer)

    def state(self) -> Iterator[str]:
        """Every entry's `Said`, in knowledge order, as a JSON row (see `_ROW`); none for a
        large book (more than `EAGER_ROWS` entries), which reads an entry when consulted."""
        if len(self.knowledge.entries) > EAGER_ROWS:
            return
        for e in self.knowledge.entries.values():
            yield json.dumps(_row(self.said(e)), ensure_ascii=False, separators=(",", ":"))

    def said(self, e: Entry) -> Said:
        got = self._said.get(e.id)
        if got is None:
            rows, pos = self._rows, self._pos
            got = _unrow(json.loads(rows[pos[e.id]]), self.normalizer) if rows else self._read(e)
            self._said[e.id] = got
        return got

    def names(self, e: Entry) -> str:
        """What the entry is called (title and aliases), cleaned: the subject it is about."""
        got = self._names.get(e.id)
        if got is None:
            got = self._names[e.id] = self.normalizer.canonical(" ".join((e.title, *e.aliases)))
        return got

    def match_names(self, e: Entry) -> tuple[str, ...]:
        """The entry's title and aliases as match text, each on its own (memoized)."""
        got = self._match_names.get(e.id)
        if got is None:
            index_text = self.normalizer.index_text
            got = self._match_names[e.id] = tuple(index_text(n) for n in (e.title, *e.aliases))
        return got

    def facts(self, e: Entry) -> Facts:
        return self.said(e).facts

    def span(self, e: Entry) -> Span:
        return self._spans.get(e.pack, Span())

    def scope(self, e: Entry) -> Scope | None:
        return self.knowledge.scopes.get(e.pack)

    def spans(self) -> dict[str, Span]:
        return dict(self._spans)


# A row: the fields of Facts, then those of Said after `facts`, then the match text when made
# (null when not). Tuples travel as JSON lists.
_FACTS = tuple(f.name for f in fields(Facts))
_SAID = tuple(f.name for f in fields(Said) if f.compare and f.name != "facts")
_ROW = (*_FACTS, *_SAID, "match_text")


def _row(said: Said) -> list[Any]:
    made = said.made[0] if said.made else None
    return [getattr(said.facts, n) for n in _FACTS] + [getattr(said, n) for n in _SAID] + [made]


def _tuples(value: Any) -> Any:
    return tuple(map(_tuples, value)) if isinstance(value, list) else value


def _unrow(row: list[Any], normalizer: Normalizer) -> Said:
    if len(row) != len(_ROW):
        raise ValueError("a fact book row does not fit")
    values: list[Any] = [tuple(map(_tuples, v)) if type(v) is list else v for v in row]
    n = len(_FACTS)  # both records take their fields in this order (see `_row`)
    text, source, places, names_city, made = values[n:]
    if made is not None and not isinstance(made, str):
        raise ValueError("a fact book row does not fit")
    return Said(
        Facts(*values[:n]),
        text,
        source,
        places,
        names_city,
        [] if made is None else [made],
        normalizer,
    )
