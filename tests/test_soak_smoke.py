"""The memory soak (tests/soak.py), run tiny: it works, and every chat is answered.

The full run (5,000 chats over 10 minutes, RSS every 30 s) is for the closing note; this
keeps the script from rotting. Memory itself is asserted where it is deterministic: in
tests/test_e2e_memory.py (nothing kept per chat beyond the bounded answer memory).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "soak.py"


def test_soak_smoke(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(SCRIPT),
        *("--chats", "20", "--seconds", "1", "--interval", "0.5"),
        *("--workdir", str(tmp_path), "--json"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["answered_chats"] == 20 and report["exit_code"] == 0
    assert report["edits"] == report["edited_in_place"] == 2
    assert len(report["rss_mb"]) >= 2 and all(s["rss_mb"] > 0 for s in report["rss_mb"])
    assert report["error_lines"] == []
