"""Every entry's answer facts, read once when the engine is built.

The fit check and the yes/no verdict consult these on every question; reading them from the
entries' fields (claims, places, years) per question would cost more than the match itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.decide.years import Span
from bot.knowledge.facts import Facts
from bot.knowledge.models import Entry, Knowledge, Scope
from bot.understand.normalize import Normalizer

__all__ = ["FactBook", "Said"]


@dataclass(frozen=True, slots=True)
class Said:
    """One entry's facts with what the checks compare against."""

    facts: Facts
    text: str  # what it states, cleaned (simplified, restored): for qualifier look-ups
    match_text: str  # the same in match-text form: for "does it say every word asked"
    places: tuple[str, ...]  # places inside its city it names (丹阳市, 白兔镇 …)
    names_city: bool = False  # it says where by naming its city ("研讨会在镇江召开")


class FactBook:
    def __init__(self, knowledge: Knowledge, normalizer: Normalizer) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer
        self._said: dict[str, Said] = {}
        spans: dict[str, list[int]] = {}
        for e in knowledge.entries.values():
            spans.setdefault(e.pack, []).extend(e.years)
        self._spans = {pack: Span.of(years) for pack, years in spans.items()}
        for e in knowledge.entries.values():
            scope = knowledge.scopes.get(e.pack)
            levels: list[tuple[str, str]] = []
            inside: list[tuple[str, tuple[str, ...]]] = []
            city: tuple[str, ...] = ()
            if scope is not None:
                city = scope.city.names
                levels = [(n, "city") for n in scope.city.names]
                levels += [(n, "province") for n in scope.province.names]
                inside = [(p.name, p.names) for p in scope.places]
            facts = e.facts(levels)
            text = normalizer.canonical(facts.text)
            match_text = normalizer.index_text(
                " ".join((e.title, *e.aliases, facts.text, *e.questions))
            )
            places = tuple(name for name, names in inside if any(n in text for n in names))
            names_city = any(f"在{n}" in e.quote for n in city)
            self._said[e.id] = Said(facts, text, match_text, places, names_city)

    def said(self, e: Entry) -> Said:
        return self._said[e.id]

    def facts(self, e: Entry) -> Facts:
        return self._said[e.id].facts

    def span(self, e: Entry) -> Span:
        return self._spans.get(e.pack, Span())

    def scope(self, e: Entry) -> Scope | None:
        return self.knowledge.scopes.get(e.pack)

    def spans(self) -> dict[str, Span]:
        return dict(self._spans)
