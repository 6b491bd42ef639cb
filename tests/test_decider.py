"""bot/decide/decider.py: a candidate that fits does not answer for another subject.

Pinned on two hand-built entries: the 低保 standard (no rank stated) and the orphan standard of
another sentence, which the article says is the highest in the province. A rank asked of 低保
is not stated; it is never answered with the orphan standard's rank.
"""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of, qa

from bot.engine import Engine

ENTRIES = (
    ind(
        id="dibao",
        title="低保标准",
        aliases=["全市低保标准"],
        value="875",
        number=875,
        unit="元/人·月",
        period="2024年",
        years=[2024],
        quote="2024年全市低保标准达每人每月875元",
    ),
    qa(
        id="orphan-rank",
        topic="child-welfare",
        title="孤儿保障标准全省最高",
        aliases=["标准全省排名"],
        answer="镇江集中供养孤儿保障标准全省最高。",
        period="2024年",
        years=[2024],
        quote="2024年镇江市集中供养孤儿保障标准达每人每月3132元,保障标准全省最高",
    ),
)


@pytest.fixture(scope="module")
def tiny() -> Engine:
    return Engine(knowledge_of(*ENTRIES))


@pytest.mark.parametrize("question", ["镇江低保标准在全省排第几", "低保标准全省排名怎么样"])
def test_a_rank_not_stated_is_not_answered_by_another_subjects_rank(
    tiny: Engine, question: str
) -> None:
    got = tiny.ask(question)
    assert got.status == "not_stated", (got.status, [h.entry.id for h in got.hits])
    assert got.known_instead[0].entry.id == "dibao"


def test_the_subject_that_is_ranked_is_answered(tiny: Engine) -> None:
    got = tiny.ask("孤儿保障标准在全省排什么位置")
    assert got.status == "answered" and got.best.id == "orphan-rank"


def test_the_date_of_another_thing_in_the_same_sentence_is_not_the_date_asked(real: Any) -> None:
    """江海葬纪念园 is undated; 惠民殡葬 beside it in one sentence is 2019年以来."""
    got = real.ask("江海葬纪念园是什么时候建成的")
    assert (got.status, got.reason) == ("not_stated", "date")
    assert got.known_instead[0].entry.id == "qa-jianghai-memorial-park"


def test_a_figure_of_a_subject_named_in_another_part_of_the_sentence_is_not_stated(
    real: Any,
) -> None:
    """One sentence: 兜底保障 …累计投入资金10.67亿元; 实施临时救助2.74万人次. Money asked of
    临时救助 is not the 兜底保障 money; asked of 兜底保障 in other words, it is."""
    got = real.ask("临时救助一共投入多少资金")
    assert got.status == "not_stated"
    assert [h.entry.id for h in got.known_instead][:2] == [
        "temporary-assistance-recipients",
        "basic-support-funds",
    ]
    got = real.ask("困难群众兜底保障一共花了多少钱")
    assert got.status == "answered" and got.best.id == "basic-support-funds"
    # Two figures of one part of a sentence share its subject.
    assert real.ask("减免基本丧葬服务费惠及多少人").status == "answered"


def test_people_asked_are_the_figure_of_the_sentence_that_counts_people(real: Any) -> None:
    """…救助流浪乞讨人员3539人次,成功寻亲68人: 几个人 is the 68, 多少人次 the 3539."""
    assert real.ask("救助生活无着的流浪乞讨人员，寻亲了几个人").best.id == "vagrant-family-reunions"
    assert real.ask("救助流浪乞讨人员多少人次").best.id == "vagrant-assistance-count"


def test_a_who_the_best_does_not_state_is_answered_by_its_sentence_partner(real: Any) -> None:
    """The indicator 1+39 names no one; the Q&A of its own sentence names 民政部."""
    got = real.ask("1+39救助管理标准受到了哪个部门的认可")
    assert got.status == "answered"
    assert got.hits[0].entry.id == "qa-assistance-standards-1-39"
