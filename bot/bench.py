"""Start-up, memory and latency of the engine at scale, against a baseline (`python -m bot bench`).

Usage:
    python -m bot bench                              # bundled pack + synthetic 10,000 entries
    python -m bot bench --entries 100 1000 10000 50000   # several sizes and the growth slope
    python -m bot bench --copies 122                 # real format: 122 copies of the bundled pack
    python -m bot bench --entries 2000 --runs 1 --queries 300   # quick

Figures only, no assertions (they depend on the machine and on what else runs on it). Every
figure comes from a fresh process (`bot.benchrun`) and is the minimum over ``--runs`` of them:
other processes on a shared machine only ever add time. Rows:

* engine cold — empty cache folder: load, validate, build the engine (and save the knowledge
  cache; the build cache and the pinyin channel follow on threads, done by "ready");
* engine warm — the same start with the caches written by the cold run;
* chat — the bundled pack per message in conversations of three: a question, two questions in
  one message, a follow-up ("那2019年呢", "丹阳呢"), as people write in a chat (no cache);
* extractOne — the naive baseline, `rapidfuzz.process.extractOne` over every string of every
  entry, measured on ``--baseline-queries`` questions (it is slow at scale).

The questions are generated from the pack itself (titles, aliases, phrasings with filler, a
dropped character or a homophone swap) plus out-of-scope ones, so "top-1" is a rough agreement
figure, not the accuracy suite.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.benchpacks import synthetic_knowledge, write_copies
from bot.benchrun import Figures, Spec, measure
from bot.paths import knowledge_dir

__all__ = ["MAX_ENTRIES", "MIN_ENTRIES", "run_bench", "synthetic_knowledge"]

MIN_ENTRIES, MAX_ENTRIES = 100, 50_000


def _runs(spec: Spec, runs: int) -> Figures:
    return Figures.best([measure(spec) for _ in range(runs)])


def _engine_rows(spec: Spec, runs: int, tmp: Path) -> list[tuple[str, Figures]]:
    """Cold runs (each with an empty cache), then warm runs on the cache the last one wrote."""
    cache = tmp / "cache"
    cold: list[Figures] = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(measure(replace(spec, cache_dir=str(cache))))
    rows = [("engine cold", Figures.best(cold))]
    warm = [measure(replace(spec, cache_dir=str(cache))) for _ in range(runs)]
    if all(f.cache == "hit" for f in warm):
        rows.append(("engine warm", Figures.best(warm)))
    return rows


def _bench_pack(
    label: str, spec: Spec, runs: int, baseline_queries: int, tmp: Path, *, chat: bool = False
) -> list[tuple[str, Figures]]:
    rows = _engine_rows(spec, runs, tmp)
    if chat:
        rows.append(("chat", _runs(replace(spec, what="chat"), runs)))
    if baseline_queries:
        base = replace(spec, what="baseline", queries=baseline_queries)
        rows.append(("extractOne", _runs(base, runs)))
    _print_rows(label, rows)
    return rows


def _print_header() -> None:
    print(
        f"{'knowledge':<16}{'entries':>8}  {'run':<12}{'start-up':>9}{'ready':>8}{'load':>8}"
        f"{'RSS':>8}"
        f"{'p50':>9}{'p99':>9}{'q/s':>8}{'top-1':>7}"
    )


def _print_rows(label: str, rows: Sequence[tuple[str, Figures]]) -> None:
    for n, (run, f) in enumerate(rows):
        name = label if n == 0 else ""
        entries = f"{f.entries:,}" if n == 0 else ""
        print(
            f"{name:<16}{entries:>8}  {run:<12}"
            f"{f.startup_ms / 1000:>7.2f} s{f.ready_ms / 1000:>6.2f} s{f.load_ms / 1000:>6.2f} s"
            f"{f.rss_mb:>5.0f} MB{f.p50_us / 1000:>7.2f} ms{f.p99_us / 1000:>7.2f} ms"
            f"{f.qps:>8,.0f}{f.top1:>7.1%}"
        )


def _slope(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope of y over x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def _print_growth(by_size: Sequence[tuple[int, list[tuple[str, Figures]]]]) -> None:
    """Per 1,000 more entries, fitted over every synthetic size measured."""
    if len(by_size) < 2:
        return
    print(f"growth per 1,000 entries (least squares over {len(by_size)} synthetic sizes):")
    runs = sorted({run for _n, rows in by_size for run, _f in rows})
    for run in runs:
        pts = [(f.entries, f) for _n, rows in by_size for r, f in rows if r == run]
        if len(pts) < 2:
            continue
        start = _slope([(n, f.startup_ms) for n, f in pts]) * 1000
        rss = _slope([(n, f.rss_mb) for n, f in pts]) * 1000
        p99 = _slope([(n, f.p99_us) for n, f in pts]) * 1000
        print(
            f"  {run:<12} start-up {start:+8.1f} ms   RSS {rss:+7.2f} MB"
            f"   p99 {p99 / 1000:+7.3f} ms"
        )


def run_bench(
    entries: Sequence[int] = (10_000,),
    *,
    copies: int = 0,
    queries: int = 2000,
    baseline_queries: int = 300,
    runs: int = 3,
    bundled: bool = True,
) -> int:
    """Print the figures for the bundled pack, each synthetic size and `copies` copies."""
    print(f"min of {runs} fresh process(es) per figure; start-up includes load + validate")
    _print_header()
    with tempfile.TemporaryDirectory(prefix="bot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if bundled:
            spec = Spec("bundled", queries=queries)
            _bench_pack("bundled pack", spec, runs, baseline_queries, tmp / "b", chat=True)
        by_size: list[tuple[int, list[tuple[str, Figures]]]] = []
        for n in sorted(set(entries)):
            spec = Spec("synthetic", entries=n, queries=queries)
            by_size.append(
                (n, _bench_pack("synthetic", spec, runs, baseline_queries, tmp / f"s{n}"))
            )
        if copies:
            folder = tmp / "copies"
            write_copies(knowledge_dir(), folder, copies)
            spec = Spec("copies", knowledge_dir=str(folder), queries=queries)
            _bench_pack(f"{copies} copies", spec, runs, baseline_queries, tmp / "c")
        _print_growth(by_size)
    return 0
