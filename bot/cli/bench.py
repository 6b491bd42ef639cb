"""`python -m bot bench`: the argparse wrapper around `bot.bench` (see its docstring)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bot import bench

__all__ = ["main"]


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bot bench",
        description=bench.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--entries",
        type=int,
        nargs="+",
        default=[10_000],
        metavar="N",
        help=f"synthetic pack sizes, {bench.MIN_ENTRIES:,} to {bench.MAX_ENTRIES:,}"
        " (default 10,000); two or more also print the growth per 1,000 entries",
    )
    ap.add_argument(
        "--copies",
        type=int,
        default=0,
        metavar="K",
        help="also K copies of the bundled pack, ids prefixed (the real format at scale)",
    )
    ap.add_argument("--queries", type=int, default=2000, help="questions per engine run")
    ap.add_argument(
        "--baseline-queries", type=int, default=300, help="questions per baseline run (0: none)"
    )
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per figure (min taken)")
    ap.add_argument("--no-bundled", action="store_true", help="skip the bundled pack")
    args = ap.parse_args(list(argv))
    if any(not bench.MIN_ENTRIES <= n <= bench.MAX_ENTRIES for n in args.entries):
        ap.error(f"--entries must be {bench.MIN_ENTRIES:,} to {bench.MAX_ENTRIES:,}")
    if args.runs < 1 or args.copies < 0 or args.queries < 1 or args.baseline_queries < 0:
        ap.error("--runs and --queries must be >= 1, --copies and --baseline-queries >= 0")
    return bench.run_bench(
        args.entries,
        copies=args.copies,
        queries=args.queries,
        baseline_queries=args.baseline_queries,
        runs=args.runs,
        bundled=not args.no_bundled,
    )
