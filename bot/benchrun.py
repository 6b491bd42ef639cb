"""One benchmark measurement, in a fresh process: start-up, peak RSS and per-question latency.

A fresh process per figure, because start-up and memory are only honest from an empty
interpreter: a second engine built in the same process finds the pinyin memo warm and the
first engine's garbage in its RSS. The parent (`python -m bot bench`) calls `measure`, which
runs ``python -m bot.benchrun SPEC`` and reads the one JSON line it prints.

Start-up is what a serving process pays before its first answer: importing the engine,
loading and validating the packs (bundled pack and copies; a synthetic pack is generated first
and not counted), building the engine and settling the heap. With a cache folder, as the bot
serves: a cold start parses, checks and builds (and saves the caches), a warm one reads the
checked packs from the knowledge cache and the engine's tables from the build cache. RSS is
the process's peak resident size (``ru_maxrss``), queries included. A cold start leaves two
jobs to threads once the engine can answer, the pinyin channel and the cache file: "ready" is
when both are done, and the questions are timed after it (a typo question asked before it waits
for the pinyin channel).
"""

from __future__ import annotations

import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from bot.knowledge.models import Knowledge

__all__ = ["Figures", "Spec", "chat_messages", "city_of", "make_queries", "measure"]

PackKind = Literal["bundled", "synthetic", "copies"]
What = Literal["engine", "chat", "baseline"]

# Out-of-scope questions and fillers; {city} is the pack's city as people write it (from its
# scope.yaml), so no article's facts live here.
_OUT_OF_SCOPE = (
    "南京低保标准是多少",
    "2025年低保标准",
    "{city}人口有多少",
    "{city}GDP",
    "{city}房价",
    "你好",
    "谢谢",
    "今天天气怎么样",
)
_FILLERS = ("请问{q}是多少", "{q}有多少", "{q}呢", "我想知道{q}", "{q}", "{city}{q}", "{q}？")
_SIMILAR = {"低": "底", "保": "宝", "养": "氧", "助": "住", "标": "表", "机": "基", "老": "劳"}
_COPY = re.compile(r"^c\d{3}-")  # the id prefix of `bot.benchpacks.write_copies`
# Queries asked before timing (converter, pinyin memo, first-call paths); a multiple of 3, so
# the conversations of `chat_messages` stay whole.
_WARM_UP = 21


@dataclass(frozen=True, slots=True)
class Spec:
    """What one child process measures."""

    pack: PackKind
    what: What = "engine"
    entries: int = 0  # synthetic pack size
    knowledge_dir: str = ""  # copies: the folder written by `write_copies`
    cache_dir: str = ""  # engine: the build cache folder; empty = no cache
    queries: int = 2000
    seed: int = 2


@dataclass(frozen=True, slots=True)
class Figures:
    entries: int
    load_ms: float  # parse + validate (0 for a synthetic pack)
    startup_ms: float  # load included
    ready_ms: float  # start-up and the work it left to threads (pinyin channel, cache file)
    rss_mb: float  # peak, MiB
    p50_us: float
    p99_us: float
    qps: float
    top1: float  # share of generated in-scope questions whose intended entry came first
    cache: str = ""  # "hit" / "miss" / "" (no cache)

    @staticmethod
    def best(runs: Sequence[Figures]) -> Figures:
        """The minimum of every timing and of RSS over fresh-process runs: noise only adds."""
        first = runs[0]
        return Figures(
            entries=first.entries,
            load_ms=min(r.load_ms for r in runs),
            startup_ms=min(r.startup_ms for r in runs),
            ready_ms=min(r.ready_ms for r in runs),
            rss_mb=min(r.rss_mb for r in runs),
            p50_us=min(r.p50_us for r in runs),
            p99_us=min(r.p99_us for r in runs),
            qps=max(r.qps for r in runs),
            top1=first.top1,
            cache=first.cache,
        )


def measure(spec: Spec) -> Figures:
    """Run `spec` in a fresh interpreter and return its figures."""
    out = subprocess.run(
        [sys.executable, "-m", "bot.benchrun", json.dumps(asdict(spec))],
        check=True,
        capture_output=True,
        text=True,
    )
    return Figures(**json.loads(out.stdout.strip().splitlines()[-1]))


def city_of(knowledge: Knowledge) -> str:
    """The first pack's city as people write it ("" without a scope)."""
    for scope in knowledge.scopes.values():
        return scope.city.aliases[0] if scope.city.aliases else scope.city.name
    return ""


def make_queries(
    knowledge: Knowledge, n: int, seed: int = 0, city: str | None = None
) -> list[tuple[str, str]]:
    """(question, intended entry id or "" for out of scope), deterministic: titles, aliases and
    phrasings with filler, a dropped character or a homophone swap, plus out-of-scope ones."""
    rng = random.Random(seed)
    place = city_of(knowledge) if city is None else city
    out_of_scope = [q.format(city=place) for q in _OUT_OF_SCOPE]
    entries = list(knowledge.entries.values())
    out: list[tuple[str, str]] = []
    if not entries:
        return [(q, "") for q in out_of_scope]
    while len(out) < n:
        e = rng.choice(entries)
        base = rng.choice([e.title, *e.aliases, *e.questions])
        kind = rng.random()
        if kind < 0.15 and len(base) > 3:
            i = rng.randrange(len(base))
            base = base[:i] + base[i + 1 :]
        elif kind < 0.3:
            base = "".join(_SIMILAR.get(ch, ch) for ch in base)
        out.append((rng.choice(_FILLERS).format(q=base, city=place), e.id))
        if rng.random() < 0.1:
            out.append((rng.choice(out_of_scope), ""))
    return out[:n]


def _percentile(samples: Sequence[float], pct: float) -> float:
    ordered = sorted(samples)
    k = min(len(ordered) - 1, max(0, round(pct / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def _same_answer(knowledge: Knowledge, got: str, want: str) -> bool:
    """The intended entry, or the figure/programme twin quoting the same sentence (a generated
    question from an alias they share is answered correctly by either); in copies of a pack,
    the same entry of any copy."""
    if got == want or _COPY.sub("", got) == _COPY.sub("", want):
        return True
    a, b = knowledge.entries.get(got), knowledge.entries.get(want)
    if a is None or b is None or a.kind == b.kind:
        return False
    qa, qb = a.quote.strip(), b.quote.strip()
    return bool(qa and qb) and (qa in qb or qb in qa)


def _latency(
    answer: Callable[[str], str], queries: Sequence[tuple[str, str]], knowledge: Knowledge
) -> tuple[float, float, float, float]:
    """p50 µs, p99 µs, q/s and top-1 agreement over `queries`."""
    for q, _ in queries[:_WARM_UP]:
        answer(q)
    times: list[float] = []
    hits = in_scope = 0
    t_all = time.perf_counter()
    for q, want in queries:
        t0 = time.perf_counter_ns()
        got = answer(q)
        times.append((time.perf_counter_ns() - t0) / 1000.0)
        if want:
            in_scope += 1
            hits += _same_answer(knowledge, got, want)
    total = time.perf_counter() - t_all
    return (
        statistics.median(times),
        _percentile(times, 99),
        len(queries) / total if total > 0 else 0.0,
        hits / in_scope if in_scope else 0.0,
    )


def _knowledge(spec: Spec) -> tuple[Knowledge, str, float, float]:
    """The knowledge to measure, its city, the load time in ms, and when start-up began.
    Packs on disk are loaded as the bot serves them: through the knowledge cache in the
    cache folder when there is one (parsed and checked on a cold start, read on a warm one)."""
    from bot.knowledge.loader import load_knowledge

    if spec.pack == "synthetic":
        from bot.benchpacks import synthetic_knowledge

        base = load_knowledge()
        knowledge = synthetic_knowledge(base, spec.entries)
        return knowledge, city_of(base), 0.0, time.perf_counter()
    start = time.perf_counter()
    root = Path(spec.knowledge_dir) if spec.pack == "copies" else None
    if spec.cache_dir:
        from bot.knowledge.cache import KnowledgeCache

        knowledge = KnowledgeCache(Path(spec.cache_dir)).load(root)
    else:
        knowledge = load_knowledge(root)
    return knowledge, city_of(knowledge), (time.perf_counter() - start) * 1000.0, start


def _run_engine(spec: Spec) -> Figures:
    knowledge, city, load_ms, start = _knowledge(spec)
    from bot.engine import Engine, settle_heap
    from bot.match.cache import IndexCache

    index_cache = IndexCache(Path(spec.cache_dir)) if spec.cache_dir else None
    engine = Engine(knowledge, index_cache=index_cache)
    cache = index_cache.last if index_cache is not None else ""
    settle_heap()
    startup_ms = (time.perf_counter() - start) * 1000.0
    engine.index.data.readings.get()
    if index_cache is not None:
        index_cache.wait()
    ready_ms = (time.perf_counter() - start) * 1000.0

    def answer(q: str) -> str:
        a = engine.ask(q)
        return a.hits[0].entry.id if a.hits and a.status != "no_match" else ""

    queries = make_queries(knowledge, spec.queries, spec.seed, city)
    p50, p99, qps, top1 = _latency(answer, queries, knowledge)
    return _figures(knowledge, load_ms, (startup_ms, ready_ms), (p50, p99, qps, top1), cache)


# Follow-ups a conversation's third message is: no subject of their own ({place}: the pack's).
_FOLLOW_UPS = ("那2019年呢", "具体多少钱", "它是哪一年的", "{place}呢", "比2019年提高了多少")


def chat_messages(queries: Sequence[tuple[str, str]], place: str) -> list[tuple[str, str]]:
    """Conversations of three messages made of `queries`: a question, two questions in one
    message, then a follow-up; only the first keeps its intended entry (for top-1)."""
    out: list[tuple[str, str]] = []
    for i, (q, want) in enumerate(queries):
        k = i % 3
        if k == 0:
            out.append((q, want))
        elif k == 1:
            other = queries[(i + 1) % len(queries)][0]
            out.append((f"{q.rstrip('？?')}？{other}", ""))
        else:
            out.append((_FOLLOW_UPS[(i // 3) % len(_FOLLOW_UPS)].format(place=place), ""))
    return out


def _run_chat(spec: Spec) -> Figures:
    """Per message, in conversations: multi-part messages and follow-ups included."""
    knowledge, city, load_ms, start = _knowledge(spec)
    from bot.engine import Engine, settle_heap

    engine = Engine(knowledge)
    settle_heap()
    startup_ms = (time.perf_counter() - start) * 1000.0
    engine.index.data.readings.get()
    ready_ms = (time.perf_counter() - start) * 1000.0
    places = [
        p.aliases[0] if p.aliases else p.name for s in knowledge.scopes.values() for p in s.places
    ]
    messages = chat_messages(
        make_queries(knowledge, spec.queries, spec.seed, city), places[0] if places else city
    )
    conversation = engine.conversation()
    count = [0]

    def answer(q: str) -> str:
        nonlocal conversation
        if count[0] % 3 == 0:
            conversation = engine.conversation()
        count[0] += 1
        a = conversation.reply(q).first
        return a.hits[0].entry.id if a.hits and a.status != "no_match" else ""

    return _figures(
        knowledge, load_ms, (startup_ms, ready_ms), _latency(answer, messages, knowledge)
    )


def _run_baseline(spec: Spec) -> Figures:
    """What a first attempt looks like: `extractOne` over every string of every entry."""
    knowledge, city, load_ms, start = _knowledge(spec)
    from rapidfuzz import fuzz, process

    from bot.understand.normalize import clean

    choices: list[str] = []
    owners: list[str] = []
    for e in knowledge.entries.values():
        for s in (e.title, *e.aliases, *e.questions, e.title_en, *e.aliases_en):
            if s:
                choices.append(clean(s))
                owners.append(e.id)
    startup_ms = (time.perf_counter() - start) * 1000.0

    def answer(q: str) -> str:
        got = process.extractOne(clean(q), choices, scorer=fuzz.WRatio, score_cutoff=60)
        return owners[got[2]] if got else ""

    queries = make_queries(knowledge, spec.queries, spec.seed, city)
    return _figures(
        knowledge, load_ms, (startup_ms, startup_ms), _latency(answer, queries, knowledge)
    )


def _figures(
    knowledge: Knowledge,
    load_ms: float,
    start: tuple[float, float],
    latency: tuple[float, float, float, float],
    cache: str = "",
) -> Figures:
    p50, p99, qps, top1 = latency
    return Figures(
        entries=len(knowledge.entries),
        load_ms=load_ms,
        startup_ms=start[0],
        ready_ms=start[1],
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        p50_us=p50,
        p99_us=p99,
        qps=qps,
        top1=top1,
        cache=cache,
    )


def main(argv: Sequence[str]) -> int:
    spec = Spec(**json.loads(argv[0]))
    run = {"engine": _run_engine, "chat": _run_chat, "baseline": _run_baseline}[spec.what]
    figures = run(spec)
    print(json.dumps(asdict(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
