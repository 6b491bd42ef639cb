"""`python -m bot ask`: answer from the command line, one question or a stream.

Usage:
    python -m bot ask "镇江低保标准是多少"          # the plain reply a user would see
    python -m bot ask --json "镇江低保标准是多少"   # one JSON object
    python -m bot ask --jsonl < questions.txt       # one JSON object per input line, flushed

The --jsonl stream is a contract other tools rely on: exactly one output line per input line, in
order, whatever the line holds (blank or hostile lines give status "no_match"), so questions can be
zipped with answers. Lines end at "\n" only (a bare "\r" or U+2028 inside a line is part of it),
and every answer is written as one line (U+2028, U+2029 and NEL escaped). A line that is a JSON
object {"chat": "<id>", "text": "<message>"} is a message in conversation <id>, so follow-ups
("那2019年呢") are completed from that conversation's earlier lines; any other line is a
question of its own.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.answer import Reply
from bot.compose.conversation import Conversation
from bot.engine import Engine, settle_heap
from bot.render import render_reply, reply_json

__all__ = ["main"]

MAX_CHATS = 10_000  # conversations kept by one stream; the oldest is dropped beyond


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot ask", description="Answer questions.")
    p.add_argument("question", nargs="*", help="the question (words are joined by spaces)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read questions from stdin, one JSON line each"
    )
    return p


# Characters some readers take as line breaks: never written raw inside a JSON line.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _dump(reply: Reply, engine: Engine) -> str:
    text = json.dumps(reply_json(reply, engine.knowledge), ensure_ascii=False)
    return text.translate(_LINE_BREAKS)


def _message(line: str) -> tuple[str | None, str]:
    """(conversation id, message) of one input line: a chat object, or a question of its own."""
    if line.startswith("{"):
        try:
            obj = json.loads(line)
        except ValueError:
            return None, line
        if isinstance(obj, dict) and isinstance(obj.get("text"), str) and "chat" in obj:
            return str(obj["chat"]), obj["text"]
    return None, line


def _stream(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    chats: dict[str, Conversation] = {}
    for raw in stdin:
        line = raw[:-1] if raw.endswith("\n") else raw
        line = line.removesuffix("\r")  # a Windows line end; a bare \r inside stays
        chat, text = _message(line)
        if chat is None:
            reply = engine.reply(text)
        else:
            if chat not in chats and len(chats) >= MAX_CHATS:
                chats.pop(next(iter(chats)))  # the oldest conversation goes first
            reply = chats.setdefault(chat, engine.conversation()).reply(text)
        stdout.write(_dump(reply, engine) + "\n")
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
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
        stdout = io.TextIOWrapper(
            sys.stdout.buffer, encoding="utf-8", errors="replace", line_buffering=False
        )
        try:
            return _stream(engine, stdin, stdout)
        finally:
            stdout.flush()
            stdout.detach()
            stdin.detach()
    reply = engine.reply(" ".join(args.question))
    if args.json:
        print(_dump(reply, engine))
    else:
        print(render_reply(reply, engine.knowledge))
    return 0
