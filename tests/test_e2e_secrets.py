"""Secrets end to end: a token Telegram echoes, a rejected token, the webhook secret.

In-process tests sweep every log record and every request the bot sent for the token in
any case (`no_token_leaks`); the child-process tests search the process's whole output.
"""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import aiohttp
import pytest
from botapi import BotAPIServer
from botproc import spawn, wait_ready
from conftest import StartBot

DIBAO = "镇江低保标准是多少"


def leaked(secret: str, text: str) -> bool:
    """The secret half of a token (or a whole secret) in `text`, in any case."""
    return secret.split(":")[-1].lower() in text.lower()


@pytest.mark.usefixtures("no_token_leaks")
async def test_a_token_echoed_in_a_400_description_is_never_logged_nor_reported(
    start_bot: StartBot, botapi: BotAPIServer
) -> None:
    operator = botapi.private_chat(botapi.user("值班员"))
    bot = await start_bot(error_chat_id=operator["id"])
    bot.allow_bad_requests = True
    # PTB capitalizes "Bad Request: ..." descriptions, i.e. lower-cases the echoed token.
    description = f"Bad Request: chat not found for bot{botapi.token}/sendMessage"
    botapi.fail(400, methods="sendMessage", description=description)
    user, chat = bot.private()
    botapi.send_text(chat, user, DIBAO)
    report = await botapi.wait_for("sendMessage", lambda r: r.chat_id == operator["id"])
    assert report.ok
    text = report.result["text"]
    assert "BadRequest" in text and "<redacted>" in text
    assert not leaked(botapi.token, text)


async def test_a_rejected_token_at_start_is_one_line_and_exit_code_2(
    botapi: BotAPIServer, tmp_path: Path
) -> None:
    wrong = botapi.token.split(":")[0] + ":AA" + "x" * 33  # well-formed, so Telegram says 401
    for level in ("WARNING", "DEBUG"):
        bot = await spawn(botapi, tmp_path / level / "data", token=wrong, env={"LOG_LEVEL": level})
        assert await bot.wait(30) == 2, bot.output
        assert "Traceback" not in bot.output
        assert not leaked(wrong, bot.output), "the rejected token was printed"
        errors = [line for line in bot.lines if "rejected" in line]
        assert len(errors) == 1 and errors[0].rstrip().endswith(
            "Telegram rejected the token (401): check TELEGRAM_BOT_TOKEN"
        ), bot.output
        if level == "WARNING":
            assert bot.lines == errors, "nothing but that one line"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _post(
    session: aiohttp.ClientSession, url: str, body: object, headers: dict[str, str]
) -> int:
    """POST like Telegram; PTB calls setWebhook before its server listens, so wait for it."""
    for _ in range(100):
        try:
            async with session.post(url, json=body, headers=headers) as response:
                return response.status
        except aiohttp.ClientConnectorError:
            await asyncio.sleep(0.05)
    raise TimeoutError(f"nothing listens on {url}")


async def test_webhook_mode_journals_dedupes_and_never_logs_its_secret(
    botapi: BotAPIServer, tmp_path: Path
) -> None:
    port = _free_port()
    env = {
        "WEBHOOK_URL": "https://bot.example.org/hook",  # the stand-in never calls it
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "LOG_LEVEL": "DEBUG",  # PTB logs setWebhook's parameters, secret_token included
    }
    bot = await spawn(botapi, tmp_path / "data", env=env)
    try:
        await wait_ready(botapi, bot)
        (set_webhook,) = botapi.calls("setWebhook")
        secret = str(set_webhook.params["secret_token"])  # random: WEBHOOK_SECRET unset
        user = botapi.user("小王")
        chat = botapi.private_chat(user)
        botapi.send_text(chat, user, DIBAO)
        update = botapi._pending.popleft()  # what Telegram would POST to the webhook
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with aiohttp.ClientSession() as session:
            for _ in range(2):  # Telegram retries a webhook call it thinks failed
                assert await _post(session, f"http://127.0.0.1:{port}/hook", update, headers) == 200
            await botapi.wait_for("sendMessage", lambda r: r.chat_id == chat["id"], since=0)
            await botapi.settle(quiet=0.5)
    finally:
        code = await bot.stop()
    assert code == 0, bot.output
    (answer,) = botapi.bot_messages(chat)
    assert "875" in answer["text"], "answered exactly once"
    assert "arrived again" in bot.output, "the second delivery was recognised"
    assert "setWebhook" in bot.output, "DEBUG output captured: the check is not blind"
    assert not leaked(secret, bot.output), "the webhook secret was logged"
    assert not leaked(botapi.token, bot.output)
    assert json.dumps(update["update_id"]) in bot.output
