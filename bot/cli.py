"""Command-line entry point: one dispatcher, each sub-command owned by its module.

Sub-command modules are imported lazily so that `ask --jsonl` or `validate`
never pay for importing python-telegram-bot.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

USAGE = """\
usage: python -m bot [command] [options]

commands:
  run        start the Telegram bot (TELEGRAM_BOT_TOKEN set) or the local console chat (default)
  validate   check every knowledge pack; exit 2 and print file:line problems if any
  ask        answer one question (plain text, --json) or a stream (--jsonl)
  bench      print engine latency / throughput figures
  misses     cluster the questions the bot could not answer (curation)
  stats      print question-log statistics
"""

# command -> (module, function); each function takes the remaining argv, returns an exit code.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("bot.run", "main_run"),
    "validate": ("bot.knowledge.validate", "main_validate"),
    "ask": ("bot.ask_cli", "main_ask"),
    "bench": ("bot.bench", "main_bench"),
    "misses": ("bot.curation", "main_misses"),
    "stats": ("bot.curation", "main_stats"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0
    command = args.pop(0) if args and not args[0].startswith("-") else "run"
    if command not in COMMANDS:
        print(f"unknown command: {command}\n", file=sys.stderr)
        print(USAGE, end="", file=sys.stderr)
        return 2
    module_name, function_name = COMMANDS[command]
    function: Callable[[list[str]], int] = getattr(import_module(module_name), function_name)
    return function(args)
