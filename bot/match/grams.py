"""Grams and their compact storage: one channel's vocabulary, postings and per-row gram sets.

A channel is one kind of gram (characters, pinyin syllables, English words). Every gram is
interned once per pack set to an integer id; everything else holds ids in `array` objects or
in strings, never one Python object per gram occurrence. At 10,000 entries the dict-per-field
layout this replaces held 70 MiB of gram strings, one copy per field.

Gram *sets* (which grams a field or an entry has) are strings of code points, one character
per gram id: ``chr(id) in row`` is a C scan over a few dozen characters, as fast as a dict
look-up, at 1-4 bytes a gram and no object per gram. Ids may fall in the surrogate range;
such strings are never encoded as text (the build cache stores them with ``surrogatepass``).
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import accumulate, pairwise
from operator import add

from bot.match.strings import Strings, StringsBuilder

__all__ = [
    "GRAM_KINDS",
    "MAX_GRAMS",
    "UNIGRAM_WEIGHT",
    "Channel",
    "ChannelBuilder",
    "Strings",
    "StringsBuilder",
    "char_grams",
    "seq_grams",
    "word_grams",
]

Pairs = Callable[[Sequence[str]], Iterator[str]]

UNIGRAM_WEIGHT = 0.3  # single characters say little on their own; bigrams carry the meaning
MAX_GRAMS = 0x110000  # ids are code points in the gram-set strings
assert array("i").itemsize == 4, "gram-set strings need 4-byte ints"


def _char_pairs(units: Sequence[str]) -> Iterator[str]:
    return map(add, units, units[1:])


def _seq_pairs(units: Sequence[str]) -> Iterator[str]:
    return map(" ".join, pairwise(units))


def _grams(units: Sequence[str], weight: float, pairs: Pairs | None) -> dict[str, float]:
    g = dict.fromkeys(units, weight)
    if pairs is not None:
        g.update(dict.fromkeys(pairs(units), 1.0))
    return g


def char_grams(text: str) -> dict[str, float]:
    """Unigrams then bigrams, each in order of first occurrence, with their type weight."""
    return _grams(text, UNIGRAM_WEIGHT, _char_pairs)


def seq_grams(tokens: Sequence[str]) -> dict[str, float]:
    """Tokens (syllables) then adjacent pairs joined by a space, as `char_grams` does."""
    return _grams(tokens, UNIGRAM_WEIGHT, _seq_pairs)


def word_grams(words: Sequence[str]) -> dict[str, float]:
    return _grams(words, 1.0, None)


# Per channel: the weight of a single unit, and how adjacent units pair (None: no pairs).
GRAM_KINDS: dict[str, tuple[float, Pairs | None]] = {
    "char": (UNIGRAM_WEIGHT, _char_pairs),
    "pinyin": (UNIGRAM_WEIGHT, _seq_pairs),
    "en": (1.0, None),
}


@dataclass(frozen=True, slots=True)
class Channel:
    """One channel, built: read-only tables indexed by gram id, channel field or entry."""

    name: str
    ids: dict[str, int]  # gram -> id; insertion order is id order
    idf: array[float]  # per gram id
    idf_unknown: float
    post_start: array[int]  # gram id -> its postings are post_flat[start[id]:start[id + 1]]
    post_flat: array[int]  # channel field ids, ascending within one gram
    field_global: array[int]  # channel field -> index field (row of the index's field tables)
    field_total: array[float]  # IDF-weighted size of the field
    field_key: array[float]  # kind weight / total, for the cheap ranking
    field_rows: Strings  # per channel field: its gram ids as code points
    entry_rows: Strings  # per entry: every gram id it has (fields and topic words)

    def postings(self, gram: str) -> array[int] | None:
        """The fields that contain `gram` (a fresh slice), or None."""
        gid = self.ids.get(gram)
        if gid is None:
            return None
        s, e = self.post_start[gid], self.post_start[gid + 1]
        return self.post_flat[s:e] if e > s else None

    def indexed(self, gram: str) -> bool:
        """Whether some field has `gram` (a topic word alone does not count)."""
        gid = self.ids.get(gram)
        return gid is not None and self.post_start[gid + 1] > self.post_start[gid]

    def indexed_grams(self) -> list[str]:
        ps = self.post_start
        return [g for g, i in self.ids.items() if ps[i + 1] > ps[i]]

    def weigh(self, grams: dict[str, float]) -> dict[str, float]:
        get, idf, unknown = self.ids.get, self.idf, self.idf_unknown
        out: dict[str, float] = {}
        for g, w in grams.items():
            gid = get(g)
            out[g] = w * (unknown if gid is None else idf[gid])
        return out

    def code(self, gram: str) -> str:
        """The gram's character in the row strings ("" for an unknown gram: in no row)."""
        gid = self.ids.get(gram)
        return "" if gid is None else chr(gid)


_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_EMPTY: array[int] = array("i")


def as_text(gids: array[int]) -> str:
    """Gram ids as a string of code points. A 4-byte int array *is* UTF-32 text in the
    machine's byte order, so this is one decode, without a str object per id."""
    return str(gids.tobytes(), _UTF32, "surrogatepass")


class ChannelBuilder:
    """Collects one channel's fields entry by entry; `finish` weighs and freezes them.

    Entries are added in order, each entry's fields one after the other and `end_entry` after
    them. Grams are cut and interned once per distinct *text*: a text seen before (aliases
    repeat, every city has a 低保标准, copies of a pack repeat everything) only adds a field
    pointing at its text. Each text keeps its gram ids as a string of code points (the final
    row table is their join); `finish` walks the fields once, entry by entry, for the postings,
    the document frequencies and the entries' rows.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._unit_weight, self._pairs = GRAM_KINDS[name]
        self._vocab: dict[str, int] = {}  # gram -> id; insertion order is id order
        self._weights: array[float] = array("d")  # per gram id: its type weight
        self._by_text: dict[str, int] = {}  # text -> its text id
        self._text_rows: list[str] = []  # per text: its gram ids as code points, in order
        self._field_text: array[int] = array("i")  # per field: its text
        self._field_global: array[int] = array("i")
        self._kind_weight: array[float] = array("d")
        self._entry_end: array[int] = array("i")  # per entry: the end of its fields
        self._extra: list[str] = []  # per entry: its topic's gram codes (shared strings)

    def _intern(self, grams: list[str], n_units: int) -> list[int]:
        """Ids of `grams`; a gram seen for the first time gets the next id and the type weight
        of its place (the first `n_units` are units, the rest pairs)."""
        vocab = self._vocab
        gids: list[int | None] = list(map(vocab.get, grams))
        if None in gids:
            for i, gid in enumerate(gids):
                if gid is None:
                    g = grams[i]
                    gid = gids[i] = vocab.get(g)
                    if gid is None:
                        gid = gids[i] = vocab[g] = len(vocab)
                        self._weights.append(self._unit_weight if i < n_units else 1.0)
            if len(vocab) > MAX_GRAMS:
                raise ValueError(f"more than {MAX_GRAMS:,} distinct grams in {self.name}")
        return gids  # type: ignore[return-value]  # every None was replaced

    def _row(self, units: Sequence[str]) -> str:
        """The text's gram ids in `char_grams` order (units, then pairs, first occurrence)."""
        grams = list(units)
        n_units = len(grams)
        if self._pairs is not None:
            grams += self._pairs(units)
        return as_text(array("i", dict.fromkeys(self._intern(grams, n_units))))

    def add_field(
        self, global_fid: int, text: str, units: Sequence[str], kind_weight: float
    ) -> None:
        """One index string: `text` is its key (`units` are read only for a new text)."""
        tid = self._by_text.get(text)
        if tid is None:
            tid = self._by_text[text] = len(self._text_rows)
            self._text_rows.append(self._row(units))
        self._field_text.append(tid)
        self._field_global.append(global_fid)
        self._kind_weight.append(kind_weight)

    def topic_ids(self, grams: dict[str, float]) -> str:
        """Codes of grams an entry has without a field (its topic's words), interned with their
        type weights: a gram first seen here keeps its weight when a later field has it."""
        out: list[int] = []
        for g, w in grams.items():
            gid = self._vocab.get(g)
            if gid is None:
                gid = self._vocab[g] = len(self._vocab)
                self._weights.append(w)
            out.append(gid)
        return "".join(map(chr, sorted(set(out))))

    def end_entry(self, extra: str = "") -> None:
        """Close the entry (its fields are the ones added since the last); `extra` are the
        codes of its topic's words (`topic_ids`)."""
        self._entry_end.append(len(self._field_text))
        self._extra.append(extra)

    def _postings(self) -> tuple[array[int], array[int], array[int], Strings]:
        """Per gram, the fields holding it, ascending, and how many entries hold it; per
        entry, its row: its fields' grams, then those of its topic words they lack (each once,
        in order of first occurrence). Entries and their fields are walked in order, so a gram
        already posted for the current entry is told by the entry it was last counted for."""
        rows, texts = self._text_rows, self._field_text
        n_grams = len(self._vocab)
        posts = [array("i") for _ in range(n_grams)]  # half a list's bytes at the build's peak
        post_to = [p.append for p in posts]
        df = array("i", bytes(4 * n_grams))
        last = [-1] * n_grams  # per gram: the last entry that holds it
        entry_rows = StringsBuilder()
        start = 0
        for e, end in enumerate(self._entry_end):
            own: list[str] = []
            for fid in range(start, end):
                for c in rows[texts[fid]]:
                    g = ord(c)
                    post_to[g](fid)
                    if last[g] != e:
                        last[g] = e
                        df[g] += 1
                        own.append(c)
            start = end
            for c in self._extra[e]:
                g = ord(c)
                if last[g] != e:
                    last[g] = e
                    df[g] += 1
                    own.append(c)
            entry_rows.add("".join(own))
        post_start = array("i", accumulate(map(len, posts), initial=0))
        post_flat: array[int] = array("i")
        for g in range(n_grams):
            post_flat += posts[g]
            posts[g] = _EMPTY  # freed as it is copied
        return post_start, post_flat, df, entry_rows.finish()

    def finish(self, n_entries: int) -> Channel:
        self._by_text = {}  # only adding needs it: free it before the tables below are made
        n = max(n_entries, 1)
        n_grams = len(self._vocab)
        post_start, post_flat, df, entry_rows = self._postings()
        idf = array("d", (math.log(1.0 + n / df[g]) for g in range(n_grams)))
        weighted = array("d", map(float.__mul__, idf, self._weights))
        # Summed in the text's gram order, one addition at a time: the same floats as the loop
        # this replaced, on every Python (builtin sum() compensates on 3.12+).
        text_totals = array(
            "d",
            (
                reduce(add, map(weighted.__getitem__, map(ord, row)), 0.0) or 1.0
                for row in self._text_rows
            ),
        )
        totals = array("d", map(text_totals.__getitem__, self._field_text))
        key = array("d", map(float.__truediv__, self._kind_weight, totals))
        starts = array("i", accumulate(map(len, self._text_rows), initial=0))
        rows = Strings(
            "".join(self._text_rows),
            array("i", map(starts.__getitem__, self._field_text)),
            array("i", map(starts[1:].__getitem__, self._field_text)),
        )
        # Spent: what only building needed goes now, not when the whole index is done (the
        # peak of a cold start is the end of the build).
        del starts
        self._text_rows, self._field_text, self._extra = [], array("i"), []
        return Channel(
            name=self.name,
            ids=dict(self._vocab),
            idf=idf,
            idf_unknown=math.log(1.0 + n),
            post_start=post_start,
            post_flat=post_flat,
            field_global=self._field_global,
            field_total=totals,
            field_key=key,
            field_rows=rows,
            entry_rows=entry_rows,
        )
