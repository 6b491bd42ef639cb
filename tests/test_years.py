"""bot/understand/years.py: the years a question asks about, spans, comparison bases."""

from __future__ import annotations

import pytest

from bot.understand import years
from bot.understand.years import extract_years


@pytest.mark.parametrize(
    ("text", "asked", "base"),
    [
        ("2024年低保标准", (2024,), ()),
        ("低保标准比2019年提高了多少", (), (2019,)),
        ("跟19年比涨了多少", (), (2019,)),  # a short year after 跟 … 比
        ("二〇二四年的标准", (2024,), ()),
        ("二二年的标准", (2022,), ()),  # a short year in Chinese numerals
        ("比一九年高了多少", (), (2019,)),
        ("干了二十年", (), ()),  # a duration, not a year
    ],
)
def test_years_asked_and_bases(text: str, asked: tuple[int, ...], base: tuple[int, ...]) -> None:
    got, _span, baseline, _rest = extract_years(text)
    assert (got, baseline) == (asked, base)


def test_years_counted_back_from_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """今年 / 去年 / 前年 are counted from when the person asks, not from the article's date."""
    monkeypatch.setattr(years, "this_year", lambda: 2026)
    assert extract_years("慈善组织去年新增几家")[0] == (2025,)
    assert extract_years("今年低保标准多少")[0] == (2026,)
    assert extract_years("前年和去年")[0] == (2024, 2025)
    assert "去年" not in extract_years("去年新增几家")[3]  # taken out of the match text


def test_this_year_telling_an_age_is_no_year_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(years, "this_year", lambda: 2026)
    assert extract_years("我今年七十二了 想问统保率是多少")[0] == ()
    assert extract_years("奶奶今年82了")[0] == ()
