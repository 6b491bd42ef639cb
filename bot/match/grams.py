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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import accumulate, compress, pairwise, repeat
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


def as_text(gids: array[int]) -> str:
    """Gram ids as a string of code points. A 4-byte int array *is* UTF-32 text in the
    machine's byte order, so this is one decode, without a str object per id."""
    return str(gids.tobytes(), _UTF32, "surrogatepass")


class _Vocab(dict[str, int]):
    """Interning: a gram seen for the first time gets the next id (map-friendly, C-speed)."""

    def __missing__(self, gram: str) -> int:
        gid = self[gram] = len(self)
        return gid


class ChannelBuilder:
    """Collects one channel's fields entry by entry; `finish` weighs and freezes them.

    Entries are added in order, each entry's fields one after the other and `end_entry` after
    them. Grams are cut, interned and posted once per distinct *text*: a text seen before
    (aliases repeat, every city has a 低保标准, copies of a pack repeat everything) only adds a
    field pointing at its text. `finish` turns the texts' postings into the fields'.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._unit_weight, self._pairs = GRAM_KINDS[name]
        self._vocab = _Vocab()
        # Per gram id, how many texts hold it (their ids are read off the texts in `finish`:
        # one array of counts, not one array per gram at the build's peak).
        self._count: array[int] = array("i")
        self._weights: array[float] = array("d")  # per gram id: its type weight
        self._by_text: dict[str, int] = {}  # text -> its text id
        self._text_gids: array[int] = array("i")  # per text, its gram ids (one slice each)
        self._text_start: array[int] = array("i", [0])
        self._field_text: array[int] = array("i")  # per field: its text
        self._field_global: array[int] = array("i")
        self._kind_weight: array[float] = array("d")
        self._entry_rows = StringsBuilder()
        self._entry_first = 0  # the current entry's first field
        # Per gram id, how many entries hold it (an array: `+= 1` per item is 3x a Counter).
        self._df: array[int] = array("i")

    def _intern(self, grams: Iterable[str], weight: float) -> list[int]:
        known = len(self._vocab)
        gids = list(map(self._vocab.__getitem__, grams))
        new = len(self._vocab) - known
        if new:
            if len(self._vocab) > MAX_GRAMS:
                raise ValueError(f"more than {MAX_GRAMS:,} distinct grams in {self.name}")
            self._weights.extend(repeat(weight, new))
            self._count.extend(repeat(0, new))
            self._df.extend(repeat(0, new))
        return gids

    def _gram_ids(self, units: Sequence[str]) -> list[int]:
        """The field's gram ids in `char_grams` order: units, then pairs, first occurrence."""
        gids = self._intern(units, self._unit_weight)
        if self._pairs is not None:
            gids += self._intern(self._pairs(units), 1.0)
        return list(dict.fromkeys(gids))

    def add_field(
        self, global_fid: int, text: str, units: Sequence[str], kind_weight: float
    ) -> None:
        """One index string: `text` is its key (`units` are read only for a new text)."""
        tid = self._by_text.get(text)
        if tid is None:
            tid = self._by_text[text] = len(self._text_start) - 1
            gids = self._gram_ids(units)
            count = self._count
            for g in gids:
                count[g] += 1
            self._text_gids.extend(gids)
            self._text_start.append(len(self._text_gids))
        self._field_text.append(tid)
        self._field_global.append(global_fid)
        self._kind_weight.append(kind_weight)

    def topic_ids(self, grams: dict[str, float]) -> frozenset[int]:
        """Ids for grams an entry has without a field (its topic's words), interned with their
        type weights: a gram first seen here keeps its weight when a later field has it."""
        out: list[int] = []
        for g, w in grams.items():
            out += self._intern((g,), w)
        return frozenset(out)

    def end_entry(self, extra: frozenset[int] = frozenset()) -> None:
        flat, starts = self._text_gids, self._text_start
        fields = self._field_text[self._entry_first :]
        self._entry_first = len(self._field_text)
        # Every field's grams in field order, as one run: the same set, built the same way.
        run: array[int] = array("i")
        for t in fields:
            run.extend(flat[starts[t] : starts[t + 1]])
        grams = set(run)
        grams |= extra
        self._entry_rows.add(as_text(array("i", grams)))
        df = self._df
        for g in grams:
            df[g] += 1

    def _postings(self) -> tuple[array[int], array[int]]:
        """Per gram, the fields holding it, ascending: its texts' fields, merged."""
        texts = self._field_text
        flat, starts = self._text_gids, self._text_start
        n_texts = len(starts) - 1
        # Per gram, its texts in text order (a counting sort of the texts' grams by gram).
        gram_start = array("i", accumulate(self._count, initial=0))
        cursor = gram_start[:-1]
        by_gram = array("i", bytes(4 * len(flat)))
        for t in range(n_texts):
            for g in flat[starts[t] : starts[t + 1]]:
                by_gram[cursor[g]] = t
                cursor[g] += 1
        # Each text's fields, ascending, as slices of one array (a counting sort by text).
        count = array("i", bytes(4 * (n_texts + 1)))
        for t in texts:
            count[t + 1] += 1
        first = array("i", accumulate(count))
        cursor = first[:-1]
        by_text = array("i", bytes(4 * len(texts)))
        for f, t in enumerate(texts):
            by_text[cursor[t]] = f
            cursor[t] += 1
        del cursor
        # A text's first field grows with the text id, so texts with one field each (most of
        # them) give their fields in order without a sort.
        repeated = array("b", (first[t + 1] - first[t] > 1 for t in range(n_texts)))
        lead = array("i", map(by_text.__getitem__, first[:-1]))
        post_flat: array[int] = array("i")
        post_start: array[int] = array("i", [0])
        for g in range(len(gram_start) - 1):
            tids = by_gram[gram_start[g] : gram_start[g + 1]]
            again = list(compress(tids, map(repeated.__getitem__, tids)))
            if not again:
                post_flat.extend(map(lead.__getitem__, tids))
            else:  # the later fields of repeated texts, merged in
                fids = list(map(lead.__getitem__, tids))
                for t in again:
                    fids += by_text[first[t] + 1 : first[t + 1]]
                post_flat.extend(sorted(fids))
            post_start.append(len(post_flat))
        return post_start, post_flat

    def finish(self, n_entries: int) -> Channel:
        self._by_text = {}  # only adding needs it: free it before the tables below are made
        n = max(n_entries, 1)
        df = self._df
        idf = array("d", (math.log(1.0 + n / df[g]) for g in range(len(self._vocab))))
        weighted = array("d", map(float.__mul__, idf, self._weights))
        flat, starts = self._text_gids, self._text_start
        # Summed in the text's gram order, one addition at a time: the same floats as the loop
        # this replaced, on every Python (builtin sum() compensates on 3.12+).
        text_totals = array(
            "d",
            (
                reduce(add, map(weighted.__getitem__, flat[starts[t] : starts[t + 1]]), 0.0) or 1.0
                for t in range(len(starts) - 1)
            ),
        )
        totals = array("d", map(text_totals.__getitem__, self._field_text))
        key = array("d", map(float.__truediv__, self._kind_weight, totals))
        post_start, post_flat = self._postings()
        rows = Strings(
            as_text(flat),
            array("i", map(starts.__getitem__, self._field_text)),
            array("i", map(starts[1:].__getitem__, self._field_text)),
        )
        entry_rows = self._entry_rows.finish()
        # Spent: what only building needed goes now, not when the whole index is done (the
        # peak of a cold start is the end of the build).
        del flat, starts
        self._text_gids, self._text_start, self._field_text = array("i"), array("i"), array("i")
        self._count, self._df = array("i"), array("i")
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
