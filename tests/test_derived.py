"""bot/compose/derived.py: figures computed from stated ones, only when the question asks.

Each result is checked for its operation, its value (within rounding), its unit, its formula,
its inputs (the entries whose quotes the reply shows) and whether it is approximate.
"""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of

from bot.answer import Derived
from bot.engine import Engine
from bot.render import render_plain


def _derived(engine: Any, question: str) -> Derived:
    got = engine.ask(question)
    assert (got.status, got.reason) == ("answered", "derived"), (question, got.status, got.reason)
    assert got.derived is not None
    # The reply lists exactly the inputs, each as an entry of its own.
    assert [h.entry.id for h in got.hits] == [e.id for e in got.derived.inputs]
    return got.derived  # type: ignore[no-any-return]


def _inputs(d: Derived) -> list[str]:
    return [e.id for e in d.inputs]


def test_base_year_from_a_level_and_its_change(engine: Any) -> None:
    d = _derived(engine, "2019年低保标准是多少")
    assert d.op == "base_year"
    assert d.value == pytest.approx(875 / 1.167, abs=0.01)  # ≈ 749.8
    assert d.unit == "元/人·月" and d.text == "约750元/人·月"
    assert d.formula == "875元/人·月 ÷ (1 + 16.7%) ≈ 749.8元/人·月"
    assert _inputs(d) == ["dibao-standard"]
    assert d.approx  # an estimate: the percent is rounded
    assert "2019" in d.note


def test_annual_from_a_monthly_standard(engine: Any) -> None:
    d = _derived(engine, "低保一年多少钱")
    assert (d.op, d.value, d.unit) == ("annual", 10500.0, "元/人·年")
    assert d.formula == "875元/人·月 × 12 = 10500元/人·年"
    assert _inputs(d) == ["dibao-standard"] and not d.approx


def test_the_later_of_month_and_year_is_the_one_asked(engine: Any) -> None:
    # The monthly figure is the story's context; "一年下来" is what is asked.
    d = _derived(engine, "孤儿保障标准每个月三千多块，那一年下来是多少钱？")
    assert (d.op, d.value, d.unit) == ("annual", 37584.0, "元/人·年")
    assert _inputs(d) == ["orphan-standard"]


def test_difference(engine: Any) -> None:
    d = _derived(engine, "孤儿保障标准比低保标准高多少")
    assert (d.op, d.value, d.unit) == ("difference", 2257.0, "元/人·月")
    assert d.formula == "3132元/人·月 − 875元/人·月 = 2257元/人·月"
    assert _inputs(d) == ["orphan-standard", "dibao-standard"] and not d.approx


def test_difference_keeps_the_inputs_magnitude(real: Any) -> None:
    d = _derived(real, "兜底保障资金扣掉福彩公益金还剩多少")
    assert (d.op, d.unit) == ("difference", "亿元")
    assert d.value == pytest.approx(10.67 - 1.93, abs=0.005)
    assert _inputs(d) == ["basic-support-funds", "welfare-lottery-public-funds"]
    assert d.approx  # 约1.93亿


def test_points_between_two_percentages(real: Any) -> None:
    d = _derived(real, "孤儿保障标准涨幅比低保涨幅高多少个百分点")
    assert (d.op, d.unit) == ("points", "个百分点")
    assert d.value == pytest.approx(32.5 - 16.7, abs=0.005)
    assert d.formula == "32.5% − 16.7% = 15.8个百分点"
    assert _inputs(d) == ["orphan-standard-increase", "dibao-standard-increase"]


def test_ratio(engine: Any) -> None:
    d = _derived(engine, "孤儿保障标准是低保标准的几倍")
    assert (d.op, d.unit) == ("ratio", "倍")
    assert d.value == pytest.approx(3132 / 875, abs=0.005)
    assert d.formula == "3132元/人·月 ÷ 875元/人·月 ≈ 3.58"
    assert _inputs(d) == ["orphan-standard", "dibao-standard"]


def test_share_of_the_new_part_within_a_level(engine: Any) -> None:
    d = _derived(engine, "现在的低保标准里面，比2019年增加的部分占多少")
    assert (d.op, d.unit) == ("new_share", "%")
    assert d.value == pytest.approx(100 * (1 - 1 / 1.167), abs=0.01)  # ≈ 14.3
    assert _inputs(d) == ["dibao-standard"]
    assert d.approx and "1 + 16.7%" in d.formula


@pytest.mark.parametrize(
    "question", ["福彩公益金占福彩销售额的百分之多少", "福彩公益金相当于福彩销售额的百分之几"]
)
def test_share_asked_in_other_words(engine: Any, question: str) -> None:
    d = _derived(engine, question)
    assert d.op == "share" and _inputs(d) == ["lottery-fund", "lottery-sales"]


def test_share_of_an_approximate_figure_is_approximate(engine: Any) -> None:
    d = _derived(engine, "福彩公益金占福彩销售额的比例")
    assert (d.op, d.unit) == ("share", "%")
    assert d.value == pytest.approx(1.93 / 20.04 * 100, abs=0.005)
    assert d.formula == "约1.93亿元 ÷ 20.04亿元 ≈ 9.63%"
    assert _inputs(d) == ["lottery-fund", "lottery-sales"]
    assert d.approx and d.text.startswith("约")


def test_per_unit_average(engine: Any) -> None:
    d = _derived(engine, "平均每家养老机构有多少张床位")
    assert (d.op, d.unit) == ("per_unit", "张/家")
    assert d.value == pytest.approx(17200 / 135, abs=0.005)
    assert d.formula == "1.72万张 ÷ 135家 ≈ 127.4张/家"
    assert _inputs(d) == ["elderly-beds", "elderly-institutions"] and not d.approx


_DOORSTEP = "解决急难愁盼问题1847件;实施各类项目136个,支出帮扶资金2800多万元,受益群众1.87万人次"


@pytest.fixture(scope="module")
def doorstep() -> Engine:
    """One sentence with several counts (件, 个) and a total of money and of people."""
    return Engine(
        knowledge_of(
            ind(
                id="problems",
                title="解决急难愁盼问题",
                value="1847",
                number=1847,
                unit="件",
                quote=_DOORSTEP,
            ),
            ind(
                id="projects",
                title="实施各类项目",
                aliases=["慈善项目"],
                value="136",
                number=136,
                unit="个",
                quote=_DOORSTEP,
            ),
            ind(id="funds", title="支出帮扶资金", value="2800多万", unit="元", quote=_DOORSTEP),
            ind(id="people", title="受益群众", value="1.87万", unit="人次", quote=_DOORSTEP),
        )
    )


def test_per_unit_divides_by_the_count_the_unit_names(doorstep: Engine) -> None:
    d = _derived(doorstep, "平均每个项目支出多少帮扶资金")
    assert _inputs(d) == ["funds", "projects"], "136个项目, not 1847件问题"


def test_per_unit_of_the_units_own_count_divides_the_total_the_rest_names(
    doorstep: Engine,
) -> None:
    d = _derived(doorstep, "平均每人次支出多少帮扶资金")
    assert _inputs(d) == ["funds", "people"]


def test_a_per_unit_average_that_cannot_be_worked_out_is_not_a_total(engine: Any) -> None:
    # The fixture states the funeral fees waived but not how many people: no average, and the
    # total is shown as what the article states, not as the answer.
    got = engine.ask("平均每人减免多少丧葬费")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "per_unit")
    assert got.known_instead[0].entry.id == "funeral-fee-waiver"


def test_per_year_average_over_a_run_of_years(engine: Any) -> None:
    d = _derived(engine, "困境儿童保险平均每年多少名")
    assert (d.op, d.unit) == ("per_year", "名/年")
    assert d.value == pytest.approx(2221 / 4, abs=0.005)
    assert d.formula == "2221名 ÷ 4年 ≈ 555.2名/年"
    assert d.note == "按文中“连续4年”平均"
    assert _inputs(d) == ["child-insurance"] and not d.approx


def test_per_year_of_an_approximate_total(real: Any) -> None:
    d = _derived(real, "儿童综合保险平均每年投入多少钱")
    assert (d.op, d.unit) == ("per_year", "万元/年")
    assert d.value == pytest.approx(15.0)
    assert _inputs(d) == ["child-insurance-funds"]
    assert d.approx and d.text == "约15万元/年"  # 60余万元


def test_complement_of_a_share(engine: Any) -> None:
    d = _derived(engine, "非等级养老机构占比多少")
    assert (d.op, d.unit) == ("complement", "%")
    assert d.value == pytest.approx(8.15)
    assert d.formula == "100% − 91.85% = 8.15%"
    assert _inputs(d) == ["rated-institutions"]


def test_complement_as_a_count_uses_the_total_of_the_same_sentence(real: Any) -> None:
    d = _derived(real, "非等级养老机构有多少家")
    assert (d.op, d.unit) == ("complement", "家")
    assert d.value == pytest.approx(135 * (100 - 91.85) / 100, abs=0.005)
    assert _inputs(d) == ["rated-elderly-institutions-share", "elderly-care-institutions"]
    assert d.approx


def test_compare_names_the_larger_first(engine: Any) -> None:
    d = _derived(engine, "低保标准和孤儿保障标准哪个高")
    assert d.op == "compare"
    assert _inputs(d) == ["orphan-standard", "dibao-standard"]  # larger first, whatever the order
    assert d.value == 3132.0
    assert d.text.startswith("集中供养孤儿保障标准更高")  # in the words it was asked
    assert d.formula == "3132元/人·月 − 875元/人·月 = 2257元/人·月"


def test_compare_asked_for_the_smaller_names_the_smaller(engine: Any) -> None:
    d = _derived(engine, "低保标准和孤儿保障标准哪个低")
    assert _inputs(d) == ["dibao-standard", "orphan-standard"] and d.value == 875.0
    assert d.text.startswith("低保标准更低"), d.text
    assert d.formula == "3132元/人·月 − 875元/人·月 = 2257元/人·月"


def test_compare_asked_with_a_measure_word_between(engine: Any) -> None:
    d = _derived(engine, "临时救助和兜底保障哪个人次多")
    assert d.op == "compare" and (d.value, d.unit) == (12.24, "万人次")
    assert _inputs(d) == ["subsistence-people", "temporary-assistance"]


def test_compare_with_an_approximate_input_is_approximate(engine: Any) -> None:
    d = _derived(engine, "丧葬费减免和兜底资金哪个多")
    assert _inputs(d) == ["subsistence-funds", "funeral-fee-waiver"]
    assert d.approx and "约" in d.formula  # 近1.78亿


def test_change_of_a_level_stated_with_a_percent_change(real: Any) -> None:
    d = _derived(real, "慈善组织比2019年多了几家")
    assert (d.op, d.unit) == ("change", "家")
    assert d.value == pytest.approx(25 - 25 / 1.667, abs=0.01)  # ≈ 10
    assert _inputs(d) == ["charity-organizations"]
    assert d.approx


@pytest.mark.parametrize(
    "question",
    [
        "5A级婚俗改革宣教中心是低保标准的几倍",  # 5A is a grade, not a quantity
        "1+39救助管理标准是低保标准的几倍",  # 1+39 names standards, it is no amount
        "人均捐赠金额排名是捐赠总量排名的几倍",  # 第一 / 第一方阵 are ranks
    ],
)
def test_a_figure_that_is_no_quantity_is_never_an_input(real: Any, question: str) -> None:
    got = real.ask(question)
    assert got.derived is None and got.reason != "derived"


def test_different_measures_are_not_subtracted(real: Any) -> None:
    got = real.ask("兜底保障资金和临时救助相差多少")  # 元 and 人次
    assert got.derived is None


@pytest.mark.parametrize(
    "question",
    ["低保标准是多少", "低保每个月能领多少钱", "养老机构有几家", "低保比2019年提高了多少"],
)
def test_a_plain_lookup_never_becomes_arithmetic(engine: Any, question: str) -> None:
    got = engine.ask(question)
    assert got.status == "answered" and got.derived is None and got.reason == ""


def test_complement_asked_with_not_yet(real: Any) -> None:
    d = _derived(real, "还没评上等级的养老机构大约有几家？")
    assert (d.op, d.unit) == ("complement", "家")
    assert d.value == pytest.approx(135 * (100 - 91.85) / 100, abs=0.005)


def test_compare_and_by_how_much_gives_the_gap(engine: Any) -> None:
    d = _derived(engine, "低保标准和孤儿保障标准哪个高，高多少")
    assert d.op == "compare" and (d.value, d.unit) == (2257.0, "元/人·月")
    assert d.text.startswith("集中供养孤儿保障标准更高，差2257元/人·月")


# ---- two steps: a monthly result asked for a year; a change averaged over its years -----------


def test_a_year_of_a_base_year_level_is_its_monthly_level_times_twelve(engine: Any) -> None:
    d = _derived(engine, "2019年低保标准一年合计多少钱")
    assert (d.op, d.unit) == ("base_year", "元/人·年")
    assert d.value == pytest.approx(875 / 1.167 * 12, abs=0.1)  # ≈ 8997.4
    assert d.formula == "875元/人·月 ÷ (1 + 16.7%) ≈ 749.8元/人·月；× 12 ≈ 8997元/人·年"
    assert d.text == "约8997元/人·年" and d.approx
    assert "2019" in d.note and "12个月" in d.note


def test_a_year_of_a_difference_of_monthly_standards(engine: Any) -> None:
    d = _derived(engine, "一年下来，孤儿保障标准比低保标准多多少钱")
    assert (d.op, d.value, d.unit) == ("difference", 27084.0, "元/人·年")
    assert _inputs(d) == ["orphan-standard", "dibao-standard"] and not d.approx


def test_a_year_of_a_change_asked_with_a_verb_after_the_comparative(engine: Any) -> None:
    """多领多少钱: the verb between 多 and 多少 still asks the difference on 2019."""
    d = _derived(engine, "现在低保户一年比2019年多领多少钱")
    assert (d.op, d.unit) == ("change", "元/人·年")
    assert d.value == pytest.approx((875 - 875 / 1.167) * 12, abs=0.1)  # ≈ 1502.6


def test_a_change_averaged_over_the_years_between_base_and_level(engine: Any) -> None:
    d = _derived(engine, "低保标准平均每年涨多少元")
    assert (d.op, d.unit) == ("per_year", "元/人·月")
    assert d.value == pytest.approx((875 - 875 / 1.167) / 5, abs=0.01)  # ≈ 25.0
    assert "÷ 5年" in d.formula and "2019—2024" in d.note and d.approx


def test_a_stated_change_in_percent_is_no_yearly_average_to_compute(engine: Any) -> None:
    got = engine.ask("低保标准平均每年涨百分之几")
    assert got.derived is None or got.derived.op != "per_year"


def test_points_of_two_changes_read_the_second_with_the_firsts_head(real: Any) -> None:
    """ "孤儿标准的涨幅比低保高几个百分点": 低保's 涨幅, not 低保's standard."""
    d = _derived(real, "孤儿标准的涨幅比低保高几个百分点")
    assert (d.op, d.value, d.unit) == ("points", 15.8, "个百分点")


def test_an_average_in_ten_thousands_is_shown_in_them(real: Any) -> None:
    d = _derived(real, "家门口慈善平均一个项目多少钱")
    assert (d.op, d.unit, d.text) == ("per_unit", "万元/个", "约20.59万元/个")
    assert d.value == pytest.approx(2800 / 136, abs=0.01)


def test_a_change_in_money_with_no_base_named_is_computed_on_the_stated_base(real: Any) -> None:
    d = _derived(real, "孤儿保障标准这几年涨了多少块")
    assert (d.op, d.unit) == ("change", "元/人·月")
    assert d.value == pytest.approx(3132 - 3132 / 1.325, abs=0.01)  # ≈ 768.2
    # Asked without an amount, the stated percent change answers: nothing is computed.
    assert real.ask("孤儿保障标准这几年涨了多少").derived is None


def test_compare_of_two_stated_changes(engine: Any) -> None:
    """Which rose more: the percent changes stated with the two levels, not the levels."""
    d = _derived(engine, "低保和孤儿标准，哪个比2019年涨得多？多几个点？")
    assert (d.op, d.unit) == ("compare", "个百分点")
    assert d.value == pytest.approx(32.5 - 16.7, abs=0.01)
    assert _inputs(d) == ["orphan-standard", "dibao-standard"]
    assert d.formula == "32.5% − 16.7% = 15.8个百分点"


def test_compare_of_changes_asked_for_the_smaller(engine: Any) -> None:
    d = _derived(engine, "低保和孤儿标准哪个涨得少")
    assert _inputs(d)[0] == "dibao-standard" and d.value == pytest.approx(16.7)


def test_compound_yearly_growth_rate(engine: Any) -> None:
    d = _derived(engine, "低保标准年均增长率是多少")
    assert (d.op, d.unit) == ("growth_rate", "%")
    assert d.value == pytest.approx((1.167 ** (1 / 5) - 1) * 100, abs=0.01)  # ≈ 3.1
    assert d.formula == "(1 + 16.7%)^(1/5) − 1 ≈ 3.1%"
    assert d.approx and "2019—2024" in d.note


def test_share_of_the_rest_of_a_whole(engine: Any) -> None:
    d = _derived(engine, "福彩销售额里除了公益金以外的部分占多少比例")
    assert (d.op, d.unit) == ("rest_share", "%")
    assert d.value == pytest.approx((1 - 1.93 / 20.04) * 100, abs=0.01)
    assert _inputs(d) == ["lottery-fund", "lottery-sales"] and d.approx


def test_share_of_a_part_named_inside_its_whole(engine: Any) -> None:
    d = _derived(engine, "流浪乞讨救助里成功寻亲的比例大概多少")
    assert (d.op, d.value) == ("share", pytest.approx(68 / 3539 * 100, abs=0.01))
    assert _inputs(d) == ["family-reunion", "vagrant-assistance"]
    assert "人次" in d.note  # 人 of 人次: said to be a rough ratio


def test_a_share_the_article_states_is_looked_up_not_computed(engine: Any) -> None:
    got = engine.ask("等级养老机构占全部养老机构的比例是多少？")
    assert (got.status, got.reason) == ("answered", "")
    assert got.hits[0].entry.id == "rated-institutions"


@pytest.mark.parametrize(
    "question", ["孤儿保障标准五年来每个月多了多少", "孤儿保障标准比2019年高多少"]
)
def test_a_change_asked_as_more_is_an_amount(real: Any, question: str) -> None:
    """多/高 (and a per-month word) ask how much more in the level's own unit, not its
    percent; 涨/提高 alone are answered by the stated percent."""
    d = _derived(real, question)
    assert (d.op, d.unit) == ("change", "元/人·月")
    assert d.value == pytest.approx(3132 - 3132 / 1.325, abs=0.01)
    assert real.ask("孤儿保障标准比2019年提高了多少").derived is None


def test_a_year_of_an_amount_asked_as_more(real: Any) -> None:
    d = _derived(real, "孤儿一年的保障标准跟2019年比多了多少")
    assert (d.op, d.unit) == ("change", "元/人·年")
    assert d.value == pytest.approx((3132 - 3132 / 1.325) * 12, abs=1)


def test_a_difference_of_two_counts_of_unlike_things_is_a_bare_number(doorstep: Engine) -> None:
    d = _derived(doorstep, "解决的急难愁盼问题比实施的项目多多少")
    assert (d.op, d.value, d.unit) == ("difference", 1847 - 136, "")
    assert "件" in d.note and "个" in d.note  # the units are said to differ
    assert d.formula == "1847件 − 136个 = 1711"


def test_people_and_money_are_still_not_subtracted(doorstep: Engine) -> None:
    got = doorstep.ask("支出帮扶资金比受益群众多多少")
    assert got.derived is None


@pytest.mark.parametrize(
    "question", ["平均每帮扶一人次花多少帮扶资金", "帮扶资金平均每帮扶1人次花多少"]
)
def test_per_unit_named_by_what_the_money_did(doorstep: Engine, question: str) -> None:
    d = _derived(doorstep, question)
    assert _inputs(d) == ["funds", "people"]
    assert d.unit == "元/人次"


def test_a_change_asked_per_month_after_the_base(real: Any) -> None:
    d = _derived(real, "孤儿保障标准和2019年比一个月多了多少")
    assert (d.op, d.unit) == ("change", "元/人·月")


@pytest.mark.parametrize(
    "question", ["按涨幅倒推一下，2019年孤儿保障标准是多少", "孤儿保障标准反推到2019年大概多少"]
)
def test_a_level_worked_back_in_so_many_words(real: Any, question: str) -> None:
    """倒推/反推: the level named (or the level beside the change named), over its base year."""
    d = _derived(real, question)
    assert (d.op, d.unit) == ("base_year", "元/人·月")
    assert d.value == pytest.approx(3132 / 1.325, abs=0.01)


def test_working_back_to_a_year_the_level_is_not_stated_against_is_refused(real: Any) -> None:
    got = real.ask("按涨幅倒推，2021年孤儿保障标准是多少")
    assert got.derived is None or got.derived.op != "base_year"


def test_the_rest_of_a_whole_asked_without_chu(real: Any) -> None:
    d = _derived(real, "福彩销售额里公益金以外的部分占百分之几")
    assert d.op == "rest_share"
    assert d.value == pytest.approx((1 - 1.93 / 20.04) * 100, abs=0.01)


def test_a_net_increase_within_a_level(real: Any) -> None:
    d = _derived(real, "现有的慈善组织里，2019年以后净增加的占多少")
    assert d.op == "new_share" and d.value == pytest.approx(100 - 100 / 1.667, abs=0.1)


def test_no_share_is_taken_of_a_percent(real: Any) -> None:
    got = real.ask("慈善组织数量占低保标准涨幅的百分之几")  # 25家 of 16.7%: meaningless
    assert got.derived is None


def test_a_statement_stands_for_the_one_figure_of_its_sentence(real: Any) -> None:
    """五安工程 is a statement; its sentence states one figure (33个), averaged over 连续4年."""
    d = _derived(real, "五安工程平均一年完成多少个项目")
    assert (d.op, d.unit) == ("per_year", "个/年") and d.value == pytest.approx(33 / 4)


def test_per_unit_with_the_unit_named_and_no_verb(real: Any) -> None:
    d = _derived(real, "养老床位平均每家机构多少张")
    assert (d.op, d.unit) == ("per_unit", "张/家")
    assert d.value == pytest.approx(17200 / 135, abs=0.1)


def test_a_yearly_average_of_a_total_over_unstated_years_is_not_the_total(real: Any) -> None:
    """2019年以来 says since when, not over how many years: no average, and the total is shown
    as what the article states instead, not as the answer."""
    got = real.ask("福彩公益金平均每年筹集多少")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "yearly")
    assert real.ask("助餐点年均服务多少人次").status == "answered"  # stated per year


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("孤儿保障标准是不是比低保标准高", "yes"),
        ("低保标准比孤儿保障标准还高吗", "no"),
        ("低保标准是不是比孤儿保障标准低", "yes"),  # asked for the smaller
    ],
)
def test_a_comparison_asked_yes_or_no(engine: Any, question: str, verdict: str) -> None:
    got = engine.ask(question)
    assert got.derived is not None and got.derived.op == "compare"
    assert got.verdict == verdict
    first = render_plain(got, engine.knowledge).splitlines()[0]
    assert first == ("是的。" if verdict == "yes" else "不是。")


def test_a_direction_against_a_base_year_is_no_comparison_of_two(engine: Any) -> None:
    got = engine.ask("低保标准比2019年高吗")
    assert got.derived is None and got.verdict == "yes"


def test_a_count_of_what_is_not_of_a_whole_stated_with_its_share(real: Any) -> None:
    d = _derived(real, "还有几家养老机构不是等级机构")
    assert d.op == "complement" and d.value == pytest.approx(135 * (100 - 91.85) / 100, abs=0.1)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("2019年孤儿标准比低保标准高多少", 3132 / 1.325 - 875 / 1.167),
        ("2019年孤儿标准是当年低保标准的几倍", (3132 / 1.325) / (875 / 1.167)),
    ],
)
def test_two_figures_of_a_base_year_are_both_worked_back(
    real: Any, question: str, value: float
) -> None:
    """Asked of 2019, both levels are worked back to 2019 (never 2024's levels), and the
    formula shows how."""
    d = _derived(real, question)
    assert d.value == pytest.approx(value, abs=1 if value > 10 else 0.02)
    assert "2019年约2364" in d.formula and "2019年约750" in d.formula and d.approx


def test_two_figures_of_a_year_neither_is_of_are_not_computed(real: Any) -> None:
    assert real.ask("2022年孤儿标准比低保标准高多少").derived is None


@pytest.mark.parametrize(
    "question",
    [
        "慈善组织这五年净增了几家",
        "减免的丧葬服务费和筹集的福彩公益金 哪笔钱更多",
        "丧葬服务费减免平均到每人大概是多少钱",
    ],
)
def test_more_ways_to_ask_a_computation(real: Any, question: str) -> None:
    assert real.ask(question).derived is not None
