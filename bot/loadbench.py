"""How long loading the knowledge takes (target: under 50 ms for the bundled pack).

Usage::

    python -m bot loadbench                  # the knowledge the bot would load
    python -m bot loadbench --root DIR       # another knowledge folder
    python -m bot loadbench --entries 1000   # the same, with entries replicated to 1000

Loading is what start-up and every ``/reload`` pay, so it is timed the way they
run it: parse the YAML (with line numbers), restore the article, run every
validation check. Figures are medians over ``--repeat`` runs in one process,
plus the first run on its own (cold caches). A benchmark, not a test: timings
depend on the machine, so no test asserts them.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.checks import check_packs
from bot.knowledge.discovery import pack_folders
from bot.knowledge.pack import parse_knowledge
from bot.paths import knowledge_dir

__all__ = ["LoadTimes", "bench_load", "replicate"]


@dataclass(frozen=True, slots=True)
class LoadTimes:
    """Milliseconds: first run, then medians of parse, check and the whole load."""

    first_ms: float
    parse_ms: float
    check_ms: float
    total_ms: float
    p90_total_ms: float
    runs: int
    packs: int
    entries: int
    rows: int
    problems: int


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def bench_load(root: Path | None = None, repeat: int = 30) -> LoadTimes:
    """Time parse + check (what ``load_knowledge`` does) ``repeat`` times."""
    root = knowledge_dir() if root is None else root
    first = _ms(lambda: check_packs(parse_knowledge(root)[0]))
    parse: list[float] = []
    check: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        packs, problems = parse_knowledge(root)
        mid = time.perf_counter()
        result = check_packs(packs)
        end = time.perf_counter()
        parse.append((mid - start) * 1000)
        check.append((end - mid) * 1000)
    totals = sorted(p + c for p, c in zip(parse, check, strict=True))
    return LoadTimes(
        first_ms=first,
        parse_ms=statistics.median(parse),
        check_ms=statistics.median(check),
        total_ms=statistics.median(totals),
        p90_total_ms=totals[min(len(totals) - 1, int(len(totals) * 0.9))],
        runs=repeat,
        packs=len(packs),
        entries=sum(len(p.entries) for _, p in packs),
        rows=sum(len(p.restoration) for _, p in packs),
        problems=len(problems) + len(result.problems),
    )


def replicate(root: Path, target: Path, entries: int) -> None:
    """Copy the knowledge, then repeat each pack's indicators until ``entries`` in total.

    The copies get fresh ids and keep their quotes, so every check still runs on them.
    """
    shutil.copytree(root, target, dirs_exist_ok=True)
    for folder in pack_folders(target):
        source = folder / "indicators.yaml"
        if not source.is_file():
            continue
        text = source.read_text("utf-8")
        body = text.split("entries:", 1)[1]
        have = body.count("\n  - id: ")
        if have == 0:
            continue
        extra = []
        for copy in range(1, max(0, entries - have) // have + 2):
            extra.append(body.replace("\n  - id: ", f"\n  - id: x{copy}-"))
        (folder / "indicators-bench.yaml").write_text("entries:" + "".join(extra), "utf-8")
