"""`python -m bot` / `python -m bot run`: the Telegram bot with a token, else the console chat.

Both paths refuse to start on an invalid knowledge pack (exit code 2, with the
validator's `file:line` problems), so a broken pack is never served.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.config import ConfigError, Settings

__all__ = ["main"]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot run",
        description="Run the Telegram bot when TELEGRAM_BOT_TOKEN is set (environment or .env), "
        "otherwise a local console chat on the same engine.",
    )
    parser.add_argument(
        "--console", action="store_true", help="start the console chat even if a token is set"
    )
    args = parser.parse_args(list(argv))
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2

    if settings.has_token and not args.console:
        from bot.tg.application import run  # imported here: the console never needs PTB

        return run(settings)

    from bot.cli.console import start_console

    return start_console(settings)
