"""Kill -9 mid-burst, restart, count: are all questions answered, and how many twice?

Usage::

    python tests/killrun.py                                   # 200 questions, 3 runs
    python tests/killrun.py --questions 20 --kill-after 5 --runs 1 --json

A benchmark, not a test: it prints figures (tests/test_killrun_smoke.py runs it small).
Each run starts the production bot (`python -m bot run`, bundled pack, rate limiter on)
against a fresh stand-in, sends ``--questions`` questions from as many private chats at
once, SIGKILLs the bot the moment the ``--kill-after``-th answer is delivered, starts it
again on the same DATA_DIR and waits until every chat has an answer. Reported per run:
answered (chats with at least one answer), missing, duplicates (answers beyond the first),
answers before the kill, what the restart replayed from the journal, how many of
Telegram's re-deliveries it dropped, and how long the rest took.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from botapi import BotAPIServer, RecordedRequest  # noqa: E402
from botproc import BotProcess, spawn, wait_ready  # noqa: E402

DIBAO = "镇江低保标准是多少"  # answered in one message, so one question = one answer
JSON = dict[str, Any]
_REPLAYED = re.compile(r"answering (\d+) updates received before the restart; (\d+) older")


async def all_answered(server: BotAPIServer, chats: list[JSON], limit_s: float) -> None:
    """Until every chat has an answer, or `limit_s` passed (the report then shows the rest)."""
    unanswered = {c["id"] for c in chats if not server.bot_messages(c)}
    done = asyncio.Event()

    def note(record: RecordedRequest) -> None:
        if record.method == "sendMessage" and record.ok:
            unanswered.discard(record.result["chat"]["id"])
            if not unanswered:
                done.set()

    server.add_listener(note)
    if unanswered:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), limit_s)


async def one_run(questions: int, kill_after: int, workdir: Path, limit_s: float) -> JSON:
    server = BotAPIServer()
    await server.start()
    data = workdir / "data"
    running: list[BotProcess] = []
    try:
        first = await spawn(server, data, env={"LOG_LEVEL": "INFO"})
        running.append(first)
        await wait_ready(server, first)
        delivered = 0

        def kill_at(record: RecordedRequest) -> None:
            nonlocal delivered
            if record.method == "sendMessage" and record.ok:
                delivered += 1
                if delivered == kill_after:
                    first.kill()  # synchronously, from inside the stand-in: mid-burst

        server.add_listener(kill_at)
        chats = []
        for i in range(questions):
            user = server.user(f"用户{i}")
            chat = server.private_chat(user)
            server.send_text(chat, user, DIBAO)
            chats.append(chat)
        killed_code = await first.wait(limit_s)
        before = sum(1 for c in chats if server.bot_messages(c))
        fetched = len(server.updates_pushed) - server.pending_updates()

        restarted = time.perf_counter()
        second = await spawn(server, data, env={"LOG_LEVEL": "INFO"})
        running.append(second)
        await wait_ready(server, second)
        await all_answered(server, chats, limit_s)
        rest_s = time.perf_counter() - restarted
        await server.settle(quiet=1.0, timeout=30)
        exit_code = await second.stop()
    finally:
        for child in running:  # an error above: never leave a child running
            if child.process.returncode is None:
                child.kill()
        await server.stop()

    counts = [len(server.bot_messages(c)) for c in chats]
    replayed = _REPLAYED.search(second.output)
    return {
        "questions": questions,
        "answered": sum(1 for n in counts if n),
        "missing": sum(1 for n in counts if n == 0),
        "duplicates": sum(max(0, n - 1) for n in counts),
        "answered_before_kill": before,
        "fetched_before_kill": fetched,
        "killed_exit_code": killed_code,
        "replayed_from_journal": int(replayed[1]) if replayed else 0,
        "redeliveries_dropped": second.output.count("arrived again"),
        "seconds_to_answer_the_rest": round(rest_s, 2),
        "restarted_exit_code": exit_code,
        "error_lines": [line for line in second.lines if " ERROR " in line],
    }


async def run(args: argparse.Namespace) -> list[JSON]:
    results = []
    for n in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="killrun-") as tmp:
            workdir = Path(args.workdir) / f"run{n}" if args.workdir else Path(tmp)
            results.append(await one_run(args.questions, args.kill_after, workdir, args.timeout))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--kill-after", type=int, default=40, help="answers before SIGKILL")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--workdir", help="keep each run's data dir here")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not 0 < args.kill_after < args.questions:
        parser.error("--kill-after must be between 0 and --questions")
    # The killed bot's half-sent requests make aiohttp log "Connection lost" tracebacks.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    results = asyncio.run(run(args))
    if args.json:
        print(json.dumps({"runs": results}, ensure_ascii=False))
    else:
        for i, r in enumerate(results, 1):
            print(
                f"run {i}: {r['answered']}/{r['questions']} answered, {r['missing']} missing,"
                f" {r['duplicates']} duplicates; killed after {r['answered_before_kill']}"
                f" answers ({r['fetched_before_kill']} fetched), {r['replayed_from_journal']}"
                f" replayed from the journal, {r['redeliveries_dropped']} re-deliveries"
                f" dropped, the rest in {r['seconds_to_answer_the_rest']} s"
            )
    ok = all(r["missing"] == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
