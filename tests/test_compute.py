"""bot/understand/compute.py: whether a question asks for a computation, and over what."""

from __future__ import annotations

import pytest

from bot.understand.compute import _PATTERNS, Compute, compute_of, pair_op


@pytest.mark.parametrize(
    ("text", "op", "a", "b"),
    [
        ("孤儿保障标准是低保标准的几倍", "ratio", "孤儿保障标准", "低保标准"),
        ("孤儿保障标准比低保标准多几倍", "ratio", "孤儿保障标准", "低保标准"),
        ("孤儿保障标准比低保标准高多少", "difference", "孤儿保障标准", "低保标准"),
        ("兜底保障资金扣掉福彩公益金还剩多少", "difference", "兜底保障资金", "福彩公益金"),
        ("兜底保障资金和临时救助资金相差多少", "difference", "兜底保障资金", "临时救助资金"),
        ("孤儿涨幅比低保涨幅高多少个百分点", "points", "孤儿涨幅", "低保涨幅"),
        ("福彩公益金占福彩销售额的比例", "share", "福彩公益金", "福彩销售额"),
        ("低保标准和孤儿保障标准哪个高", "compare", "低保标准", "孤儿保障标准"),
        ("慈善组织比2019年多了几家", "change", "慈善组织", "2019年"),
        ("请问低保标准比五年前提高了多少", "change", "低保标准", "五年前"),
        ("低保标准跟2019年比每月多了多少钱", "change", "低保标准", "2019年"),
        ("孤儿标准和低保标准比起来高多少", "difference", "孤儿标准", "低保标准"),
        ("床位多还是助餐点多", "compare", "床位", "助餐点"),  # asked as a choice
        ("孤儿标准高还是低保标准高呢", "compare", "孤儿标准", "低保标准"),
        ("福彩销售额里不属于公益金的部分占多少", "rest_share", "公益金", "福彩销售额"),
    ],
)
def test_two_subject_operations(text: str, op: str, a: str, b: str) -> None:
    got = compute_of(text)
    assert got is not None and (got.op, got.a, got.b, got.unit) == (op, a, b, "")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("慈善组织比2019年多了几家", True),  # 多: how many more, in the level's own unit
        ("低保标准跟2019年比每月多了多少钱", True),
        ("低保标准比2019年高多少", True),
        ("孤儿保障标准这五年每月多了多少", True),
        ("请问低保标准比五年前提高了多少", False),  # 提高: the stated percent answers
    ],
)
def test_a_change_asked_as_more_is_an_amount(text: str, amount: bool) -> None:
    got = compute_of(text)
    assert got is not None and got.op == "change" and got.amount is amount


def test_per_unit_names_what_a_total_is_averaged_over() -> None:
    c = compute_of("平均每家养老机构有多少张床位")
    assert c is not None and (c.op, c.unit) == ("per_unit", "养老机构")
    c = compute_of("平均到每个助餐点是多少人次")
    assert c is not None and (c.op, c.unit) == ("per_unit", "助餐点")
    c = compute_of("家门口慈善平均一个项目多少钱")
    assert c is not None and (c.op, c.unit) == ("per_unit", "项目")


@pytest.mark.parametrize(
    ("text", "a"),
    [("孤儿保障标准这几年涨了多少块", "孤儿保障标准"), ("慈善组织五年来增加了多少家", "慈善组织")],
)
def test_a_change_asked_in_money_or_things_with_no_base(text: str, a: str) -> None:
    assert compute_of(text) == Compute("change", a=a)


@pytest.mark.parametrize(
    "text", ["适老化改造平均每年改多少户", "儿童保险年均投入多少钱", "骨灰安放设施一年平均建几个"]
)
def test_per_year(text: str) -> None:
    c = compute_of(text)
    assert c is not None and c.op == "per_year"


@pytest.mark.parametrize(
    "text", ["非等级养老机构占比多少", "不是等级养老机构的有多少家", "没评上等级的机构占多少"]
)
def test_complement(text: str) -> None:
    c = compute_of(text)
    assert c is not None and c.op == "complement" and c.a == text


@pytest.mark.parametrize(
    "text",
    [
        "低保标准是多少",
        "养老机构有几家",
        "低保每个月能领多少钱",
        "低保每月多少钱",
        "低保一年多少钱",  # a year of a monthly standard is the fit check's business
        "每年有多少老人在助餐点吃饭",
        "低保标准提高了多少",  # the stated change answers it
        "临时救助占比",  # a share without a whole
        "养老机构床位比例",
    ],
)
def test_a_plain_lookup_asks_no_computation(text: str) -> None:
    assert compute_of(text) is None


def test_the_part_left_out_asked_after_the_share_is_a_complement() -> None:
    c = compute_of("60岁以上老人里还有百分之多少没被政府统保")
    assert c is not None and c.op == "complement" and c.a == "非60岁以上老人里政府统保"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("平均每个受益人次能拿到多少帮扶资金", "受益人次"),
        ("平均给每个孩子的保险投了多少钱", "孩子"),
    ],
)
def test_per_unit_with_words_between_the_unit_and_its_verb(text: str, unit: str) -> None:
    c = compute_of(text)
    assert c is not None and (c.op, c.unit) == ("per_unit", unit)


def test_a_share_with_no_base_named_is_no_share_of_two_subjects() -> None:
    assert compute_of("低保标准占了多大比例") is None


def test_the_new_part_within_a_level() -> None:
    got = compute_of("孤儿标准里，比2019年新增的部分占多大比例")
    assert got is not None and (got.op, got.a) == ("new_share", "孤儿标准")


@pytest.mark.parametrize(
    "text",
    [
        "孤儿保障标准比低保标准高多少",
        "请问，低保标准\n比孤儿标准高多少",
        "低保标准多少",
        "\n比低保高多少",
    ],
)
def test_a_pattern_opening_with_a_lazy_group_is_found_as_search_finds_it(text: str) -> None:
    for _op, finder in _PATTERNS:
        got, want = finder.find(text), finder.pattern.search(text)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_a_comparison_asked_yes_or_no_is_read_but_not_how_much() -> None:
    got = compute_of("孤儿保障标准是不是比低保标准高")
    assert got is not None and (got.op, got.a, got.b) == ("compare", "孤儿保障标准", "低保标准")
    assert compute_of("低保标准比2019年高吗") is None  # a direction, one figure
    got = compute_of("低保标准比2019年提高了百分之多少")  # 多少 ends in 少: no size word
    assert got is None or got.op != "compare"


def test_the_computation_asked_of_both_figures_just_answered() -> None:
    assert pair_op("两者差多少", pointed=False) == "difference"
    assert pair_op("这俩哪个高", pointed=False) == "compare"
    assert pair_op("它俩差几倍", pointed=False) == "ratio"
    assert pair_op("占比多少", pointed=True) == "share"  # of one within the other
    assert pair_op("占比多少", pointed=False) == ""  # a subject of its own: its own share
    assert pair_op("差多少", pointed=True) == ""  # a difference must point at both


def test_a_compound_yearly_rate_named_so() -> None:
    c = compute_of("低保标准的年均复合增长率是多少")
    assert c is not None and (c.op, c.a) == ("growth_rate", "低保标准")
