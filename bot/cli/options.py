"""Options several commands share: ``--since`` periods and the directories from Settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.curation import parse_since

__all__ = ["settings_dirs", "since_arg"]


def since_arg(text: str) -> float | None:
    """argparse ``type=`` for ``--since``: a usage error (exit 2) on a bad period."""
    try:
        return parse_since(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def settings_dirs(data_dir: Path | None) -> tuple[Path, Path | None]:
    """DATA_DIR and KNOWLEDGE_DIR as the bot sees them (environment or .env)."""
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        raise SystemExit(f"configuration error: {exc}") from None
    return data_dir or settings.data_dir, settings.knowledge_dir
