"""Loading a pack into the models: values, line numbers, and the forms YAML allows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.loader import KnowledgeError, load_knowledge, load_pack
from bot.knowledge.models import QA, Indicator
from bot.knowledge.pack import parse_pack

FIXTURE = Path(__file__).parent / "fixtures" / "minipack"


def line_of(path: Path, needle: str) -> int:
    lines = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line]
    assert len(lines) == 1
    return lines[0]


def test_load_pack_fields() -> None:
    pack = load_pack(FIXTURE)
    assert pack.name == "minipack"
    assert pack.source.publisher == "测试日报"
    assert pack.source.date == "2025-02-12"  # an unquoted YAML date stays the text written
    assert pack.received_text.startswith("民政奇迹成长巡礼第7篇")
    assert pack.restored_text.startswith("民政事业发展巡礼第7篇")
    assert "临时救助服务持续优化" in pack.restored_text

    dibao, homes, temp = pack.entries
    assert isinstance(dibao, Indicator)
    assert dibao.kind == "indicator"
    assert (dibao.value, dibao.number, dibao.unit, dibao.years) == (
        "875",
        875.0,
        "元/人·月",
        (2024,),
    )
    assert dibao.related == ("elderly-institutions",)
    assert dibao.scope == "全市"  # the default
    assert dibao.pack == "minipack"
    assert isinstance(homes, Indicator)
    assert homes.value == "135"  # a bare YAML number is kept as written
    assert homes.number is None
    assert homes.years == (2019, 2020, 2021, 2022, 2023, 2024)  # "2019-2024" expanded
    assert isinstance(temp, QA)
    assert temp.kind == "qa"
    assert temp.answer == "临时救助服务持续优化。"

    assert [t.id for t in pack.topics] == ["social-assistance", "elderly-care"]
    assert {t.section for t in pack.topics} == {"livelihood"}
    assert pack.glossary[0].synonyms == ("低保", "低保金")
    assert pack.restoration[-1].queries is False
    assert pack.restoration[-1].confidence == "guess"
    assert pack.ignored_numbers[0].text == "7"


def test_every_record_knows_its_line() -> None:
    pack = load_pack(FIXTURE)
    for entry in pack.entries:
        assert entry.line == line_of(Path(entry.file), f"id: {entry.id}")
    for r in pack.restoration:
        assert r.line == line_of(FIXTURE / "restoration.yaml", f"spun: {r.spun}")
    for t in pack.topics:
        assert t.line == line_of(FIXTURE / "topics.yaml", f"id: {t.id}")
    assert pack.sections[0].line == line_of(FIXTURE / "topics.yaml", "id: livelihood")
    assert pack.glossary[0].line == line_of(FIXTURE / "glossary.yaml", "canonical:")
    assert pack.ignored_numbers[0].line == line_of(FIXTURE / "coverage.yaml", "- text:")


@pytest.mark.parametrize(
    ("written", "years"),
    [
        ("2024", (2024,)),
        ("[2019, 2024]", (2019, 2024)),
        ('"2019-2021"', (2019, 2020, 2021)),
        ("2019—2021年", (2019, 2020, 2021)),
        ("[]", ()),
    ],
)
def test_years_forms(tmp_path: Path, written: str, years: tuple[int, ...]) -> None:
    pack_dir = tmp_path / "minipack"
    shutil.copytree(FIXTURE, pack_dir)
    path = pack_dir / "indicators.yaml"
    path.write_text(path.read_text("utf-8").replace("[2024]", written), "utf-8")
    pack, problems = parse_pack(pack_dir)
    assert problems == []
    assert pack.entries[0].years == years


def test_load_knowledge_sorts_packs_and_indexes(tmp_path: Path) -> None:
    for name, prefix in (("b-pack", "b-"), ("a-pack", "a-")):
        shutil.copytree(FIXTURE, tmp_path / name)
        for file in ("indicators.yaml", "qa.yaml"):
            path = tmp_path / name / file
            text = path.read_text("utf-8")
            for old in ("dibao-standard-2024", "elderly-institutions", "temporary-assistance"):
                text = text.replace(old, prefix + old)
            path.write_text(text, "utf-8")
    (tmp_path / "README.md").write_text("not a pack", "utf-8")
    knowledge = load_knowledge(tmp_path)
    assert [p.name for p in knowledge.packs] == ["a-pack", "b-pack"]
    assert len(knowledge.entries) == 6
    assert knowledge.source_of(knowledge.entries["b-temporary-assistance"]).publisher == "测试日报"
    assert set(knowledge.topics) == {"social-assistance", "elderly-care"}


def test_load_pack_raises_with_every_problem(tmp_path: Path) -> None:
    pack_dir = tmp_path / "minipack"
    shutil.copytree(FIXTURE, pack_dir)
    qa = pack_dir / "qa.yaml"
    qa.write_text(qa.read_text("utf-8").replace("    title: 临时救助\n", ""), "utf-8")
    (pack_dir / "glossary.yaml").write_text("terms:\n  - canonical: 福彩\n", "utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_pack(pack_dir)
    messages = [(Path(p.file).name, p.line, p.message) for p in info.value.problems]
    assert messages == [
        ("glossary.yaml", 2, "missing required field 'synonyms'"),
        ("qa.yaml", 2, "missing required field 'title'"),
    ]
    text = str(info.value)
    assert text.splitlines()[0] == "invalid knowledge: 2 problems"
    assert f"{pack_dir / 'qa.yaml'}:2: temporary-assistance: missing required field 'title'" in text


def test_empty_optional_files_are_fine(tmp_path: Path) -> None:
    pack_dir = tmp_path / "minipack"
    shutil.copytree(FIXTURE, pack_dir)
    (pack_dir / "glossary.yaml").write_text("terms: []\n", "utf-8")
    (pack_dir / "coverage.yaml").unlink()
    pack, problems = parse_pack(pack_dir)
    assert pack.glossary == ()
    assert [p.message.split(" in ")[0] for p in problems] == []


def test_entries_may_be_split_over_files(tmp_path: Path) -> None:
    pack_dir = tmp_path / "minipack"
    shutil.copytree(FIXTURE, pack_dir)
    (pack_dir / "qa.yaml").rename(pack_dir / "qa-social.yaml")
    pack = load_pack(pack_dir)
    assert [e.id for e in pack.entries][-1] == "temporary-assistance"
    assert pack.entries[-1].file.endswith("qa-social.yaml")


def test_a_topic_may_include_another_and_must_name_one(tmp_path: Path) -> None:
    pack_dir = tmp_path / "minipack"
    shutil.copytree(FIXTURE, pack_dir)
    topics = pack_dir / "topics.yaml"
    text = topics.read_text("utf-8")
    topics.write_text(
        text.replace(
            "        keywords: [养老]\n",
            "        keywords: [养老]\n        includes: [social-assistance]\n",
        ),
        "utf-8",
    )
    pack = load_pack(pack_dir)
    assert {t.id: t.includes for t in pack.topics}["elderly-care"] == ("social-assistance",)
    topics.write_text(
        text.replace(
            "        keywords: [养老]\n", "        keywords: [养老]\n        includes: [no-such]\n"
        ),
        "utf-8",
    )
    with pytest.raises(KnowledgeError) as info:
        load_pack(pack_dir)
    (problem,) = info.value.problems
    assert (Path(problem.file).name, problem.entry_id) == ("topics.yaml", "elderly-care")
    assert "no-such" in problem.message and problem.line == line_of(topics, "includes:")
