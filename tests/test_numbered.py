"""bot/understand/numbered.py: numbered questions in one message, each a question of its own."""

from __future__ import annotations

from typing import Any

import pytest

from bot.understand.numbered import numbered_items, numbered_lead


@pytest.mark.parametrize(
    ("message", "items"),
    [
        ("请回答：1.低保标准 2.兜底保障人次", ["低保标准", "兜底保障人次"]),
        ("①养老机构数 ②床位数 ③覆盖率", ["养老机构数", "床位数", "覆盖率"]),
        ("一、孤儿保障标准多少；二、比2019年涨多少", ["孤儿保障标准多少", "比2019年涨多少"]),
        ("1）慈善组织几家 2）公募项目几个", ["慈善组织几家", "公募项目几个"]),
        ("想问：1 尊老金哪年 2 统保率多少", ["尊老金哪年", "统保率多少"]),
        ("a) 低保标准 b) 孤儿保障标准", ["低保标准", "孤儿保障标准"]),  # lettered
        # "3." numbers the item; the "1+39" after it is its text.
        (
            "1.救助多少人次 2.寻亲几人 3.1+39标准哪年编的",
            ["救助多少人次", "寻亲几人", "1+39标准哪年编的"],
        ),
    ],
)
def test_numbered_items(message: str, items: list[str]) -> None:
    assert numbered_items(message) == items


@pytest.mark.parametrize(
    "message",
    [
        "临时救助2.74万人次，3.5万呢",  # decimals, not markers
        "低保标准 2.74万人次是什么",  # a lone "2." does not start at 1
        "镇江低保标准是多少",
        "1.低保标准",  # one item is no list
        "b) 低保标准 c) 孤儿保障标准",  # letters that do not start at a
    ],
)
def test_no_numbered_list(message: str) -> None:
    assert numbered_items(message) == []


def test_each_numbered_item_is_answered_in_order(engine: Any) -> None:
    reply = engine.reply("请回答：1.低保标准 2.养老机构几家")
    assert [p.status for p in reply.parts] == ["answered", "answered"]
    assert [p.best.id for p in reply.parts] == ["dibao-standard", "elderly-institutions"]


@pytest.mark.parametrize(
    ("message", "lead"),
    [
        # 两个 counts the list, 各 spreads it over the items
        ("两个标准各涨了多少：1. 低保 2. 孤儿", "标准涨了多少"),
        ("下面几个数分别是多少 1、床位 2、机构", "数是多少"),
        ("1. 低保 2. 孤儿", ""),  # nothing before the list
        ("低保标准是多少", ""),  # no list at all
    ],
)
def test_numbered_lead_is_what_comes_before_the_list(message: str, lead: str) -> None:
    assert numbered_lead(message) == lead


@pytest.mark.parametrize(
    ("message", "items"),
    [
        ("第一 养老机构几家 第二 床位多少", ["养老机构几家", "床位多少"]),
        ("- 网格员人数\n- 福彩销售额\n- 公益金", ["网格员人数", "福彩销售额", "公益金"]),
        ("低保标准-875", []),  # a dash inside a word is no bullet
        ("第一方阵是什么", []),
    ],
)
def test_ordinals_and_bullets_number_a_list(message: str, items: list[str]) -> None:
    assert numbered_items(message) == items
