"""Scope checks: the places of scope.yaml are unambiguous and hang together.

Questions are routed to a pack by the places it names, so two places written the same
way, an enclosing place nobody defined, or an English name that lower-cased questions
can never match would each misroute questions silently.
"""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.discovery import SCOPE
from bot.knowledge.models import Pack
from bot.knowledge.problems import Problem

__all__ = ["check_scope"]


def check_scope(folder: Path, pack: Pack, problems: list[Problem]) -> None:
    scope = pack.scope
    if scope is None:
        return
    file = str(folder / SCOPE)
    places = (scope.city, scope.province, *scope.places)
    first: dict[str, int] = {}
    for place in places:
        for name in place.names:
            if not name:
                continue
            if name in first:
                problems.append(
                    Problem(
                        file,
                        place.line,
                        place.name,
                        f"duplicate place name {name!r} (first at line {first[name]})",
                    )
                )
            first.setdefault(name, place.line)
        for en in place.en:
            if en != en.lower():
                problems.append(
                    Problem(file, place.line, place.name, f"en name {en!r} must be lower case")
                )
    known = {p.name for p in places if p.name}
    for place in places:
        if not place.within:
            continue
        if place.within == place.name:
            problems.append(
                Problem(file, place.line, place.name, "a place cannot be within itself")
            )
        elif place.within not in known:
            hint = next((p.name for p in places if place.within in p.aliases), "")
            detail = f"; write its name {hint!r}" if hint else ""
            problems.append(
                Problem(
                    file,
                    place.line,
                    place.name,
                    f"within names an unknown place {place.within!r}{detail}",
                )
            )
