"""``scope.yaml``: the city an article covers, the places inside it, its province, and what
it does not speak to (metrics it lacks, the populations its figures distinguish)."""

from __future__ import annotations

from pathlib import Path
from typing import cast, get_args

from bot.knowledge.fields import Fields
from bot.knowledge.models import Place, PlaceLevel, Scope
from bot.knowledge.problems import Problem
from bot.knowledge.reader import FAILED, YMap, read_yaml

__all__ = ["LEVELS", "parse_scope"]

LEVELS: tuple[str, ...] = get_args(PlaceLevel)
_FIELDS = frozenset({"city", "province", "places", "absent_metrics", "populations"})
_PLACE_FIELDS = frozenset({"name", "level", "aliases", "en", "within"})


def parse_scope(path: Path, problems: list[Problem]) -> Scope | None:
    """None when the file is not a mapping (the problem is recorded); otherwise a Scope,
    with an empty Place standing in for a missing city or province."""
    file = str(path)
    doc = read_yaml(path, problems)
    if not isinstance(doc, YMap):
        if doc is not FAILED:
            problems.append(Problem(file, 1, "", "wrong type: expected a mapping of fields"))
        return None
    rec = Fields(doc, file, problems)
    rec.only(_FIELDS)
    city = _place(rec.mapping("city", required=True), file, problems, doc.line)
    province = _place(rec.mapping("province", required=True), file, problems, doc.line)
    places: list[Place] = []
    listed = doc.get("places")
    if listed is not None and not isinstance(listed, list):
        rec.problem("places", "wrong type for 'places': expected a list of places")
    for i, item in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(item, YMap):
            places.append(_place(item, file, problems, item.line))
        else:
            rec.problem("places", f"wrong type for 'places' item {i + 1}: expected a mapping")
    return Scope(
        city=city,
        province=province,
        places=tuple(places),
        absent_metrics=rec.texts("absent_metrics"),
        populations=rec.texts("populations"),
        line=doc.line,
    )


def _place(item: YMap | None, file: str, problems: list[Problem], line: int) -> Place:
    if item is None:
        return Place("", "city", line=line)
    name = item.get("name")
    rec = Fields(item, file, problems, name if isinstance(name, str) else "")
    rec.only(_PLACE_FIELDS)
    name_text = rec.text("name", required=True)
    level = rec.choice("level", LEVELS)
    return Place(
        name=name_text,
        level=cast(PlaceLevel, level if level in LEVELS else "city"),
        aliases=rec.texts("aliases"),
        en=rec.texts("en"),
        within=rec.text("within"),
        line=item.line,
    )
