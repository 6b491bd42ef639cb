"""An engine started from the caches answers exactly as one built fresh.

A warm start reads the checked packs from the knowledge cache and every start-up table (index
data, normalizer, reader, fact book, programme map) from the build cache. Every question of the
accuracy suite and of the dev eval set — multi-part messages and conversations included — must
get the same reply from it as from ``Engine(knowledge)``: status, reason, every hit with its
score, what is known instead, the verdict and the derived figure. The questions are only asked
here, never tuned on. Two knowledges: the bundled pack, and several cities (the bundled pack
beside the test packs), whose replies also ask "which city?".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from fixtures.multipack import knowledge_root

from bot.answer import Answer
from bot.decide import book
from bot.engine import Engine
from bot.knowledge.cache import KnowledgeCache
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Knowledge
from bot.match.cache import IndexCache, content_key

HERE = Path(__file__).parent


def _questions() -> tuple[list[str], list[list[str]]]:
    """Every question asked alone, and every conversation (its turns in order)."""
    doc = yaml.safe_load((HERE / "accuracy_questions.yaml").read_text(encoding="utf-8"))
    alone = [str(item["q"]) for item in doc["items"]]
    chats: list[list[str]] = []
    for path in sorted((HERE / "eval" / "dev").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            if "turns" in item:
                chats.append([str(t["q"]) for t in item["turns"]])
            else:
                alone.append(str(item["q"]))
    return alone, chats


ALONE, CHATS = _questions()


def signature(a: Answer) -> tuple[Any, ...]:
    d = a.derived
    return (
        a.status,
        a.reason,
        tuple((h.entry.id, h.score) for h in a.hits),
        tuple((h.entry.id, h.score) for h in a.known_instead),
        a.detail,
        a.verdict,
        a.lang,
        a.context,
        None if d is None else (d.op, d.value, d.unit, d.text, tuple(e.id for e in d.inputs)),
    )


def replies(engine: Engine) -> list[Any]:
    out: list[Any] = [[signature(p) for p in engine.reply(q).parts] for q in ALONE]
    for turns in CHATS:
        conversation = engine.conversation()
        out.append([[signature(p) for p in conversation.reply(q).parts] for q in turns])
    return out


def test_the_question_lists_are_read() -> None:
    assert len(ALONE) > 500 and len(CHATS) > 10


def warm_engine(root: Path | None, cache_dir: Path) -> tuple[Engine, str, str]:
    """An engine started the way the bot serves: knowledge and tables from the caches."""
    knowledge_cache, index_cache = KnowledgeCache(cache_dir), IndexCache(cache_dir)
    engine = Engine(knowledge_cache.load(root), index_cache=index_cache)
    return engine, knowledge_cache.last, index_cache.last


@pytest.mark.parametrize("cities", [False, True], ids=["bundled", "cities"])
def test_a_warm_start_answers_as_a_fresh_build(
    cities: bool, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = knowledge_root(tmp_path / "knowledge", bundled=True) if cities else None
    fresh = Engine(load_knowledge(root))
    _cold, *cold_state = warm_engine(root, tmp_path / "cache")
    assert cold_state == ["miss", "miss"]
    with caplog.at_level(logging.WARNING):
        warm, *warm_state = warm_engine(root, tmp_path / "cache")
    assert warm_state == ["hit", "hit"] and not caplog.records
    assert warm.knowledge.packs == fresh.knowledge.packs
    assert warm.index.data == fresh.index.data
    assert replies(warm) == replies(fresh)


@pytest.fixture(scope="module")
def bundled() -> Knowledge:
    return load_knowledge()


def test_the_tables_come_back_as_built(bundled: Knowledge, tmp_path: Path) -> None:
    """Each part rebuilt from the cache holds what the fresh build made."""
    fresh = Engine(bundled)
    Engine(bundled, index_cache=IndexCache(tmp_path))
    warm = Engine(bundled, index_cache=IndexCache(tmp_path))
    assert warm.normalizer.state() == fresh.normalizer.state()
    assert warm.reader.state() == fresh.reader.state()
    assert warm.decider.programme == fresh.decider.programme
    for e in bundled.entries.values():
        assert warm.book.said(e) == fresh.book.said(e)


def test_a_file_without_the_tables_is_rebuilt_not_served(
    bundled: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A valid index file whose other tables do not decode (here: none saved) is ignored."""
    cache = IndexCache(tmp_path)
    fresh = Engine(bundled)
    cache.save(content_key(bundled), fresh.index.data)  # no extra, no rows
    with caplog.at_level(logging.WARNING, logger="bot.parts"):
        engine = Engine(bundled, index_cache=cache)
    assert cache.last == "corrupt" and "ignored" in caplog.text
    assert [signature(engine.ask(q)) for q in ALONE[:40]] == [
        signature(fresh.ask(q)) for q in ALONE[:40]
    ]
    Engine(bundled, index_cache=cache)
    assert cache.last == "hit"  # the rebuild saved a whole file


def test_a_large_book_starts_warm_without_rows(
    bundled: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fact book too large to read at start saves no rows: the warm start reads each entry
    when it is first consulted, and answers as a fresh build."""
    monkeypatch.setattr(book, "EAGER_ROWS", 0)
    fresh = Engine(bundled)
    Engine(bundled, index_cache=IndexCache(tmp_path))
    cache = IndexCache(tmp_path)
    warm = Engine(bundled, index_cache=cache)
    assert cache.last == "hit"
    assert replies(warm) == replies(fresh)
