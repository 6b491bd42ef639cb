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
without it (``Engine(knowledge)``), and failures to write it are logged, not raised.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import logging
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, get_args, get_type_hints

from bot.cachefile import CacheFolder
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


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything besides the knowledge that decides what the index holds."""
    h = hashlib.sha256()
    h.update(f"{FORMAT} {sys.version} {sys.byteorder}".encode())
    root = Path(__file__).resolve().parents[1]
    h.update((root / "cachefile.py").read_bytes())
    for package in _PACKAGES:
        files = [*(root / package).rglob("*.py"), *(root / package).rglob("*.txt")]
        for path in sorted(files):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    for dist in _DEPENDENCIES:
        h.update(_stamp(dist).encode())
    return h.hexdigest()


def _stamp(package: str) -> str:
    """The installed version of a package, from its ``<name>-<version>.dist-info`` folder
    name beside it (else its ``__init__`` file's size and time). Not importlib.metadata, whose
    import alone costs more than a whole warm start of the bundled pack."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return f"{package}=none"
    init = Path(spec.origin)
    try:
        names = os.listdir(init.parent.parent)
    except OSError:
        names = []
    infos = sorted(n for n in names if n.lower().startswith(package + "-") and ".dist-info" in n)
    if infos:
        return f"{package}={infos}"
    st = init.stat()
    return f"{package}:{st.st_size}:{st.st_mtime_ns}"


def _plain(value: Any) -> Any:
    """A knowledge record (or a tuple of them) as nested tuples of plain values, which
    ``marshal`` writes at C speed. Per record class, only the fields whose type can hold a
    record are walked in Python; the rest (every field of an entry, the bulk of a large
    knowledge base) come out of one ``attrgetter`` call."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _CONVERTERS[type(value)] = _converter(type(value))
    return convert(value)


_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def _converter(cls: type) -> Callable[[Any], Any]:
    if cls is tuple:
        return lambda v: tuple(map(_plain, v))
    if not dataclasses.is_dataclass(cls):
        return lambda v: v  # str, int, float, bool, None: marshal refuses anything else
    hints = get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    nested = [n for n in names if _may_hold_record(hints[n])]
    flat = attrgetter(*[n for n in names if n not in nested], "__class__")
    label = cls.__name__
    if not nested:
        return lambda v: (label, flat(v)[:-1])
    return lambda v: (label, flat(v)[:-1], *(_plain(getattr(v, n)) for n in nested))


def _may_hold_record(hint: Any) -> bool:
    if dataclasses.is_dataclass(hint):
        return True
    return any(_may_hold_record(a) for a in get_args(hint))


def content_key(knowledge: Knowledge) -> str:
    """The cache key of `knowledge` with this code: equal only for identical content."""
    h = hashlib.sha256(code_version().encode())
    # Hashed, never loaded; entry by entry, so no copy of the whole knowledge is ever made.
    # Each marshal record delimits itself and the count says where a pack's entries end.
    for pack in knowledge.packs:
        h.update(marshal.dumps(_plain(dataclasses.replace(pack, entries=())), 2))
        h.update(len(pack.entries).to_bytes(8, "little"))
        for e in pack.entries:
            h.update(marshal.dumps(_plain(e), 2))
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
        return self._folder.load(key, lambda f: read_with(f, key, n_entries))

    def save(self, key: str, data: IndexData, extra: Any = None, notes: Iterable[str] = ()) -> bool:
        """Save `data`, the JSON value `extra` and the per-entry texts `notes` for `key`;
        False (logged) on failure."""
        return self._folder.save(key, lambda f: write(data, key, f, extra, notes))


def index_cache(directory: Path | None) -> IndexCache | None:
    """The cache in `directory` (`Settings.index_cache_dir`), or None when caching is off."""
    return IndexCache(directory) if directory is not None else None
