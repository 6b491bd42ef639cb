"""Many strings stored as one: the index's field texts, readings, names and gram-set rows.

One object instead of one per row (tens of thousands of field texts), and a text repeated by
several rows (copies of a pack, a title that is also an alias) is stored once.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

__all__ = ["Strings", "StringsBuilder"]


@dataclass(frozen=True, slots=True)
class Strings:
    """Many strings as one: row i is ``blob[start[i]:end[i]]``; equal rows share their text.

    One object instead of one per row (tens of thousands of field texts), and copies of the
    same pack store each text once.
    """

    blob: str
    start: array[int]
    end: array[int]

    def __getitem__(self, i: int) -> str:
        return self.blob[self.start[i] : self.end[i]]

    def __len__(self) -> int:
        return len(self.start)


class StringsBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._seen: dict[str, int] = {}
        self.start: array[int] = array("i")
        self.end: array[int] = array("i")

    def add(self, s: str) -> None:
        at = self._seen.get(s)
        if at is None:
            at = self._seen[s] = self._size
            self._parts.append(s)
            self._size += len(s)
        self.start.append(at)
        self.end.append(at + len(s))

    def finish(self) -> Strings:
        """The strings; the builder is spent (its parts are freed now, not with the build)."""
        out = Strings("".join(self._parts), self.start, self.end)
        self._parts, self._seen = [], {}
        return out
