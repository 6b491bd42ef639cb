"""Parse pack folders into `Pack` records: every file through its parser, problems collected.

Parsing never raises on bad data and never checks what needs the whole pack (quotes,
coverage, restoration): that is `bot.knowledge.checks`; `bot.knowledge.loader` runs both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.knowledge.discovery import (
    ARTICLE,
    COVERAGE,
    GLOSSARY,
    RESTORATION,
    SCOPE,
    SOURCE,
    TOPICS,
    entry_files,
    pack_folders,
    stray_files,
    stray_folders,
)
from bot.knowledge.files.coverage import parse_coverage
from bot.knowledge.files.entries import parse_entries
from bot.knowledge.files.glossary import parse_glossary
from bot.knowledge.files.restoration import parse_restoration
from bot.knowledge.files.scope import parse_scope
from bot.knowledge.files.source import EMPTY_SOURCE, parse_source
from bot.knowledge.files.topics import parse_topics
from bot.knowledge.models import Entry, Pack, Scope, Section, Topic
from bot.knowledge.problems import Problem, readable
from bot.knowledge.reader import read_text
from bot.knowledge.restore import restore
from bot.paths import knowledge_dir

__all__ = ["parse_knowledge", "parse_pack"]

_MISSING = "missing file: every pack needs one"


def parse_pack(folder: Path) -> tuple[Pack, list[Problem]]:
    """Read one pack folder into a Pack plus the problems found on the way.

    The Pack holds every record, including those with problems (a missing field
    becomes ""), so that the checks can run too without a cascade of follow-on
    errors (an entry dropped for a missing ``title`` would otherwise leave its
    numbers "uncovered"). Only a problem-free Pack is served.
    """
    folder = Path(folder)
    problems = stray_files(folder)

    def required(name: str) -> Path | None:
        path = folder / name
        if path.is_file():
            return path
        problems.append(Problem(str(path), 0, "", _MISSING))
        return None

    def optional(name: str, parse: Callable[[Path, list[Problem]], list[Any]]) -> list[Any]:
        path = folder / name
        return parse(path, problems) if path.is_file() else []

    source_path = required(SOURCE)
    source = EMPTY_SOURCE if source_path is None else parse_source(source_path, problems)
    received = _read_article(required(ARTICLE), problems)
    rows = optional(RESTORATION, parse_restoration)
    glossary = optional(GLOSSARY, parse_glossary)
    ignored = optional(COVERAGE, parse_coverage)
    topics_path = required(TOPICS)
    sections: list[Section] = []
    topics: list[Topic] = []
    if topics_path is not None:
        sections, topics = parse_topics(topics_path, problems)
    scope_path = required(SCOPE)
    scope: Scope | None = None if scope_path is None else parse_scope(scope_path, problems)
    entries: list[Entry] = []
    for kind, path in entry_files(folder) if folder.is_dir() else []:
        entries += parse_entries(path, folder.name, kind, problems)

    pack = Pack(
        name=folder.name,
        source=source,
        received_text=received,
        restored_text=restore(received, rows).text,
        restoration=tuple(rows),
        glossary=tuple(glossary),
        sections=tuple(sections),
        topics=tuple(topics),
        entries=tuple(entries),
        ignored_numbers=tuple(ignored),
        scope=scope,
    )
    return pack, problems


def _read_article(path: Path | None, problems: list[Problem]) -> str:
    if path is None:
        return ""
    text = read_text(path, problems)
    if text is not None and not text.strip():
        problems.append(Problem(str(path), 0, "", "the article text is empty"))
    return text or ""


def parse_knowledge(root: Path | None = None) -> tuple[list[tuple[Path, Pack]], list[Problem]]:
    """Parse every pack under ``root`` (default: ``knowledge_dir()``), collecting problems.

    Packs with a file that could not be read are left out of the returned list (their
    problems are kept): checking half a pack would report every entry of the broken
    file as missing.
    """
    root = knowledge_dir() if root is None else Path(root)
    if not root.is_dir():
        return [], [Problem(str(root), 0, "", "knowledge folder not found")]
    folders = pack_folders(root)
    problems = stray_folders(root, folders)
    if not folders:
        problems.append(Problem(str(root), 0, "", f"no packs found (no */{SOURCE})"))
    packs: list[tuple[Path, Pack]] = []
    for folder in folders:
        pack, pack_problems = parse_pack(folder)
        problems += pack_problems
        if readable(pack_problems):
            packs.append((folder, pack))
    return packs, problems
