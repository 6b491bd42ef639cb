"""A token Telegram rejects: one clear line and exit code 2, not a traceback.

python-telegram-bot reports a rejected token twice, both times with a traceback:
its network retry loop logs "Invalid token. Aborting retry loop." with the
exception (whose message quotes the token), and then the InvalidToken propagates
out of `run_polling`/`run_webhook`. `serve` turns both into the one line an
operator needs, whether it happens at start-up or later (a token revoked in
@BotFather while the bot runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from telegram.error import InvalidToken, TelegramError

logger = logging.getLogger(__name__)

EXIT_REJECTED_TOKEN: Final = 2
_PTB_LOGGER: Final = "telegram.ext"  # where PTB's network retry loop logs
_PTB_MARK: Final = "Invalid token. Aborting retry loop"


def rejected_line(status: int) -> str:
    return f"Telegram rejected the token ({status}): check TELEGRAM_BOT_TOKEN"


class _OneLine(logging.Filter):
    """Rewrite PTB's invalid-token record (and its traceback) into `rejected_line`."""

    def __init__(self) -> None:
        super().__init__()
        self.fired = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _PTB_MARK not in message:
            return True
        error = record.exc_info[1] if record.exc_info else None
        cause = error.__cause__ if error is not None else None
        if isinstance(cause, TelegramError):
            not_found = "not found" in cause.message.lower()
        else:  # the traceback was already folded into the message (bot.redact)
            not_found = "InvalidToken: Not Found" in message
        record.msg = rejected_line(404 if not_found else 401)
        record.args, record.exc_info, record.exc_text = None, None, None
        self.fired = True
        return True


def serve(run: Callable[[], None]) -> int:
    """Call `run` (the application's run_polling/run_webhook); its exit code."""
    one_line = _OneLine()
    ptb = logging.getLogger(_PTB_LOGGER)
    ptb.addFilter(one_line)
    try:
        run()
    except InvalidToken as exc:
        if not one_line.fired:  # PTB did not log it first: say it here
            cause = exc.__cause__
            not_found = isinstance(cause, TelegramError) and "not found" in cause.message.lower()
            logger.error(rejected_line(404 if not_found else 401))
        return EXIT_REJECTED_TOKEN
    finally:
        ptb.removeFilter(one_line)
    return 0
