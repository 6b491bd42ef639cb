"""The kill -9 benchmark (tests/killrun.py), run small: nothing lost, at most one repeated.

The full run (200 questions, SIGKILL after 40 answers, 3 runs) is for the closing note's
figures; this keeps the script working and checks the guarantee at a size that takes
seconds: every question answered after the restart, at most the one reply that was in
flight at the kill answered twice, a clean SIGTERM afterwards and no error logged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "killrun.py"


def test_killrun_smoke(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(SCRIPT),
        *("--questions", "20", "--kill-after", "5", "--runs", "1"),
        *("--workdir", str(tmp_path), "--json"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (run,) = json.loads(done.stdout.strip().splitlines()[-1])["runs"]
    assert run["answered"] == run["questions"] == 20 and run["missing"] == 0
    assert run["duplicates"] <= 1, "only the reply in flight at the kill may repeat"
    assert run["killed_exit_code"] == -9 and run["answered_before_kill"] >= 5
    assert run["replayed_from_journal"] >= 20 - run["answered_before_kill"]
    assert run["restarted_exit_code"] == 0 and run["error_lines"] == []
