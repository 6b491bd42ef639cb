"""The production bot as a child process (`python -m bot run`) against an in-process stand-in.

For what only a real process shows: kill -9, the exit code and output of a refused start,
webhook mode, a full disk (RLIMIT_FSIZE). Output (stdout and stderr, merged) is read through
a pipe as it comes, so the child never blocks on it and a file-size limit never applies to it.

Usage::

    bot = await spawn(server, data_dir)
    await wait_ready(server, bot)
    ...
    bot.kill()            # SIGKILL, or: await bot.stop() for SIGTERM
    print(bot.output)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from botapi import BotAPIServer

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    since: int = 0  # the stand-in's request count when it was started
    lines: list[str] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def output(self) -> str:
        return "".join(self.lines)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            self.lines.append(raw.decode("utf-8", "replace"))

    async def wait(self, timeout: float = 30.0) -> int:  # noqa: ASYNC109
        code = await asyncio.wait_for(self.process.wait(), timeout)
        if self.reader is not None:
            await asyncio.wait_for(self.reader, timeout)
        return code

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as with the OOM killer."""
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def stop(self, timeout: float = 30.0) -> int:  # noqa: ASYNC109
        """SIGTERM and wait (graceful shutdown); SIGKILL if it takes longer than `timeout`."""
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            return await self.wait(timeout)
        except TimeoutError:
            self.kill()
            return await self.wait(timeout)


async def spawn(
    server: BotAPIServer,
    data_dir: Path,
    *,
    token: str | None = None,
    env: Mapping[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    code: str | None = None,
) -> BotProcess:
    """Start `python -m bot run` (or `python -c code`) with the stand-in as its Bot API.

    The environment is the parent's minus any TELEGRAM_/WEBHOOK_ settings, plus the
    stand-in's URL and token and `env`; the working directory is `data_dir`'s parent, so
    no `.env` is read.
    """
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    clean.update(
        {
            "TELEGRAM_BOT_TOKEN": token if token is not None else server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATA_DIR": str(data_dir),
            "LOG_LEVEL": "INFO",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
    )
    args = ["-c", code] if code is not None else ["-m", "bot", "run"]
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    since = len(server.requests)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=clean,
        cwd=data_dir.parent,
        preexec_fn=preexec,
    )
    bot = BotProcess(process, since)
    bot.reader = asyncio.create_task(bot._read())
    return bot


async def wait_ready(server: BotAPIServer, bot: BotProcess, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Until the child's bootstrap is done (deleteWebhook before polling, setWebhook for a
    webhook): updates pushed from then on reach it. Fails if the child exits first."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if any(r.method in ("deleteWebhook", "setWebhook") for r in server.requests[bot.since :]):
            return
        if bot.process.returncode is not None:
            raise RuntimeError(f"the bot exited early:\n{bot.output}")
        if loop.time() > deadline:
            raise TimeoutError(f"the bot did not start:\n{bot.output}")
        await asyncio.sleep(0.05)
