"""`python -m bot console`: the local console chat on the real engine, token or not."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.config import ConfigError, Settings, configure_logging

__all__ = ["main", "start_console"]


def main(argv: Sequence[str]) -> int:
    argparse.ArgumentParser(
        prog="python -m bot console",
        description="Chat with the bot in this terminal (no Telegram): one conversation, so"
        " follow-ups such as 那2019年呢 continue the last question; /new starts afresh."
        " Questions are logged like chat ones, for `python -m bot misses`.",
    ).parse_args(list(argv))
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return start_console(settings)


def start_console(settings: Settings) -> int:
    """Load the knowledge (exit 2 if invalid), build the engine and chat until EOF."""
    from bot.console import run_console
    from bot.engine import Engine, settle_heap
    from bot.knowledge.loader import load_for_serving
    from bot.match.cache import index_cache
    from bot.qlog import QuestionLog

    configure_logging(settings)
    knowledge = load_for_serving(settings.knowledge_dir)
    if knowledge is None:
        return 2
    engine = Engine(knowledge, index_cache=index_cache(settings.index_cache_dir))
    settle_heap()
    qlog = QuestionLog(settings.data_dir, retention_days=settings.log_retention_days)
    try:
        return run_console(engine, qlog=qlog)
    finally:
        qlog.close()
