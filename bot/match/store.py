"""`IndexData` to a file and back: raw arrays and texts, small tables as JSON, verified.

The container (sections, header, checksum, the folder) is `bot.cachefile`'s, shared with the
knowledge cache. Arrays come back with ``array.frombytes`` (a copy, no parsing), texts with one
``decode`` each, the few small tables from JSON; the checksum is verified before anything is
decoded. Beside the index data a file carries the engine's other start-up tables (`extra`,
plain JSON values: the normalizer's, the fact book's), built from the same knowledge and code.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain
from typing import IO, Any

from bot.cachefile import CorruptCache, Reader, Writer, open_verified
from bot.deferred import Deferred
from bot.match.build import CHANNELS, KINDS, IndexData, NumberKey
from bot.match.grams import Channel, Strings
from bot.match.readings import Readings

__all__ = ["FORMAT", "MAGIC", "CorruptIndex", "decode", "encode", "read", "read_with", "write"]

MAGIC = b"ZJIDX\x00\x03\n"
FORMAT = 3
CorruptIndex = CorruptCache  # the name callers and tests know
_SEP = "\0"  # between grams in a vocabulary section (normalized text has no control characters)
# Gram-set rows hold gram ids as code points, surrogates included: utf-32 keeps them as they are.
_ROWS = ("utf-32-le", "surrogatepass")
_TEXT = ("utf-8", "strict")


def _put_strings(w: Writer, name: str, s: Strings, codec: tuple[str, str] = _TEXT) -> None:
    w.text(name + ".blob", s.blob, codec)
    w.arr(name + ".start", s.start)
    w.arr(name + ".end", s.end)


def _get_strings(r: Reader, name: str, codec: tuple[str, str] = _TEXT) -> Strings:
    blob = r.text(name + ".blob", codec)
    s = Strings(blob, r.arr(name + ".start", "i"), r.arr(name + ".end", "i"))
    if len(s.start) != len(s.end) or (s.end and (max(s.end) > len(blob) or min(s.start) < 0)):
        raise CorruptIndex(f"section {name!r} offsets do not fit")
    return s


def _pieces(texts: Iterable[str], ends: array[int], size: int = 1 << 15) -> Iterator[str]:
    """`texts` joined in pieces of about `size` characters; each text's end offset in `ends`."""
    buf: list[str] = []
    n = at = 0
    for t in texts:
        buf.append(t)
        n += len(t)
        at += len(t)
        ends.append(at)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


def _put_keyed(w: Writer, name: str, table: dict[str, tuple[int, ...]]) -> None:
    """A text -> entries table as three sections (texts, counts, ids): no JSON of it."""
    if any(_SEP in t for t in table):
        raise ValueError(f"a {name} text holds {_SEP!r}: not cacheable")
    w.text(name + ".texts", _SEP.join(table))
    w.arr(name + ".counts", array("i", map(len, table.values())))
    w.arr(name + ".ids", array("i", chain.from_iterable(table.values())))


def _get_keyed(r: Reader, name: str) -> dict[str, tuple[int, ...]]:
    blob = r.text(name + ".texts")
    texts = blob.split(_SEP) if blob else []
    counts = r.arr(name + ".counts", "i")
    ids = r.arr(name + ".ids", "i")
    if len(texts) != len(counts) or sum(counts) != len(ids) or (counts and min(counts) < 1):
        raise CorruptIndex(f"section {name!r} does not agree")
    ends = accumulate(counts)
    return {t: tuple(ids[e - n : e]) for t, n, e in zip(texts, counts, ends, strict=True)}


def _tables(d: dict[NumberKey, tuple[int, ...]]) -> list[list[Any]]:
    return [[v, pct, list(ids)] for (v, pct), ids in d.items()]


def _untables(rows: Iterable[Any]) -> dict[NumberKey, tuple[int, ...]]:
    return {(v, pct): tuple(ids) for v, pct, ids in rows}  # types: checked by _check_rows


def write(
    data: IndexData,
    key: str,
    f: IO[bytes],
    extra: Any = None,
    notes: Iterable[str] = (),
) -> None:
    """Write `data`, built for knowledge + code `key`, to `f`; with it the JSON value `extra`
    and `notes`, one text per entry (what other stages keep per entry, read back one by one:
    see `read_with`)."""
    w = Writer(f, MAGIC)
    ends: array[int] = array("i")
    w.text_parts("notes.blob", _pieces(notes, ends))
    w.arr("notes.end", ends)
    meta: dict[str, Any] = {
        "syllables": sorted(data.syllables),
        "numbers": _tables(data.numbers),
        "secondary": _tables(data.secondary),
        "idf_unknown": {},
    }
    _put_keyed(w, "exact", data.exact)
    for name in CHANNELS:
        c = data.channel(name)
        if any(_SEP in g for g in c.ids):
            raise ValueError(f"a {name} gram holds {_SEP!r}: not cacheable")
        meta["idf_unknown"][name] = c.idf_unknown
        w.text(f"{name}.grams", _SEP.join(c.ids))
        for part in ("idf", "post_start", "post_flat", "field_global", "field_total", "field_key"):
            w.arr(f"{name}.{part}", getattr(c, part))
        _put_strings(w, f"{name}.field_rows", c.field_rows, _ROWS)
        _put_strings(w, f"{name}.entry_rows", c.entry_rows, _ROWS)
    w.arr("field_entry", data.field_entry)
    w.arr("field_kind", data.field_kind)
    _put_strings(w, "field_text", data.field_text)
    _put_strings(w, "field_pinyin", data.field_pinyin)
    _put_strings(w, "names_of", data.names_of)
    w.arr("figureless", data.figureless)
    w.json("meta", meta)
    w.json("extra", extra)
    w.finish(FORMAT, key)


def encode(data: IndexData, key: str) -> bytes:
    """`write` to bytes (tests)."""
    out = io.BytesIO()
    write(data, key, out)
    return out.getvalue()


def read(f: IO[bytes], key: str, n_entries: int) -> IndexData:
    """The index data in the binary file `f`, or CorruptIndex if it is damaged, for another
    key or format, or does not fit `n_entries` entries. The whole file is checked against its
    checksum before any section is decoded."""
    return read_with(f, key, n_entries)[0]


def read_with(f: IO[bytes], key: str, n_entries: int) -> tuple[IndexData, Any, Strings]:
    """`read`, and the `extra` value and the `notes` (as `Strings`, none or one per entry)
    written beside the data."""
    r = open_verified(f, MAGIC, FORMAT, key)
    try:
        ends = r.arr("notes.end", "i")
        blob = r.text("notes.blob")
        if len(ends) not in (0, n_entries) or (ends and ends[-1] != len(blob)):
            raise CorruptIndex("notes do not fit")
        notes = Strings(blob, array("i", [0, *ends[:-1]]) if ends else ends, ends)
        return _decode(r, n_entries), r.json("extra"), notes
    except (KeyError, TypeError, ValueError, IndexError, UnicodeError) as exc:
        if isinstance(exc, CorruptIndex):
            raise
        raise CorruptIndex(f"undecodable: {exc}") from exc


def decode(raw: bytes, key: str, n_entries: int) -> IndexData:
    """`read` from bytes (tests)."""
    return read(io.BytesIO(raw), key, n_entries)


def _decode(r: Reader, n_entries: int) -> IndexData:
    meta = r.json("meta")
    channels: dict[str, Channel] = {}  # all three, as written; the pinyin one goes in readings
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
            field_rows=_get_strings(r, f"{name}.field_rows", _ROWS),
            entry_rows=_get_strings(r, f"{name}.entry_rows", _ROWS),
        )
        _check_channel(c, len(grams), n_entries, len(field_entry))
        channels[name] = c
    readings = Readings(
        channel=channels.pop("pinyin"),
        field_pinyin=_get_strings(r, "field_pinyin"),
        syllables=frozenset(str(s) for s in meta["syllables"]),
    )
    data = IndexData(
        channels=channels,
        readings=Deferred.of(readings),
        field_entry=field_entry,
        field_kind=r.arr("field_kind", "b"),
        field_text=_get_strings(r, "field_text"),
        exact=_get_keyed(r, "exact"),
        numbers=_untables(meta["numbers"]),
        secondary=_untables(meta["secondary"]),
        names_of=_get_strings(r, "names_of"),
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
