"""The build cache: the index data saved once per knowledge content and code version.

Building the index normalizes and cuts every index string; at 10,000 entries that is most of
start-up, and a `/reload` that changed nothing would pay it again. `IndexCache.index` looks for
``index-<key>.bin`` in its folder first, where the key hashes the knowledge *content* (every
field of every pack, so any edit, wherever it came from, makes a new key) and the code that
turns it into an index (the sources of bot.match, bot.understand and bot.knowledge, the Python,
OpenCC and pypinyin versions, the byte order). A missing, damaged, foreign or stale file is
ignored and replaced by a fresh build: a cache can make a start slower, never an answer wrong.

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
import tempfile
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, get_args, get_type_hints

from bot.knowledge.models import Knowledge
from bot.match.index import Index
from bot.match.store import FORMAT, CorruptIndex, read, write
from bot.understand.normalize import Normalizer

__all__ = ["IndexCache", "code_version", "content_key", "index_cache"]

log = logging.getLogger(__name__)

# The code and language data an index is made by (the gazetteer and word lists included).
_PACKAGES = ("match", "understand", "knowledge", "lang")
_DEPENDENCIES = ("opencc", "pypinyin")  # conversion tables and readings
KEEP = 3  # index files kept in the folder (other knowledge versions), newest first


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything besides the knowledge that decides what the index holds."""
    h = hashlib.sha256()
    h.update(f"{FORMAT} {sys.version} {sys.byteorder}".encode())
    root = Path(__file__).resolve().parents[1]
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
    h.update(marshal.dumps(_plain(knowledge.packs), 2))  # hashed, never loaded
    return h.hexdigest()


class IndexCache:
    """Index data saved in and loaded from one folder (the bot's own, under DATA_DIR)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.last = ""  # what the last `index` call did: "hit", "miss", "stale", "corrupt"

    def path(self, key: str) -> Path:
        return self.directory / f"index-{key[:32]}.bin"

    def index(self, knowledge: Knowledge, normalizer: Normalizer | None = None) -> Index:
        """The index of `knowledge`: loaded when a valid file for it exists, else built (and
        saved for next time)."""
        key = content_key(knowledge)
        data = self._load(key, len(knowledge.entries))
        if data is not None:
            self.last = "hit"
            return Index(knowledge, normalizer, data=data)
        index = Index(knowledge, normalizer)
        self._save(key, index)
        return index

    def _load(self, key: str, n_entries: int) -> Any:
        path = self.path(key)
        try:
            with path.open("rb") as f:
                return read(f, key, n_entries)
        except FileNotFoundError:
            self.last = "miss"
            return None
        except OSError as exc:
            self.last = "miss"
            log.warning("index cache %s unreadable (%s); rebuilding", path, exc)
            return None
        except CorruptIndex as exc:
            self.last = "stale" if str(exc).startswith("stale") else "corrupt"
            log.warning("index cache %s ignored: %s; rebuilding", path, exc)
            return None

    def _save(self, key: str, index: Index) -> bool:
        path = self.path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "wb") as f:
                    write(index.data, key, f)
                os.replace(tmp, path)  # readers see the old file or the whole new one
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError) as exc:
            log.warning("index cache %s not written: %s", path, exc)
            return False
        self._prune(path)
        return True

    def _prune(self, keep: Path) -> None:
        """Old knowledge versions' files: keep the newest few, so a reload back is warm too."""
        try:
            files = sorted(
                self.directory.glob("index-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in [p for p in files if p != keep][KEEP - 1 :]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            log.debug("index cache prune: %s", exc)


def index_cache(directory: Path | None) -> IndexCache | None:
    """The cache in `directory` (`Settings.index_cache_dir`), or None when caching is off."""
    return IndexCache(directory) if directory is not None else None
