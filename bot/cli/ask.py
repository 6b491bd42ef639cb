"""`python -m bot ask`: answer from the command line, one question or a stream.

Usage:
    python -m bot ask "镇江低保标准是多少"          # the plain reply a user would see
    python -m bot ask --json "镇江低保标准是多少"   # one JSON object
    python -m bot ask --jsonl < questions.txt       # one JSON object per input line, flushed

The --jsonl stream is a contract other tools rely on: exactly one output line per input line, in
order, whatever the line holds (blank or hostile lines give status "no_match"), so questions can be
zipped with answers.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.answer import Answer
from bot.engine import Engine, settle_heap
from bot.render import render_plain, to_json

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot ask", description="Answer questions.")
    p.add_argument("question", nargs="*", help="the question (words are joined by spaces)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read questions from stdin, one JSON line each"
    )
    return p


def _dump(answer: Answer, engine: Engine) -> str:
    return json.dumps(to_json(answer, engine.knowledge), ensure_ascii=False)


def _stream(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    for raw in stdin:
        line = raw[:-1] if raw.endswith("\n") else raw
        line = line.removesuffix("\r")
        stdout.write(_dump(engine.ask(line), engine) + "\n")
        stdout.flush()
    return 0


def _load_engine() -> Engine:
    from bot.knowledge.loader import load_for_serving

    knowledge = load_for_serving()
    if knowledge is None:  # the problems are on stderr already
        raise SystemExit(2)
    engine = Engine(knowledge)
    settle_heap()  # process start-up: the engine lives as long as the process
    return engine


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if not args.jsonl and not args.question:
        print('usage: python -m bot ask "问题" [--json] | --jsonl', file=sys.stderr)
        return 2
    engine = _load_engine()
    if args.jsonl:
        # Undecodable bytes must not end the stream: each line still gets its answer.
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        stdout = io.TextIOWrapper(
            sys.stdout.buffer, encoding="utf-8", errors="replace", line_buffering=False
        )
        try:
            return _stream(engine, stdin, stdout)
        finally:
            stdout.flush()
            stdout.detach()
            stdin.detach()
    question = " ".join(args.question)
    answer = engine.ask(question)
    if args.json:
        print(_dump(answer, engine))
    else:
        print(render_plain(answer, engine.knowledge))
    return 0
