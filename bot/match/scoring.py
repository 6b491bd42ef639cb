"""The text score of a normalized question against the index data, per entry (0..1).

A query only touches the postings of its own grams; the few fields that share the most weight
with it are then scored properly:

* A — coverage both ways (how much of the question the field explains, and how much of the
  field the question contains), geometric mean, IDF-weighted;
* B — how much of the question the entry as a whole explains (all its strings and topic words);
* C — rapidfuzz ``ratio`` on the two normalized strings (order and near-misses).

The same is done on pinyin syllables (底保 -> di bao = 低保; "dibao" typed as pinyin) and on
English words, and the best channel wins (a question mixing Chinese and English credits both).
"""

from __future__ import annotations

import heapq
import math
from array import array
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.match.build import KIND_WEIGHT, KINDS, IndexData
from bot.match.grams import char_grams, seq_grams, word_grams
from bot.understand.normalize import Normalized, pinyin_of, segment_syllables, stem

__all__ = ["ENTRY_SHORTLIST", "TextScorer"]

PINYIN_FACTOR = 0.92  # a pinyin-only match is a little less certain than a character match
FIELD_SHORTLIST = 60
POSTING_BUDGET = 6000  # postings walked per channel and query: bounds the cost on big packs
ENTRY_SHORTLIST = 40

# entry index -> (text score 0..1, kind of the best field, channel)
TextScores = dict[int, tuple[float, str, str]]


@dataclass(slots=True)
class Query:
    grams: dict[str, dict[str, float]] = field(default_factory=dict)  # channel -> weighted
    strings: dict[str, str] = field(default_factory=dict)  # channel -> string for ratio


class TextScorer:
    """Scores questions on the strings alone; the signals (numbers, units ...) come after."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self.ch = data.channels
        self.en_vocab = sorted(self.ch["en"].indexed_grams())

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return segment_syllables(word, self.data.syllables, min_len=2)

    def query(self, q: Normalized) -> Query:
        out = Query()
        text = q.text
        syl = pinyin_of(text)
        en: list[str] = []
        en_ids = self.ch["en"].ids
        for w in q.english:
            w2 = stem(w)
            known = w2 in en_ids
            seg = None if known else self.segment_pinyin(w)
            if seg is not None and len(seg) >= 2:
                syl.extend(seg)
            elif not known and self.en_vocab and len(w2) >= 4:
                hit = process.extractOne(w2, self.en_vocab, scorer=fuzz.ratio, score_cutoff=82)
                en.append(hit[0] if hit else w2)
            else:
                en.append(w2)
        if text:
            out.grams["char"] = self.ch["char"].weigh(char_grams(text))
            out.strings["char"] = text
        # Pinyin only adds what characters cannot find: a homophone typo (an unknown bigram) or
        # pinyin typed as words. A question whose every bigram is known skips it (half the cost).
        indexed = self.ch["char"].indexed
        known = len(syl) == len(text) and all(
            indexed(text[i : i + 2]) for i in range(len(text) - 1)
        )
        if syl and not (known and len(text) > 1):
            out.grams["pinyin"] = self.ch["pinyin"].weigh(seq_grams(syl))
            out.strings["pinyin"] = " ".join(syl)
        if en:
            out.grams["en"] = self.ch["en"].weigh(word_grams(en))
            out.strings["en"] = " ".join(en)
        return out

    def channel_scores(
        self, name: str, qgrams: dict[str, float], qstring: str
    ) -> dict[int, tuple[float, str]]:
        """Per entry: the best text score (0..1) on this channel, and the kind of field."""
        ch = self.ch[name]
        wq = sum(qgrams.values())
        if wq <= 0:
            return {}
        # Walk the rarest grams' postings first, within a budget; the rest ("stop" grams) are
        # added afterwards, only for the fields that made the shortlist.
        found: list[tuple[str, float, array[int]]] = []
        for g, w in qgrams.items():
            fp = ch.postings(g)
            if fp is not None:
                found.append((g, w, fp))
        ordered = sorted(found, key=lambda t: len(t[2]))
        mf: dict[int, float] = {}
        stop: list[tuple[str, float]] = []
        budget = POSTING_BUDGET
        # Single characters / syllables have long postings and little weight: they only pick
        # candidates when no bigram matched, otherwise they are scored on the shortlist.
        if name == "char":
            singles = [t for t in ordered if len(t[0]) == 1]
        elif name == "pinyin":
            singles = [t for t in ordered if " " not in t[0]]
        else:
            singles = []
        if singles and len(singles) < len(ordered):
            walk = [t for t in ordered if t not in singles]
            stop.extend((g, w) for g, w, _fp in singles)
        else:
            walk = ordered
        get = mf.get
        for g, w, fp in walk:
            if len(fp) > budget:
                stop.append((g, w))
                continue
            budget -= len(fp)
            for fid in fp:
                mf[fid] = get(fid, 0.0) + w
        if not mf:
            if not stop:
                return {}
            first = ch.postings(stop[0][0]) or array("i")
            mf = dict.fromkeys(first[:FIELD_SHORTLIST], 0.0)
        fkey = ch.field_key
        if len(mf) > FIELD_SHORTLIST:
            floor = max(mf.values()) * 0.34
            cheap = heapq.nlargest(
                FIELD_SHORTLIST,
                ((m * m * fkey[fid], fid, m) for fid, m in mf.items() if m >= floor),
            )
            pairs = [(fid, m) for _k, fid, m in cheap]
        else:
            pairs = list(mf.items())
        return self._score_fields(name, pairs, qgrams, wq, qstring, stop)

    def _score_fields(
        self,
        name: str,
        pairs: list[tuple[int, float]],
        qgrams: dict[str, float],
        wq: float,
        qstring: str,
        stop: list[tuple[str, float]],
    ) -> dict[int, tuple[float, str]]:
        """A, B and C for the shortlisted fields; the best field per entry."""
        ch = self.ch[name]
        d = self.data
        ftotal = ch.field_total
        fglobal = ch.field_global
        field_rows = ch.field_rows
        entry_rows = ch.entry_rows
        fentry = d.field_entry
        fkind = d.field_kind
        ftext = d.field_pinyin if name == "pinyin" else d.field_text
        ratio = fuzz.ratio
        code = ch.code
        qcodes = [(code(g), w) for g, w in qgrams.items()]
        stop_codes = [(c, w) for c, w in ((code(g), w) for g, w in stop) if c]
        b_cache: dict[int, float] = {}
        best: dict[int, tuple[float, str]] = {}
        for fid, m in pairs:
            if stop_codes:
                row = field_rows[fid]
                for c, w in stop_codes:
                    if c in row:
                        m += w
            gid = fglobal[fid]
            e = fentry[gid]
            b = b_cache.get(e)
            if b is None:
                eg = entry_rows[e]
                b = min(1.0, sum(w for c, w in qcodes if c and c in eg) / wq)
                b_cache[e] = b
            qcov = min(1.0, m / wq)
            fcov = min(1.0, m / ftotal[fid])
            a = math.sqrt(qcov * fcov)
            c_ = ratio(qstring, ftext[gid]) / 100.0
            kind = KINDS[fkind[gid]]
            s = KIND_WEIGHT[kind] * (0.55 * a + 0.20 * c_) + 0.25 * b
            prev = best.get(e)
            if prev is None or s > prev[0]:
                best[e] = (s, kind)
        return best

    def scores(self, qq: Query) -> TextScores:
        """The best channel per entry, and the mixed score of a Chinese + English question."""
        combined: TextScores = {}
        per_channel: dict[str, dict[int, tuple[float, str]]] = {}
        for name, factor in (("char", 1.0), ("pinyin", PINYIN_FACTOR), ("en", 1.0)):
            grams = qq.grams.get(name)
            if not grams:
                continue
            got = self.channel_scores(name, grams, qq.strings[name])
            per_channel[name] = got
            for e, (s, kind) in got.items():
                s *= factor
                prev = combined.get(e)
                if prev is None or s > prev[0]:
                    combined[e] = (s, kind, name)
        # When the question mixes Chinese and English, credit both parts.
        if "en" in qq.grams and "char" in qq.grams:
            wc = sum(qq.grams["char"].values())
            we = sum(qq.grams["en"].values())
            share_c = wc / (wc + we)
            en_scores = per_channel.get("en", {})
            ch_scores = per_channel.get("char", {})
            for e in set(en_scores) | set(ch_scores):
                mixed = (
                    share_c * ch_scores.get(e, (0.0, ""))[0]
                    + (1 - share_c) * en_scores.get(e, (0.0, ""))[0]
                )
                prev = combined.get(e)
                if prev is None or mixed > prev[0]:
                    combined[e] = (mixed, "mixed", "mixed")
        return combined
