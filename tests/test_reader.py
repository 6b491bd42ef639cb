"""The YAML reader: PyYAML's values with line numbers, and what pack files may not contain."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import KnowledgeError, load_pack
from bot.knowledge.problems import Problem
from bot.knowledge.reader import FAILED, MAX_FILE_BYTES, YMap, parse_yaml, read_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "minipack"
REPO = Path(__file__).parent.parent

SAMPLE = """\
plain: 中文
number: 875
float: 12.24
trailing_zero: 3.10
quoted: "875"
single: '2019-2024'
date: 2025-02-12
yes_word: yes
flag: false
nothing:
tilde: ~
negative: -3
block: |
  第一行
  第二行
folded: >
  a
  b
flow: {a: 1, b: [x, "y", 3]}
list:
  - {k: v}
  - - nested
empty_list: []
percent: 16.7%
range: 1+39
star_in_text: "a * b & c"
"""


@pytest.mark.parametrize(
    "path",
    [*sorted(FIXTURE.glob("*.yaml")), *sorted((REPO / "knowledge").glob("*/*.yaml"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_reader_agrees_with_pyyaml_on_pack_files(path: Path) -> None:
    text = path.read_text("utf-8")
    assert parse_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_reader_agrees_with_pyyaml_on_every_scalar_form() -> None:
    data = parse_yaml(SAMPLE)
    assert data == yaml.load(SAMPLE, Loader=yaml.SafeLoader)
    assert isinstance(data, YMap)
    assert data.raw["trailing_zero"] == "3.10"  # the text as written, for text fields
    assert data.raw["date"] == "2025-02-12"
    assert "quoted" not in data.raw
    assert data.key_lines["block"] == 13
    assert data["flow"].line == 19
    assert data["list"][0].line == 21


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
        ("a: 1\n---\nb: 2\n", 2, "expected one document, found a second"),
        (
            "a: !!python/name:os.system x\n",
            1,
            "unsupported tag 'tag:yaml.org,2002:python/name:os.system'",
        ),
        ("a: !!python/object:x {}\n", 1, "unsupported tag 'tag:yaml.org,2002:python/object:x'"),
        ("? [a]\n: 1\n", 1, "a key must be a plain word"),
        (
            "a: 1\nb: &x {k: v}\nc: *x\n",
            2,
            "anchor &x: pack files allow no anchors or aliases; write the value out",
        ),
        (
            "a: 1\n\nb: *x\n",
            3,
            "alias *x: pack files allow no anchors or aliases; write the value out",
        ),
    ],
)
def test_reader_rejects(text: str, line: int, message: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        parse_yaml(text)
    assert info.value.problem == message
    assert info.value.problem_mark is not None
    assert info.value.problem_mark.line + 1 == line


def _alias_bomb(levels: int = 9) -> str:
    """The billion-laughs shape: each level lists the previous one nine times."""
    lines = ["entries:", '  - &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"  - &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_pack_is_rejected_fast(tmp_path: Path) -> None:
    pack = tmp_path / "minipack"
    pack.mkdir()
    for path in FIXTURE.iterdir():
        (pack / path.name).write_bytes(path.read_bytes())
    (pack / "indicators-bomb.yaml").write_text(_alias_bomb(), "utf-8")
    started = time.perf_counter()
    with pytest.raises(KnowledgeError) as info:
        load_pack(pack)
    assert time.perf_counter() - started < 0.5
    assert [str(p) for p in info.value.problems] == [
        f"{pack / 'indicators-bomb.yaml'}:2: YAML syntax error: anchor &l0: pack files allow"
        " no anchors or aliases; write the value out"
    ]


def test_too_big_file_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "qa.yaml"
    path.write_text("entries:\n" + "#" * MAX_FILE_BYTES + "\n", "utf-8")
    problems: list[Problem] = []
    assert read_yaml(path, problems) is FAILED
    (problem,) = problems
    assert str(problem).endswith(
        f"qa.yaml: file too big: {MAX_FILE_BYTES + 10} bytes, a pack file may hold at most 2 MB"
        " (split entries over indicators-*.yaml / qa-*.yaml)"
    )


def test_too_big_article_makes_the_pack_unreadable(tmp_path: Path) -> None:
    pack = tmp_path / "minipack"
    pack.mkdir()
    for path in FIXTURE.iterdir():
        (pack / path.name).write_bytes(path.read_bytes())
    (pack / "article.txt").write_text("年" * (MAX_FILE_BYTES // 3 + 1), "utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_pack(pack)
    assert [p.message.split(":")[0] for p in info.value.problems] == ["file too big"]
