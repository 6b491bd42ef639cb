"""Redaction: any case, URL-encoded, the secret half alone, in every logger's records."""

from __future__ import annotations

import logging
import secrets

import pytest

from bot import redact
from bot.redact import REDACTED, protect, scrub


def _token() -> str:
    return f"{7_000_000_000 + secrets.randbelow(10**8)}:AA{secrets.token_urlsafe(33)[:33]}"


def test_every_form_of_the_token_is_replaced() -> None:
    token = _token()
    bot_id, part = token.split(":")
    forms = [
        token,
        token.lower(),  # PTB's capitalize() of "Bad Request: ..." descriptions
        token.upper(),
        token.replace(":", "%3A"),
        token.replace(":", "%3a").swapcase(),
        part,  # the secret half, quoted on its own
    ]
    for form in forms:
        cleaned = scrub(f"before {form} after", (token,))
        assert cleaned.startswith("before ") and cleaned.endswith(" after"), form
        assert part.lower() not in cleaned.lower(), form
    assert scrub(f"/bot{token}/getMe", (token,)) == f"/bot{REDACTED}/getMe"
    assert bot_id in scrub(f"{bot_id} is the bot's public id", (token,))


def test_short_secrets_are_matched_whole_only() -> None:
    assert scrub("secret=hook and HOOK and hooks", ("hook",)) == (
        f"secret={REDACTED} and {REDACTED} and {REDACTED}s"
    )
    assert scrub("1:abc, abc alone", ("1:abc",)) == f"{REDACTED}, abc alone"


def test_nothing_to_redact_leaves_text_alone() -> None:
    assert scrub("plain text", ()) == "plain text"


def test_protected_secrets_are_scrubbed_in_every_logger_and_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = _token()
    protect(token)
    assert token in redact.protected()
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger(f"some.library.{secrets.token_hex(4)}")  # created after protect
    log.debug("url %s", f"https://api.telegram.org/bot{token}/getMe")
    try:
        raise RuntimeError(f"failed: {token.lower()}")
    except RuntimeError:
        log.exception("boom for %s", token.replace(":", "%3A"))
    text = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert token.split(":")[1].lower() not in text.lower()
    assert text.count(REDACTED) >= 3
    assert "RuntimeError" in text  # the traceback itself is kept, scrubbed
