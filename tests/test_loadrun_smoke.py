"""The load-run benchmark (tests/loadrun.py), run tiny: it works and its accounting holds.

The full run (50 users, 2,000 questions) is a benchmark with figures for the closing note,
not a CI test; this keeps the script from rotting and checks its invariants at a size that
takes seconds: every question answered exactly once, nothing Telegram would refuse, the bot
process shut down cleanly on SIGTERM with no errors logged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "loadrun.py"


def test_loadrun_smoke(tmp_path: Path) -> None:
    pytest.importorskip("bot.tg.application", reason="bot.tg.application not available yet")
    command = [
        sys.executable,
        str(SCRIPT),
        *("--users", "6", "--groups", "2", "--questions", "40"),
        *("--burst-group", "4", "--burst-private", "2"),
        *("--pack", "fixture", "--workdir", str(tmp_path), "--json"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    throughput, flood = report["phases"]

    assert throughput["questions"] == throughput["delivered"] == 40
    assert flood["questions"] == flood["delivered"] == 2 * 4 + 4 * 2
    for phase in (throughput, flood):
        assert phase["missing"] == phase["duplicates"] == 0
        assert phase["refused_400"] == 0
        assert phase["bot_exit_code"] == 0, "the bot must shut down cleanly on SIGTERM"
        assert phase["bot_error_lines"] == 0, Path(phase["bot_log"]).read_text()
        assert phase["bot_peak_rss_mb"] > 0
    latency = throughput["latency_ms"]
    assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"]
    assert throughput["answers_per_second"] > 0
    assert flood["group_max_per_60s"] <= 4  # a burst of 4 cannot exceed 4
