"""Verified cache files: raw sections, a JSON header with a SHA-256 of them, one folder of them.

Start-up caches (the index, the parsed knowledge) share this one format and these rules, so
that there is one place where a damaged file is told from a good one:

* a file holds sections (raw arrays, UTF-8 texts, JSON values), then its header (JSON: magic
  format number, the key it was built for, the checksum of the sections, the section table),
  then the header's length (4 bytes, little-endian). The header comes last so that both sides
  stream: a section is written (or read) and dropped before the next;
* nothing can build anything but arrays, strings and plain JSON values: no pickle, no marshal,
  and the whole file is checked against its checksum before any section is decoded;
* a missing, damaged, foreign or stale file is ignored (logged) and rebuilt by the caller,
  never served; a file is replaced atomically, and failures to write are logged, not raised.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

__all__ = ["CacheFolder", "CorruptCache", "Reader", "Writer", "open_verified", "source_version"]

T = TypeVar("T")
_TEXT = ("utf-8", "strict")
_CHUNK = 1 << 20
_PIECE = 1 << 16  # characters encoded at a time
_BATCH = 256  # values (nested ones included) of a large JSON value encoded per call


class CorruptCache(ValueError):
    """The file is not one this code wrote for this key."""


class Writer:
    """Sections written one after the other to `f`, then `finish` writes the header."""

    def __init__(self, f: IO[bytes], magic: bytes) -> None:
        self.f = f
        self.magic = magic
        self.sha = hashlib.sha256()
        self.table: list[list[Any]] = []  # [name, kind, typecode, offset, length]
        self.size = 0
        f.write(magic)

    def _add(self, name: str, kind: str, code: str, raw: bytes | memoryview) -> None:
        n = raw.nbytes if isinstance(raw, memoryview) else len(raw)
        self.table.append([name, kind, code, self.size, n])
        self.f.write(raw)
        self.sha.update(raw)
        self.size += n

    def arr(self, name: str, a: array[Any]) -> None:
        self._add(name, "array", a.typecode, memoryview(a))

    def text(self, name: str, s: str, codec: tuple[str, str] = _TEXT) -> None:
        self.text_parts(name, (s[i : i + _PIECE] for i in range(0, len(s), _PIECE)), codec)

    def text_parts(self, name: str, parts: Iterable[str], codec: tuple[str, str] = _TEXT) -> None:
        """One text section written piece by piece: a large text is never encoded whole next
        to itself (the peak memory of a cold start is the build's, not the save's)."""
        offset = self.size
        for part in parts:
            raw = part.encode(*codec)
            self.f.write(raw)
            self.sha.update(raw)
            self.size += len(raw)
        self.table.append([name, "text", codec[0], offset, self.size - offset])

    def json(self, name: str, value: Any) -> None:
        """A JSON section, written as it is encoded (a large table never exists twice)."""
        self.text_parts(name, _joined(_json_pieces(value)))

    def finish(self, fmt: int, key: str) -> None:
        header = json.dumps(
            {"format": fmt, "key": key, "sha256": self.sha.hexdigest(), "sections": self.table}
        ).encode("utf-8")
        self.f.write(header)
        self.f.write(struct.pack("<I", len(header)))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _left(value: Any, budget: int) -> int:
    """`budget` less the items of `value`, nested ones included (counting stops below 0)."""
    if isinstance(value, dict):
        value = value.values()  # keys are strings
    elif not isinstance(value, list):
        return budget
    for v in value:
        budget = _left(v, budget - 1)
        if budget < 0:
            break
    return budget


def _json_pieces(value: Any) -> Iterator[str]:
    """`value` as compact JSON (the same text as ``json.dumps`` with these separators), a
    batch of items of at most `_BATCH` values (nested ones included) at a time, a larger item
    streamed on its own: one encoder call per item cost more than the rest of saving a cache,
    and a large table is never encoded whole."""
    if _left(value, _BATCH) >= 0:
        yield _dumps(value)
        return
    is_dict = isinstance(value, dict)
    yield "{" if is_dict else "["
    sep = ""
    batch: list[Any] = []
    budget = _BATCH
    for item in value.items() if is_dict else value:
        v = item[1] if is_dict else item
        left = _left(v, budget - 1)
        if left < 0 and batch:  # it does not fit beside the batch: the batch goes first
            yield sep + _dumps(dict(batch) if is_dict else batch)[1:-1]
            sep, batch, budget = ",", [], _BATCH
            left = _left(v, budget - 1)
        if left >= 0:
            batch.append(item)
            budget = left
            continue
        yield sep + _dumps(item[0]) + ":" if is_dict else sep
        yield from _json_pieces(v)
        sep = ","
    if batch:
        yield sep + _dumps(dict(batch) if is_dict else batch)[1:-1]
    yield "}" if is_dict else "]"


def _joined(pieces: Iterable[str], size: int = _PIECE) -> Iterator[str]:
    """Small pieces joined into about `size` characters at a time."""
    buf: list[str] = []
    n = 0
    for p in pieces:
        buf.append(p)
        n += len(p)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


class Reader:
    """The sections of a verified file (see `open_verified`)."""

    def __init__(self, f: IO[bytes], start: int, payload: int, table: list[list[Any]]) -> None:
        self.f = f
        self.start = start  # where the sections begin (after the magic)
        self.payload = payload  # bytes of sections
        self.table = {row[0]: row for row in table}

    def _raw(self, name: str, kind: str) -> tuple[str, bytes]:
        row = self.table.get(name)
        if row is None or row[1] != kind:
            raise CorruptCache(f"section {name!r} missing")
        _name, _kind, code, offset, length = row
        if offset < 0 or length < 0 or offset + length > self.payload:
            raise CorruptCache(f"section {name!r} out of bounds")
        self.f.seek(self.start + offset)
        return str(code), self.f.read(length)

    def arr(self, name: str, typecode: str) -> array[Any]:
        code, raw = self._raw(name, "array")
        if code != typecode:
            raise CorruptCache(f"section {name!r} has type {code!r}")
        a: array[Any] = array(typecode)
        a.frombytes(raw)
        return a

    def text(self, name: str, codec: tuple[str, str] = _TEXT) -> str:
        code, raw = self._raw(name, "text")
        if code != codec[0]:
            raise CorruptCache(f"section {name!r} has encoding {code!r}")
        return raw.decode(*codec)

    def json(self, name: str) -> Any:
        return json.loads(self.text(name))


def open_verified(f: IO[bytes], magic: bytes, fmt: int, key: str) -> Reader:
    """A reader of the file `f` once its magic, format, key and checksum are right; else
    CorruptCache ("stale: ..." when it is a good file for another key)."""
    size = f.seek(0, os.SEEK_END)
    f.seek(0)
    if size < len(magic) + 4 or f.read(len(magic)) != magic:
        raise CorruptCache("not a cache file of this kind")
    f.seek(size - 4)
    (length,) = struct.unpack("<I", f.read(4))
    payload = size - 4 - length - len(magic)
    if payload < 0:
        raise CorruptCache("truncated")
    f.seek(len(magic) + payload)
    try:
        header = json.loads(f.read(length).decode("utf-8"))
    except ValueError as exc:
        raise CorruptCache(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != fmt:
        raise CorruptCache("another format")
    if header.get("key") != key:
        raise CorruptCache("stale: built for other knowledge or code")
    if _checksum(f, len(magic), payload) != header.get("sha256"):
        raise CorruptCache("checksum mismatch")
    sections = header.get("sections")
    if not isinstance(sections, list) or not all(
        isinstance(r, list) and len(r) == 5 for r in sections
    ):
        raise CorruptCache("bad section table")
    return Reader(f, len(magic), payload, sections)


def _checksum(f: IO[bytes], start: int, payload: int) -> str:
    sha = hashlib.sha256()
    f.seek(start)
    left = payload
    while left:
        chunk = f.read(min(_CHUNK, left))
        if not chunk:
            raise CorruptCache("truncated")
        sha.update(chunk)
        left -= len(chunk)
    return sha.hexdigest()


class CacheFolder:
    """Files ``<prefix>-<key>.bin`` in one folder: load if valid, save atomically, keep a few.

    `last` tells what the last `load` did: "hit", "miss", "stale" or "corrupt".
    """

    def __init__(self, directory: Path, prefix: str, log: logging.Logger, keep: int = 3) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.log = log
        self.keep = keep
        self.last = ""

    def path(self, key: str) -> Path:
        return self.directory / f"{self.prefix}-{key[:32]}.bin"

    def load(self, key: str, decode: Callable[[IO[bytes]], T]) -> T | None:
        """`decode` of the file for `key`, or None (logged) when it is missing or bad.
        `decode` raises CorruptCache for anything it finds wrong."""
        path = self.path(key)
        try:
            with path.open("rb") as f:
                got = decode(f)
        except FileNotFoundError:
            self.last = "miss"
            return None
        except OSError as exc:
            self.last = "miss"
            self.log.warning("cache %s unreadable (%s); rebuilding", path, exc)
            return None
        except CorruptCache as exc:
            self.last = "stale" if str(exc).startswith("stale") else "corrupt"
            self.log.warning("cache %s ignored: %s; rebuilding", path, exc)
            return None
        self.last = "hit"
        return got

    def save(self, key: str, write: Callable[[IO[bytes]], None]) -> bool:
        """Write the file for `key` through `write`; False (logged) when it cannot be."""
        path = self.path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.prefix}-", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "wb") as f:
                    write(f)
                os.replace(tmp, path)  # readers see the old file or the whole new one
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError) as exc:
            self.log.warning("cache %s not written: %s", path, exc)
            return False
        self._prune(path)
        return True

    def _prune(self, keep: Path) -> None:
        """Other versions' files: keep the newest few, so a reload back is warm too."""
        try:
            files = sorted(
                self.directory.glob(f"{self.prefix}-*.bin"),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for old in [p for p in files if p != keep][self.keep - 1 :]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            self.log.debug("cache prune: %s", exc)


def source_version(salt: str, packages: Iterable[str], dependencies: Iterable[str]) -> str:
    """A hash of the code a cache's content is made by: the sources and data files (``*.py``,
    ``*.txt``) of `packages` (subpackages of bot), this module, the installed versions of
    `dependencies`, the Python version and the byte order."""
    h = hashlib.sha256()
    h.update(f"{salt} {sys.version} {sys.byteorder}".encode())
    root = Path(__file__).resolve().parent
    h.update(Path(__file__).read_bytes())
    for package in packages:
        files = [*(root / package).rglob("*.py"), *(root / package).rglob("*.txt")]
        for path in sorted(files):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    for dist in dependencies:
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
