"""`IndexData` to a file and back: raw arrays and texts, a JSON header, a SHA-256 of them.

The format is chosen to load fast and to be unable to build anything but arrays, strings and
plain JSON values: arrays come back with ``array.frombytes`` (a copy, no parsing), texts with
one ``decode`` each, the few small tables from JSON. No pickle, no marshal: a damaged file can
at worst fail a check, and the checksum is verified before anything is decoded.

Layout: MAGIC, the sections one after the other, the header (JSON: format, key, checksum of
the sections, section table), the header's length (4 bytes, little-endian). The header comes
last so that both sides stream: a section is written (or read) and dropped before the next,
and memory never holds the whole file next to the index.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from array import array
from collections.abc import Iterable
from typing import IO, Any

from bot.match.build import CHANNELS, KINDS, IndexData, NumberKey
from bot.match.grams import Channel, Strings

__all__ = ["FORMAT", "MAGIC", "CorruptIndex", "decode", "encode", "read", "write"]

MAGIC = b"ZJIDX\x00\x02\n"
FORMAT = 2
_SEP = "\0"  # between grams in a vocabulary section (normalized text has no control characters)
# Gram-set rows hold gram ids as code points, surrogates included: utf-32 keeps them as they are.
_ROWS = ("utf-32-le", "surrogatepass")
_TEXT = ("utf-8", "strict")
_CHUNK = 1 << 20


class CorruptIndex(ValueError):
    """The file is not an index this code wrote for this key."""


class _Writer:
    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.sha = hashlib.sha256()
        self.table: list[list[Any]] = []  # [name, kind, typecode, offset, length]
        self.size = 0

    def _add(self, name: str, kind: str, code: str, raw: bytes | memoryview) -> None:
        n = raw.nbytes if isinstance(raw, memoryview) else len(raw)
        self.table.append([name, kind, code, self.size, n])
        self.f.write(raw)
        self.sha.update(raw)
        self.size += n

    def arr(self, name: str, a: array[Any]) -> None:
        self._add(name, "array", a.typecode, memoryview(a))

    def text(self, name: str, s: str, codec: tuple[str, str] = _TEXT) -> None:
        self._add(name, "text", codec[0], s.encode(*codec))

    def strings(self, name: str, s: Strings, codec: tuple[str, str] = _TEXT) -> None:
        self.text(name + ".blob", s.blob, codec)
        self.arr(name + ".start", s.start)
        self.arr(name + ".end", s.end)


class _Reader:
    def __init__(self, f: IO[bytes], payload: int, table: list[list[Any]]) -> None:
        self.f = f
        self.payload = payload  # bytes of sections
        self.table = {row[0]: row for row in table}

    def _raw(self, name: str, kind: str) -> tuple[str, bytes]:
        row = self.table.get(name)
        if row is None or row[1] != kind:
            raise CorruptIndex(f"section {name!r} missing")
        _name, _kind, code, offset, length = row
        if offset < 0 or length < 0 or offset + length > self.payload:
            raise CorruptIndex(f"section {name!r} out of bounds")
        self.f.seek(len(MAGIC) + offset)
        return str(code), self.f.read(length)

    def arr(self, name: str, typecode: str) -> array[Any]:
        code, raw = self._raw(name, "array")
        if code != typecode:
            raise CorruptIndex(f"section {name!r} has type {code!r}")
        a: array[Any] = array(typecode)
        a.frombytes(raw)
        return a

    def text(self, name: str, codec: tuple[str, str] = _TEXT) -> str:
        code, raw = self._raw(name, "text")
        if code != codec[0]:
            raise CorruptIndex(f"section {name!r} has encoding {code!r}")
        return raw.decode(*codec)

    def strings(self, name: str, codec: tuple[str, str] = _TEXT) -> Strings:
        blob = self.text(name + ".blob", codec)
        s = Strings(blob, self.arr(name + ".start", "i"), self.arr(name + ".end", "i"))
        if len(s.start) != len(s.end) or (s.end and (max(s.end) > len(blob) or min(s.start) < 0)):
            raise CorruptIndex(f"section {name!r} offsets do not fit")
        return s


def _tables(d: dict[NumberKey, tuple[int, ...]]) -> list[list[Any]]:
    return [[v, pct, list(ids)] for (v, pct), ids in d.items()]


def _untables(rows: Iterable[Any]) -> dict[NumberKey, tuple[int, ...]]:
    return {(v, pct): tuple(ids) for v, pct, ids in rows}  # types: checked by _check_rows


def write(data: IndexData, key: str, f: IO[bytes]) -> None:
    """Write `data`, built for knowledge + code `key`, to the binary file `f`."""
    f.write(MAGIC)
    w = _Writer(f)
    meta: dict[str, Any] = {
        "syllables": sorted(data.syllables),
        "exact": [[text, list(ids)] for text, ids in data.exact.items()],
        "numbers": _tables(data.numbers),
        "secondary": _tables(data.secondary),
        "idf_unknown": {},
    }
    for name in CHANNELS:
        c = data.channels[name]
        grams = list(c.ids)
        if any(_SEP in g for g in grams):
            raise ValueError(f"a {name} gram holds {_SEP!r}: not cacheable")
        meta["idf_unknown"][name] = c.idf_unknown
        w.text(f"{name}.grams", _SEP.join(grams))
        for part in ("idf", "post_start", "post_flat", "field_global", "field_total", "field_key"):
            w.arr(f"{name}.{part}", getattr(c, part))
        w.strings(f"{name}.field_rows", c.field_rows, _ROWS)
        w.strings(f"{name}.entry_rows", c.entry_rows, _ROWS)
    w.arr("field_entry", data.field_entry)
    w.arr("field_kind", data.field_kind)
    w.strings("field_text", data.field_text)
    w.strings("field_pinyin", data.field_pinyin)
    w.strings("names_of", data.names_of)
    w.arr("figureless", data.figureless)
    w.text("meta", json.dumps(meta, ensure_ascii=False))
    header = json.dumps(
        {"format": FORMAT, "key": key, "sha256": w.sha.hexdigest(), "sections": w.table}
    ).encode("utf-8")
    f.write(header)
    f.write(struct.pack("<I", len(header)))


def encode(data: IndexData, key: str) -> bytes:
    """`write` to bytes (tests)."""
    out = io.BytesIO()
    write(data, key, out)
    return out.getvalue()


def read(f: IO[bytes], key: str, n_entries: int) -> IndexData:
    """The index data in the binary file `f`, or CorruptIndex if it is damaged, for another
    key or format, or does not fit `n_entries` entries. The whole file is checked against its
    checksum before any section is decoded."""
    size = f.seek(0, os.SEEK_END)
    f.seek(0)
    if size < len(MAGIC) + 4 or f.read(len(MAGIC)) != MAGIC:
        raise CorruptIndex("not an index file")
    f.seek(size - 4)
    (length,) = struct.unpack("<I", f.read(4))
    payload = size - 4 - length - len(MAGIC)
    if payload < 0:
        raise CorruptIndex("truncated")
    f.seek(len(MAGIC) + payload)
    try:
        header = json.loads(f.read(length).decode("utf-8"))
    except ValueError as exc:
        raise CorruptIndex(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CorruptIndex("another format")
    if header.get("key") != key:
        raise CorruptIndex("stale: built for other knowledge or code")
    if _checksum(f, payload) != header.get("sha256"):
        raise CorruptIndex("checksum mismatch")
    try:
        return _decode(_Reader(f, payload, header["sections"]), n_entries)
    except (KeyError, TypeError, ValueError, IndexError, UnicodeError) as exc:
        if isinstance(exc, CorruptIndex):
            raise
        raise CorruptIndex(f"undecodable: {exc}") from exc


def decode(raw: bytes, key: str, n_entries: int) -> IndexData:
    """`read` from bytes (tests)."""
    return read(io.BytesIO(raw), key, n_entries)


def _checksum(f: IO[bytes], payload: int) -> str:
    sha = hashlib.sha256()
    f.seek(len(MAGIC))
    left = payload
    while left:
        chunk = f.read(min(_CHUNK, left))
        if not chunk:
            raise CorruptIndex("truncated")
        sha.update(chunk)
        left -= len(chunk)
    return sha.hexdigest()


def _decode(r: _Reader, n_entries: int) -> IndexData:
    meta = json.loads(r.text("meta"))
    channels: dict[str, Channel] = {}
    field_entry = r.arr("field_entry", "i")
    for name in CHANNELS:
        text = r.text(f"{name}.grams")
        grams = text.split(_SEP) if text else []
        c = Channel(
            name=name,
            ids={g: i for i, g in enumerate(grams)},
            idf=r.arr(f"{name}.idf", "d"),
            idf_unknown=float(meta["idf_unknown"][name]),
            post_start=r.arr(f"{name}.post_start", "i"),
            post_flat=r.arr(f"{name}.post_flat", "i"),
            field_global=r.arr(f"{name}.field_global", "i"),
            field_total=r.arr(f"{name}.field_total", "d"),
            field_key=r.arr(f"{name}.field_key", "d"),
            field_rows=r.strings(f"{name}.field_rows", _ROWS),
            entry_rows=r.strings(f"{name}.entry_rows", _ROWS),
        )
        _check_channel(c, len(grams), n_entries, len(field_entry))
        channels[name] = c
    data = IndexData(
        channels=channels,
        field_entry=field_entry,
        field_kind=r.arr("field_kind", "b"),
        field_text=r.strings("field_text"),
        field_pinyin=r.strings("field_pinyin"),
        syllables=frozenset(str(s) for s in meta["syllables"]),
        exact={t: tuple(ids) for t, ids in meta["exact"]},
        numbers=_untables(meta["numbers"]),
        secondary=_untables(meta["secondary"]),
        names_of=r.strings("names_of"),
        figureless=r.arr("figureless", "b"),
    )
    _check_rows(data, n_entries)
    return data


def _check_channel(c: Channel, n_grams: int, n_entries: int, n_index_fields: int) -> None:
    """Shapes that must agree. Element values are not scanned (a scan of every posting costs
    more than the rest of the load): the checksum already vouches that the file is the one this
    code wrote for this key."""
    n_fields = len(c.field_global)
    ok = (
        len(c.ids) == n_grams
        and len(c.idf) == n_grams
        and len(c.post_start) == n_grams + 1
        and c.post_start[0] == 0
        and c.post_start[-1] == len(c.post_flat)
        and len(c.field_total) == n_fields == len(c.field_key) == len(c.field_rows)
        and len(c.entry_rows) == n_entries
        and n_fields <= n_index_fields
    )
    if not ok:
        raise CorruptIndex(f"channel {c.name!r} tables do not agree")


def _check_rows(d: IndexData, n_entries: int) -> None:
    n = len(d.field_entry)
    ok = (
        len(d.field_kind) == n == len(d.field_text) == len(d.field_pinyin)
        and len(d.names_of) == n_entries == len(d.figureless)
        and (not n or 0 <= min(d.field_entry) <= max(d.field_entry) < n_entries)
        and (not n or 0 <= min(d.field_kind) <= max(d.field_kind) < len(KINDS))
        and all(
            0 <= i < n_entries
            for table in (d.exact, d.numbers, d.secondary)
            for ids in table.values()
            for i in ids
        )
    )
    if not ok:
        raise CorruptIndex("field tables do not agree")
