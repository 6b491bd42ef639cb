"""Soak: many distinct chats over minutes; does the bot's memory stay flat?

Usage::

    python tests/soak.py                                  # 5,000 chats over 10 minutes
    python tests/soak.py --chats 30 --seconds 3 --interval 1 --json

A benchmark, not a test: it prints figures (tests/test_soak_smoke.py runs it tiny). The
production bot (`python -m bot run`, bundled pack, rate limiter and question log on) runs
in a child process against the stand-in; ``--chats`` private chats, each a new user, ask
one question each, spread evenly over ``--seconds``; every 10th edits its question
afterwards (so the answer memory is used, not just filled). The child's resident memory
(VmRSS) is sampled every ``--interval`` seconds. Per-chat state is bounded (bot.tg.memory),
so after warm-up the curve should stay flat however many chats have been seen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from botapi import BotAPIServer  # noqa: E402
from botproc import BotProcess, spawn, wait_ready  # noqa: E402

QUESTIONS = ("镇江低保标准是多少", "养老床位有多少张", "孤儿保障标准", "南京低保标准", "你好")
JSON = dict[str, Any]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def sample(bot: BotProcess, interval: float, started: float, out: list[JSON]) -> None:
    while bot.process.returncode is None:
        out.append({"t_s": round(time.perf_counter() - started), "rss_mb": rss_mb(bot.pid)})
        await asyncio.sleep(interval)


async def soak(args: argparse.Namespace, workdir: Path) -> JSON:
    server = BotAPIServer()
    await server.start()
    samples: list[JSON] = []
    bot: BotProcess | None = None
    try:
        if args.no_rate_limit:  # the production Application without AIORateLimiter
            child = (
                f"import sys; sys.path.insert(0, {str(TESTS)!r}); import loadrun; "
                f"sys.exit(loadrun.main(['--child-bot', '--base-url', {server.base_url!r}, "
                f"'--data-dir', {str(workdir / 'data')!r}, '--rate-limit', 'off']))"
            )
            env = {"LOG_LEVEL": "WARNING", "LOADRUN_TOKEN": server.token}
            bot = await spawn(server, workdir / "data", env=env, code=child)
        else:
            bot = await spawn(server, workdir / "data", env={"LOG_LEVEL": "WARNING"})
        await wait_ready(server, bot)
        answered: set[int] = set()  # counted as they arrive: rescanning 20,000 chats is slow
        server.add_listener(
            lambda r: (
                answered.add(r.result["chat"]["id"]) if r.method == "sendMessage" and r.ok else None
            )
        )
        started = time.perf_counter()
        sampler = asyncio.create_task(sample(bot, args.interval, started, samples))
        chats: list[JSON] = []
        messages: list[JSON] = []
        edited = 0
        for i in range(args.chats):
            due = started + i * args.seconds / args.chats
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            user = server.user(f"用户{i}")
            chat = server.private_chat(user)
            messages.append(server.send_text(chat, user, QUESTIONS[i % len(QUESTIONS)]))
            chats.append(chat)
            if i % 10 == 9:  # the chat five back, answered by now, corrects its question
                server.edit_text(messages[i - 5], QUESTIONS[(i - 4) % len(QUESTIONS)])
                edited += 1
        await asyncio.sleep(max(0.0, started + args.seconds - time.perf_counter()))
        await server.settle(quiet=2.0 if args.seconds >= 60 else 0.5, timeout=120)
        samples.append({"t_s": round(time.perf_counter() - started), "rss_mb": rss_mb(bot.pid)})
        sampler.cancel()
        exit_code = await bot.stop()
    finally:
        if bot is not None and bot.process.returncode is None:
            bot.kill()  # an error above: never leave the child running
        await server.stop()
    sends = server.calls("sendMessage")
    rss = [s["rss_mb"] for s in samples]
    warm = rss[len(rss) // 4 :] or rss  # after the first quarter: imports and caches settled
    return {
        "chats": args.chats,
        "seconds": args.seconds,
        "answered_chats": len(answered & {c["id"] for c in chats}),
        "edits": edited,
        "edited_in_place": len(server.calls("editMessageText")),
        "send_message_calls": len(sends),
        "rss_mb": samples,
        "rss_first_mb": rss[0] if rss else None,
        "rss_peak_mb": max(rss, default=None),
        "rss_last_mb": rss[-1] if rss else None,
        "rss_growth_after_warmup_mb": round(warm[-1] - warm[0], 1) if warm else None,
        "exit_code": exit_code,
        "error_lines": [line for line in bot.lines if " ERROR " in line],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--interval", type=float, default=30.0, help="RSS sampling period")
    parser.add_argument("--workdir", help="keep the data dir here")
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="run the bot without the flood limiter (past ~12 chats/s it would fall behind)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        report = asyncio.run(soak(args, Path(args.workdir) if args.workdir else Path(tmp)))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        curve = "  ".join(f"{s['t_s']}s:{s['rss_mb']}" for s in report["rss_mb"])
        print(f"RSS (MB) every {args.interval:g} s: {curve}")
        for key, value in report.items():
            if key != "rss_mb":
                print(f"  {key:28} {value}")
    return 0 if report["answered_chats"] == args.chats and report["exit_code"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
