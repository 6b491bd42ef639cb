"""Load run: many users asking at once, through the real bot and the stand-in Bot API.

Usage::

    python tests/loadrun.py --users 50 --questions 2000          # the issue's full size
    python tests/loadrun.py --users 5 --groups 1 --questions 40 --burst-group 6 --json

A benchmark, not a test: it prints figures instead of asserting them (a smoke test runs it
small, tests/test_loadrun_smoke.py). It runs two phases, each against a fresh bot process:

1. **Throughput, rate limiter off.** The production Application (``build_application(...,
   rate_limit=False)``, question log on, per-user group throttle off) in a child process,
   polling a stand-in Bot API served by this process. ``--users`` simulated users, ``--groups``
   of them in groups (``/ask`` or ``@bot``), the rest in private chats, each asking as fast
   as they can: the next question as soon as the previous answer arrived. Reported:
   delivered answers (must equal questions, none twice), answers/s, end-to-end latency
   percentiles (update queued → the bot's sendMessage finished), the bot process's peak RSS.
2. **Flood, rate limiter on** (``AIORateLimiter`` as in production). Every group gets
   ``--burst-group`` questions at once and every private chat ``--burst-private``; reported:
   the most messages any chat received in any 1 s and 60 s window, against Telegram's
   limits (about 1/s per chat, 20/min per group), and whether everything was delivered.
   With ``--enforce`` the stand-in also *enforces* 20/min per group and 30/s overall with
   429 + retry_after, to show the bot waits them out.

The bot runs in its own process so that its memory is measured alone and the simulated
users do not compete with it for the event loop. Questions are every entry's title, aliases
and question phrasings, plus out-of-scope and hostile ones, each checked to be answered in
one message so that answers can be counted exactly.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
for path in (str(TESTS), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

from botapi import BotAPIServer, RecordedRequest  # noqa: E402

JSON = dict[str, Any]
TOKEN_ENV = "LOADRUN_TOKEN"  # the child reads its token from the environment, never argv
EXTRA_QUESTIONS = (
    "南京低保标准是多少",
    "2019年镇江GDP是多少",
    "你好",
    "谢谢",
    "<b>低保</b><script>x</script>",
    "低\u200b保标准",
    "😀😀",
    "养老床位",
)


# --------------------------------------------------------------------------- the bot process


def child_main(args: argparse.Namespace) -> int:
    """Run the production bot against ``--base-url`` until SIGTERM."""

    from bot.config import Settings, configure_logging
    from bot.tg.application import ALLOWED_UPDATES, build_application

    environ = {
        "TELEGRAM_BOT_TOKEN": os.environ[TOKEN_ENV],
        "TELEGRAM_BASE_URL": args.base_url,
        "DATA_DIR": args.data_dir,
        "GROUP_THROTTLE": "off",
        "LOG_LEVEL": "WARNING",
    }
    settings = Settings.from_env(environ, dotenv_path=None)
    configure_logging(settings)
    app = build_application(settings, _engine(args.pack), rate_limit=args.rate_limit == "on")
    app.run_polling(poll_interval=0, timeout=5, allowed_updates=ALLOWED_UPDATES)
    return 0


def _knowledge(pack: str) -> tuple[Any, str]:
    """The bundled pack if it loads, else the hand-built fixture pack of the engine tests."""
    if pack in ("auto", "bundled"):
        from bot.knowledge.loader import KnowledgeError, load_knowledge

        try:
            return load_knowledge(None), "bundled"
        except KnowledgeError as exc:
            if pack == "bundled":
                raise
            print(f"(bundled pack invalid, using the fixture pack: {str(exc)[:120]}...)")
    from fixtures.engine_pack import build_knowledge

    return build_knowledge(), "fixture"


def _engine(pack: str) -> Any:
    from bot.engine import Engine

    if pack == "fixture":
        from fixtures.engine_pack import build_knowledge

        return Engine(build_knowledge())
    return None  # build_application loads the bundled pack itself, as in production


def _peak_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class BotProcess:
    process: subprocess.Popen[bytes]
    log_path: Path

    async def stop(self, grace: float = 30.0) -> tuple[int, int]:
        """SIGTERM (graceful shutdown, as in production); returns (peak RSS kB, exit code).

        Waits in a thread: the stand-in's event loop must keep serving while the bot shuts
        down, or the bot's final offset-confirming getUpdates fails.
        """
        peak = _peak_rss_kb(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            return peak, await asyncio.to_thread(self.process.wait, grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return peak, await asyncio.to_thread(self.process.wait)

    def error_lines(self) -> list[str]:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]


def spawn_bot(server: BotAPIServer, pack: str, rate_limit: bool, workdir: Path) -> BotProcess:
    log_path = workdir / f"bot-{'limited' if rate_limit else 'unlimited'}.log"
    data_dir = workdir / f"data-{'limited' if rate_limit else 'unlimited'}"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child-bot",
        "--base-url",
        server.base_url,
        "--data-dir",
        str(data_dir),
        "--pack",
        pack,
        "--rate-limit",
        "on" if rate_limit else "off",
    ]
    env = {**os.environ, TOKEN_ENV: server.token, "PYTHONPATH": str(ROOT)}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    return BotProcess(process, log_path)


# --------------------------------------------------------------------------- workload


def question_set(knowledge: Any) -> list[str]:
    """Questions whose answer fits one message, so one question = one answer to count."""
    from bot.engine import Engine
    from bot.render import render_html
    from bot.tg.splitting import split_html

    engine = Engine(knowledge)
    candidates: list[str] = []
    for entry in knowledge.entries.values():
        candidates += [entry.title, *entry.aliases, *entry.questions]
    candidates += list(EXTRA_QUESTIONS)
    single: list[str] = []
    for text in dict.fromkeys(c.strip() for c in candidates if c.strip()):
        if text.startswith("/"):
            continue
        if len(split_html(render_html(engine.ask(text), knowledge))) == 1:
            single.append(text)
    return single


@dataclass
class Chat:
    chat: JSON
    users: list[JSON]
    questions: list[str] = field(default_factory=list)
    asked: list[JSON] = field(default_factory=list)  # the question messages, as sent

    @property
    def is_group(self) -> bool:
        return bool(self.chat["type"] != "private")


def make_chats(server: BotAPIServer, users: int, groups: int, per_group_users: int) -> list[Chat]:
    chats: list[Chat] = []
    for g in range(groups):
        members = [server.user(f"群{g}成员{u}") for u in range(per_group_users)]
        chats.append(Chat(server.group(f"镇江民政群{g}"), members))
    for p in range(users - groups):
        user = server.user(f"用户{p}", language_code="en" if p % 10 == 9 else "zh-hans")
        chats.append(Chat(server.private_chat(user), [user]))
    return chats


def phrase(server: BotAPIServer, chat: Chat, question: str, n: int) -> str:
    if not chat.is_group:
        return question
    return f"/ask {question}" if n % 2 == 0 else f"@{server.bot_username} {question}"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Accounting:
    questions: int
    delivered: int
    missing: int
    duplicates: int
    refused_400: int
    got_429: int


def account(server: BotAPIServer, chats: list[Chat]) -> Accounting:
    """Exactly-once check: each private chat holds as many answers as questions; each group
    question has exactly one reply."""
    delivered = missing = duplicates = 0
    for chat in chats:
        if chat.is_group:
            for message in chat.asked:
                n = len(server.replies_to(message))
                delivered += min(n, 1)
                missing += n == 0
                duplicates += max(0, n - 1)
        else:
            n = len(server.bot_messages(chat.chat))
            delivered += min(n, len(chat.asked))
            missing += max(0, len(chat.asked) - n)
            duplicates += max(0, n - len(chat.asked))
    sends = server.calls("sendMessage")
    return Accounting(
        questions=sum(len(c.asked) for c in chats),
        delivered=delivered,
        missing=missing,
        duplicates=duplicates,
        refused_400=sum(1 for r in sends if r.status == 400),
        got_429=sum(1 for r in sends if r.status == 429),
    )


async def wait_until_ready(server: BotAPIServer, bot: BotProcess, limit: float) -> None:
    """Ready once polling's bootstrap (deleteWebhook) is done; later updates just queue."""
    ready = asyncio.Event()
    server.add_listener(lambda r: ready.set() if r.method == "deleteWebhook" else None)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not ready.is_set():
        if bot.process.poll() is not None:
            raise RuntimeError(f"the bot exited early; see {bot.log_path}")
        if loop.time() > deadline:
            raise TimeoutError(f"the bot did not start polling; see {bot.log_path}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), 0.2)


# --------------------------------------------------------------------------- phase 1


async def throughput_phase(args: argparse.Namespace, questions: list[str], workdir: Path) -> JSON:
    server = BotAPIServer()
    await server.start()
    chats = make_chats(server, args.users, args.groups, per_group_users=1)
    per_chat = [questions[i % len(questions)] for i in range(args.questions)]
    for i, text in enumerate(per_chat):
        chats[i % len(chats)].questions.append(text)

    answers: dict[int, asyncio.Queue[RecordedRequest]] = defaultdict(asyncio.Queue)

    def route(record: RecordedRequest) -> None:
        if record.method == "sendMessage" and record.ok:
            answers[record.result["chat"]["id"]].put_nowait(record)

    server.add_listener(route)
    bot = spawn_bot(server, args.pack, rate_limit=False, workdir=workdir)
    latencies: list[float] = []
    timeouts = 0
    try:
        await wait_until_ready(server, bot, limit=120)
        loop = asyncio.get_running_loop()

        async def user_loop(chat: Chat) -> None:
            nonlocal timeouts
            queue = answers[chat.chat["id"]]
            for n, text in enumerate(chat.questions):
                started = loop.time()
                chat.asked.append(
                    server.send_text(chat.chat, chat.users[0], phrase(server, chat, text, n))
                )
                try:
                    record = await asyncio.wait_for(queue.get(), args.answer_timeout)
                except TimeoutError:
                    timeouts += 1
                    continue
                latencies.append(record.finished - started)

        started = loop.time()
        await asyncio.gather(*(user_loop(chat) for chat in chats))
        elapsed = loop.time() - started
        await server.settle(quiet=1.0, timeout=60)
    finally:
        peak_kb, exit_code = await bot.stop()
        await server.stop()
    counts = account(server, chats)
    return {
        "phase": "throughput (rate limiter off)",
        "users": args.users,
        "private_chats": args.users - args.groups,
        "groups": args.groups,
        **asdict(counts),
        "answer_timeouts": timeouts,
        "seconds": round(elapsed, 2),
        "answers_per_second": round(counts.delivered / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            "p50": round(percentile(latencies, 50) * 1000, 1),
            "p95": round(percentile(latencies, 95) * 1000, 1),
            "p99": round(percentile(latencies, 99) * 1000, 1),
            "max": round(max(latencies, default=0.0) * 1000, 1),
            "mean": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        },
        "bot_peak_rss_mb": round(peak_kb / 1024, 1),
        "bot_exit_code": exit_code,
        "bot_error_lines": len(bot.error_lines()),
        "bot_log": str(bot.log_path),
    }


# --------------------------------------------------------------------------- phase 2


async def flood_phase(args: argparse.Namespace, questions: list[str], workdir: Path) -> JSON:
    server = BotAPIServer(flood_control=args.enforce)
    server.flood_limits.per_chat_per_second = None  # measured, never enforced: see report
    await server.start()
    chats = make_chats(server, args.users, args.groups, per_group_users=3)
    bot = spawn_bot(server, args.pack, rate_limit=True, workdir=workdir)
    try:
        await wait_until_ready(server, bot, limit=120)
        loop = asyncio.get_running_loop()
        started = loop.time()
        n = 0
        for chat in chats:
            burst = args.burst_group if chat.is_group else args.burst_private
            for k in range(burst):
                user = chat.users[k % len(chat.users)]
                text = phrase(server, chat, questions[n % len(questions)], k)
                chat.asked.append(server.send_text(chat.chat, user, text))
                n += 1
        expected = sum(len(c.asked) for c in chats)
        await server.wait_for_count(
            "sendMessage", expected, lambda r: r.ok, timeout=args.flood_timeout, since=0
        )
        elapsed = loop.time() - started
        await server.settle(quiet=1.0, timeout=60)
    finally:
        peak_kb, exit_code = await bot.stop()
        await server.stop()
    counts = account(server, chats)
    stats = server.flood_stats()
    groups = [c.chat["id"] for c in chats if c.is_group]
    privates = [c.chat["id"] for c in chats if not c.is_group]

    def worst(ids: list[int], index: int) -> int:
        return max((stats.get(i, (0, 0))[index] for i in ids), default=0)

    overall = server.flood_stats_overall()
    return {
        "phase": "flood (rate limiter on)"
        + (", stand-in enforcing limits" if args.enforce else ""),
        **asdict(counts),
        "seconds": round(elapsed, 2),
        "group_max_per_1s": worst(groups, 0),
        "group_max_per_60s": worst(groups, 1),
        "private_max_per_1s": worst(privates, 0),
        "private_max_per_60s": worst(privates, 1),
        "overall_max_per_1s": overall,
        "telegram_limits": {"per_chat_per_1s": 1, "per_group_per_60s": 20, "overall_per_1s": 30},
        "bot_peak_rss_mb": round(peak_kb / 1024, 1),
        "bot_exit_code": exit_code,
        "bot_error_lines": len(bot.error_lines()),
        "bot_log": str(bot.log_path),
    }


# --------------------------------------------------------------------------- main


def print_report(report: JSON) -> None:
    print(f"load run: pack={report['pack']}, {report['question_variants']} question variants")
    for phase in report["phases"]:
        print(f"\n== {phase['phase']}")
        for key, value in phase.items():
            if key != "phase":
                print(f"  {key:22} {value}")
    print(f"\nload generator + stand-in peak RSS: {report['driver_peak_rss_mb']} MB")


async def run(args: argparse.Namespace) -> JSON:
    knowledge, pack = _knowledge(args.pack)
    args.pack = pack
    questions = question_set(knowledge)
    report: JSON = {"pack": pack, "question_variants": len(questions), "phases": []}
    with tempfile.TemporaryDirectory(prefix="loadrun-") as tmp:
        workdir = Path(args.workdir) if args.workdir else Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if "throughput" in args.phases:
            report["phases"].append(await throughput_phase(args, questions, workdir))
        if "flood" in args.phases:
            report["phases"].append(await flood_phase(args, questions, workdir))
    report["driver_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    return report


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--groups", type=int, default=10, help="how many users ask in groups")
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--burst-group", type=int, default=30, help="flood phase, per group")
    parser.add_argument("--burst-private", type=int, default=5, help="flood phase, per chat")
    parser.add_argument("--enforce", action="store_true", help="stand-in enforces flood limits")
    parser.add_argument("--phases", default="throughput,flood")
    parser.add_argument("--pack", choices=["auto", "bundled", "fixture"], default="auto")
    parser.add_argument("--answer-timeout", type=float, default=30.0)
    parser.add_argument("--flood-timeout", type=float, default=300.0)
    parser.add_argument("--workdir", help="keep bot logs here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    # Internal: the bot process.
    parser.add_argument("--child-bot", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--rate-limit", choices=["on", "off"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.child_bot and not 0 <= args.groups <= args.users:
        parser.error("--groups must be between 0 and --users")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child_bot:
        return child_main(args)
    started = time.perf_counter()
    report = asyncio.run(run(args))
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    ok = all(p["missing"] == 0 and p["duplicates"] == 0 for p in report["phases"])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
