"""`python -m bot bench`: latency, throughput and start-up of the engine, against a naive baseline.

Usage:
    python -m bot bench                 # bundled pack + a synthetic pack of 10,000 entries
    python -m bot bench --entries 2000  # a smaller synthetic pack
    python -m bot bench --queries 300

Figures only, no assertions (the numbers depend on the machine). The baseline is what a first
attempt looks like: `rapidfuzz.process.extractOne` over every string of every entry.
The query set is generated from the pack itself (titles, aliases, question phrasings, with
filler, a dropped character or a homophone swap) plus out-of-scope questions, so "top-1" below is
a rough agreement figure, not the accuracy suite (a figure and the programme quoting the same
sentence count as one answer: generated questions come from aliases they share).

"engine, heap not settled" is the engine as a library sees it; the "engine" row follows
`settle_heap()`, as the entry points call it at start-up.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine import Engine, settle_heap
from bot.knowledge.models import Entry, Indicator, Knowledge, Pack, Section, Source, Topic
from bot.understand.normalize import clean

__all__ = ["run_bench", "synthetic_knowledge"]

_OUT_OF_SCOPE = (
    "南京低保标准是多少",
    "2025年低保标准",
    "{city}人口有多少",  # the packs' own city, filled in by _queries
    "{city}GDP",
    "{city}房价",
    "你好",
    "谢谢",
    "今天天气怎么样",
)
_FILLERS = ("请问{}是多少", "{}有多少", "{}呢", "我想知道{}", "{}", "{city}{}", "{}？")
_SIMILAR = {"低": "底", "保": "宝", "养": "氧", "助": "住", "标": "表", "机": "基", "老": "劳"}


@dataclass(frozen=True, slots=True)
class _Figures:
    startup_ms: float
    p50_us: float
    p99_us: float
    qps: float
    top1: float  # share of generated in-scope queries whose intended entry came first


def _queries(knowledge: Knowledge, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """(question, intended entry id or "" for out of scope), deterministic."""
    rng = random.Random(seed)
    entries = list(knowledge.entries.values())
    scope = next(iter(knowledge.scopes.values()), None)
    city = (scope.city.aliases or (scope.city.name,))[0] if scope else ""
    outside = [q.format(city=city) for q in _OUT_OF_SCOPE]
    out: list[tuple[str, str]] = []
    if not entries:
        return [(q, "") for q in outside]
    while len(out) < n:
        e = rng.choice(entries)
        base = rng.choice([e.title, *e.aliases, *e.questions])
        kind = rng.random()
        if kind < 0.15 and len(base) > 3:
            i = rng.randrange(len(base))
            base = base[:i] + base[i + 1 :]
        elif kind < 0.3:
            base = "".join(_SIMILAR.get(ch, ch) for ch in base)
        out.append((rng.choice(_FILLERS).format(base, city=city), e.id))
        if rng.random() < 0.1:
            out.append((rng.choice(outside), ""))
    return out[:n]


def _percentile(samples: Sequence[float], pct: float) -> float:
    ordered = sorted(samples)
    k = min(len(ordered) - 1, max(0, round(pct / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def _same_answer(knowledge: Knowledge, got: str, want: str) -> bool:
    """The intended entry, or the figure/programme twin quoting the same sentence (a generated
    question from an alias they share is answered correctly by either)."""
    if got == want:
        return True
    a, b = knowledge.entries.get(got), knowledge.entries.get(want)
    if a is None or b is None or a.kind == b.kind:
        return False
    qa, qb = a.quote.strip(), b.quote.strip()
    return bool(qa and qb) and (qa in qb or qb in qa)


def _measure(
    answer: Callable[[str], str],
    queries: Sequence[tuple[str, str]],
    startup_ms: float,
    knowledge: Knowledge,
) -> _Figures:
    for q, _ in queries[:20]:  # warm caches (pinyin memo, converter)
        answer(q)
    times: list[float] = []
    hits = 0
    in_scope = 0
    t_all = time.perf_counter()
    for q, want in queries:
        t0 = time.perf_counter_ns()
        got = answer(q)
        times.append((time.perf_counter_ns() - t0) / 1000.0)
        if want:
            in_scope += 1
            hits += _same_answer(knowledge, got, want)
    total = time.perf_counter() - t_all
    return _Figures(
        startup_ms=startup_ms,
        p50_us=statistics.median(times),
        p99_us=_percentile(times, 99),
        qps=len(queries) / total if total > 0 else 0.0,
        top1=hits / in_scope if in_scope else 0.0,
    )


def _engine_figures(
    knowledge: Knowledge, queries: Sequence[tuple[str, str]], load_ms: float, *, settle: bool
) -> _Figures:
    t0 = time.perf_counter()
    engine = Engine(knowledge)
    startup = load_ms + (time.perf_counter() - t0) * 1000.0
    if settle:
        settle_heap()  # as the entry points do after building the engine

    def answer(q: str) -> str:
        a = engine.ask(q)
        return a.hits[0].entry.id if a.hits and a.status != "no_match" else ""

    return _measure(answer, queries, startup, knowledge)


def _baseline_figures(
    knowledge: Knowledge, queries: Sequence[tuple[str, str]], load_ms: float
) -> _Figures:
    t0 = time.perf_counter()
    choices: list[str] = []
    owners: list[str] = []
    for e in knowledge.entries.values():
        for s in (e.title, *e.aliases, *e.questions, e.title_en, *e.aliases_en):
            if s:
                choices.append(clean(s))
                owners.append(e.id)
    startup = load_ms + (time.perf_counter() - t0) * 1000.0

    def answer(q: str) -> str:
        got = process.extractOne(clean(q), choices, scorer=fuzz.WRatio, score_cutoff=60)
        return owners[got[2]] if got else ""

    return _measure(answer, queries, startup, knowledge)


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
    from dataclasses import replace

    return replace(e, pack="synthetic")


def _load_bundled() -> tuple[Knowledge | None, float, str]:
    from bot.knowledge.loader import KnowledgeError, load_knowledge
    from bot.knowledge.pack import parse_knowledge

    t0 = time.perf_counter()
    try:
        k = load_knowledge()
        return k, (time.perf_counter() - t0) * 1000.0, ""
    except KnowledgeError as exc:
        t0 = time.perf_counter()
        packs, _ = parse_knowledge()
        ms = (time.perf_counter() - t0) * 1000.0
        note = f"(pack does not validate yet: {len(exc.problems)} problems; parsed without checks)"
        if not packs:
            return None, ms, note
        return Knowledge(tuple(p for _, p in packs)), ms, note


def _row(label: str, f: _Figures) -> str:
    return (
        f"  {label:<24} start-up {f.startup_ms:8.1f} ms   p50 {f.p50_us / 1000:7.3f} ms"
        f"   p99 {f.p99_us / 1000:7.3f} ms   {f.qps:9.0f} q/s   top-1 {f.top1:6.1%}"
    )


def run_bench(entries: int = 10_000, queries: int = 2000) -> int:
    """Print the figures for the bundled pack, then for a synthetic pack of ``entries``;
    ``queries`` generated questions per run. 1 when there is nothing to measure."""
    knowledge, load_ms, note = _load_bundled()
    if knowledge is None or not knowledge.entries:
        print(f"no entries in the bundled pack {note}".strip(), file=sys.stderr)
        return 1
    asked = _queries(knowledge, queries)
    print(f"bundled pack: {len(knowledge.entries)} entries, {len(asked)} queries {note}".rstrip())
    print(f"  load (parse + validate) {load_ms:.1f} ms")
    unsettled = _engine_figures(knowledge, asked, load_ms, settle=False)
    print(_row("engine, heap not settled", unsettled))
    print(_row("engine", _engine_figures(knowledge, asked, load_ms, settle=True)))
    print(_row("baseline extractOne", _baseline_figures(knowledge, asked, load_ms)))

    t0 = time.perf_counter()
    synth = synthetic_knowledge(knowledge, entries)
    gen_ms = (time.perf_counter() - t0) * 1000.0
    squeries = _queries(synth, queries, seed=2)
    print(f"synthetic pack: {len(synth.entries)} entries, {len(squeries)} queries")
    print(f"  (generation {gen_ms:.0f} ms, not counted in start-up)")
    print(_row("engine, heap not settled", _engine_figures(synth, squeries, 0.0, settle=False)))
    print(_row("engine", _engine_figures(synth, squeries, 0.0, settle=True)))
    print(_row("baseline extractOne", _baseline_figures(synth, squeries, 0.0)))
    return 0
