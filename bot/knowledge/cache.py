"""The parsed and checked knowledge for serving, saved once per content of the pack files.

Parsing and checking 120 packs of YAML takes seconds; a restart or a `/reload` that changed no
file would pay it again. `KnowledgeCache.load` hashes every file under the knowledge folder
(paths and bytes, with the code that parses and checks them: bot.knowledge, bot.lang,
bot.understand, PyYAML's version) and serves the packs saved for that hash, else parses and
checks as `load_knowledge` always does and saves the result — only when nothing was wrong.

The file is a `bot.cachefile` file: verified against its checksum before anything is decoded,
ignored (logged) and rebuilt when missing, damaged, foreign or stale, never served then; its
packs are JSON values that only this package's record classes are built from
(`bot.knowledge.codec`). `validate`, the checks and the tests never read it: only serving does
(the bot's start and reload, with a cache folder configured).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO

from bot.cachefile import CacheFolder, CorruptCache, Writer, open_verified, source_version
from bot.knowledge.codec import plain, unplain
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Knowledge, Pack
from bot.paths import knowledge_dir

__all__ = ["KnowledgeCache", "files_key", "knowledge_cache"]

log = logging.getLogger(__name__)

MAGIC = b"ZJKNW\x00\x01\n"
FORMAT = 1
KEEP = 3  # knowledge files kept (other versions of the packs), newest first
# The code that turns pack files into checked packs (numerals and words come from these too).
_PACKAGES = ("knowledge", "lang", "understand")
_DEPENDENCIES = ("yaml",)


@lru_cache(maxsize=1)
def code_version() -> str:
    return source_version(f"knowledge {FORMAT}", _PACKAGES, _DEPENDENCIES)


def files_key(root: Path) -> str:
    """A hash of every file under `root` (relative path, size, bytes), of `root` as written
    (entries record their file's path) and of the code: equal only for the same knowledge."""
    h = hashlib.sha256(code_version().encode())
    h.update(f"{root}\0".encode())
    files: list[str] = []
    for folder, _dirs, names in os.walk(root, followlinks=True):
        files += [os.path.relpath(os.path.join(folder, n), root) for n in names]
    for rel in sorted(files):
        data = (root / rel).read_bytes()
        h.update(f"{rel}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _pack_texts(knowledge: Knowledge, ends: array[int]) -> Iterator[str]:
    at = 0
    for pack in knowledge.packs:
        text = json.dumps(plain(pack), ensure_ascii=False, separators=(",", ":"))
        at += len(text)
        ends.append(at)
        yield text


def _write(knowledge: Knowledge, key: str, f: IO[bytes]) -> None:
    w = Writer(f, MAGIC)
    ends: array[int] = array("q")
    w.text_parts("packs.blob", _pack_texts(knowledge, ends))
    w.arr("packs.end", ends)
    w.finish(FORMAT, key)


def _read(f: IO[bytes], key: str) -> Knowledge:
    r = open_verified(f, MAGIC, FORMAT, key)
    try:
        blob = r.text("packs.blob")
        ends = r.arr("packs.end", "q")
        if not ends or ends[-1] != len(blob):
            raise CorruptCache("packs do not fit")
        packs = tuple(
            unplain(json.loads(blob[start:end]))
            for start, end in zip((0, *ends[:-1]), ends, strict=True)
        )
    except (KeyError, TypeError, ValueError, IndexError, UnicodeError) as exc:
        if isinstance(exc, CorruptCache):
            raise
        raise CorruptCache(f"undecodable: {exc}") from exc
    if not all(type(p) is Pack for p in packs):
        raise CorruptCache("not packs")
    return Knowledge(packs)


class KnowledgeCache:
    """Checked knowledge saved in and loaded from one folder (the index cache's)."""

    def __init__(self, directory: Path) -> None:
        self._folder = CacheFolder(Path(directory), "knowledge", log, KEEP)

    @property
    def last(self) -> str:
        """What the last `load` did: "hit", "miss", "stale" or "corrupt"."""
        return self._folder.last

    def load(self, root: Path | None = None) -> Knowledge:
        """The knowledge under `root` (default: ``knowledge_dir()``), checked: from the
        cache when its files are unchanged, else parsed and checked (KnowledgeError when
        anything is wrong, as `load_knowledge`) and saved."""
        root = knowledge_dir() if root is None else Path(root)
        if not root.is_dir():
            return load_knowledge(root)  # reports the missing folder
        key = files_key(root)
        got = self._folder.load(key, lambda f: _read(f, key))
        if got is not None:
            return got
        knowledge = load_knowledge(root)
        if files_key(root) == key:  # not edited while it was read: the packs are this key's
            self._folder.save(key, lambda f: _write(knowledge, key, f))
        return knowledge


def knowledge_cache(directory: Path | None) -> KnowledgeCache | None:
    """The cache in `directory` (`Settings.index_cache_dir`, shared with the index cache), or
    None when caching is off."""
    return KnowledgeCache(directory) if directory is not None else None
