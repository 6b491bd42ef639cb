"""A full disk at first start, then freed: the bot answers throughout and the log resumes.

A real full disk, on the real bot process: RLIMIT_FSIZE=0 makes every write to a regular
file fail (EFBIG) while creating files still works, which is how a full disk used to leave
a 0-byte salt behind that disabled the question log for good. The limit is lifted from
outside (prlimit), like an operator freeing space, and the next question is logged.
"""

from __future__ import annotations

import asyncio
import resource
import signal
from pathlib import Path

import pytest
from botapi import BotAPIServer
from botproc import spawn, wait_ready

from bot.qlogread import open_readonly, read_questions
from bot.salt import SALT_BYTES, SALT_NAME

DIBAO = "镇江低保标准是多少"
# The production CLI, with the question log's retry pause cut from 5 s so the test is quick.
CHILD = (
    "import runpy, sys, bot.qlog as q; q.RETRY_AFTER_S = 0.2; "
    "sys.argv = ['bot', 'run']; runpy.run_module('bot', run_name='__main__')"
)


def _full_disk() -> None:
    """In the child before exec: writes to files fail, and do not kill it (SIGXFSZ)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))


async def _answer(server: BotAPIServer, chat: dict[str, object], user: dict[str, object]) -> str:
    mark = server.mark()
    server.send_text(chat, user, DIBAO)
    sent = await server.wait_for("sendMessage", lambda r: r.chat_id == chat["id"], since=mark)
    assert sent.ok
    return str(sent.result["text"])


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs Linux prlimit")
async def test_full_disk_at_first_start_then_freed_the_log_resumes(
    botapi: BotAPIServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    bot = await spawn(botapi, data, preexec=_full_disk, code=CHILD)
    try:
        await wait_ready(botapi, bot)
        user = botapi.user("小王")
        chat = botapi.private_chat(user)
        assert "875" in await _answer(botapi, chat, user), "answered on a full disk"
        assert not (data / SALT_NAME).exists(), "no truncated salt left behind"
        assert "unavailable" in bot.output

        infinity = resource.RLIM_INFINITY
        resource.prlimit(bot.pid, resource.RLIMIT_FSIZE, (infinity, infinity))  # space freed
        await asyncio.sleep(0.3)
        assert "875" in await _answer(botapi, chat, user)
        rows = []
        for _ in range(50):
            conn = open_readonly(data)
            if conn is not None:
                rows = read_questions(conn)
                conn.close()
            if rows:
                break
            await asyncio.sleep(0.1)
    finally:
        code = await bot.stop()
    assert code == 0, bot.output
    assert [r.status for r in rows] == ["answered"], "the second question is logged"
    assert len((data / SALT_NAME).read_bytes()) == SALT_BYTES
    assert "writable again" in bot.output
    assert "Traceback" not in bot.output
