"""Typed, located reads from one YAML mapping: every mistake becomes a Problem, never a crash.

A parser asks for ``text``, ``texts``, ``flag``, ``number``, ``years`` or ``choice`` and
gets a usable default back when the field is missing or of the wrong type, so one run of
``validate`` reports every mistake of a file instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from bot.knowledge.problems import Problem
from bot.knowledge.reader import FAILED, YMap

__all__ = ["SLUG_RE", "Fields", "id_label", "items", "kind_of", "slug"]

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
_YEARS_RE = re.compile(r"^\s*(\d{4})\s*(?:-|–|—|~|～|至|到)\s*(\d{4})\s*年?\s*$")


class Fields:
    """The fields of one mapping, read with their types checked and their lines known."""

    def __init__(self, data: YMap, file: str, problems: list[Problem], label: str = "") -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.label = label  # entry id (or row phrase) for messages

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.data.line)

    def problem(self, key: str | None, message: str) -> None:
        line = self.data.line if key is None else self.line_of(key)
        self.problems.append(Problem(self.file, line, self.label, message))

    def _missing(self, key: str) -> None:
        self.problem(None, f"missing required field '{key}'")

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self._missing(key)
            return default
        if isinstance(value, str):
            return value.strip()
        if key in self.data.raw:  # a bare number or date written where text is expected
            return self.data.raw[key].strip()
        self.problem(key, f"wrong type for '{key}': expected text, got {kind_of(value)}")
        return default

    def choice(self, key: str, allowed: tuple[str, ...], *, required: bool = True) -> str:
        """Text that must be one of ``allowed`` (a confidence, a place level ...)."""
        value = self.text(key, required=required)
        if value and value not in allowed:
            self.problem(
                key,
                f"wrong type for '{key}': {value!r} is not one of {', '.join(allowed)}",
            )
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(key, f"wrong type for '{key}': expected a list, got {kind_of(value)}")
            return ()
        out: list[str] = []
        for item in value:
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            elif isinstance(item, int | float) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.problem(key, f"wrong type for '{key}': list item {item!r} is not text")
        return tuple(out)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(key, f"wrong type for '{key}': expected true or false, got {value!r}")
        return default

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.problem(key, f"wrong type for '{key}': expected a number or null, got {value!r}")
        return None

    def years(self, key: str) -> tuple[int, ...]:
        value = self.data.get(key)
        if value is None or value == []:
            return ()
        years: list[int] = []
        if isinstance(value, int) and not isinstance(value, bool):
            years = [value]
        elif isinstance(value, str) and (m := _YEARS_RE.match(value)):
            years = list(range(int(m.group(1)), int(m.group(2)) + 1))
            if not years:
                self.problem(key, f"wrong type for '{key}': empty range {value!r}")
        elif isinstance(value, list) and all(
            isinstance(y, int) and not isinstance(y, bool) for y in value
        ):
            years = list(value)
        else:
            self.problem(
                key,
                f"wrong type for '{key}': expected a list of years or a range like"
                f' "2019-2024", got {value!r}',
            )
            return ()
        if any(not 1900 <= y <= 2100 for y in years):
            self.problem(key, f"wrong type for '{key}': {value!r} is not a calendar year")
            return ()
        return tuple(years)

    def mapping(self, key: str, *, required: bool = False) -> YMap | None:
        """A nested mapping (scope.yaml's ``city:``), or None after saying what is wrong."""
        value = self.data.get(key)
        if value is None:
            if required:
                self._missing(key)
            return None
        if not isinstance(value, YMap):
            self.problem(key, f"wrong type for '{key}': expected a mapping, got {kind_of(value)}")
            return None
        return value

    def only(self, allowed: frozenset[str]) -> None:
        """Unknown keys are almost always typos (qoute:, alias:) that would be silently lost."""
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")


def kind_of(value: object) -> str:
    """How a wrong value is named in a message: "a list", "a number" ..."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def items(
    doc: object, key: str, file: str, problems: list[Problem], *, required: bool = False
) -> Iterator[YMap]:
    """The mappings listed under ``key`` at the top of a file (``rows:``, ``entries:`` ...)."""
    if doc is FAILED:
        return
    if doc is None:
        if required:
            problems.append(Problem(file, 0, "", f"missing required field '{key}'"))
        return
    if not isinstance(doc, YMap):
        problems.append(Problem(file, 1, "", f"wrong type: expected a mapping with '{key}:'"))
        return
    rec = Fields(doc, file, problems)
    rec.only(frozenset({key}))
    if key not in doc:
        if required:
            rec.problem(None, f"missing required field '{key}'")
        return
    value = doc[key]
    if value is None:
        return
    if not isinstance(value, list):
        rec.problem(key, f"wrong type for '{key}': expected a list, got {kind_of(value)}")
        return
    for i, item in enumerate(value):
        if isinstance(item, YMap):
            yield item
        else:
            problems.append(
                Problem(
                    file,
                    doc.key_lines[key],
                    "",
                    f"wrong type for '{key}' item {i + 1}: expected a mapping, got {kind_of(item)}",
                )
            )


def id_label(item: YMap, key: str = "id") -> str:
    """The item's id (or phrase) for messages, if it has a usable one."""
    value = item.get(key)
    return value if isinstance(value, str) else ""


def slug(rec: Fields) -> str:
    """The required ``id`` field, checked against `SLUG_RE`."""
    value = rec.text("id", required=True)
    if value and not SLUG_RE.match(value):
        rec.problem(
            "id",
            f"bad id {value!r}: use 2-48 characters of a-z, 0-9 and '-', starting with a letter"
            " or digit",
        )
    return value
