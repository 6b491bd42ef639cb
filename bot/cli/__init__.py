"""`python -m bot <command>` and the `zhenjiang-bot` console script: one module per command.

Each command module has ``main(argv) -> exit code`` and holds the command's argparse and
printing, nothing else; the work is done by library modules, which never parse arguments.
Modules are imported lazily, so `ask --jsonl` or `validate` never pay for importing
python-telegram-bot.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

__all__ = ["COMMANDS", "USAGE", "main"]

USAGE = """\
usage: python -m bot [command] [options]

commands:
  run        start the Telegram bot (TELEGRAM_BOT_TOKEN set) or the local console chat (default)
  console    start the local console chat, token or not
  validate   check every knowledge pack; exit 2 and print file:line problems if any
  new-pack   draft a knowledge pack from an article's plain text
  ask        answer one question (plain text, --json) or a stream (--jsonl)
  misses     cluster the questions the bot could not answer (curation)
  stats      print question-log statistics
  bench      print engine latency / throughput figures
  loadbench  print how long loading the knowledge takes
"""

# command -> module under bot.cli; each module's main takes the remaining argv.
COMMANDS: dict[str, str] = {
    "run": "run",
    "console": "console",
    "validate": "validate",
    "new-pack": "new_pack",
    "ask": "ask",
    "misses": "misses",
    "stats": "stats",
    "bench": "bench",
    "loadbench": "loadbench",
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
    module = import_module(f"bot.cli.{COMMANDS[command]}")
    function: Callable[[list[str]], int] = module.main
    try:
        return function(args)
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
