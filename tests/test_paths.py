"""The knowledge folder is found from a checkout, from an installed wheel, and via KNOWLEDGE_DIR."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import bot
from bot.paths import knowledge_dir

REPO = Path(bot.__file__).resolve().parent.parent


def test_env_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path))
    assert knowledge_dir() == tmp_path


def test_blank_env_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", "  ")
    assert knowledge_dir() == REPO / "knowledge"


def test_source_checkout_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KNOWLEDGE_DIR", raising=False)
    assert not (REPO / "bot" / "_knowledge").exists(), "only wheels carry bot/_knowledge"
    assert knowledge_dir() == REPO / "knowledge"
    assert (knowledge_dir() / "zhenjiang-2019-2024" / "article.txt").is_file()


def test_installed_wheel_carries_and_finds_the_knowledge(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        site = tmp_path / "site"
        zf.extractall(site)  # a pure-Python wheel installs by unpacking
    assert "bot/paths.py" in names
    assert "bot/_knowledge/README.md" in names
    packs = {Path(n).parent.name for n in names if n.startswith("bot/_knowledge/")}
    for pack in (REPO / "knowledge").glob("*/source.yaml"):
        for file in pack.parent.iterdir():
            assert f"bot/_knowledge/{pack.parent.name}/{file.name}" in names
    assert "zhenjiang-2019-2024" in packs

    env = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"}
    env["PYTHONPATH"] = str(site)
    probe = (
        "import bot, bot.paths, bot.knowledge.discovery;"
        "print(bot.__file__);"
        "d = bot.paths.knowledge_dir(); print(d);"
        "print(len(bot.knowledge.discovery.pack_folders(d)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(site), "the unpacked wheel must be the one imported"
    assert Path(out[1]) == site / "bot" / "_knowledge"
    assert int(out[2]) >= 1
