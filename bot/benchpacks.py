"""Knowledge for benchmarks at scale: a synthetic pack of any size, and copies of a real pack.

Two kinds, because they stress different things. The synthetic pack (`synthetic_knowledge`) is
made of the base pack's own wording cut into new phrases: many distinct strings, short entries,
no files. The copies (`write_copies`) are the bundled pack repeated as packs on disk, ids
prefixed so they stay unique across packs: what many real articles look like to the loader,
the validator and the index (long quotes and answers, the same wording over and over).

`synthetic_knowledge` must stay deterministic: tests/index_snapshot.py records rankings on it.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

from bot.knowledge.discovery import pack_folders
from bot.knowledge.models import Entry, Indicator, Knowledge, Pack, Section, Source, Topic

__all__ = ["synthetic_knowledge", "write_copies"]

_ID = re.compile(r"^(\s*- id: )(\S+)", re.M)
_RELATED = re.compile(r"^(\s*related: \[)([^\]]*)\]", re.M)
_ENTRY_FILES = ("indicators*.yaml", "qa*.yaml")


def synthetic_knowledge(base: Knowledge, n_entries: int, seed: int = 1) -> Knowledge:
    """A pack of `n_entries` made of the base pack's own wording, shuffled into new phrases."""
    rng = random.Random(seed)
    text = "".join(p.restored_text for p in base.packs)
    strings = [s for e in base.entries.values() for s in (e.title, *e.aliases, e.quote)]
    corpus = "".join(ch for ch in text + "".join(strings) if "\u4e00" <= ch <= "\u9fff")
    if len(corpus) < 50:
        corpus = "民生保障社会救助儿童关爱养老服务殡葬婚姻慈善福利彩票行业协会商会" * 20
    topics = tuple(base.topics.values()) or (
        Topic("general", "综合", "General", "main", ("综合",)),
    )
    sections = base.sections or (Section("main", "综合", "General"),)
    words_en = [
        "care",
        "fund",
        "aid",
        "elderly",
        "child",
        "charity",
        "lottery",
        "burial",
        "marriage",
        "grid",
        "rate",
        "beds",
    ]

    def phrase(lo: int, hi: int) -> str:
        k = rng.randint(lo, hi)
        i = rng.randrange(0, max(1, len(corpus) - k))
        return corpus[i : i + k]

    entries: list[Entry] = [
        *base.entries.values(),
    ]
    while len(entries) < n_entries:
        i = len(entries)
        value = str(rng.randint(1, 99999))
        entries.append(
            Indicator(
                id=f"syn-{i}",
                topic=rng.choice(topics).id,
                title=phrase(3, 8),
                title_en=" ".join(rng.sample(words_en, 3)),
                aliases=tuple(phrase(2, 6) for _ in range(rng.randint(1, 4))),
                questions=tuple(phrase(5, 12) + "是多少" for _ in range(rng.randint(0, 2))),
                quote=phrase(15, 40) + value,
                value=value,
                number=float(value),
                unit=rng.choice(("个", "人次", "元", "家", "%")),
                period=f"{rng.randint(2019, 2024)}年",
                years=(rng.randint(2019, 2024),),
                pack="synthetic",
            )
        )
    src = base.packs[0].source if base.packs else Source("", "", "", "", "", "")
    pack = Pack(
        name="synthetic",
        source=src,
        received_text="",
        restored_text="",
        restoration=tuple(r for p in base.packs for r in p.restoration),
        glossary=tuple(g for p in base.packs for g in p.glossary),
        sections=sections,
        topics=topics,
        entries=tuple(e if e.pack == "synthetic" else _rehome(e) for e in entries),
    )
    return Knowledge((pack,))


def _rehome(e: Entry) -> Entry:

    return replace(e, pack="synthetic")


def write_copies(source: Path, target: Path, copies: int) -> int:
    """Write `copies` copies of every pack under `source` into `target` (emptied first); the
    first copy keeps its ids, the others get a `cNNN-` prefix on every entry id and related id.
    Returns the number of packs written."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    written = 0
    for folder in pack_folders(source):
        for n in range(copies):
            dest = target / (folder.name if n == 0 else f"{folder.name}-c{n:03d}")
            shutil.copytree(folder, dest)
            written += 1
            if n:
                _prefix_ids(dest, f"c{n:03d}-")
    return written


def _prefix_ids(folder: Path, prefix: str) -> None:
    for pattern in _ENTRY_FILES:
        for path in folder.glob(pattern):
            text = _ID.sub(lambda m: m.group(1) + prefix + m.group(2), path.read_text("utf-8"))
            text = _RELATED.sub(
                lambda m: (
                    m.group(1)
                    + ", ".join(prefix + x.strip() for x in m.group(2).split(",") if x.strip())
                    + "]"
                ),
                text,
            )
            path.write_text(text, "utf-8")
