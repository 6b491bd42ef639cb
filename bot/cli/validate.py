"""`python -m bot validate`: check every pack and print a summary or one line per problem."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge.discovery import ARTICLE
from bot.knowledge.loader import report
from bot.knowledge.pack import parse_pack
from bot.paths import knowledge_dir

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bot validate [FOLDER]`: 0 and a summary, or 2 and one line per problem."""
    parser = argparse.ArgumentParser(
        prog="python -m bot validate",
        description="Check every knowledge pack: structure, quotes, restoration and coverage.",
    )
    parser.add_argument(
        "root",
        nargs="?",
        type=Path,
        help=f"knowledge folder (default: $KNOWLEDGE_DIR or {knowledge_dir()})",
    )
    parser.add_argument(
        "--restored",
        metavar="PACK",
        help="print the restored text of PACK (to copy quotes from) and exit",
    )
    args = parser.parse_args(argv)
    if args.restored:
        return _print_restored(args.root, args.restored)
    result = report(args.root)
    if result.problems:
        for problem in result.problems:
            print(problem)
        n = len(result.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; the bot will not start on this knowledge")
        return 2
    print(result.summary())
    return 0


def _print_restored(root: Path | None, name: str) -> int:
    """Quotes must come from the restored text, which exists only in memory: show it."""
    folder = (knowledge_dir() if root is None else root) / name
    if not (folder / ARTICLE).is_file():
        print(f"{folder / ARTICLE}: missing file", file=sys.stderr)
        return 2
    pack, _ = parse_pack(folder)  # shown even while the pack has problems
    print(pack.restored_text, end="" if pack.restored_text.endswith("\n") else "\n")
    return 0
