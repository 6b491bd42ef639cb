"""bot/understand/places.py: the places a question names, and whose they are."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of

from bot.knowledge.models import Knowledge, Place, Scope
from bot.understand.places import Gazetteer


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return Gazetteer(knowledge_of(), ["安康关爱行动"])


def _roles(g: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(r.name, r.role) for r in g.find(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("镇江低保标准", [("镇江市", "city")]),
        ("镇江市低保标准", [("镇江市", "city")]),
        ("丹阳殡葬改革", [("丹阳市", "inside")]),
        ("润州区低保", [("润州区", "inside")]),
        ("江苏全省低保标准", [("江苏省", "province")]),
        ("南京低保标准", [("南京", "other")]),
        ("上海养老机构", [("上海", "other")]),  # a municipality is a city of its own
        ("陕西的低保", [("陕西", "other")]),
        ("丹阳和句容的殡葬", [("丹阳市", "inside"), ("句容市", "inside")]),
        ("低保标准是多少", []),
    ],
)
def test_roles(places: Gazetteer, text: str, found: list[tuple[str, str]]) -> None:
    assert _roles(places, text) == found


def test_a_place_of_the_pack_carries_its_pack_level_and_enclosing_place(
    places: Gazetteer,
) -> None:
    (town,) = places.find("白兔镇的纪念园")
    assert (town.role, town.pack, town.level, town.within) == ("inside", "tiny", "town", "句容市")
    (city,) = places.find("丹阳殡葬改革")
    assert (city.pack, city.level, city.short) == ("tiny", "county_city", "丹阳")
    assert set(city.names) == {"丹阳市", "丹阳"}
    (other,) = places.find("南京低保")
    assert (other.pack, other.level) == ("", "city")


def test_english_names(places: Gazetteer) -> None:
    got = {w: places.english(w) for w in ("danyang", "zhenjiang", "jiangsu", "nanjing")}
    assert {w: (r.name, r.role) for w, r in got.items() if r is not None} == {
        "danyang": ("丹阳市", "inside"),
        "zhenjiang": ("镇江市", "city"),
        "jiangsu": ("江苏省", "province"),
        "nanjing": ("南京", "other"),
    }
    assert places.english("dibao") is None


def test_a_vocabulary_phrase_containing_another_citys_name_is_not_a_place(
    places: Gazetteer,
) -> None:
    assert places.find("安康关爱行动是什么") == []
    assert "安康关爱行动" in places.shields
    # The city itself, named on its own, is still another city.
    assert _roles(places, "安康低保标准") == [("安康", "other")]
    # Without the shield the programme's name would be read as the city.
    assert _roles(Gazetteer(knowledge_of()), "安康关爱行动是什么") == [("安康", "other")]


def test_the_shield_comes_from_the_packs_own_vocabulary(real: Any) -> None:
    (a,) = real.reader.read("安康关爱行动是什么")
    assert a.places == ()
    got = real.ask("安康关爱行动是什么")
    assert got.status == "answered" and got.best.id == "qa-ankang-care"
    got = real.ask("安康低保标准是多少")
    assert (got.status, got.reason, got.detail) == ("no_match", "other_place", "安康")


def test_two_packs_in_one_province() -> None:
    nanjing = Scope(
        city=Place("南京市", "city", ("南京",), ("nanjing",)),
        province=Place("江苏省", "province", ("江苏",), ("jiangsu",)),
        places=(Place("江宁区", "district", ("江宁",), ("jiangning",)),),
    )
    zj = knowledge_of(ind(id="a", title="低保标准", value="875", unit="元", quote="低保875元"))
    nj = knowledge_of(
        ind(id="b", title="低保标准", value="1000", unit="元", quote="低保1000元", pack="nj"),
        scope=nanjing,
        name="nj",
    )
    g = Gazetteer(Knowledge((*zj.packs, *nj.packs)))
    (city,) = g.find("南京低保")
    assert (city.role, city.pack) == ("city", "nj")  # a covered city, no longer "other"
    (inside,) = g.find("江宁区低保")
    assert (inside.role, inside.pack) == ("inside", "nj")
    (province,) = g.find("江苏低保")
    assert (province.role, province.pack) == ("province", "")  # shared: no one pack's
    assert {c.name for c in g.cities} == {"镇江市", "南京市"}
