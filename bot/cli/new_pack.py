"""`python -m bot new-pack ARTICLE FOLDER`: draft a knowledge pack from an article's text.

Writes FOLDER with article.txt (copied byte for byte), source.yaml and scope.yaml to fill
in, an indicators.yaml draft (one entry per number, its sentence as the quote), a
coverage.yaml for the dates and ordinals no figure states, and empty topics.yaml /
qa.yaml. Then ``python -m bot validate`` lists what a curator still has to decide.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge.files.restoration import parse_restoration
from bot.knowledge.problems import Problem
from bot.knowledge.reader import read_text
from bot.knowledge.scaffold import draft
from bot.knowledge.templates import write_pack

__all__ = ["main"]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot new-pack",
        description="Draft a knowledge pack from an article's plain text.",
    )
    parser.add_argument("article", type=Path, help="the article body as received (UTF-8 text)")
    parser.add_argument("folder", type=Path, help="the pack folder to create, e.g. knowledge/x")
    parser.add_argument(
        "--restoration",
        type=Path,
        metavar="FILE",
        help="a restoration.yaml to copy in and apply, so quotes come from the restored text",
    )
    args = parser.parse_args(list(argv))
    article: Path = args.article
    folder: Path = args.folder
    if not article.is_file():
        return _fail(f"{article}: no such file")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        return _fail(f"{folder}: already exists and is not empty; pick a new folder")
    problems: list[Problem] = []
    text = read_text(article, problems)
    rows = parse_restoration(args.restoration, problems) if args.restoration else []
    if text is not None and not text.strip():
        problems.append(Problem(str(article), 0, "", "the article text is empty"))
    if problems or text is None:
        return _fail("\n".join(map(str, problems)))

    drafted = draft(text, rows)
    write_pack(folder, article, drafted, args.restoration)
    print(
        f"drafted {folder}: {len(drafted.figures)} figures from {drafted.sentences} sentences,"
        f" {len(drafted.set_aside)} numbers set aside in coverage.yaml"
    )
    print(
        "next: fill in source.yaml and scope.yaml, write topics.yaml, give each entry of"
        " indicators.yaml an id, topic and title, and check the lines marked `# check`;"
    )
    print(f"  python -m bot validate {folder.parent}   lists what is still open")
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
