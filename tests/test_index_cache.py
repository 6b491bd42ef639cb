"""The build cache: a hit serves exactly the built index; a corrupt, foreign or stale file is
detected, ignored and rebuilt, never served; writing problems never stop a start."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import struct
from pathlib import Path

import pytest
from fixtures.engine_pack import build_knowledge

import bot.match.cache as cache_mod
from bot.config import Settings
from bot.engine import Engine
from bot.knowledge.models import Knowledge
from bot.match.cache import IndexCache, content_key, index_cache
from bot.match.index import Index
from bot.match.store import MAGIC, CorruptIndex, decode, encode

QUESTIONS = (
    "镇江低保标准是多少",
    "底保标准",
    "dibao",
    "养老院有几家",
    "nursing home beds",
    "3539是什么数字",
    "丹阳殡葬改革",
    "孤儿每个月补贴多少",
)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return build_knowledge()


def ranks(index: Index) -> list[list[tuple[str, float, str, str]]]:
    return [
        [
            (s.entry.id, s.score, s.field, s.channel)
            for s in index.search(index.normalizer.normalize(q))
        ]
        for q in QUESTIONS
    ]


def only_file(folder: Path) -> Path:
    files = list(folder.glob("index-*.bin"))
    assert len(files) == 1, files
    return files[0]


def test_a_hit_serves_what_the_build_made(knowledge: Knowledge, tmp_path: Path) -> None:
    cache = IndexCache(tmp_path)
    built = cache.index(knowledge)
    assert cache.last == "miss"
    loaded = cache.index(knowledge)
    assert cache.last == "hit"
    assert loaded.data == built.data  # every array, string and table
    assert ranks(loaded) == ranks(built) == ranks(Index(knowledge))
    assert loaded.exact == built.exact and loaded.figureless == built.figureless


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:-10] + bytes(10), id="payload bytes zeroed"),
        pytest.param(lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]), id="length bit flipped"),
        pytest.param(lambda raw: raw[:-8] + b"}" + raw[-7:], id="header damaged"),
        pytest.param(lambda raw: b"not an index at all", id="garbage"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: MAGIC + b"{}\xff\xff\xff\x00", id="header overrun"),
    ],
)
def test_a_damaged_file_is_rebuilt_not_served(
    knowledge: Knowledge, tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    cache = IndexCache(tmp_path)
    want = ranks(cache.index(knowledge))
    path = only_file(tmp_path)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="bot.match.cache"):
        got = cache.index(knowledge)
    assert cache.last == "corrupt"
    assert "ignored" in caplog.text
    assert ranks(got) == want
    cache.index(knowledge)  # the rebuild rewrote a good file
    assert cache.last == "hit"


def flip_inside(raw: bytes, section: str) -> bytes:
    """Flip one bit in the middle of a section: every shape still agrees, only a value changes."""
    (size,) = struct.unpack("<I", raw[-4:])
    table = {row[0]: row for row in json.loads(raw[-4 - size : -4])["sections"]}
    _name, _kind, _code, offset, length = table[section]
    at = len(MAGIC) + offset + length // 2
    return raw[:at] + bytes([raw[at] ^ 0x10]) + raw[at + 1 :]


@pytest.mark.parametrize("section", ["char.idf", "char.post_flat", "field_text.blob"])
def test_a_changed_value_is_caught_by_the_checksum(
    knowledge: Knowledge, tmp_path: Path, section: str
) -> None:
    cache = IndexCache(tmp_path)
    want = ranks(cache.index(knowledge))
    path = only_file(tmp_path)
    raw = flip_inside(path.read_bytes(), section)
    with pytest.raises(CorruptIndex, match="checksum"):
        decode(raw, content_key(knowledge), len(knowledge.entries))
    path.write_bytes(raw)
    assert ranks(cache.index(knowledge)) == want
    assert cache.last == "corrupt"


def test_a_checksum_valid_file_with_wrong_shapes_is_rejected(knowledge: Knowledge) -> None:
    data = Index(knowledge).data
    key = content_key(knowledge)
    with pytest.raises(CorruptIndex, match="do not agree"):
        decode(encode(data, key), key, len(knowledge.entries) + 1)


def test_changed_knowledge_is_not_served_from_the_old_file(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    cache = IndexCache(tmp_path)
    cache.index(knowledge)
    first = next(iter(knowledge.entries.values()))
    edited = Knowledge(
        tuple(
            dataclasses.replace(
                p,
                entries=tuple(
                    dataclasses.replace(e, aliases=(*e.aliases, "独一无二测试别名"))
                    if e.id == first.id
                    else e
                    for e in p.entries
                ),
            )
            for p in knowledge.packs
        )
    )
    assert content_key(edited) != content_key(knowledge)
    index = cache.index(edited)
    assert cache.last == "miss"
    got = index.search(index.normalizer.normalize("独一无二测试别名"))
    assert got[0].entry.id == first.id
    assert len(list(tmp_path.glob("index-*.bin"))) == 2  # the old version is kept for a reload


def test_a_file_for_another_key_is_stale(knowledge: Knowledge, tmp_path: Path) -> None:
    cache = IndexCache(tmp_path)
    cache.index(knowledge)
    key = content_key(knowledge)
    other = "0" * 64
    os.replace(cache.path(key), cache.path(other))  # right bytes, wrong name
    with pytest.raises(CorruptIndex, match="stale"):
        decode(cache.path(other).read_bytes(), other, len(knowledge.entries))


def test_new_code_makes_a_new_key(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = IndexCache(tmp_path)
    cache.index(knowledge)
    old = content_key(knowledge)
    monkeypatch.setattr(cache_mod, "code_version", lambda: "another build of the code")
    assert content_key(knowledge) != old
    cache.index(knowledge)
    assert cache.last == "miss"


def test_the_key_covers_nested_records(knowledge: Knowledge) -> None:
    pack = knowledge.packs[0]
    source = dataclasses.replace(pack.source, headline=pack.source.headline + "!")
    edited = Knowledge((dataclasses.replace(pack, source=source), *knowledge.packs[1:]))
    assert content_key(edited) != content_key(knowledge)
    assert content_key(Knowledge(knowledge.packs)) == content_key(knowledge)


def test_an_unwritable_cache_still_builds(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    cache = IndexCache(blocker / "cache")
    with caplog.at_level(logging.WARNING, logger="bot.match.cache"):
        index = cache.index(knowledge)
    assert "not written" in caplog.text
    assert ranks(index) == ranks(Index(knowledge))


def test_old_versions_are_pruned(knowledge: Knowledge, tmp_path: Path) -> None:
    for n in range(cache_mod.KEEP + 2):
        (tmp_path / f"index-old{n}.bin").write_bytes(b"old")
    IndexCache(tmp_path).index(knowledge)
    assert len(list(tmp_path.glob("index-*.bin"))) == cache_mod.KEEP
    assert not list(tmp_path.glob(".index-*.tmp"))


def test_gram_rows_with_surrogate_ids_round_trip(knowledge: Knowledge) -> None:
    """Gram ids are code points in the rows, surrogates included (vocabularies > 55,295)."""
    data = Index(knowledge).data
    ch = data.channels["char"]
    rows = dataclasses.replace(ch.field_rows, blob=ch.field_rows.blob + "\ud800\udfff\U0010ffff")
    data = dataclasses.replace(
        data, channels={**data.channels, "char": dataclasses.replace(ch, field_rows=rows)}
    )
    key = content_key(knowledge)
    assert decode(encode(data, key), key, len(knowledge.entries)) == data


def test_the_engine_uses_a_cache_only_when_given_one(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Engine(knowledge)
    assert not any(tmp_path.rglob("index-*.bin"))
    cache = IndexCache(tmp_path / "c")
    a = Engine(knowledge, index_cache=cache).ask("低保标准")
    b = Engine(knowledge, index_cache=cache).ask("低保标准")
    assert cache.last == "hit"
    assert a == b


def test_the_setting(tmp_path: Path) -> None:
    def cache_dir(env: dict[str, str]) -> Path | None:
        return Settings.from_env(env, dotenv_path=None).index_cache_dir

    assert cache_dir({"DATA_DIR": str(tmp_path)}) == tmp_path / "index-cache"
    assert cache_dir({"INDEX_CACHE_DIR": "/srv/cache"}) == Path("/srv/cache")
    assert cache_dir({"INDEX_CACHE_DIR": "off"}) is None
    assert Settings().index_cache_dir is None  # built directly (tests): no cache
    assert index_cache(None) is None
