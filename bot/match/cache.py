"""The build cache: the index data saved once per knowledge content and code version.

Building the index normalizes and cuts every index string; at 10,000 entries that is most of
start-up, and a `/reload` that changed nothing would pay it again. `IndexCache` looks for
``index-<key>.bin`` in its folder first, where the key hashes the knowledge *content* (every
field of every pack, so any edit, wherever it came from, makes a new key) and the code that
turns it into an index and the engine's other tables (the sources of bot.match, bot.understand,
bot.knowledge, bot.lang and bot.decide, the Python, OpenCC and pypinyin versions, the byte
order). The file also carries those other tables (`extra`: the normalizer's, the fact book's;
see `bot.parts`). A missing, damaged, foreign or stale file is ignored and replaced by a fresh
build (`bot.cachefile`): a cache can make a start slower, never an answer wrong.

Nothing depends on the cache being there: `validate` never uses it, tests and libraries build
without it (``Engine(knowledge)``), and failures to write it are logged, not raised. An engine
writes its file on a thread once it can answer (`save_later`): a look-up in the same folder
waits for a write in flight, so this process never builds what it is saving.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.cachefile import CacheFolder, source_version
from bot.deferred import Deferred
from bot.knowledge.codec import plain
from bot.knowledge.models import Knowledge
from bot.match.build import IndexData
from bot.match.grams import Strings
from bot.match.index import Index
from bot.match.store import FORMAT, read_with, write
from bot.understand.normalize import Normalizer

__all__ = ["IndexCache", "code_version", "content_key", "index_cache"]

log = logging.getLogger(__name__)

# The code and language data an index is made by (the gazetteer and word lists included).
# bot.decide too: its fact book and programme map travel in the same file (`extra`).
_PACKAGES = ("match", "understand", "knowledge", "lang", "decide")
_DEPENDENCIES = ("opencc", "pypinyin")  # conversion tables and readings
KEEP = 3  # index files kept in the folder (other knowledge versions), newest first
_WRITING: dict[Path, Deferred[bool]] = {}  # folder -> the last write started in it


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything besides the knowledge that decides what the index holds."""
    return source_version(f"index {FORMAT}", _PACKAGES, _DEPENDENCIES)


def content_key(knowledge: Knowledge) -> str:
    """The cache key of `knowledge` with this code: equal only for identical content."""
    h = hashlib.sha256(code_version().encode())
    # Hashed, never loaded; entry by entry, so no copy of the whole knowledge is ever made.
    # Each marshal record delimits itself and the count says where a pack's entries end.
    for pack in knowledge.packs:
        h.update(marshal.dumps(plain(dataclasses.replace(pack, entries=())), 2))
        h.update(len(pack.entries).to_bytes(8, "little"))
        for e in pack.entries:
            h.update(marshal.dumps(plain(e), 2))
    return h.hexdigest()


class IndexCache:
    """Index data (and the engine's other start-up tables, `extra`) saved in and loaded from
    one folder (the bot's own, under DATA_DIR)."""

    def __init__(self, directory: Path) -> None:
        self._folder = CacheFolder(Path(directory), "index", log, KEEP)

    @property
    def directory(self) -> Path:
        return self._folder.directory

    @property
    def last(self) -> str:
        """What the last look-up did: "hit", "miss", "stale", "corrupt" ("" before any)."""
        return self._folder.last

    @last.setter
    def last(self, value: str) -> None:
        self._folder.last = value

    def path(self, key: str) -> Path:
        return self._folder.path(key)

    def index(self, knowledge: Knowledge, normalizer: Normalizer | None = None) -> Index:
        """The index of `knowledge`: loaded when a valid file for it exists, else built (and
        saved for next time)."""
        key = content_key(knowledge)
        got = self.load(key, len(knowledge.entries))
        if got is not None:
            return Index(knowledge, normalizer, data=got[0])
        index = Index(knowledge, normalizer)
        self.save(key, index.data)
        return index

    def load(self, key: str, n_entries: int) -> tuple[IndexData, Any, Strings] | None:
        """The index data, `extra` and `notes` saved for `key` (see `content_key`), or None."""
        self.wait()
        return self._folder.load(key, lambda f: read_with(f, key, n_entries))

    def save(self, key: str, data: IndexData, extra: Any = None, notes: Iterable[str] = ()) -> bool:
        """Save `data`, the JSON value `extra` and the per-entry texts `notes` for `key`;
        False (logged) on failure."""
        return self._folder.save(key, lambda f: write(data, key, f, extra, notes))

    def save_later(
        self, key: str, data: IndexData, extra: Any = None, notes: Iterable[str] = ()
    ) -> Deferred[bool]:
        """`save` on a thread the process waits for at exit, after any write in flight here."""
        before = _WRITING.get(self.directory)

        def run() -> bool:
            if before is not None:
                before.get()
            try:
                return self.save(key, data, extra, notes)
            except Exception:  # a cache must never stop the bot: logged, not raised
                log.exception("cache %s not written", self.path(key))
                return False

        got = _WRITING[self.directory] = Deferred(run).start("index-cache-write", daemon=False)
        return got

    def wait(self) -> None:
        """Wait for the writes in flight in this folder."""
        pending = _WRITING.get(self.directory)
        if pending is not None:
            pending.get()
            if _WRITING.get(self.directory) is pending:
                del _WRITING[self.directory]


def index_cache(directory: Path | None) -> IndexCache | None:
    """The cache in `directory` (`Settings.index_cache_dir`), or None when caching is off."""
    return IndexCache(directory) if directory is not None else None
