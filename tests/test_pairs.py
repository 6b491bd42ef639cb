"""bot/compose/pairs.py: two stated figures combined, in the words the question asked."""

from __future__ import annotations

from fixtures.handbuilt import ind

from bot.compose.pairs import combine
from bot.compose.quantities import Qty, quantity

SUPPORT = ind(id="support", title="兜底保障人次", value="12.24万", unit="人次", quote="12.24万人次")
TEMPORARY = ind(
    id="temporary", title="临时救助人次", value="2.74万", unit="人次", quote="2.74万人次"
)
PEOPLE = ind(id="people", title="惠及人数", value="11万余", unit="人", quote="惠及11万余人")


def _q(entry: object) -> Qty:
    got = quantity(entry, "people")  # type: ignore[arg-type]
    assert got is not None
    return got


def test_compare_names_the_winner_in_the_words_asked() -> None:
    more = combine("compare", _q(TEMPORARY), _q(SUPPORT), "临时救助和兜底保障哪个多")
    assert more is not None and more.text.startswith("兜底保障人次更多")
    fewer = combine("compare", _q(TEMPORARY), _q(SUPPORT), "临时救助和兜底保障哪个少")
    assert fewer is not None and fewer.text.startswith("临时救助人次更少")
    assert [e.id for e in fewer.inputs] == ["temporary", "support"]


def test_compare_by_how_much_is_the_gap() -> None:
    d = combine("compare", _q(TEMPORARY), _q(SUPPORT), "哪个多，多多少")
    assert d is not None and (d.value, d.unit) == (9.5, "万人次")


def test_no_difference_between_people_and_person_times() -> None:
    assert combine("difference", _q(SUPPORT), _q(PEOPLE), "差多少") is None
