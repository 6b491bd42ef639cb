"""`python -m bot bench`: start-up, memory and latency of the engine at scale, against a baseline.

Usage:
    python -m bot bench                              # bundled pack + synthetic 10,000 entries
    python -m bot bench --entries 100 1000 10000 50000   # several sizes and the growth slope
    python -m bot bench --copies 122                 # real format: 122 copies of the bundled pack
    python -m bot bench --entries 2000 --runs 1 --queries 300   # quick

Figures only, no assertions (they depend on the machine and on what else runs on it). Every
figure comes from a fresh process (`bot.benchrun`) and is the minimum over ``--runs`` of them:
other processes on a shared machine only ever add time. Rows:

* engine cold — no build cache: load, validate, build the index (and save it to the cache);
* engine warm — the same start with the cache written by the cold run;
* extractOne — the naive baseline, `rapidfuzz.process.extractOne` over every string of every
  entry, measured on ``--baseline-queries`` questions (it is slow at scale).

The questions are generated from the pack itself (titles, aliases, phrasings with filler, a
dropped character or a homophone swap) plus out-of-scope ones, so "top-1" is a rough agreement
figure, not the accuracy suite.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.benchpacks import synthetic_knowledge, write_copies
from bot.benchrun import Figures, Spec, measure
from bot.paths import knowledge_dir

__all__ = ["main_bench", "synthetic_knowledge"]

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
    label: str, spec: Spec, args: argparse.Namespace, tmp: Path
) -> list[tuple[str, Figures]]:
    rows = _engine_rows(spec, args.runs, tmp)
    if args.baseline_queries:
        base = replace(spec, what="baseline", queries=args.baseline_queries)
        rows.append(("extractOne", _runs(base, args.runs)))
    _print_rows(label, rows)
    return rows


def _print_header() -> None:
    print(
        f"{'knowledge':<16}{'entries':>8}  {'run':<12}{'start-up':>9}{'load':>8}{'RSS':>8}"
        f"{'p50':>9}{'p99':>9}{'q/s':>8}{'top-1':>7}"
    )


def _print_rows(label: str, rows: Sequence[tuple[str, Figures]]) -> None:
    for n, (run, f) in enumerate(rows):
        name = label if n == 0 else ""
        entries = f"{f.entries:,}" if n == 0 else ""
        print(
            f"{name:<16}{entries:>8}  {run:<12}"
            f"{f.startup_ms / 1000:>7.2f} s{f.load_ms / 1000:>6.2f} s"
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


def main_bench(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bot bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--entries",
        type=int,
        nargs="+",
        default=[10_000],
        metavar="N",
        help=f"synthetic pack sizes, {MIN_ENTRIES:,} to {MAX_ENTRIES:,} (default 10,000)",
    )
    ap.add_argument(
        "--copies", type=int, default=0, metavar="K", help="also K copies of the bundled pack"
    )
    ap.add_argument("--queries", type=int, default=2000, help="questions per engine run")
    ap.add_argument(
        "--baseline-queries", type=int, default=300, help="questions per baseline run (0: none)"
    )
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per figure (min taken)")
    ap.add_argument("--no-bundled", action="store_true", help="skip the bundled pack")
    args = ap.parse_args(list(argv))
    bad = [n for n in args.entries if not MIN_ENTRIES <= n <= MAX_ENTRIES]
    if bad or args.runs < 1 or args.copies < 0:
        ap.error(f"--entries must be {MIN_ENTRIES:,}..{MAX_ENTRIES:,}, --runs >= 1, --copies >= 0")

    print(f"min of {args.runs} fresh process(es) per figure; start-up includes load + validate")
    _print_header()
    with tempfile.TemporaryDirectory(prefix="bot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.no_bundled:
            _bench_pack("bundled pack", Spec("bundled", queries=args.queries), args, tmp / "b")
        by_size: list[tuple[int, list[tuple[str, Figures]]]] = []
        for n in sorted(set(args.entries)):
            spec = Spec("synthetic", entries=n, queries=args.queries)
            by_size.append((n, _bench_pack("synthetic", spec, args, tmp / f"s{n}")))
        if args.copies:
            folder = tmp / "copies"
            write_copies(knowledge_dir(), folder, args.copies)
            spec = Spec("copies", knowledge_dir=str(folder), queries=args.queries)
            _bench_pack(f"{args.copies} copies", spec, args, tmp / "c")
        _print_growth(by_size)
    return 0
