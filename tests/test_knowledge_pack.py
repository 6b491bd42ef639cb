"""The real knowledge under knowledge/: valid, fully restored, every number covered."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from bot.knowledge.coverage import NUMBER_RE
from bot.knowledge.loader import load_knowledge, report
from bot.knowledge.models import Indicator
from bot.knowledge.pack import parse_knowledge
from bot.knowledge.restore import restore

ROOT = Path(bot.__file__).resolve().parent.parent / "knowledge"
PACK = "zhenjiang-2019-2024"


def test_validate_finds_no_problems() -> None:
    result = report(ROOT)
    assert [str(p) for p in result.problems] == []
    assert result.packs >= 1
    assert result.rows_fired == result.rows
    assert result.covered + result.ignored == result.numbers


def test_loads() -> None:
    knowledge = load_knowledge(ROOT)
    assert PACK in knowledge.sources
    assert knowledge.entries


@pytest.fixture(scope="module")
def packs() -> list[bot.knowledge.models.Pack]:
    parsed, _ = parse_knowledge(ROOT)
    return [pack for _, pack in parsed]


def test_every_row_fires_and_keeps_the_digits(packs: list[bot.knowledge.models.Pack]) -> None:
    for pack in packs:
        result = restore(pack.received_text, pack.restoration)
        assert result.text == pack.restored_text
        unused = [pack.restoration[i].spun for i in result.unused()]
        assert unused == [], f"{pack.name}: rows that never fire"
        assert NUMBER_RE.findall(pack.received_text) == NUMBER_RE.findall(pack.restored_text)


def test_no_known_spun_phrase_remains(packs: list[bot.knowledge.models.Pack]) -> None:
    """Every spun phrase left in the restored text lies inside one replacement.

    There it is another row's standard wording (延续->持续 while 持续->连续), which
    is right because replacements are never re-scanned; anywhere else it was missed.
    """
    for pack in packs:
        result = restore(pack.received_text, pack.restoration)
        for row in pack.restoration:
            at = result.text.find(row.spun)
            while at >= 0:
                end = at + len(row.spun)
                assert any(a <= at and end <= b for a, b, _ in result.replaced), (
                    f"{pack.name}: 「{row.spun}」 left at {result.text[at - 10 : end + 10]}"
                )
                at = result.text.find(row.spun, at + 1)


def test_no_uncovered_numbers() -> None:
    result = report(ROOT)
    uncovered = [str(p) for p in result.problems if "uncovered number" in p.message]
    assert uncovered == []
    assert result.numbers > 0


def test_indicator_values_are_in_their_quotes(packs: list[bot.knowledge.models.Pack]) -> None:
    for pack in packs:
        for entry in pack.entries:
            assert entry.quote in pack.restored_text, entry.id
            if isinstance(entry, Indicator):
                assert entry.value in entry.quote, entry.id
