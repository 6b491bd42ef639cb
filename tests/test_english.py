"""The English frame: periods, scopes and changes in English; anything else as written."""

from __future__ import annotations

import pytest

from bot.render.english import change_en, period_en, scope_en


@pytest.mark.parametrize(
    ("period", "english"),
    [
        ("2024年", "2024"),
        ("2019—2022年", "2019–2022"),
        ("2019年以来", "since 2019"),
        ("2024年较2019年", "2024 vs 2019"),
        ("截至报道时", "as of the report"),
        ("五年来", "over the past five years"),
        ("连续4年", "four years running"),
        ("连续五年；2024年", "five years running; 2024"),
        ("2024年底", "end of 2024"),
        ("打造“家门口慈善”服务品牌过程中", "打造“家门口慈善”服务品牌过程中"),  # no rule: as written
        ("", ""),
    ],
)
def test_periods(period: str, english: str) -> None:
    assert period_en(period) == english


def test_changes_and_scopes() -> None:
    assert change_en("较2019年提高16.7%") == "up 16.7% on 2019"
    assert change_en("较2019年下降3个百分点") == "down 3 percentage points on 2019"
    assert change_en("翻了一番") == "翻了一番"
    assert scope_en("全市", "Zhenjiang") == "all of Zhenjiang"
    assert scope_en("全市") == "citywide"
    assert scope_en("句容市") == "句容市"
