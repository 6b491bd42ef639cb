"""Shared fixtures: the stand-in Bot API server and the real bot running against it.

``botapi``       a started `botapi.BotAPIServer` on 127.0.0.1 (random port), stopped after.
``start_bot``    factory: ``await start_bot(rate_limit=..., **settings)`` builds the production
                 Application with `bot.tg.application.build_application`, points it at
                 ``botapi`` through ``Settings.base_url`` (TELEGRAM_BASE_URL) and runs it the
                 way ``Application.run_polling`` does; stopped cleanly after the test.
                 ``await bot.restart()`` stops it and starts a fresh Application with the same
                 settings (a process restart: nothing in memory survives, the data dir does).
``running_bot``  ``await start_bot()`` with the defaults.
``no_token_leaks`` after the test, sweeps every log record (captured at DEBUG) and every
                 request the bot sent to the stand-in for the token, in any case or encoding.
``engine``       the answer engine over the hand-built pack in tests/fixtures/engine_pack.py,
                 built once per session, so Telegram tests do not depend on the curated pack.
``real``         the answer engine over the bundled (curated) pack, built once per session, for
                 tests whose behaviour is about the real article.
``cities_root``  a knowledge folder with the bundled packs and the test packs of other
                 cities (tests/fixtures/packs), built once per session; ``cities`` is its
                 loaded `Knowledge` (see tests/fixtures/multipack.py).

The tests/ directory is on sys.path under pytest (no tests/__init__.py), so the stand-in is
imported as ``botapi``.
"""

from __future__ import annotations

import datetime as dtm
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from botapi import BotAPIServer

JSON = dict[str, Any]
POLL_TIMEOUT = dtm.timedelta(seconds=1)  # short long-polls keep start/stop fast


@pytest.fixture
async def botapi() -> AsyncIterator[BotAPIServer]:
    server = BotAPIServer()
    await server.start()
    try:
        yield server
    finally:
        server.clear_faults()
        await server.stop()


@pytest.fixture(scope="session")
def engine() -> Any:
    engine_mod = pytest.importorskip("bot.engine", reason="bot.engine not available yet")
    pack = pytest.importorskip("fixtures.engine_pack", reason="engine fixture pack missing")
    return engine_mod.Engine(pack.build_knowledge())


@pytest.fixture(scope="session")
def real() -> Any:
    from bot.engine import Engine
    from bot.knowledge.loader import load_knowledge

    return Engine(load_knowledge())


@pytest.fixture(scope="session")
def cities_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fixtures.multipack import knowledge_root

    return knowledge_root(tmp_path_factory.mktemp("cities") / "knowledge")


@pytest.fixture(scope="session")
def cities(cities_root: Path) -> Any:
    from bot.knowledge.loader import load_knowledge

    return load_knowledge(cities_root)


@dataclass
class RunningBot:
    """The production Application, running (polling) against the stand-in.

    After the test the fixture fails if the bot made any request Telegram would have refused
    with 400; a test that provokes one on purpose sets ``allow_bad_requests``.
    """

    app: Any  # telegram.ext.Application
    server: BotAPIServer
    settings: Any  # bot.config.Settings
    allow_bad_requests: bool = False
    restarter: Callable[[RunningBot], Awaitable[RunningBot]] | None = None

    async def restart(self) -> RunningBot:
        """Stop this bot and start a new one on the same data dir (a process restart)."""
        assert self.restarter is not None
        return await self.restarter(self)

    @property
    def username(self) -> str:
        return self.server.bot_username

    def private(self, name: str = "小王", language_code: str = "zh-hans") -> tuple[JSON, JSON]:
        """A new user and their private chat with the bot."""
        user = self.server.user(name, language_code=language_code)
        return user, self.server.private_chat(user)

    async def ask(
        self,
        chat: JSON,
        user: JSON | None,
        text: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline for wait_for, not a cancel scope
    ) -> JSON:
        """Send ``text`` and return the bot's first message in that chat afterwards."""
        self.server.send_text(chat, user, text)
        sent = await self.server.wait_for(
            "sendMessage", lambda r: r.chat_id == chat["id"], timeout=timeout
        )
        assert sent.ok, sent.describe()
        return dict(sent.result)


StartBot = Callable[..., Awaitable[RunningBot]]


async def _call_hook(hook: Any, app: Any) -> None:
    if hook is not None:
        result = hook(app)
        if inspect.isawaitable(result):
            await result


@pytest.fixture
async def start_bot(botapi: BotAPIServer, engine: Any, tmp_path: Path) -> AsyncIterator[StartBot]:
    application = pytest.importorskip(
        "bot.tg.application", reason="bot.tg.application not available yet"
    )
    config = pytest.importorskip("bot.config")
    started: list[Any] = []
    bots: list[RunningBot] = []

    async def stop(app: Any) -> None:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            await _call_hook(app.post_stop, app)
        await app.shutdown()
        await _call_hook(app.post_shutdown, app)

    async def start(
        *,
        rate_limit: bool = True,
        log_questions: bool = False,
        retry: Any = None,
        **overrides: Any,
    ) -> RunningBot:
        assert not started, "one bot per stand-in: a second poller would get 409 Conflict"
        settings = config.Settings(
            token=botapi.token, base_url=botapi.base_url, data_dir=tmp_path / "data"
        )
        settings = replace(settings, **overrides)
        app = application.build_application(
            settings, engine, rate_limit=rate_limit, log_questions=log_questions, retry=retry
        )
        # What Application.run_polling does, minus the signal handling and loop ownership.
        await app.initialize()
        started.append(app)
        await _call_hook(app.post_init, app)

        def error_callback(exc: Exception) -> None:
            app.create_task(app.process_error(error=exc, update=None))

        await app.updater.start_polling(
            poll_interval=0,
            timeout=POLL_TIMEOUT,
            allowed_updates=application.ALLOWED_UPDATES,  # as bot.tg.application.run does
            error_callback=error_callback,
        )
        await app.start()

        async def restart(old: RunningBot) -> RunningBot:
            await stop(old.app)
            started.remove(old.app)
            return await start(rate_limit=rate_limit, log_questions=log_questions, **overrides)

        running = RunningBot(app, botapi, settings, restarter=restart)
        bots.append(running)
        return running

    yield start

    botapi.clear_faults()  # let the final offset-confirming getUpdates through
    for app in started:
        await stop(app)
    for running in bots:
        refused = [r.describe() for r in botapi.bad_requests()]
        assert running.allow_bad_requests or not refused, (
            "the bot sent requests Telegram would refuse:\n" + "\n".join(refused)
        )


@pytest.fixture
async def running_bot(start_bot: StartBot) -> RunningBot:
    return await start_bot()


@pytest.fixture
def no_token_leaks(botapi: BotAPIServer, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail the test if the token's secret half shows up anywhere, in any case.

    Matching the part after the colon, case-folded, also catches the lower-cased token in
    PTB's capitalized error descriptions and the percent-encoded forms of URLs.
    """
    caplog.set_level(logging.DEBUG)
    yield
    secret = botapi.token.split(":", 1)[1].lower()
    logged = "\n".join([caplog.text, *(r.getMessage() for r in caplog.records)]).lower()
    assert caplog.records, "nothing logged: the sweep would be blind"
    assert secret not in logged, "the bot token leaked into the log"
    sent = "\n".join(repr(r.params) for r in botapi.requests).lower()
    assert secret not in sent, "the bot token leaked into something the bot sent"
