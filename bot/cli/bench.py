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
    )
    ap.add_argument("--entries", type=int, default=10_000, help="synthetic pack size")
    ap.add_argument("--queries", type=int, default=2000, help="queries per run")
    args = ap.parse_args(list(argv))
    return bench.run_bench(entries=args.entries, queries=args.queries)
