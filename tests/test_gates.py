"""bot/decide/gates.py: refusals that need no fit check — another city, the province as a whole,
a head count of a population, a metric the article does not contain."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind

from bot.decide.gates import Gates


@pytest.fixture(scope="module")
def gates(engine: Any) -> Gates:
    return Gates(engine.knowledge)


@pytest.fixture(scope="module")
def read(engine: Any) -> Any:
    def one(text: str) -> Any:
        (a,) = engine.reader.read(text)
        return a

    return one


def test_elsewhere_is_a_place_no_pack_covers(gates: Gates, read: Any) -> None:
    assert gates.elsewhere(read("南京低保标准是多少")) == ("南京",)
    assert gates.elsewhere(read("上海和南京的低保")) == ("上海", "南京")
    assert gates.elsewhere(read("低保标准是多少")) == ()
    # A covered place named as well is what the question is about.
    assert gates.elsewhere(read("南京和镇江的低保标准")) == ()
    assert gates.elsewhere(read("江苏低保标准")) == ()  # the province is not "elsewhere"


def test_about_province_when_a_provincial_figure_is_asked(
    gates: Gates, read: Any, engine: Any
) -> None:
    dibao = engine.knowledge.entries["dibao-standard"]
    assert gates.about_province(read("江苏全省低保标准是多少"), dibao)
    assert gates.about_province(read("全省低保标准是多少"), dibao)
    # The province as a yardstick: a rank or a claim about the city.
    assert not gates.about_province(read("低保标准全省排第几"), dibao)
    assert not gates.about_province(read("低保标准在全省排什么位置"), dibao)
    assert not gates.about_province(read("低保标准在全省什么水平"), dibao)
    assert not gates.about_province(read("尊老金是全省率先吗"), dibao)
    assert not gates.about_province(read("低保标准是多少"), dibao)


def test_about_province_not_when_the_entry_is_itself_provincial(gates: Gates, read: Any) -> None:
    provincial = ind(id="p", title="全省低保平均标准", value="800", unit="元", quote="全省800元")
    assert not gates.about_province(read("全省低保标准是多少"), provincial)


@pytest.mark.parametrize(
    ("question", "metric"),
    [("镇江GDP是多少", "GDP"), ("what is the gdp of zhenjiang", "gdp"), ("房价多少", "房价")],
)
def test_absent_metric(gates: Gates, read: Any, question: str, metric: str) -> None:
    assert gates.absent_metric(read(question), ()) == metric


def test_absent_metric_is_empty_for_what_the_article_has(gates: Gates, read: Any) -> None:
    assert gates.absent_metric(read("低保标准是多少"), ()) == ""
    assert gates.absent_metric(read("镇江GDP是多少"), ("no-such-pack",)) == ""


def test_headcount(gates: Gates, read: Any) -> None:
    assert gates.headcount(read("镇江有多少老年人"))
    assert gates.headcount(read("镇江有多少孤儿"))
    assert not gates.headcount(read("老年人意外险统保率是多少"))
    assert not gates.headcount(read("孤儿保障标准是多少"))


@pytest.mark.parametrize(
    ("question", "reason", "detail"),
    [
        ("南京低保标准是多少", "other_place", "南京"),
        ("江苏全省低保标准是多少", "other_place", "江苏"),
        ("全省低保标准是多少", "other_place", "全省"),
        ("镇江GDP是多少", "unknown_metric", "GDP"),
        ("镇江有多少老年人", "unknown_metric", "老年人总数"),
    ],
)
def test_refusals(engine: Any, question: str, reason: str, detail: str) -> None:
    got = engine.ask(question)
    assert (got.status, got.reason, got.detail) == ("no_match", reason, detail)
    assert got.hits == ()


def test_another_place_shows_the_citys_figure_as_known_instead(engine: Any) -> None:
    got = engine.ask("南京低保标准是多少")
    assert [h.entry.id for h in got.known_instead] == ["dibao-standard"]
    got = engine.ask("江苏全省低保标准是多少")
    assert [h.entry.id for h in got.known_instead][:1] == ["dibao-standard"]


def test_the_bundled_packs_absent_metrics_spare_its_own_words(real: Any) -> None:
    """Application papers are not in the article; the papers 镇江 wrote (材料 of another kind)
    are."""
    assert real.ask("办低保要带什么材料").reason == "unknown_metric"
    assert real.ask("镇江编写的材料获谁推广了").reason != "unknown_metric"
