"""Curator tools over the question log: what people asked that the bot could not answer.

`python -m bot misses` turns the log into a to-do list: near-duplicate misses
are grouped (character-level similarity, since unspaced Chinese has no words to
compare), the biggest groups come first, and each names the entry the engine
finds closest today, so the fix reads "add alias X to entry Y". Correct refusals
(another city, a year the article has no figure for, greetings) are left out by
default: they are the bot working, not gaps.

`python -m bot stats` (and the admin `/stats` command) summarises volume,
answer rate by chat type, top entries, thumbs-down rate and latency.

The commands live in `bot.cli.misses` and `bot.cli.stats`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.decide.thresholds import DEFAULT
from bot.qlog import db_path
from bot.qlogread import LoggedQuestion, open_readonly, read_questions

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.knowledge.models import Entry, Knowledge

MISS_STATUSES = ("no_match", "ambiguous")
# Refusals that are the bot doing its job; `--all` shows them anyway.
CORRECT_REFUSALS = frozenset({"empty", "chitchat", "other_place", "unknown_year"})
# Below the engine's own "nothing close enough" line a candidate is not worth an alias.
WEAK_SCORE = DEFAULT.min_score
SIMILARITY = 66.0  # fuzz.ratio: 镇江人口 ~ 镇江常住人口 (80) but not ~ 镇江低保 (50)
EXAMPLES = 3
_DURATION_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([mhdw])$")
_UNIT_S = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


# -- clustering ------------------------------------------------------------------


@dataclass
class Cluster:
    """Near-duplicate missed questions, led by the most frequent wording.

    Wordings are the matcher's normalized text (filler and place names gone), so
    the leader is the phrase a curator would add as an alias; the questions as
    asked are kept as examples.
    """

    leader: str
    wordings: Counter[str] = field(default_factory=Counter)
    questions: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)  # "no_match/low_score" ...
    logged_entries: Counter[str] = field(default_factory=Counter)  # best candidate at the time

    @property
    def count(self) -> int:
        return self.wordings.total()

    def examples(self, n: int = EXAMPLES) -> list[str]:
        return [q for q, _ in self.questions.most_common(n)]


def _wording(row: LoggedQuestion) -> str:
    """The matcher's text; the cleaned question when nothing survived normalization."""
    return row.norm or row.text


def cluster_misses(rows: Sequence[LoggedQuestion], threshold: float = SIMILARITY) -> list[Cluster]:
    """Single-link clustering, most frequent wording first.

    A wording joins the cluster of the most similar wording seen so far (not
    just the leader), so 镇江人口 links 镇江常住人口 and 镇江市人口数量, which
    share too little to match each other directly. Processing in frequency
    order makes the result independent of the order questions arrived in.
    """
    by_text: dict[str, list[LoggedQuestion]] = {}
    for row in rows:
        by_text.setdefault(_wording(row), []).append(row)
    clusters: list[Cluster] = []
    seen: list[str] = []  # every wording clustered so far
    owner: list[int] = []  # seen[i] belongs to clusters[owner[i]]
    for text, group in sorted(by_text.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        match = process.extractOne(text, seen, scorer=fuzz.ratio, score_cutoff=threshold)
        if match is None:
            owner.append(len(clusters))
            clusters.append(Cluster(text))
        else:
            owner.append(owner[match[2]])
        seen.append(text)
        cluster = clusters[owner[-1]]
        cluster.wordings[text] += len(group)
        for row in group:
            cluster.questions[row.text] += 1
            cluster.outcomes[f"{row.status}/{row.reason}" if row.reason else row.status] += 1
            if row.entry_id:
                cluster.logged_entries[row.entry_id] += 1
    return sorted(clusters, key=lambda c: (-c.count, c.leader))


def logged_misses(
    data_dir: Path, since: float | None, *, inline: bool = False, refusals: bool = False
) -> list[LoggedQuestion] | None:
    """The missed questions of the log (None when nothing was ever logged).

    Correct refusals are left out unless ``refusals``; inline queries unless ``inline``,
    because they arrive per keystroke ("低", "低保", "低保标"): prefixes, not questions.
    """
    conn = open_readonly(data_dir)
    if conn is None:
        return None
    try:
        rows = read_questions(conn, since=since, statuses=MISS_STATUSES)
    finally:
        conn.close()
    return [
        r
        for r in rows
        if (inline or r.chat_type != "inline") and (refusals or r.reason not in CORRECT_REFUSALS)
    ]


@dataclass(frozen=True, slots=True)
class Nearest:
    entry_id: str
    score: float | None  # None: taken from the log, not from today's engine
    answered_now: bool = False  # today's engine answers it: fixed since it was logged
    rivals: tuple[tuple[str, float], ...] = ()  # other close candidates when still ambiguous


def nearest_entry(cluster: Cluster, engine: Engine | None) -> Nearest | None:
    """The engine's best candidate for the cluster's most asked question, today.

    A refusal names no candidate, so the ranking behind it (`Engine.search`)
    supplies the closest entry.
    """
    if engine is not None:
        question = cluster.questions.most_common(1)[0][0]
        answer = engine.ask(question)
        hits = answer.hits or answer.known_instead
        if hits:
            rivals = (
                tuple((h.entry.id, h.score) for h in hits[1:3])
                if answer.status == "ambiguous"
                else ()
            )
            return Nearest(hits[0].entry.id, hits[0].score, answer.status == "answered", rivals)
        found = engine.search(question, limit=1)
        if found:
            return Nearest(found[0].entry.id, round(found[0].score, 1))
    if cluster.logged_entries:  # no engine, or no candidate today: what it thought then
        return Nearest(cluster.logged_entries.most_common(1)[0][0], None)
    return None


def format_misses(
    clusters: Sequence[Cluster],
    engine: Engine | None,
    *,
    limit: int,
    header: str,
) -> str:
    total = sum(c.count for c in clusters)
    lines = [f"{header}: {_count(total, 'missed question')} in {_count(len(clusters), 'cluster')}"]
    if clusters and limit < len(clusters):
        lines[0] += f" (top {limit} shown)"
    knowledge = engine.knowledge if engine is not None else None
    for i, cluster in enumerate(clusters[:limit], 1):
        outcomes = ", ".join(f"{k} ×{n}" for k, n in cluster.outcomes.most_common())
        lines += ["", f"{i:>3}. ×{cluster.count}  {cluster.leader}   [{outcomes}]"]
        lines.append(f"     asked: {' · '.join(cluster.examples())}")
        near = nearest_entry(cluster, engine)
        if near is None:
            lines.append("     → nothing close: a new entry if the article states it")
            continue
        entry = knowledge.entries.get(near.entry_id) if knowledge is not None else None
        score = "" if near.score is None else f" (score {near.score:.0f})"
        title = f" {entry.title}" if entry is not None else ""
        lines.append(f"     nearest: {near.entry_id}{title}{score}{_where(entry)}")
        if near.rivals:
            rivals = ", ".join(f"{rid} ({rs:.0f})" for rid, rs in near.rivals)
            lines.append(f"     tied with: {rivals}")
        if near.answered_now:
            lines.append("     ✓ answered by the current knowledge")
        elif near.score is not None and near.score < WEAK_SCORE:
            lines.append("     → nothing close: a new entry if the article states it")
        else:
            lines.append(
                f'     → add alias "{cluster.leader}" to {near.entry_id} if that is what it'
                " means; otherwise a new entry"
            )
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _where(entry: Entry | None) -> str:
    """`file:line` of the entry, relative to the working directory when under it."""
    if entry is None or not entry.file:
        return ""
    path = os.path.relpath(entry.file) if os.path.isabs(entry.file) else entry.file
    if path.startswith(".."):
        path = entry.file
    return f"  [{path}:{entry.line}]" if entry.line else f"  [{path}]"


# -- stats -----------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile: a value that actually occurred."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def stats_text(
    data_dir: Path, *, since: float | None = None, knowledge: Knowledge | None = None
) -> str:
    """The stats summary, shared by `python -m bot stats` and the admin `/stats` command."""
    conn = open_readonly(data_dir)
    if conn is None:
        return f"No questions logged yet ({db_path(data_dir)})."
    try:
        rows = read_questions(conn, since=since)
    finally:
        conn.close()
    return format_stats(rows, since=since, knowledge=knowledge)


def format_stats(
    rows: Sequence[LoggedQuestion],
    *,
    since: float | None = None,
    knowledge: Knowledge | None = None,
    top: int = 10,
) -> str:
    period = period_label(since)
    if not rows:
        return f"Questions ({period}): none."
    total = len(rows)
    status = Counter(r.status for r in rows)
    chats = len({r.chat for r in rows if r.chat})
    lines = [
        f"Questions ({period}): {total} from {chats} chats",
        "  "
        + " · ".join(
            f"{s} {status[s]} ({_pct(status[s], total)})"
            for s in ("answered", "ambiguous", "no_match")
        ),
        "Answer rate by chat type:",
    ]
    by_type: dict[str, Counter[str]] = {}
    for r in rows:
        by_type.setdefault(r.chat_type, Counter())[r.status] += 1
    for chat_type, counts in sorted(by_type.items(), key=lambda kv: -kv[1].total()):
        n = counts.total()
        lines.append(f"  {chat_type:<11}{n:>7}  answered {_pct(counts['answered'], n)}")
    latencies = [r.latency_ms for r in rows if r.latency_ms is not None]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    if p50 is not None and p95 is not None:
        lines.append(f"Latency: p50 {p50:.1f} ms · p95 {p95:.1f} ms (question in → reply ready)")
    rated = [r.feedback for r in rows if r.feedback is not None]
    down = sum(1 for f in rated if f < 0)
    lines.append(
        f"Feedback: {len(rated)} rated, 👍 {len(rated) - down}, 👎 {down}"
        f" (👎 rate {_pct(down, len(rated))})"
    )
    entries = Counter(r.entry_id for r in rows if r.status == "answered" and r.entry_id)
    if entries:
        lines.append("Top entries:")
        for entry_id, n in entries.most_common(top):
            entry = knowledge.entries.get(entry_id) if knowledge is not None else None
            lines.append(f"  {n:>6}  {entry_id}" + (f"  {entry.title}" if entry else ""))
    return "\n".join(lines)


# -- periods ---------------------------------------------------------------------


def parse_since(text: str, now: float | None = None) -> float | None:
    """`7d`, `24h`, `30m`, `2w`, an ISO date (2025-01-31), or `all` → unix time (None = all)."""
    now = time.time() if now is None else now
    text = text.strip().lower()
    if text in ("", "all"):
        return None
    match = _DURATION_RE.match(text)
    if match:
        seconds = float(match[1]) * _UNIT_S[match[2]]
        if seconds > now:  # before 1970 (or inf): no date to print, and no log that old
            raise ValueError(f"--since: {text[:40]!r} reaches back before 1970")
        return now - seconds
    try:
        since = dt.datetime.fromisoformat(text).timestamp()
        dt.datetime.fromtimestamp(since)  # printable as a date, as the report will
        return since
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"--since: expected e.g. 7d, 24h, 2w, 2025-01-31 or all, got {text[:40]!r}"
        ) from None


def _when(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def period_label(since: float | None) -> str:
    """How a report names its period: "since 2025-01-31 09:00" or "all logged"."""
    return f"since {_when(since)}" if since is not None else "all logged"
