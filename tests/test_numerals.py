"""Numbers as people write them reduce to the same float as the entry values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understand.numerals import (
    MAX_NUMERAL_CHARS,
    MAX_VALUE,
    canon,
    cn_to_number,
    find_numbers,
    parse_value,
)


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
        ("2 billion yuan", 2e9, False, False),  # English magnitudes
        ("1.5 Million", 1.5e6, False, False),
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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="〇零一二三四五六七八九十百千万亿两点多余约近%0123456789.", max_size=400))
def test_any_numeral_string_parses_without_exceptions(text: str) -> None:
    """Pasted numerals of any length give bounded, finite numbers and never raise."""
    for n in find_numbers(text):
        assert 0 <= n.value < MAX_VALUE
        assert len(n.text) <= MAX_NUMERAL_CHARS + 8  # the numeral plus its 近/多/% words


def test_long_numeral_runs_are_not_figures() -> None:
    assert find_numbers("九" * 309) == []
    assert find_numbers("一" + "亿" * 40 + "元") == []
    assert [n.value for n in find_numbers("低保875元")] == [875.0]
