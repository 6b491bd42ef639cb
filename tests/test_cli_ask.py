"""`python -m bot ask`: the stable CLI contract, driven as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIPACK = ROOT / "tests" / "fixtures" / "minipack"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Point the CLI at a small valid pack so the test does not depend on the curated one."""
    root = tmp_path_factory.mktemp("knowledge")
    shutil.copytree(MINIPACK, root / "minipack")
    e = dict(os.environ)
    e["KNOWLEDGE_DIR"] = str(root)
    e["PYTHONIOENCODING"] = "utf-8"
    return e


def run(
    args: list[str], env: dict[str, str], stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_plain(env: dict[str, str]) -> None:
    p = run(["低保标准是多少"], env)
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "875" in out and "来源：" in out


def test_json(env: dict[str, str]) -> None:
    p = run(["--json", "低保标准是多少"], env)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["status"] == "answered"
    assert data["answers"][0]["id"] == "dibao-standard-2024"
    assert set(data) == {"question", "status", "reason", "answers", "source", "reply"}


def test_jsonl_one_line_out_per_line_in(env: dict[str, str]) -> None:
    lines = [
        "低保标准是多少",
        "",
        "   ",
        "<b>x</b>",
        "😀😀",
        "\x00\x07控制",
        "南京低保",
        "养老机构有几家",
    ]
    payload = "\n".join(lines).encode() + b"\n" + b"\xff\xfe bad bytes\n" + "最后一行".encode()
    p = run(["--jsonl"], env, payload)
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode().splitlines()
    assert len(out) == len(lines) + 2
    objs = [json.loads(line) for line in out]
    assert [o["question"] for o in objs[: len(lines)]] == lines
    assert objs[0]["status"] == "answered"
    for i in (1, 2, 3, 4):
        assert objs[i]["status"] == "no_match"
    assert objs[6]["status"] == "no_match"
    assert objs[-1]["question"] == "最后一行"


def test_jsonl_ten_thousand_lines(env: dict[str, str]) -> None:
    qs = ["低保标准是多少", "养老机构有几家", "", "南京低保", "你好"] * 2000
    p = run(["--jsonl"], env, ("\n".join(qs) + "\n").encode())
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode().splitlines()
    assert len(out) == 10_000
    assert json.loads(out[-1])["question"] == "你好"
    assert json.loads(out[5])["status"] == "answered"


def test_usage_without_question(env: dict[str, str]) -> None:
    assert run([], env).returncode == 2
