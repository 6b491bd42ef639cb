"""The typed state of the Telegram layer: what handlers read, and that they read nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from bot.tg.context import BotData

TG = Path(__file__).resolve().parent.parent / "bot" / "tg"


def test_bot_data_starts_empty() -> None:
    data = BotData()
    assert (data.engine, data.settings, data.qlog, data.throttle, data.reloader) == (None,) * 5
    assert data.votes is None and len(data.conversations) == 0 and len(data.opened) == 0


def test_no_string_keys_or_casts_in_the_telegram_layer() -> None:
    """State goes through BotContext/BotData attributes, which mypy checks."""
    for path in sorted(TG.glob("*.py")):
        code = "\n".join(
            line
            for line in path.read_text("utf-8").splitlines()
            if not line.lstrip().startswith("#")
        )
        assert not re.search(r"(bot|chat|user)_data(\[|\.get\(|\.setdefault\()", code), path.name
        casts = re.findall(r"\bcast\(", code)
        # the one allowed: PTB types AIORateLimiter's per-call arguments loosely
        assert len(casts) == (1 if path.name == "application.py" else 0), path.name
