"""The scale benchmark's knowledge and its fresh-process measurement (figures are not asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.benchpacks import synthetic_knowledge, write_copies
from bot.benchrun import Spec, chat_messages, measure
from bot.cli.bench import main as main_bench
from bot.knowledge.loader import load_knowledge
from bot.paths import knowledge_dir


def test_copies_are_valid_knowledge_with_unique_ids(tmp_path: Path) -> None:
    bundled = load_knowledge()
    assert write_copies(knowledge_dir(), tmp_path / "k", 3) == 3 * len(bundled.packs)
    copies = load_knowledge(tmp_path / "k")  # validates: a duplicate id would raise
    assert len(copies.entries) == 3 * len(bundled.entries)
    some = next(e for e in bundled.entries.values() if e.related)
    twin = copies.entries[f"c002-{some.id}"]
    assert twin.related == tuple(f"c002-{r}" for r in some.related)
    assert twin.quote == some.quote


def test_synthetic_pack_is_deterministic_and_sized() -> None:
    base = load_knowledge()
    a, b = synthetic_knowledge(base, 300), synthetic_knowledge(base, 300)
    assert len(a.entries) == 300
    assert [e.title for e in a.entries.values()] == [e.title for e in b.entries.values()]


def test_a_measurement_runs_in_a_fresh_process() -> None:
    f = measure(Spec("synthetic", entries=120, queries=30))
    assert f.entries == 120
    assert f.startup_ms > 0 and f.rss_mb > 10
    assert 0 < f.p50_us <= f.p99_us
    assert 0.0 <= f.top1 <= 1.0


def test_bench_rejects_sizes_out_of_range() -> None:
    with pytest.raises(SystemExit):
        main_bench(["--entries", "10", "--no-bundled"])


def test_chat_messages_are_conversations_of_three() -> None:
    queries = [(f"问题{i}", f"e{i}") for i in range(6)]
    got = chat_messages(queries, "丹阳")
    assert len(got) == 6
    assert got[0] == ("问题0", "e0")  # a question, scored for top-1
    assert got[1] == ("问题1？问题2", "")  # two questions in one message
    assert got[2][1] == "" and "问题" not in got[2][0]  # a follow-up with no subject
    assert got[5][0] == "具体多少钱"  # the next conversation's follow-up is another one


def test_a_chat_measurement_runs_in_a_fresh_process() -> None:
    f = measure(Spec("bundled", what="chat", queries=30))
    assert f.entries > 0 and 0 < f.p50_us <= f.p99_us
