"""Secret redaction for every log record, error report and exception text.

Secrets turn up in forms an exact `str.replace` misses: python-telegram-bot
capitalizes ("lower-cases after the first letter") error descriptions that start
with "Bad Request: ", so a token Telegram echoes back arrives lower-cased; URLs
carry it percent-encoded (`123%3AAbc…`). So matching is case-insensitive, and for a
bot token the secret half after the colon is matched on its own (any encoding of
the colon then still leaves it visible, and caught).

`protect(secret)` registers a secret process-wide and installs a log-record
factory, so records are scrubbed as they are created, before any handler or
filter sees them: pytest's, an operator's, PTB's own, every logger's.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable
from typing import Any, Final
from urllib.parse import quote

REDACTED: Final = "<redacted>"
MIN_PART = 20  # the secret half of a token is matched alone only if this long (real: 35)

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()
_installed = False


def _forms(secret: str) -> set[str]:
    forms = {secret, quote(secret, safe="")}
    _, colon, part = secret.partition(":")
    if colon and len(part) >= MIN_PART:
        forms.add(part)
    return {f for f in forms if f}


@functools.lru_cache(maxsize=32)
def _pattern(secrets: tuple[str, ...]) -> re.Pattern[str] | None:
    forms = {form for secret in secrets for form in _forms(secret)}
    if not forms:
        return None
    ordered = sorted(forms, key=len, reverse=True)  # longest first: the whole token wins
    return re.compile("|".join(re.escape(f) for f in ordered), re.IGNORECASE)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every registered secret and every one of `secrets` replaced."""
    pattern = _pattern(tuple(sorted({*_secrets, *(s for s in secrets if s)})))
    return text if pattern is None else pattern.sub(REDACTED, text)


def scrub_record(record: logging.LogRecord, secrets: Iterable[str] = ()) -> None:
    """Format the record's message and traceback now, and scrub them in place.

    Exception text can quote request URLs, so the traceback is folded into the
    message (as a formatter would print it) and `exc_info` is dropped.
    """
    try:
        message = record.getMessage()
    except Exception:  # bad format arguments: logging reports it; keep what we can
        message = str(record.msg)
    if record.exc_info:
        message += "\n" + logging.Formatter().formatException(record.exc_info)
    elif record.exc_text:
        message += "\n" + record.exc_text
    record.exc_info, record.exc_text = None, None
    if record.stack_info:
        record.stack_info = scrub(record.stack_info, secrets)
    record.msg, record.args = scrub(message, secrets), None


def protect(secret: str) -> None:
    """Redact `secret` from everything logged in this process from now on. Idempotent."""
    global _secrets, _installed
    if not secret:
        return
    with _lock:
        if secret not in _secrets:
            _secrets = (*_secrets, secret)
        if not _installed:
            previous = logging.getLogRecordFactory()

            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                record = previous(*args, **kwargs)
                if _secrets:
                    scrub_record(record)
                return record

            logging.setLogRecordFactory(factory)
            _installed = True


def protected() -> tuple[str, ...]:
    """The secrets registered so far (for tests that sweep output for them)."""
    return _secrets
