"""A snapshot of what `Index.search` ranks, to prove a rewrite of the index changes no answer.

Usage::

    python tests/index_snapshot.py            # rewrite tests/snapshots/index_snapshot.json
    python tests/index_snapshot.py --check    # compare with it, print the differences

For every question of tests/accuracy_questions.yaml, against the bundled pack and against a
synthetic pack (`bot.benchpacks.synthetic_knowledge`, SYNTHETIC_ENTRIES entries), and for generated
questions on the synthetic pack, it records the top 10 entry ids with their scores rounded to
0.1. tests/test_index_snapshot.py asserts the current index reproduces the file exactly.

Regenerate only on purpose: when a change to the signals or the bundled pack is *meant* to
change rankings (then say so in the commit). The generated questions are stored in the file, so
the snapshot depends on `synthetic_knowledge` but not on the benchmark's question generator.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from bot.benchpacks import synthetic_knowledge
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Knowledge
from bot.match.index import Index

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "index_snapshot.json"
QUESTIONS = HERE / "accuracy_questions.yaml"
SYNTHETIC_ENTRIES = 3000
GENERATED = 300
TOP = 10
REGENERATE = "python tests/index_snapshot.py"

Row = list[Any]  # [question, [[entry id, score], ...]]


def accuracy_questions() -> list[str]:
    raw: Any = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [str(item["q"]) for item in raw["items"]]


def generated_questions(knowledge: Knowledge, n: int, seed: int = 7) -> list[str]:
    """Titles, aliases and phrasings of random entries, with filler, a dropped character or a
    homophone swap: what the benchmark asks, fixed here once and then stored."""
    rng = random.Random(seed)
    entries = list(knowledge.entries.values())
    similar = {"低": "底", "保": "宝", "养": "氧", "助": "住", "标": "表", "机": "基"}
    fillers = ("请问{}是多少", "{}有多少", "{}呢", "{}", "镇江{}", "{}多少钱", "{}有几家")
    out: list[str] = []
    while len(out) < n:
        e = rng.choice(entries)
        base = rng.choice([e.title, *e.aliases, *e.questions, e.title_en or e.title])
        roll = rng.random()
        if roll < 0.15 and len(base) > 3:
            i = rng.randrange(len(base))
            base = base[:i] + base[i + 1 :]
        elif roll < 0.3:
            base = "".join(similar.get(ch, ch) for ch in base)
        out.append(rng.choice(fillers).format(base))
    return out


def rank(index: Index, questions: Sequence[str]) -> list[Row]:
    rows: list[Row] = []
    for q in questions:
        got = index.search(index.normalizer.normalize(q), limit=TOP)
        rows.append([q, [[s.entry.id, round(s.score, 1)] for s in got]])
    return rows


def compute(generated: Sequence[str] | None = None) -> dict[str, Any]:
    """The snapshot of the index as it is now (the generated questions reused if given)."""
    bundled = load_knowledge()
    synth = synthetic_knowledge(bundled, SYNTHETIC_ENTRIES)
    asked = accuracy_questions()
    gen = list(generated) if generated is not None else generated_questions(synth, GENERATED)
    bundled_index = Index(bundled)
    synth_index = Index(synth)
    return {
        "synthetic_entries": SYNTHETIC_ENTRIES,
        "top": TOP,
        "bundled": rank(bundled_index, asked),
        "synthetic": rank(synth_index, asked),
        "generated": rank(synth_index, gen),
    }


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


def differences(want: dict[str, Any], got: dict[str, Any], limit: int = 20) -> list[str]:
    """Readable differences, section by section, at most `limit` of them."""
    out: list[str] = []
    for section in ("bundled", "synthetic", "generated"):
        w, g = want.get(section, []), got.get(section, [])
        if len(w) != len(g):
            out.append(f"{section}: {len(w)} questions in the snapshot, {len(g)} now")
        for (q, wt), (_q, gt) in zip(w, g, strict=False):
            if wt != gt:
                out.append(f"{section}: {q!r}\n  snapshot {wt}\n  now      {gt}")
    return out[:limit]


def write(data: dict[str, Any]) -> None:
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["{"]
    lines.append(f'"synthetic_entries": {data["synthetic_entries"]}, "top": {data["top"]},')
    for k, section in enumerate(("bundled", "synthetic", "generated")):
        lines.append(f'"{section}": [')
        rows = data[section]
        for n, row in enumerate(rows):
            comma = "," if n < len(rows) - 1 else ""
            lines.append(json.dumps(row, ensure_ascii=False) + comma)
        lines.append("]," if k < 2 else "]")
    lines.append("}")
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=REGENERATE, description=__doc__)
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    if args.check:
        want = load()
        diff = differences(want, compute([q for q, _ in want["generated"]]))
        print("\n".join(diff) or "identical")
        return 1 if diff else 0
    data = compute()
    write(data)
    n = sum(len(data[s]) for s in ("bundled", "synthetic", "generated"))
    print(f"wrote {SNAPSHOT} ({n} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
