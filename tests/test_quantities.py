"""bot/compose/quantities.py: the number behind a figure as written, and how a computed one is
written back. Only a figure that is a quantity can be an input to arithmetic."""

from __future__ import annotations

import pytest
from fixtures.handbuilt import ind, qa

from bot.compose.quantities import magnitude, quantity, shown


def _q(value: str, unit: str, kind: str = "") -> object:
    return quantity(ind(id="x", title="x", value=value, unit=unit, quote=value + unit), kind)


@pytest.mark.parametrize(
    ("value", "unit", "number", "approx", "scale"),
    [
        ("875", "元/人·月", 875.0, False, ""),
        ("12.24万", "人次", 122400.0, False, "万"),
        ("10.67亿", "元", 1.067e9, False, "亿"),
        ("近1.78亿", "元", 1.78e8, True, "亿"),
        ("约1.93亿", "元", 1.93e8, True, "亿"),
        ("2800多万", "元", 2.8e7, True, "万"),
        ("60余万", "元", 6e5, True, "万"),
        ("逾100万", "人次", 1e6, True, "万"),
        ("11万余", "人", 1.1e5, True, "万"),
        ("近2万", "名", 2e4, True, "万"),
        ("91.85", "%", 91.85, False, ""),
    ],
)
def test_a_figure_as_a_quantity(
    value: str, unit: str, number: float, approx: bool, scale: str
) -> None:
    got = quantity(ind(id="x", title="x", value=value, unit=unit, quote=value + unit), "k")
    assert got is not None
    assert got.value == pytest.approx(number)
    assert (got.unit, got.approx, got.scale, got.kind) == (unit, approx, scale, "k")
    assert got.written == (value if value.endswith(unit) else value + unit)


def test_a_percent_is_known_by_its_kind() -> None:
    got = quantity(ind(id="x", title="x", value="91.85", unit="%", quote="91.85%"), "percent")
    assert got is not None and got.percent


@pytest.mark.parametrize(
    ("value", "unit"),
    [("5A", "级"), ("1+39", ""), ("第一", ""), ("第一方阵", ""), ("", "")],
)
def test_a_figure_that_is_no_quantity_is_never_an_input(value: str, unit: str) -> None:
    assert _q(value, unit) is None


def test_an_entry_without_a_figure_is_no_quantity() -> None:
    assert quantity(qa(id="x", title="x", answer="x", quote="x"), "") is None


def test_magnitude_is_the_inputs_scale_when_they_agree() -> None:
    a = quantity(ind(id="a", title="a", value="10.67亿", unit="元", quote="q"), "money")
    b = quantity(ind(id="b", title="b", value="约1.93亿", unit="元", quote="q"), "money")
    c = quantity(ind(id="c", title="c", value="2800多万", unit="元", quote="q"), "money")
    assert a is not None and b is not None and c is not None
    assert magnitude(a, b) == "亿"
    assert magnitude(a, c) == ""


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((749.79, "", "元/人·月", True), "约750元/人·月"),  # from 100 up: no decimals
        ((1.811e9, "亿", "元", False), "18.11亿元"),  # in 万/亿: two decimals
        ((8.15, "", "%", False), "8.15%"),  # below 10: two decimals
        ((3.579, "", "倍", False), "3.58倍"),
        ((15.84, "", "个百分点", False), "15.8个百分点"),  # below 100: one decimal
        ((10500.0, "", "元/人·年", False), "10500元/人·年"),
        ((1.5e5, "万", "元", True), "约15万元"),  # in base units; trailing zeros dropped
    ],
)
def test_shown(args: tuple[float, str, str, bool], text: str) -> None:
    assert shown(*args) == text
