"""Numbers as people write them reduce to the same float as the entry values."""

from __future__ import annotations

import pytest

from bot.understand.numerals import canon, cn_to_number, find_numbers, parse_value


@pytest.mark.parametrize(
    ("text", "value", "approx", "percent"),
    [
        ("875元", 875.0, False, False),
        ("12.24万人次", 122400.0, False, False),
        ("10.67亿元", 1.067e9, False, False),
        ("近2万名", 20000.0, True, False),
        ("2800多万元", 28_000_000.0, True, False),
        ("60余万元", 600_000.0, True, False),
        ("约1.93亿元", 1.93e8, True, False),
        ("逾100万人次", 1_000_000.0, True, False),
        ("91.85%", 91.85, False, True),
        ("百分之十六点七", 16.7, False, True),
        ("一百二十三个", 123.0, False, False),
        ("两万人", 20000.0, False, False),
        ("十二点二四万", 122400.0, False, False),
        ("三千五百三十九人次", 3539.0, False, False),
    ],
)
def test_reads_numbers(text: str, value: float, approx: bool, percent: bool) -> None:
    n = parse_value(text)
    assert n is not None
    assert canon(n.value) == canon(value)
    assert n.approx is approx
    assert n.percent is percent


def test_mantissa_and_unit() -> None:
    n = parse_value("12.24万人次")
    assert n is not None
    assert n.mantissa == 12.24
    assert n.unit == "人次"


@pytest.mark.parametrize("text", ["一门受理、一网通办", "十佳民生实事", "千家万户", "五安工程", ""])
def test_numerals_used_as_words_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_cn_to_number_edge_cases() -> None:
    assert cn_to_number("十") == 10.0
    assert cn_to_number("一亿两千万") == 120_000_000.0
    assert cn_to_number("二〇二四") == 2024.0
    assert cn_to_number("点") is None
    assert cn_to_number("abc") is None


def test_canon_compares_two_spellings() -> None:
    assert canon(10.67 * 1e8) == canon(1.067e9)
    assert canon(0) == 0.0


def test_several_numbers_in_order() -> None:
    got = [n.value for n in find_numbers("2024年875元,较2019年提高16.7%")]
    assert got == [2024.0, 875.0, 2019.0, 16.7]
