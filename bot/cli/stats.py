"""`python -m bot stats`: volume, answer rate, top entries, feedback and latency of the log."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bot.cli.options import settings_dirs, since_arg
from bot.curation import stats_text
from bot.qlog import db_path

__all__ = ["main"]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot stats", description="Summarise the question log."
    )
    parser.add_argument("--since", type=since_arg, default="all", help="7d, 24h, date or all")
    parser.add_argument("--data-dir", type=Path, help="default: DATA_DIR")
    args = parser.parse_args(list(argv))
    data_dir, knowledge_root = settings_dirs(args.data_dir)
    knowledge = None
    if db_path(data_dir).is_file():
        from bot.knowledge.loader import KnowledgeError, load_knowledge

        try:
            knowledge = load_knowledge(knowledge_root)
        except KnowledgeError:
            knowledge = None  # titles are a nicety; the numbers stand without them
    print(stats_text(data_dir, since=args.since, knowledge=knowledge))
    return 0
