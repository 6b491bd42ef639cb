"""What is wrong with the knowledge, located for the curator: ``file:line: id: message``.

Every parser and check reports into a list of `Problem`; nothing raises on bad data
until `bot.knowledge.loader` decides the knowledge cannot be served (`KnowledgeError`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = [
    "SYNTAX_ERROR",
    "TOO_BIG",
    "KnowledgeError",
    "Problem",
    "located",
    "readable",
    "sort_problems",
]

SYNTAX_ERROR = "YAML syntax error"
TOO_BIG = "file too big"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the knowledge, located for the curator."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    entry_id: str  # the entry, row, topic or number concerned; "" when none
    message: str

    def __str__(self) -> str:
        """One line per problem, whatever the message holds (grep- and editor-friendly)."""
        where = located(self.file, self.line)
        message = self.message.replace("\n", "\\n")
        if self.entry_id:
            return f"{where}: {self.entry_id}: {message}"
        return f"{where}: {message}"


class KnowledgeError(Exception):
    """The knowledge cannot be served; ``problems`` says exactly why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        lines = [f"invalid knowledge: {n} problem{'s' if n != 1 else ''}"]
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File by file, top to bottom: the order a curator fixes them in."""
    return sorted(problems, key=lambda p: (p.file, p.line))


def readable(problems: list[Problem]) -> bool:
    """False if a file of the pack could not be read: content checks would only add noise."""
    return not any(p.message.startswith((SYNTAX_ERROR, TOO_BIG)) for p in problems)


def located(file: str, line: int = 0) -> str:
    """``file:line`` as a problem prints it (the line left out when 0)."""
    where = _display_path(file)
    return f"{where}:{line}" if line else where


def _display_path(file: str) -> str:
    """Paths under the working directory are shown relative: shorter, clickable."""
    try:
        rel = os.path.relpath(file)
    except ValueError:  # pragma: no cover - other drive on Windows
        return file
    return file if rel.startswith("..") else rel
