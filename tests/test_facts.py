"""bot/knowledge/facts.py (and `Entry.facts` in bot/knowledge/models.py): what an entry can
answer — the kind of its figure, its year, its change, its list, its actors and its claims."""

from __future__ import annotations

import pytest
from fixtures.handbuilt import ind, qa

from bot.knowledge.facts import (
    dated,
    duration_in,
    read_claims,
    read_direction,
    unit_kind,
    years_in,
)

LEVELS = (("镇江市", "city"), ("镇江", "city"), ("江苏省", "province"), ("江苏", "province"))


# ---- claims and their level ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "率先在全省实现常住人口惠民殡葬全覆盖",
            (("pioneer", "province"), ("full_coverage", "province")),
        ),
        # The city named before the verb is the subject; the level is the general word.
        ("2019年,镇江市率先在全省实施社会救助申请改革", (("pioneer", "province"),)),
        # With no general level word, the pack's own city is the level.
        ("获评镇江市十佳民生实事项目", (("honoured", "city"), ("top_ten", "city"))),
        ("镇江市十佳民生实事有哪些", (("top_ten", "city"),)),  # … or right before it
        # The city as the subject of a clause with no general level word: at no level.
        ("镇江的养老服务改革试点验收拿了特别优秀", (("pilot", ""), ("excellent", ""))),
        (
            "句容市民政局被民政部表彰为全国殡葬工作先进集体",
            (("honoured", "national"), ("excellent", "national")),
        ),
        ("经验在全国推广", (("promoted", "national"),)),
        ("建成全市首个江海葬纪念园", (("pioneer", "city"),)),
        ("保障标准全省最高", (("highest", "province"),)),
        ("低保标准达每人每月875元", ()),
    ],
)
def test_claims_are_read_with_their_level(text: str, claims: tuple[tuple[str, str], ...]) -> None:
    got = read_claims(text, LEVELS)
    assert sorted(got) == sorted(claims)  # each once, in any order


def test_a_city_is_a_level_only_when_the_pack_names_it() -> None:
    assert read_claims("获评镇江市十佳民生实事项目") == (("honoured", ""), ("top_ten", ""))


def test_top_tier_is_not_first_and_each_clause_has_its_own_level() -> None:
    text = "捐赠总量连续五年位列全省第一方阵,2024年人均捐赠金额位列全国第一"
    assert read_claims(text, LEVELS) == (("top_tier", "province"), ("first", "national"))
    # 第一方阵 alone claims no first place, 第一个 is a first-of-its-kind.
    assert read_claims("位列全省第一方阵") == (("top_tier", "province"),)
    assert read_claims("建成第一个纪念园") == (("pioneer", ""),)


def test_a_figures_claims_come_from_its_own_clause() -> None:
    """One sentence, two figures: 第一方阵 for the total, 第一 for the amount per head."""
    quote = "捐赠总量连续五年位列全省第一方阵,2024年人均捐赠金额位列全省第一"
    total = ind(id="t", title="捐赠总量全省排位", value="第一方阵", quote=quote)
    per_head = ind(id="p", title="人均捐赠金额全省排名", value="第一", quote=quote)
    assert total.facts(LEVELS).claims == (("top_tier", "province"),)
    assert per_head.facts(LEVELS).claims == (("first", "province"),)
    # A programme stating the sentence claims both.
    programme = qa(id="q", title="慈善一日捐", answer="x", quote=quote)
    assert programme.facts(LEVELS).claims == (("top_tier", "province"), ("first", "province"))


def test_a_clause_without_a_figure_speaks_of_the_sentences_subject() -> None:
    e = ind(
        id="o",
        title="孤儿保障标准",
        value="3132",
        unit="元/人·月",
        quote="2024年孤儿保障标准达每人每月3132元,较2019年提高32.5%,保障标准全省最高",
    )
    assert e.facts(LEVELS).claims == (("highest", "province"),)


# ---- periods, years, changes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "years", "is_dated"),
    [
        ("2024年", [2024], True),
        ("2019—2022年", [2019, 2020, 2021, 2022], True),
        ("2019年以来", [2019, 2020, 2021, 2022, 2023, 2024], True),
        ("连续4年", [2021, 2022, 2023, 2024], False),  # how long, not when
        ("五年来", [2019, 2020, 2021, 2022, 2023, 2024], False),
        ("截至报道时", [], False),
        ("2024年", [], False),  # no calendar years curated
    ],
)
def test_dated_and_undated_periods(period: str, years: list[int], is_dated: bool) -> None:
    assert dated(period, years) is is_dated
    e = ind(id="x", title="x", value="1", unit="个", period=period, years=years, quote="1个")
    assert e.facts().dated is is_dated


def test_years_in() -> None:
    assert years_in("2019—2022年") == (2019, 2022)
    assert years_in("较2019年提高16.7%") == (2019,)
    assert years_in("12024个") == ()


@pytest.mark.parametrize(
    ("change", "direction"),
    [("较2019年提高16.7%", "up"), ("较2019年增长66.7%", "up"), ("较上年下降3%", "down"), ("", "")],
)
def test_direction_of_a_stated_change(change: str, direction: str) -> None:
    assert read_direction(change) == direction


def test_an_indicators_change_facts() -> None:
    level = ind(
        id="l",
        title="低保标准",
        value="875",
        unit="元/人·月",
        change="较2019年提高16.7%",
        baseline="2019年",
        quote="低保标准达每人每月875元,较2019年提高16.7%",
    )
    rise = ind(
        id="r",
        title="低保标准提高幅度",
        value="16.7",
        unit="%",
        change="较2019年提高16.7%",
        baseline="2019年",
        quote="低保标准达每人每月875元,较2019年提高16.7%",
    )
    f = level.facts()
    assert (f.figure_kind, f.change, f.baseline_years, f.is_change) == (
        "money",
        "up",
        (2019,),
        False,
    )
    f = rise.facts()
    assert (f.figure_kind, f.is_change) == ("percent", True)  # the figure is the change itself


def test_a_programmes_facts() -> None:
    e = qa(
        id="m",
        title="四项机制",
        answer="自律自查、联动协同、正向激励、长效监管。",
        period="2021年",
        years=[2021],
        scope="句容市",
        components=["自律自查", "联动协同", "正向激励", "长效监管"],
        actors=["民政部"],
        quote="经验被民政部在全国推广",
    )
    f = e.facts(LEVELS)
    assert f.figure_kind == "" and f.dated and f.years == (2021,)
    assert f.components == ("自律自查", "联动协同", "正向激励", "长效监管")
    assert f.actors == ("民政部",)
    assert f.claims == (("promoted", "national"),)
    assert f.scope == "句容市" and "句容市" in f.text and "四项机制" in f.text


# ---- unit kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value", "kind"),
    [
        ("元/人·月", "875", "money"),
        ("亿元", "10.67", "money"),
        ("人次", "", "people"),
        ("万人次", "", "people"),
        ("名", "", "people"),
        ("%", "91.85", "percent"),
        ("", "100%", "percent"),
        ("周岁", "80", "age"),
        ("家", "", "家"),
        ("所", "", "家"),
        ("张", "", "张"),
        ("户", "", "户"),
        ("项", "", "项"),
        ("级", "5A", "级"),
        ("", "第一", "rank"),
        ("", "第一方阵", "rank"),
        ("", "1+39", "个"),  # a count written as its parts
        ("", "", ""),
    ],
)
def test_unit_kind(unit: str, value: str, kind: str) -> None:
    assert unit_kind(unit, value) == kind


@pytest.mark.parametrize(
    ("period", "duration"),
    [
        ("连续4年", "连续4年"),
        ("持续五年", "持续五年"),
        ("五年来", ""),  # the article's frame, not how long one thing ran
        ("2019—2022年", ""),
        ("", ""),
    ],
)
def test_a_duration_is_how_long_a_period_says_something_ran(period: str, duration: str) -> None:
    assert duration_in(period) == duration
