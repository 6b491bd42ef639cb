"""`python -m bot new-pack`: the draft loads, and validate asks only for curator decisions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.loader import load_knowledge, validate
from bot.knowledge.models import Indicator, Pack
from bot.knowledge.pack import parse_pack
from bot.knowledge.problems import readable

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "knowledge" / "zhenjiang-2019-2024"
TEST_PACK = REPO / "tests" / "fixtures" / "packs" / "nanjing-test"

# What only a curator can decide: the blanks the draft leaves.
DECISIONS = {
    f"missing required field '{name}'"
    for name in (
        *("topic", "title", "title_en"),  # each entry
        "name",  # the city and province in scope.yaml
        *("publisher", "series", "headline", "author", "date", "date_note"),  # source.yaml
    )
}


def new_pack(article: Path, folder: Path, *extra: str) -> Path:
    assert main(["new-pack", str(article), str(folder), *extra]) == 0
    return folder


def fill_in_the_blanks(folder: Path) -> None:
    """What a curator writes, reduced to placeholders: then the draft must load."""
    (folder / "topics.yaml").write_text(
        "sections:\n  - id: all\n    title: 全文\n    title_en: All\n    topics:\n"
        "      - {id: general, name: 综合, name_en: General}\n",
        "utf-8",
    )
    path = folder / "indicators.yaml"
    text = path.read_text("utf-8")
    text = text.replace("    topic:\n", "    topic: general\n")
    text = re.sub(r"    title(_en)?:\n", lambda m: f"    title{m[1] or ''}: 待定\n", text)
    path.write_text(text, "utf-8")
    source = folder / "source.yaml"
    source.write_text(re.sub(r"^(\w+):.*$", r"\1: 待定", source.read_text("utf-8"), flags=re.M))
    scope = folder / "scope.yaml"
    scope.write_text(
        scope.read_text("utf-8")
        .replace("  name:  # the city's full name, e.g. 南京市", "  name: 甲市")
        .replace("  name:  # e.g. 浙江省", "  name: 乙省"),
        "utf-8",
    )


@pytest.mark.parametrize(
    ("article", "restoration"),
    [
        (BUNDLED / "article.txt", BUNDLED / "restoration.yaml"),  # received text, restored
        (TEST_PACK / "article.txt", None),  # a clean text
    ],
    ids=["bundled-received", "test-pack"],
)
def test_draft_validates_but_for_curator_decisions(
    tmp_path: Path, article: Path, restoration: Path | None
) -> None:
    extra = ["--restoration", str(restoration)] if restoration else []
    folder = new_pack(article, tmp_path / "knowledge" / "draft-2024", *extra)
    assert (folder / "article.txt").read_bytes() == article.read_bytes()
    pack, parse_problems = parse_pack(folder)
    assert readable(parse_problems)
    assert pack.entries and all(e.quote in pack.restored_text for e in pack.entries)

    problems = validate(folder.parent)
    assert {p.message for p in problems} <= DECISIONS, "\n".join(map(str, problems))

    fill_in_the_blanks(folder)
    knowledge = load_knowledge(folder.parent)
    assert len(knowledge.entries) == len(pack.entries)


def test_draft_of_the_test_pack_finds_its_curated_figures(tmp_path: Path) -> None:
    folder = new_pack(TEST_PACK / "article.txt", tmp_path / "knowledge" / "nanjing-2024")
    drafted, _ = parse_pack(folder)
    curated, _ = parse_pack(TEST_PACK)

    def figures(pack: Pack) -> set[tuple[str, str]]:
        return {(e.value, e.quote) for e in pack.entries if isinstance(e, Indicator)}

    assert figures(curated) <= figures(drafted)
    assert {e.id for e in drafted.entries} == {f"nanjing-2024-{n:02d}" for n in range(1, 8)}


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    assert main(["new-pack", str(TEST_PACK / "article.txt"), str(folder)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new-pack", str(tmp_path / "missing.txt"), str(tmp_path / "new")]) == 2
    assert not (tmp_path / "new").exists()
