"""Several packs in one knowledge folder: each loads with its own scope and source, validate
checks them all, and a copied pack needs nothing but fresh ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.multipack import TEST_PACKS, knowledge_root

from bot.knowledge.loader import KnowledgeError, load_knowledge, validate
from bot.knowledge.models import Knowledge

TEST_PACK = "nanjing-test"


def test_bundled_and_test_pack_load_together(cities: Knowledge) -> None:
    names = [p.name for p in cities.packs]
    assert TEST_PACK in names and len(names) >= 2
    cities_named = {cities.scopes[name].city.name for name in names}
    assert len(cities_named) == len(names), "each pack covers its own city"
    pack = next(p for p in cities.packs if p.name == TEST_PACK)
    assert cities.source_of(pack.entries[0]) is pack.source
    assert "测试" in pack.source.series  # it says it is a fixture
    # The overlap the engine must tell apart: the same metric in two cities.
    dibao = [e for e in cities.entries.values() if "低保标准" in e.aliases]
    assert {e.pack for e in dibao} == set(names)


def test_knowledge_dir_with_both_validates(cities_root: Path) -> None:
    env = {**os.environ, "KNOWLEDGE_DIR": str(cities_root)}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "validate"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("knowledge OK: 2 packs,")


def test_validate_checks_every_pack(tmp_path: Path) -> None:
    root = knowledge_root(tmp_path / "knowledge")
    indicators = root / TEST_PACK / "indicators.yaml"
    text = indicators.read_text("utf-8")
    indicators.write_text(text.replace('value: "280"', 'value: "290"'), "utf-8")
    problems = validate(root)
    assert {Path(p.file).parent.name for p in problems} == {TEST_PACK}
    assert sorted(p.message.split(" in ")[0].split(" 「")[0] for p in problems) == [
        "number 280 does not match value '290'",
        "uncovered number 280",
        "value '290' not found",
    ]


def test_a_copied_pack_needs_fresh_ids(tmp_path: Path) -> None:
    root = knowledge_root(tmp_path / "knowledge", bundled=False)
    copy = root / "nanjing-test-copy"
    shutil.copytree(TEST_PACKS / TEST_PACK, copy)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert {p.message.split(" (")[0] for p in info.value.problems} == {"duplicate id"}
    assert {Path(p.file).parent for p in info.value.problems} == {copy}

    for name in ("indicators.yaml", "qa.yaml"):  # the documented fix: prefix every id
        path = copy / name
        path.write_text(path.read_text("utf-8").replace("nanjing-", "copy-nanjing-"), "utf-8")
    knowledge = load_knowledge(root)
    assert [p.name for p in knowledge.packs] == [TEST_PACK, "nanjing-test-copy"]
    assert len(knowledge.entries) == 2 * len(knowledge.packs[0].entries)
