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

import math
from array import array
from dataclasses import dataclass, field
from itertools import compress

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
_KIND_WEIGHTS = tuple(KIND_WEIGHT[k] for k in KINDS)  # by kind code, as fields store it


def _posting_len(t: tuple[str, float, array[int]]) -> int:
    return len(t[2])


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
            out.grams["pinyin"] = self.data.channel("pinyin").weigh(seq_grams(syl))
            out.strings["pinyin"] = " ".join(syl)
        if en:
            out.grams["en"] = self.ch["en"].weigh(word_grams(en))
            out.strings["en"] = " ".join(en)
        return out

    def channel_scores(
        self, name: str, qgrams: dict[str, float], qstring: str
    ) -> dict[int, tuple[float, str]]:
        """Per entry: the best text score (0..1) on this channel, and the kind of field."""
        ch = self.data.channel(name)
        wq = sum(qgrams.values())
        if wq <= 0:
            return {}
        # Walk the rarest grams' postings first, within a budget; the rest ("stop" grams) are
        # added afterwards, only for the fields that made the shortlist.
        ids, start, flat = ch.ids, ch.post_start, ch.post_flat
        found: list[tuple[str, float, array[int]]] = []
        for g, w in qgrams.items():
            gid = ids.get(g)
            if gid is not None:
                s, e = start[gid], start[gid + 1]
                if e > s:
                    found.append((g, w, flat[s:e]))
        found.sort(key=_posting_len)
        # Single characters / syllables have long postings and little weight: they only pick
        # candidates when no bigram matched, otherwise they are scored on the shortlist.
        walk: list[tuple[str, float, array[int]]] = []
        singles: list[tuple[str, float, array[int]]] = []
        if name == "char":
            for t in found:
                (singles if len(t[0]) == 1 else walk).append(t)
        elif name == "pinyin":
            for t in found:
                (walk if " " in t[0] else singles).append(t)
        stop: list[tuple[str, float]] = []
        if singles and walk:
            stop.extend((g, w) for g, w, _fp in singles)
        else:
            walk = found
        mf: dict[int, float] = {}
        budget = POSTING_BUDGET
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
        if len(mf) > FIELD_SHORTLIST:
            fkey = ch.field_key
            floor = max(mf.values()) * 0.34
            # sorted(...)[:n] is what heapq.nlargest returns, and faster at these sizes.
            cheap = sorted(
                [(m * m * fkey[fid], fid, m) for fid, m in mf.items() if m >= floor],
                reverse=True,
            )
            pairs = [(fid, m) for _k, fid, m in cheap[:FIELD_SHORTLIST]]
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
        ch = self.data.channel(name)
        d = self.data
        ftotal = ch.field_total
        fglobal = ch.field_global
        fentry = d.field_entry
        fkind = d.field_kind
        ftext = d.field_pinyin if name == "pinyin" else d.field_text
        ids = ch.ids
        # Gram codes once per question (unknown grams are in no row and add nothing).
        qcodes: list[str] = []
        qweights: list[float] = []
        for g, w in qgrams.items():
            gid = ids.get(g)
            if gid is not None:
                qcodes.append(chr(gid))
                qweights.append(w)
        stop_codes = [(chr(gid), w) for g, w in stop if (gid := ids.get(g)) is not None]
        gids = [fglobal[fid] for fid, _m in pairs]
        # C: one rapidfuzz call for every shortlisted field (a cached scorer, same ratios).
        tb, ts, te = ftext.blob, ftext.start, ftext.end
        texts = [tb[ts[gid] : te[gid]] for gid in gids]
        ratios = [0.0] * len(texts)
        for _t, r, k in process.extract(
            qstring, texts, scorer=fuzz.ratio, processor=None, limit=None
        ):
            ratios[k] = r
        rows = ch.field_rows
        rb, rs, re_ = rows.blob, rows.start, rows.end
        erows = ch.entry_rows
        eb, es, ee = erows.blob, erows.start, erows.end
        sqrt = math.sqrt
        b_cache: dict[int, float] = {}
        best: dict[int, tuple[float, int]] = {}
        for k, (fid, m) in enumerate(pairs):
            if stop_codes:
                row = rb[rs[fid] : re_[fid]]
                for c, w in stop_codes:
                    if c in row:
                        m += w
            gid = gids[k]
            e = fentry[gid]
            b = b_cache.get(e)
            if b is None:
                eg = eb[es[e] : ee[e]]
                b = sum(compress(qweights, map(eg.__contains__, qcodes))) / wq
                if b > 1.0:
                    b = 1.0
                b_cache[e] = b
            qcov = m / wq
            if qcov > 1.0:
                qcov = 1.0
            fcov = m / ftotal[fid]
            if fcov > 1.0:
                fcov = 1.0
            a = sqrt(qcov * fcov)
            kc = fkind[gid]
            s = _KIND_WEIGHTS[kc] * (0.55 * a + 0.20 * (ratios[k] / 100.0)) + 0.25 * b
            prev = best.get(e)
            if prev is None or s > prev[0]:
                best[e] = (s, kc)
        return {e: (s, KINDS[kc]) for e, (s, kc) in best.items()}

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
