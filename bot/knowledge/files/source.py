"""``source.yaml``: the publication a pack's figures come from."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.knowledge.fields import Fields
from bot.knowledge.models import Source
from bot.knowledge.problems import Problem
from bot.knowledge.reader import FAILED, YMap, read_yaml

__all__ = ["EMPTY_SOURCE", "parse_source"]

# The fields are those of the Source record, so a field added there is read here too;
# these are accepted besides, for the curator's record only.
_RECORD_ONLY = frozenset({"headline_received", "note"})
_FIELDS = tuple(dataclasses.fields(Source))
_REQUIRED = frozenset(f.name for f in _FIELDS if f.default is dataclasses.MISSING)

EMPTY_SOURCE = Source(**{name: "" for name in _REQUIRED})


def parse_source(path: Path, problems: list[Problem]) -> Source:
    doc = read_yaml(path, problems)
    if not isinstance(doc, YMap):
        if doc is not FAILED:
            problems.append(Problem(str(path), 1, "", "wrong type: expected a mapping of fields"))
        return EMPTY_SOURCE
    rec = Fields(doc, str(path), problems)
    rec.only(_RECORD_ONLY | {f.name for f in _FIELDS})
    values = {f.name: rec.text(f.name, required=f.name in _REQUIRED) for f in _FIELDS}
    return Source(**values)
