"""Reload: only a complete, valid engine is swapped in; the old one serves until then."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.paths import knowledge_dir
from bot.reload import (
    Reloader,
    ReloadResult,
    build_engine,
    install_sighup,
    remove_sighup,
)

QUESTION = "镇江低保标准是多少"
NEW_ALIAS = "青菜豆腐保障线"  # a wording no entry has yet


@dataclass
class Holder:
    """What the bot's BotData is to the reloader: somewhere the engine lives."""

    engine: Engine | None


@pytest.fixture(scope="module")
def built() -> Engine:
    return build_engine(knowledge_dir())


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the bundled knowledge that a test may edit or break."""
    copy = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), copy)
    return copy


def _entries_file(root: Path) -> Path:
    return next(root.glob("*/indicators*.yaml"))


def _break(root: Path) -> None:
    with _entries_file(root).open("a", encoding="utf-8") as f:
        f.write("\n  - id: [this is not, valid: yaml\n")


def _answered(engine: Engine) -> str:
    answer = engine.ask(QUESTION)
    assert answer.status == "answered", answer
    best = answer.best
    assert best is not None
    return best.id


def test_reload_swaps_in_a_new_engine(root: Path, built: Engine) -> None:
    store = Holder(built)
    result = asyncio.run(Reloader(store, root=root).reload("/reload"))
    assert result.ok and result.problems == ()
    assert store.engine is not built
    assert _answered(store.engine) == _answered(built)
    assert (result.packs, result.entries) == (
        len(built.knowledge.packs),
        len(built.knowledge.entries),
    )
    assert result.summary().startswith("✅ Knowledge reloaded (/reload)")


def test_reload_picks_up_an_edit(root: Path, built: Engine) -> None:
    """A curator adds an alias; after the reload the bot knows it."""
    target = _answered(built)
    assert built.ask(NEW_ALIAS).status != "answered"
    path = _entries_file(root)
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {target}\n")
    at = text.index("aliases: [", start) + len("aliases: [")
    path.write_text(f"{text[:at]}{NEW_ALIAS}, {text[at:]}", encoding="utf-8")
    store = Holder(built)
    result = asyncio.run(Reloader(store, root=root).reload())
    assert result.ok, result.problems
    after = store.engine.ask(NEW_ALIAS)
    assert after.status == "answered" and after.best is not None and after.best.id == target


def test_broken_pack_is_rejected_and_the_old_engine_keeps_answering(
    root: Path, built: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    _break(root)
    store = Holder(built)
    result = asyncio.run(Reloader(store, root=root).reload("/reload"))
    assert not result.ok
    assert store.engine is built
    assert _answered(store.engine)
    # The problems point at the file and line, as `python -m bot validate` would.
    assert any(_entries_file(root).name in p and ":" in p for p in result.problems)
    summary = result.summary()
    assert summary.startswith("❌ Reload rejected (/reload)")
    assert f"Still serving the previous knowledge ({len(built.knowledge.packs)} pack(s)" in summary
    assert any("Reload rejected" in r.getMessage() for r in caplog.records)


def test_missing_knowledge_folder_is_rejected(tmp_path: Path, built: Engine) -> None:
    store = Holder(built)
    result = asyncio.run(Reloader(store, root=tmp_path / "gone").reload())
    assert not result.ok and store.engine is built
    assert any("not found" in p for p in result.problems)


def test_an_engine_bug_is_rejected_too(built: Engine) -> None:
    def explode(root: Path | None) -> Engine:
        raise RuntimeError("index build failed")

    store = Holder(built)
    result = asyncio.run(Reloader(store, build=explode).reload())
    assert not result.ok and store.engine is built
    assert result.problems == ("RuntimeError: index build failed",)


def test_summary_caps_long_problem_lists() -> None:
    result = ReloadResult(False, "/reload", 0.1, 1, 80, tuple(f"f.yaml:{i}: x" for i in range(40)))
    lines = result.summary(limit=5).splitlines()
    assert len(lines) == 7 and lines[-1].startswith("… and 35 more")


async def test_old_engine_answers_while_the_new_one_builds(built: Engine, root: Path) -> None:
    """The build runs in a thread: the loop keeps serving questions with the old engine."""
    release = threading.Event()
    building = threading.Event()

    def slow_build(r: Path | None) -> Engine:
        building.set()
        assert release.wait(5)
        return build_engine(r)

    store = Holder(built)
    task = asyncio.create_task(Reloader(store, root=root, build=slow_build).reload())
    await asyncio.to_thread(building.wait, 5)
    served = [store.engine for _ in range(3) if await asyncio.sleep(0) is None]
    assert all(e is built for e in served) and _answered(store.engine)
    release.set()
    result = await task
    assert result.ok and store.engine is not built


async def test_concurrent_reloads_are_serialised(built: Engine, root: Path) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()

    def counting_build(r: Path | None) -> Engine:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            return build_engine(r)
        finally:
            with lock:
                active -= 1

    reloader = Reloader(Holder(built), root=root, build=counting_build)
    results = await asyncio.gather(reloader.reload("a"), reloader.reload("b"))
    assert all(r.ok for r in results) and peak == 1


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
async def test_sighup_reloads(built: Engine, root: Path) -> None:
    store = Holder(built)
    done: asyncio.Queue[ReloadResult] = asyncio.Queue()
    assert install_sighup(Reloader(store, root=root), on_done=done.put)
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        result = await asyncio.wait_for(done.get(), 10)
        assert result.ok and result.trigger == "SIGHUP"
        assert store.engine is not built
        first = store.engine

        _break(root)  # a second SIGHUP with a broken pack keeps the current engine
        os.kill(os.getpid(), signal.SIGHUP)
        result = await asyncio.wait_for(done.get(), 10)
        assert not result.ok and store.engine is first
        assert _answered(store.engine)
    finally:
        remove_sighup()
