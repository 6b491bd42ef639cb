"""Replace the serving engine with one built from the knowledge on disk, or not at all.

Curators edit YAML while the bot runs; `/reload` and SIGHUP pick the edits up
without a restart. The new knowledge is loaded, fully validated and indexed in
a worker thread while the old engine keeps answering; only a complete, valid
engine is swapped in, by a single assignment, so a handler sees either the old
engine or the new one, never a mix. Any failure leaves the old engine serving
and reports why.

Handlers must read the engine from its holder (the bot's `BotData`) once per update
and use that local reference throughout, never a copy cached at start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from bot.engine import Engine
from bot.knowledge.loader import KnowledgeError, load_knowledge
from bot.match.cache import IndexCache

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN: Final = 15


def build_engine(root: Path | None = None, index_cache: IndexCache | None = None) -> Engine:
    """Load + validate + index: everything a reload must do before it may swap (the index
    comes from `index_cache` when the knowledge did not change)."""
    return Engine(load_knowledge(root), index_cache=index_cache)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    trigger: str  # "/reload", "SIGHUP" ...
    seconds: float
    packs: int = 0  # of the engine serving after the attempt
    entries: int = 0
    problems: tuple[str, ...] = ()  # "file:line: entry-id: what is wrong"

    def summary(self, limit: int = MAX_PROBLEMS_SHOWN) -> str:
        """Plain text for the admin and the log."""
        if self.ok:
            return (
                f"✅ Knowledge reloaded ({self.trigger}): {self.packs} pack(s),"
                f" {self.entries} entries, {self.seconds * 1000:.0f} ms."
            )
        shown = list(self.problems[:limit])
        if len(self.problems) > limit:
            shown.append(f"… and {len(self.problems) - limit} more (python -m bot validate)")
        return "\n".join(
            [
                f"❌ Reload rejected ({self.trigger}): {len(self.problems)} problem(s)."
                f" Still serving the previous knowledge ({self.packs} pack(s),"
                f" {self.entries} entries).",
                *shown,
            ]
        )


class EngineHolder(Protocol):
    """Where the serving engine lives: the bot's `BotData`, any object with ``engine``."""

    engine: Engine | None


class Reloader:
    """Serialises reloads and swaps ``holder.engine`` only on success.

    `build` is injectable so tests can make a build fail or block.
    """

    def __init__(
        self,
        holder: EngineHolder,
        *,
        root: Path | None = None,
        build: Callable[[Path | None], Engine] = build_engine,
    ) -> None:
        self.holder = holder
        self.root = root
        self._build = build
        self._lock = asyncio.Lock()  # binds to a loop only when contended, so safe to make early

    @property
    def engine(self) -> Engine | None:
        return self.holder.engine

    async def reload(self, trigger: str = "reload") -> ReloadResult:
        async with self._lock:  # a second trigger waits, then re-reads the newest files
            start = time.perf_counter()
            try:
                engine = await asyncio.to_thread(self._build, self.root)
            except KnowledgeError as exc:
                problems = tuple(str(p) for p in exc.problems) or (str(exc),)
                return self._rejected(trigger, start, problems)
            except Exception as exc:  # an engine bug must not take the serving engine down
                log.exception("reload (%s): building the engine failed", trigger)
                return self._rejected(trigger, start, (f"{type(exc).__name__}: {exc}",))
            self.holder.engine = engine  # the swap: one assignment
            result = ReloadResult(True, trigger, time.perf_counter() - start, *_size(engine))
            log.info("%s", result.summary())
            return result

    def _rejected(self, trigger: str, start: float, problems: tuple[str, ...]) -> ReloadResult:
        result = ReloadResult(
            False, trigger, time.perf_counter() - start, *_size(self.engine), problems=problems
        )
        log.warning("%s", result.summary())
        return result


def _size(engine: Engine | None) -> tuple[int, int]:
    if engine is None:
        return 0, 0
    return len(engine.knowledge.packs), len(engine.knowledge.entries)


# -- SIGHUP --------------------------------------------------------------------

_tasks: set[asyncio.Task[ReloadResult]] = set()  # keep running reloads referenced


def install_sighup(
    reloader: Reloader,
    loop: asyncio.AbstractEventLoop | None = None,
    on_done: Callable[[ReloadResult], Awaitable[None]] | None = None,
) -> bool:
    """Reload on SIGHUP (the Unix convention for 're-read your config').

    Must be called with the loop running (or given). Returns False where the
    platform has no SIGHUP or the loop cannot take signal handlers (Windows).
    """
    sighup = getattr(signal, "SIGHUP", None)
    if sighup is None:
        return False
    loop = loop or asyncio.get_running_loop()

    async def run() -> ReloadResult:
        result = await reloader.reload("SIGHUP")
        if on_done is not None:
            await on_done(result)
        return result

    def handle() -> None:
        task = loop.create_task(run())
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)

    try:
        loop.add_signal_handler(sighup, handle)
    except (NotImplementedError, RuntimeError):  # no signal support, or not the main thread
        log.info("SIGHUP reload unavailable on this platform; use /reload")
        return False
    return True


def remove_sighup(loop: asyncio.AbstractEventLoop | None = None) -> None:
    sighup = getattr(signal, "SIGHUP", None)
    if sighup is None:
        return
    with contextlib.suppress(NotImplementedError, RuntimeError):
        (loop or asyncio.get_running_loop()).remove_signal_handler(sighup)
