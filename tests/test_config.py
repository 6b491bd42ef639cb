"""Settings parsing, and the promise that the token never reaches logs or reprs."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

import pytest
from botapi import BotAPIServer
from fixtures.engine_pack import build_knowledge

from bot.config import (
    DEFAULT_BASE_URL,
    ConfigError,
    RedactingFilter,
    Settings,
    quiet_url_loggers,
)

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_defaults_without_anything() -> None:
    settings = Settings.from_env({}, dotenv_path=None)
    assert not settings.has_token
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.admin_ids == frozenset()
    assert settings.error_chat_id is None
    assert settings.log_level == "INFO"
    assert not settings.use_webhook
    assert settings.data_dir == Path("data")
    assert settings.log_retention_days == 90
    assert settings.knowledge_dir is None
    assert settings.group_throttle == (5, 60.0)


def test_every_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": f"  {TOKEN} ",
            "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot/",
            "ADMIN_IDS": "42, 7 99",
            "ERROR_CHAT_ID": "-1001234567890",
            "LOG_LEVEL": "debug",
            "WEBHOOK_URL": "https://bot.example.org/telegram",
            "WEBHOOK_LISTEN": "0.0.0.0",
            "WEBHOOK_PORT": "8080",
            "WEBHOOK_SECRET": "s3cret_-X",
            "DATA_DIR": "/var/lib/zj",
            "LOG_RETENTION_DAYS": "30",
            "KNOWLEDGE_DIR": "/srv/knowledge",
            "GROUP_THROTTLE": "3/30",
        },
        dotenv_path=None,
    )
    assert settings.token == TOKEN
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.admin_ids == frozenset({42, 7, 99})
    assert settings.error_chat_id == -1001234567890
    assert settings.log_level == "DEBUG"
    assert settings.use_webhook
    assert (settings.webhook_listen, settings.webhook_port) == ("0.0.0.0", 8080)
    assert settings.webhook_secret == "s3cret_-X"
    assert settings.data_dir == Path("/var/lib/zj")
    assert settings.log_retention_days == 30
    assert settings.knowledge_dir == Path("/srv/knowledge")
    assert settings.group_throttle == (3, 30.0)


def test_error_chat_may_be_a_channel_name() -> None:
    assert Settings.from_mapping({"ERROR_CHAT_ID": "@zj_errors"}).error_chat_id == "@zj_errors"


@pytest.mark.parametrize("value", ["0", "off", "OFF", "none"])
def test_throttle_can_be_switched_off(value: str) -> None:
    assert Settings.from_mapping({"GROUP_THROTTLE": value}).group_throttle is None


def test_dotenv_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f'TELEGRAM_BOT_TOKEN="{TOKEN}"\nLOG_LEVEL=WARNING\nADMIN_IDS=1\n', encoding="utf-8"
    )
    settings = Settings.from_env({"LOG_LEVEL": "ERROR"}, dotenv_path=env_file)
    assert settings.token == TOKEN
    assert settings.log_level == "ERROR"  # the real environment overrides .env
    assert settings.admin_ids == frozenset({1})


def test_missing_dotenv_file_is_fine(tmp_path: Path) -> None:
    assert not Settings.from_env({}, dotenv_path=tmp_path / "nope.env").has_token


def test_empty_values_count_as_unset() -> None:
    settings = Settings.from_mapping({"TELEGRAM_BOT_TOKEN": "", "WEBHOOK_PORT": " "})
    assert not settings.has_token
    assert settings.webhook_port == 8443


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_BASE_URL", "127.0.0.1:8081/bot"),
        ("LOG_LEVEL", "LOUD"),
        ("ADMIN_IDS", "42,@me"),
        ("ERROR_CHAT_ID", "errors"),
        ("WEBHOOK_URL", "http://insecure.example.org/hook"),
        ("WEBHOOK_PORT", "eighty"),
        ("WEBHOOK_PORT", "0"),
        ("WEBHOOK_SECRET", "has space"),
        ("LOG_RETENTION_DAYS", "-1"),
        ("GROUP_THROTTLE", "fast"),
        ("GROUP_THROTTLE", "0/60"),
    ],
)
def test_bad_values_name_the_variable_not_the_token(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_mapping({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})
    assert name in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_token_with_whitespace_is_refused_without_echoing_it() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_mapping({"TELEGRAM_BOT_TOKEN": "123:abc def"})
    assert "abc" not in str(caught.value)


def test_repr_never_shows_secrets() -> None:
    settings = Settings(token=TOKEN, webhook_secret="hook-secret-value")
    for text in (repr(settings), str(settings)):
        assert TOKEN not in text
        assert "hook-secret-value" not in text
        assert "base_url" in text  # the rest stays visible for debugging


def test_settings_are_frozen() -> None:
    settings = Settings(token=TOKEN)
    with pytest.raises(AttributeError):
        settings.token = "other"  # type: ignore[misc]


def test_redact_replaces_every_secret() -> None:
    settings = Settings(token=TOKEN, webhook_secret="hooksecret")
    text = f"POST https://api.telegram.org/bot{TOKEN}/getMe secret=hooksecret"
    assert settings.redact(text) == (
        "POST https://api.telegram.org/bot<redacted>/getMe secret=<redacted>"
    )


def test_redacting_filter_scrubs_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter((TOKEN,)))
    log = logging.getLogger("test_config.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("url %s", f"https://api.telegram.org/bot{TOKEN}/getMe")
        try:
            raise RuntimeError(f"failed calling /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("boom")
    finally:
        log.removeHandler(handler)
        log.propagate = True
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("<redacted>") == 2
    assert "RuntimeError" in output  # the traceback itself is kept


def test_url_loggers_are_quietened() -> None:
    quiet_url_loggers()
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING


async def test_startup_and_a_question_log_no_token_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Run the real Application against the local stand-in with every logger at DEBUG."""
    from bot.engine import Engine
    from bot.tg.application import build_application, post_init

    caplog.set_level(logging.DEBUG)
    async with BotAPIServer() as server:
        settings = Settings(token=server.token, base_url=server.base_url)
        app = build_application(settings, Engine(build_knowledge()), log_questions=False)
        async with app:
            await post_init(app)
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            user = server.user(first_name="测试")
            server.send_text(server.private_chat(user), user, "镇江低保标准是多少")
            sent = await server.wait_for("sendMessage", timeout=10)
            assert "875" in (sent.text or "")
            await asyncio.sleep(0.1)
            await app.updater.stop()
            await app.stop()

    assert server.token.split(":")[1] not in caplog.text
    assert server.token not in caplog.text
    # The log is not simply empty: PTB's own DEBUG lines were captured.
    assert "getMe" in caplog.text
