"""bot/understand/answer_type.py: the kind of answer a question asks for, from its words."""

from __future__ import annotations

from typing import Any

import pytest

from bot.understand.answer_type import cue_pattern, direction_of, ends_as_question
from bot.understand.ask import Ask


@pytest.fixture(scope="module")
def read(engine: Any) -> Any:
    def ask(text: str) -> Ask:
        return engine.reader.ask(text)  # type: ignore[no-any-return]

    return ask


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("尊老金免申即享是哪一年建立的", "date"),
        ("尊老金免申即享什么时候开始的", "date"),
        ("江海葬纪念园是哪个部门建的", "actor"),
        ("谁负责尊老金发放", "actor"),
        ("生态人文纪念园在哪里", "place"),
        ("生态人文纪念园在什么位置", "place"),
        ("孤儿保障标准在全省排在什么位置", "description"),  # a rank, not a place
        ("四项机制分别是什么", "list"),
        ("四项机制叫什么名字", "list"),  # names of the parts
        ("那个尊老金发放机制全名叫什么", "description"),  # the name of one thing
        ("尊老金免申即享是什么", "description"),
        ("低保每个月多少钱", "figure"),
        ("低保标准", ""),  # a bare subject says nothing of the answer type
        ("How much is the dibao standard?", "figure"),
        ("那四项机制具体内容是什么", "list"),  # the parts of a counted whole
        ("“1+3+N”中的“3个平台”指的是什么", "list"),
        ("现有的慈善组织都是哪几家", "list"),  # their names, not their number
        ("这笔钱是哪家银行发放的", "actor"),
        ("镇江给老人做的助老服务品牌叫啥名字", "description"),  # one thing's name
        ("这些组织都叫什么名字", "list"),
        ("那10余项文件叫什么", "list"),
        ("被省政府评为先进地区是哪几年", "date"),
    ],
)
def test_answer_kind_of_typical_questions(read: Any, question: str, kind: str) -> None:
    a = read(question)
    assert a.answer.kind == kind, a.answer
    assert not a.yesno


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("低保每个月多少钱", "money"),
        ("低保标准有多少钱", "money"),
        ("养老机构有几家", "家"),
        ("养老机构床位有多少张", "张"),
        ("临时救助了多少人次", "people"),
    ],
)
def test_a_measure_word_names_the_kind_of_figure(read: Any, question: str, measure: str) -> None:
    t = read(question).answer
    assert (t.kind, t.measure, t.named) == ("figure", measure, True)


def test_dates_come_before_counts_and_which_ones_before_counts(read: Any) -> None:
    # "哪一年" is a date even with a "几" later in the question ...
    assert read("丹阳殡葬改革是哪一年，出台了几项").answer.kind == "date"
    # ... "有几家" counts (a figure in 家), but "有哪几家" asks which ones: a list.
    t = read("养老机构有几家").answer
    assert (t.kind, t.measure) == ("figure", "家")
    assert read("养老机构有哪几家").answer.kind == "list"
    assert read("行业协会商会监管靠哪几项机制").answer.kind == "list"


@pytest.mark.parametrize(
    "question",
    [
        "低保标准是不是875元",
        "低保标准涨了吗",
        "低保标准有没有提高",
        "只需跑一次改革是2019年吗",
        "低保标准是875元？",  # a statement asked back, with a number
        "Is the dibao standard 875 yuan?",
        "听说低保标准涨到875了，真的假的",  # asked to confirm hearsay
    ],
)
def test_yes_no_questions(read: Any, question: str) -> None:
    a = read(question)
    assert a.yesno and a.answer.yesno, a.answer


@pytest.mark.parametrize("question", ["上门服务面向哪些老人", "这项保险针对什么样的孩子"])
def test_which_people_asks_whom_as_a_description_not_a_list(read: Any, question: str) -> None:
    a = read(question)
    assert a.answer.kind == "description" and not a.listing


@pytest.mark.parametrize("question", ["介绍一下养老服务的情况吧", "给我列一下慈善的数字吧"])
def test_a_request_softened_by_ba_is_no_yes_no_question(read: Any, question: str) -> None:
    assert not read(question).yesno
    assert read("低保标准是875元吧").yesno  # a statement 吧 asks to confirm


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("你知道低保标准是多少吗", "figure"),  # a wh-word inside: it asks the figure
        ("低保标准多少钱吗", "figure"),
        ("是不是有几家养老机构", "figure"),
    ],
)
def test_a_wh_word_makes_a_question_with_a_particle_not_yes_no(
    read: Any, question: str, kind: str
) -> None:
    a = read(question)
    assert not a.yesno
    assert a.answer.kind == kind


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("低保标准是多少", "level"),
        ("低保涨了多少", "change"),
        ("低保标准比2019年提高了多少", "change"),
        ("低保标准全省排第几", "rank"),
        ("低保标准涨了吗", "level"),  # a yes/no question about a change checks its direction
    ],
)
def test_aspect(read: Any, question: str, aspect: str) -> None:
    assert read(question).aspect == aspect


def test_a_rank_question_asks_for_a_rank(read: Any) -> None:
    t = read("低保标准全省排第几").answer
    assert (t.kind, t.measure) == ("figure", "rank")


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("低保标准是不是比2019年少了", "down"),
        ("低保标准降低了吗", "down"),
        ("低保标准提高了吗", "up"),
        ("低保标准是多少", ""),
    ],
)
def test_direction_of_a_change(text: str, direction: str) -> None:
    assert direction_of(text) == direction


def test_direction_is_read_for_yes_no_questions_only(read: Any) -> None:
    assert read("低保标准是不是比2019年少了").direction == "down"
    assert read("低保标准提高了多少").direction == ""


def test_cue_pattern_matches_longest_first_and_guards_ji() -> None:
    p = cue_pattern(["几", "哪一年", "哪"])
    assert p.search("几乎所有") is None  # 几乎 is not 几
    m = p.search("有几家")
    assert m is not None and m.group(0) == "几"
    m = p.search("是哪一年")
    assert m is not None and m.group(0) == "哪一年"
    en = cue_pattern(["how.many", "who"])
    assert en.search("how many beds") is not None
    assert en.search("whose") is None  # English cues are whole words
    assert en.search("somewho") is None and en.search("低保who") is None  # ... at both ends
    assert [m.span() for m in en.finditer("who? a-who, how many")] == [(0, 3), (7, 10), (12, 20)]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("低保标准是多少呢", True),
        ("是875元吗？", True),
        ("低保标准是875元", False),
        ("低保标准涨了吧", True),  # 吧 asks for a confirmation …
        ("讲讲养老这块吧", False),  # … but softens a request
        ("先了解下整体情况吧", False),
    ],
)
def test_ends_as_question(text: str, asks: bool) -> None:
    assert ends_as_question(text) is asks


def test_where_it_stands_in_the_province_asks_the_rank(read: Any) -> None:
    for q in ("孤儿保障标准在全省排什么位置", "孤儿保障标准在全省排第几"):
        assert read(q).aspect == "rank", q


def test_an_english_yes_no_question_claims_its_distinction(read: Any) -> None:
    a = read("Is the dibao standard the highest in Jiangsu?")
    assert a.yesno and ("highest", "province") in a.claims
    assert read("Is the dibao standard 875 yuan?").claims == ()


def test_which_ministries_asks_who(read: Any) -> None:
    """ "哪两个部委评的": which ones, but of actors — the answer names who, not a list of parts."""
    assert read("这个称号是哪两个部委评的").answer.kind == "actor"


def test_an_english_claim_is_made_at_the_level_it_names(real: Any) -> None:
    """The orphans' standard is the highest in Jiangsu (全省最高), not said to be in China."""
    assert real.reader.read("Is it the highest in Jiangsu?")[0].claims == (("highest", "province"),)
    assert real.ask("Is the orphan standard the highest in Jiangsu?").verdict == "yes"
    assert real.ask("Is the orphan standard the highest in China?").verdict == "not_stated"
