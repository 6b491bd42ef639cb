"""Local console chat: the same engine and plain-text replies, no Telegram needed.

This is what `python -m bot` starts when no TELEGRAM_BOT_TOKEN is set, so
anyone can try the bot in a terminal straight after installing it. It is also
scriptable: pipe questions in, read replies out.

A session is one conversation, as a private chat is: "那2019年呢" continues the last
question, and `/new` starts afresh. A message asking several things gets every part
answered, in order.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from typing import TextIO

from bot.compose.conversation import Conversation
from bot.engine import Engine
from bot.qlog import QuestionLog
from bot.render import render_reply

logger = logging.getLogger(__name__)

BANNER = (
    "本地控制台（未设置 TELEGRAM_BOT_TOKEN，不连接 Telegram）：输入问题回车，可以接着问；"
    "/new 开始新对话；输入 q 或按 Ctrl-D 退出。 Local console (no token set): type a question,"
    " follow-ups continue it; /new starts a new conversation; q or Ctrl-D quits."
)
QUIT_WORDS = frozenset({"q", "quit", "exit", "退出", ":q", "/quit", "/exit", "/q"})
NEW_WORDS = frozenset({"/new", "/新对话"})
NEW_CONVERSATION = (
    "（新对话：之前的问题不再接着问。）New conversation: earlier questions are forgotten."
)
PROMPT = "> "


def run_console(
    engine: Engine,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    qlog: QuestionLog | None = None,
) -> int:
    """Answer questions line by line until EOF, a quit word or Ctrl-C; returns 0.

    With a question log, console questions feed `python -m bot misses` like chat ones,
    so a curator can try wordings locally and see what the bot missed.
    """
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    interactive = _isatty(stdin) and _isatty(stdout)
    if interactive and stdin is sys.stdin and stdout is sys.stdout:
        # input() gets line editing from readline, which matters for CJK input
        # (erasing a double-width character in a raw terminal leaves debris).
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401

    print(BANNER, file=stdout, flush=True)
    conversation = engine.conversation()
    try:
        while True:
            line = _read(stdin, stdout, interactive)
            if line is None:
                break
            question = line.strip()
            if not question:
                continue
            if question.lower() in QUIT_WORDS:
                break
            if question.lower() in NEW_WORDS:
                conversation.reset()
                print(NEW_CONVERSATION, file=stdout)
            else:
                print(_reply(engine, conversation, question, qlog), file=stdout)
            print(file=stdout, flush=True)
    except KeyboardInterrupt:
        print(file=stdout, flush=True)  # leave the shell prompt on a fresh line
    return 0


def _reply(
    engine: Engine, conversation: Conversation, question: str, qlog: QuestionLog | None
) -> str:
    try:
        started = time.perf_counter()
        reply = conversation.reply(question)
        if qlog is not None:
            latency_ms = (time.perf_counter() - started) * 1000
            for answer in reply.parts:
                qlog.record_answer(answer, chat_type="console", latency_ms=latency_ms)
        return render_reply(reply, engine.knowledge)
    except Exception:  # one bad question should not end the session
        logger.exception("could not answer %r", question)
        return "抱歉，这个问题出错了（已记录）。Sorry, that question failed (logged)."


def _read(stdin: TextIO, stdout: TextIO, interactive: bool) -> str | None:
    """One line, or None at end of input."""
    if interactive and stdin is sys.stdin and stdout is sys.stdout:
        try:
            return input(PROMPT)
        except EOFError:
            print(file=stdout)
            return None
    if interactive:
        print(PROMPT, end="", file=stdout, flush=True)
    line = stdin.readline()
    return line if line else None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or exotic streams
        return False
