"""The knowledge cache: a hit serves exactly the packs a load makes; a damaged, stale or
foreign file is ignored and rebuilt; a changed file is never answered from the old packs; a
pack with problems is refused and never saved."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from fixtures.multipack import knowledge_root

from bot.knowledge.cache import KnowledgeCache, files_key, knowledge_cache
from bot.knowledge.codec import plain, unplain
from bot.knowledge.loader import KnowledgeError, load_for_serving, load_knowledge
from bot.paths import knowledge_dir


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return knowledge_root(tmp_path / "knowledge")


def only_file(folder: Path) -> Path:
    files = list(folder.glob("knowledge-*.bin"))
    assert len(files) == 1, files
    return files[0]


def test_a_hit_serves_what_a_load_makes(root: Path, tmp_path: Path) -> None:
    cache = KnowledgeCache(tmp_path / "c")
    first = cache.load(root)
    assert cache.last == "miss"
    again = cache.load(root)
    assert cache.last == "hit"
    fresh = load_knowledge(root)
    assert again.packs == first.packs == fresh.packs
    assert list(again.entries) == list(fresh.entries) and again.scopes == fresh.scopes


def test_records_round_trip() -> None:
    for pack in load_knowledge().packs:
        assert unplain(plain(pack)) == pack
    with pytest.raises(ValueError, match="unknown record"):
        unplain(["Settings", []])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:100] + bytes([raw[100] ^ 1]) + raw[101:], id="bit flip"),
        pytest.param(lambda raw: b"", id="empty"),
    ],
)
def test_a_damaged_file_is_rebuilt_not_served(
    root: Path, tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    cache = KnowledgeCache(tmp_path / "c")
    want = cache.load(root).packs
    path = only_file(tmp_path / "c")
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.cache"):
        got = cache.load(root)
    assert cache.last == "corrupt" and "ignored" in caplog.text
    assert got.packs == want
    cache.load(root)
    assert cache.last == "hit"


def test_an_edited_file_is_a_new_key(root: Path, tmp_path: Path) -> None:
    cache = KnowledgeCache(tmp_path / "c")
    cache.load(root)
    qa = root / "zhenjiang-2019-2024" / "qa.yaml"
    text = qa.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    qa.write_text(text.replace(title, title + "（改）", 1), encoding="utf-8")
    edited = cache.load(root)
    assert cache.last == "miss"
    assert any(e.title.endswith("（改）") for e in edited.entries.values())
    assert edited.packs == load_knowledge(root).packs


def test_the_key_covers_every_file_and_the_folder(root: Path, tmp_path: Path) -> None:
    key = files_key(root)
    assert files_key(root) == key
    (root / "nanjing-test" / "notes.txt").write_text("x", encoding="utf-8")
    assert files_key(root) != key
    moved = tmp_path / "elsewhere"
    shutil.copytree(root, moved)
    assert files_key(moved) != files_key(root)  # entries record their file's path


def test_a_pack_with_problems_is_refused_and_not_saved(root: Path, tmp_path: Path) -> None:
    qa = root / "zhenjiang-2019-2024" / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")
    cache = KnowledgeCache(tmp_path / "c")
    with pytest.raises(KnowledgeError):
        cache.load(root)
    assert not list((tmp_path / "c").glob("knowledge-*.bin"))
    assert load_for_serving(root, cache=cache) is None


def test_serving_uses_it_only_when_given_one(tmp_path: Path) -> None:
    assert knowledge_cache(None) is None
    cache = knowledge_cache(tmp_path)
    assert cache is not None
    got = load_for_serving(knowledge_dir(), cache=cache)
    assert got is not None and cache.last == "miss"
    assert load_for_serving(knowledge_dir(), cache=cache) is not None and cache.last == "hit"
