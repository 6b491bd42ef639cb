"""Settings from the environment or a `.env` file, parsed once at start-up.

Everything that differs between a laptop, CI and a deployment lives here, so
the rest of the code never reads `os.environ`. The token is the one secret:
it is kept out of `repr()`, out of error messages and (via `configure_logging`)
out of log output, because logs and tracebacks end up in places tokens must not.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.redact import protect, scrub, scrub_record

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_DATA_DIR = Path("data")
DEFAULT_INDEX_CACHE = "index-cache"  # under DATA_DIR
DEFAULT_RETENTION_DAYS = 90
DEFAULT_GROUP_THROTTLE = (5, 60.0)  # questions per user per group, per seconds

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
# Telegram's rule for setWebhook's secret_token.
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# A chat id is an integer, or @username for public channels and supergroups.
_CHAT_RE = re.compile(r"^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$")

# Loggers that print request URLs (which contain the token): httpx at INFO, httpcore at DEBUG.
_URL_LOGGERS = ("httpx", "httpcore")


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable, never its secret."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time configuration. Build it with `Settings.from_env()` or directly in tests."""

    token: str = field(default="", repr=False)
    base_url: str = DEFAULT_BASE_URL
    admin_ids: frozenset[int] = frozenset()
    error_chat_id: int | str | None = None
    log_level: str = "INFO"
    webhook_url: str = ""
    webhook_listen: str = DEFAULT_WEBHOOK_LISTEN
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    webhook_secret: str = field(default="", repr=False)
    data_dir: Path = DEFAULT_DATA_DIR
    # Where the built index is cached between starts; None: no cache (always build).
    index_cache_dir: Path | None = None
    log_retention_days: int = DEFAULT_RETENTION_DAYS
    knowledge_dir: Path | None = None
    # (questions, seconds) one user may ask in one group; None switches the throttle off.
    group_throttle: tuple[int, float] | None = DEFAULT_GROUP_THROTTLE

    @property
    def has_token(self) -> bool:
        return bool(self.token)

    @property
    def use_webhook(self) -> bool:
        return bool(self.webhook_url)

    def redact(self, text: str) -> str:
        """Replace every secret in `text`, in any case or URL-encoding (see `bot.redact`)."""
        return scrub(text, (self.token, self.webhook_secret))

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        dotenv_path: str | Path | None = ".env",
    ) -> Settings:
        """Read settings; real environment variables win over `.env` entries.

        The `.env` file is read without touching `os.environ`, so tests and
        sub-processes see exactly what they were given.
        """
        values: dict[str, str] = {}
        if dotenv_path is not None and Path(dotenv_path).is_file():
            values.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        def get(name: str) -> str:
            return (values.get(name) or "").strip()

        token = get("TELEGRAM_BOT_TOKEN")
        if token and any(ch.isspace() for ch in token):
            raise ConfigError("TELEGRAM_BOT_TOKEN contains whitespace; paste it exactly as given")

        base_url = get("TELEGRAM_BASE_URL") or DEFAULT_BASE_URL
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"TELEGRAM_BASE_URL must start with http:// or https://, got {base_url!r}"
            )

        log_level = (get("LOG_LEVEL") or "INFO").upper()
        if log_level not in _LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}")

        webhook_url = get("WEBHOOK_URL")
        if webhook_url and not webhook_url.startswith("https://"):
            raise ConfigError("WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS)")
        secret = get("WEBHOOK_SECRET")
        if secret and not _SECRET_RE.match(secret):
            raise ConfigError("WEBHOOK_SECRET may only use A-Z a-z 0-9 _ - (1-256 characters)")

        knowledge = get("KNOWLEDGE_DIR")
        data_dir = Path(get("DATA_DIR")) if get("DATA_DIR") else DEFAULT_DATA_DIR
        return cls(
            token=token,
            base_url=base_url.rstrip("/"),
            admin_ids=_parse_ids(get("ADMIN_IDS")),
            error_chat_id=_parse_chat(get("ERROR_CHAT_ID")),
            log_level=log_level,
            webhook_url=webhook_url,
            webhook_listen=get("WEBHOOK_LISTEN") or DEFAULT_WEBHOOK_LISTEN,
            webhook_port=_parse_int("WEBHOOK_PORT", get("WEBHOOK_PORT"), DEFAULT_WEBHOOK_PORT, 1),
            webhook_secret=secret,
            data_dir=data_dir,
            index_cache_dir=_parse_cache(get("INDEX_CACHE_DIR"), data_dir),
            log_retention_days=_parse_int(
                "LOG_RETENTION_DAYS", get("LOG_RETENTION_DAYS"), DEFAULT_RETENTION_DAYS, 1
            ),
            knowledge_dir=Path(knowledge) if knowledge else None,
            group_throttle=_parse_throttle(get("GROUP_THROTTLE")),
        )


def _parse_cache(raw: str, data_dir: Path) -> Path | None:
    """INDEX_CACHE_DIR: empty -> under DATA_DIR, "off" -> no cache, else that folder."""
    if raw.lower() == "off":
        return None
    return Path(raw) if raw else data_dir / DEFAULT_INDEX_CACHE


def _parse_ids(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in re.split(r"[,\s]+", raw):
        if not part:
            continue
        if not re.fullmatch(r"\d+", part):
            raise ConfigError(f"ADMIN_IDS must be numeric Telegram user ids, got {part!r}")
        ids.add(int(part))
    return frozenset(ids)


def _parse_chat(raw: str) -> int | str | None:
    if not raw:
        return None
    if not _CHAT_RE.match(raw):
        raise ConfigError("ERROR_CHAT_ID must be a numeric chat id or @channelname")
    return raw if raw.startswith("@") else int(raw)


def _parse_int(name: str, raw: str, default: int, minimum: int) -> int:
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _parse_throttle(raw: str) -> tuple[int, float] | None:
    """`5/60` = five questions per sixty seconds; `0` or `off` disables the throttle."""
    if not raw:
        return DEFAULT_GROUP_THROTTLE
    if raw.lower() in {"0", "off", "none"}:
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d+(?:\.\d+)?)", raw)
    if not match or int(match[1]) < 1 or float(match[2]) <= 0:
        raise ConfigError(f"GROUP_THROTTLE must look like 5/60 (questions/seconds), got {raw!r}")
    return int(match[1]), float(match[2])


class RedactingFilter(logging.Filter):
    """Scrub `secrets` (and every secret registered with `bot.redact.protect`) from the
    records a handler emits; tracebacks are folded into the message and scrubbed too."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record, self._secrets)
        return True


def quiet_url_loggers() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs embed the token."""
    for name in _URL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def protect_token(token: str) -> None:
    """Scrub `token` from every log record of this process, whatever handlers exist.

    Records are scrubbed as they are created (`bot.redact.protect`), so this covers
    handlers we do not control (pytest's, an operator's) and every logger. Call it
    before the Bot is constructed: PTB logs the URL from its constructor.
    """
    protect(token)
    quiet_url_loggers()


_handler: logging.Handler | None = None


def configure_logging(settings: Settings) -> None:
    """Root logging for the bot process: one stream handler that cannot print secrets.

    Idempotent, so the CLI and `run()` may both call it.
    """
    global _handler
    root = logging.getLogger()
    root.setLevel(settings.log_level)
    if _handler is not None:
        root.removeHandler(_handler)
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _handler.addFilter(RedactingFilter((settings.token, settings.webhook_secret)))
    root.addHandler(_handler)
    protect_token(settings.token)
    protect(settings.webhook_secret)
