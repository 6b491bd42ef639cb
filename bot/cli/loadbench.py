"""`python -m bot loadbench`: how long loading the knowledge takes (see `bot.loadbench`)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot import loadbench
from bot.paths import knowledge_dir

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot loadbench",
        description=loadbench.__doc__,
    )
    parser.add_argument("--root", type=Path, help="knowledge folder (default: the bot's)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--entries", type=int, help="replicate indicators up to this many")
    args = parser.parse_args(argv)
    root = knowledge_dir() if args.root is None else args.root
    with tempfile.TemporaryDirectory() as tmp:
        if args.entries:
            loadbench.replicate(root, Path(tmp) / "knowledge", args.entries)
            root = Path(tmp) / "knowledge"
        t = loadbench.bench_load(root, args.repeat)
    print(f"knowledge: {root}")
    print(
        f"  {t.packs} pack(s), {t.entries} entries, {t.rows} restoration rows,"
        f" {t.problems} problem(s)"
    )
    print(f"  first load        {t.first_ms:7.2f} ms")
    print(f"  parse (median)    {t.parse_ms:7.2f} ms   YAML with line numbers + restoration")
    print(f"  checks (median)   {t.check_ms:7.2f} ms   quotes, restoration, coverage")
    print(
        f"  total (median)    {t.total_ms:7.2f} ms   p90 {t.p90_total_ms:.2f} ms over {t.runs} runs"
    )
    return 0
