"""Load knowledge: parse every pack, run every check, and serve it only when nothing is wrong.

``load = parse + check``: `bot.knowledge.pack` parses (YAML with line numbers, one parser
per file kind), `bot.knowledge.checks` checks what needs the whole pack (quotes,
restoration, coverage, scope). Every problem is collected before giving up, so one run
shows them all as ``file:line: entry-id: what is wrong`` (see knowledge/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.knowledge.checks import Report, check_packs
from bot.knowledge.models import Knowledge, Pack
from bot.knowledge.pack import parse_knowledge, parse_pack
from bot.knowledge.problems import KnowledgeError, Problem, readable, sort_problems

# KnowledgeError and Problem are what callers of the loader catch and print.
__all__ = [
    "KnowledgeError",
    "Problem",
    "load_for_serving",
    "load_knowledge",
    "load_pack",
    "report",
    "validate",
]


def report(root: Path | None = None) -> Report:
    """Parse and check everything under ``root``; never raises on bad data."""
    return _parse_and_check(root)[1]


def _parse_and_check(root: Path | None) -> tuple[list[Pack], Report]:
    """The packs that could be read, and the report with every problem, sorted."""
    packs, problems = parse_knowledge(root)
    result = check_packs(packs)
    result.problems = sort_problems(problems + result.problems)
    return [pack for _, pack in packs], result


def validate(root: Path | None = None) -> list[Problem]:
    """Every problem in the knowledge under ``root`` (default: ``knowledge_dir()``)."""
    return report(root).problems


def load_pack(folder: Path) -> Pack:
    """Load and fully check one pack folder; raise KnowledgeError listing every problem."""
    pack, problems = parse_pack(Path(folder))
    if readable(problems):
        problems += check_packs([(Path(folder), pack)]).problems
    if problems:
        raise KnowledgeError(sort_problems(problems))
    return pack


def load_knowledge(root: Path | None = None) -> Knowledge:
    """Load and fully check every pack; raise KnowledgeError listing every problem.

    The full check runs on every load (start-up and reload) because it is cheap
    (a few milliseconds) and a broken pack must never be served.
    """
    packs, result = _parse_and_check(root)
    if result.problems:
        raise KnowledgeError(result.problems)
    return Knowledge(tuple(packs))


def load_for_serving(root: Path | None = None) -> Knowledge | None:
    """Start-up load: None (every problem printed to stderr) rather than serve a bad pack."""
    try:
        return load_knowledge(root)
    except KnowledgeError as exc:
        print(f"knowledge pack is invalid, not starting:\n{exc}", file=sys.stderr)
        return None
