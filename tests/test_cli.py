"""The command dispatcher: every command is a bot.cli module with main(argv) -> exit code."""

from __future__ import annotations

import io
import shutil
from importlib import import_module
from pathlib import Path

import pytest

from bot import cli

MINIPACK = Path(__file__).parent / "fixtures" / "minipack"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.split("commands:\n", 1)[1].splitlines() if line]
    assert listed == list(cli.COMMANDS)


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_every_command_is_a_module_with_main(command: str) -> None:
    module = import_module(f"bot.cli.{cli.COMMANDS[command]}")
    assert callable(module.main)


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unknown command: frobnicate") and "usage:" in err


@pytest.fixture
def minipack_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINIPACK, tmp_path / "knowledge" / "minipack")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return tmp_path


def test_console_command_answers_from_the_pack(
    minipack_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("低保标准是多少\nq\n"))
    assert cli.main(["console"]) == 0
    out = capsys.readouterr().out
    assert "875" in out and "测试日报" in out


def test_console_refuses_an_invalid_pack(
    minipack_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (minipack_env / "knowledge" / "minipack" / "scope.yaml").unlink()
    monkeypatch.setattr("sys.stdin", io.StringIO("低保\n"))
    assert cli.main(["console"]) == 2
    assert "scope.yaml: missing file" in capsys.readouterr().err


def test_loadbench_command(minipack_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["loadbench", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "1 pack(s), 3 entries, 6 restoration rows, 0 problem(s)" in out
