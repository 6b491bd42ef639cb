"""`python -m bot` with no token: the console chat a newcomer sees first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.qlogread import open_readonly, read_questions

ROOT = Path(__file__).resolve().parents[1]


def run_bot(stdin: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    clean.update({"DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,  # no .env there
        env=clean,
        timeout=60,
        check=False,
    )


def test_without_token_the_console_answers_with_the_sourced_figure(tmp_path: Path) -> None:
    result = run_bot("镇江低保标准是多少\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stdout.splitlines()[0]  # says why it is a console
    assert "875" in result.stdout
    assert "新华日报" in result.stdout


def test_console_questions_reach_the_question_log(tmp_path: Path) -> None:
    result = run_bot("镇江低保标准是多少\n南京的房价多少\n", tmp_path)
    assert result.returncode == 0, result.stderr
    conn = open_readonly(tmp_path / "data")
    assert conn is not None
    rows = read_questions(conn)
    conn.close()
    assert [(r.chat_type, r.status) for r in rows] == [
        ("console", "answered"),
        ("console", "no_match"),
    ]


def test_refuses_to_start_on_an_invalid_pack(tmp_path: Path) -> None:
    pack = tmp_path / "knowledge" / "broken"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minipack", pack)
    (pack / "source.yaml").write_text("publisher: [unclosed\n", encoding="utf-8")
    result = run_bot("低保\n", tmp_path, KNOWLEDGE_DIR=str(tmp_path / "knowledge"))
    assert result.returncode == 2
    assert "source.yaml" in result.stderr
    assert "875" not in result.stdout
