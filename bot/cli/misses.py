"""`python -m bot misses`: the questions the bot could not answer, clustered, biggest first."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.options import settings_dirs, since_arg
from bot.curation import cluster_misses, format_misses, logged_misses, period_label
from bot.qlog import db_path

if TYPE_CHECKING:
    from bot.engine import Engine

__all__ = ["main"]


def _load_engine(root: Path | None) -> Engine | None:
    """The current engine, for nearest entries; the log is still useful without it."""
    from bot.reload import build_engine

    try:
        return build_engine(root)
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"(no nearest entries: knowledge does not load: {first}; see python -m bot validate)")
        return None


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot misses",
        description="Cluster the questions the bot could not answer, biggest first.",
    )
    parser.add_argument("--since", type=since_arg, default="7d", help="7d, 24h, 2w, date or all")
    parser.add_argument("--limit", type=int, default=50, help="clusters to show (default 50)")
    parser.add_argument("--all", action="store_true", help="include correct refusals too")
    parser.add_argument("--inline", action="store_true", help="include inline queries")
    parser.add_argument("--data-dir", type=Path, help="default: DATA_DIR")
    args = parser.parse_args(list(argv))
    since: float | None = args.since
    data_dir, knowledge_root = settings_dirs(args.data_dir)
    rows = logged_misses(data_dir, since, inline=args.inline, refusals=args.all)
    if rows is None:
        print(f"No questions logged yet ({db_path(data_dir)}).")
        return 0
    engine = _load_engine(knowledge_root) if rows else None
    header = f"Misses ({period_label(since)})"
    print(format_misses(cluster_misses(rows), engine, limit=max(args.limit, 0), header=header))
    return 0
