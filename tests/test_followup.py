"""bot/understand/followup.py: a question completed from an earlier one of the conversation."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of

from bot.engine import Engine
from bot.understand.ask import Ask
from bot.understand.followup import (
    Turn,
    content,
    elliptical,
    merge,
    pick_turn,
    points_back,
    stands_alone,
)


@pytest.fixture(scope="module")
def read(engine: Any) -> Any:
    def one(text: str) -> Ask:
        (a,) = engine.reader.read(text)
        return a  # type: ignore[no-any-return]

    return one


def _turn(read: Any, question: str, entry_id: str, said: str, at: float = 0.0) -> Turn:
    return Turn(read(question), entry_id, at, said)


@pytest.mark.parametrize(
    ("question", "own"),
    [
        ("那2019年呢", ""),
        ("那2019年丹阳呢", ""),  # a year and a place are not a subject
        ("丹阳呢", ""),
        ("具体多少钱", ""),
        ("刚才那个呢", ""),
        ("养老机构有几家", "养老机构"),
        ("低保比2019年涨了多少", "低保"),  # change words are not the subject
        ("那个改造一共多少户", "改造"),
        ("占比多少", ""),  # an aspect of a figure, not what it is of
        ("慈善组织的增幅呢", "慈善组织"),
    ],
)
def test_content_is_the_questions_own_subject(read: Any, question: str, own: str) -> None:
    assert content(read(question)) == own


def test_a_question_without_a_subject_does_not_stand_alone(read: Any) -> None:
    assert not stands_alone(read("那2019年呢"))
    assert not stands_alone(read("丹阳呢"))
    assert stands_alone(read("养老机构有几家"))


def test_points_back(read: Any) -> None:
    assert points_back(read("它是哪一年的"))
    assert points_back(read("这个是按人算吗"))
    assert points_back(read("刚才那个呢"))
    assert points_back(read("那个改造一共多少户"))
    # 那 opening a question is "then": "那孤儿呢" names a new subject, it points at nothing.
    assert not points_back(read("那孤儿呢"))
    assert not points_back(read("养老机构有几家"))


def test_pick_turn_goes_back_to_the_turn_whose_entry_says_the_follow_ups_words(
    read: Any,
) -> None:
    history = [
        _turn(read, "适老化改造做了多少户", "aging-renovation", "居家适老化改造 适老化改造", 1),
        _turn(read, "低保标准是多少", "dibao-standard", "低保标准 城乡低保标准 低保", 2),
    ]
    got = pick_turn(read("那个改造一共多少户"), history)
    assert got is not None and got.entry_id == "aging-renovation"
    # Words no turn says: the latest turn.
    got = pick_turn(read("那2019年呢"), history)
    assert got is not None and got.entry_id == "dibao-standard"


def test_pick_turn_skips_turns_that_were_not_answered(read: Any) -> None:
    history = [
        _turn(read, "低保标准是多少", "dibao-standard", "低保标准", 1),
        _turn(read, "量子计算机", "", "", 2),
    ]
    got = pick_turn(read("那2019年呢"), history)
    assert got is not None and got.entry_id == "dibao-standard"
    assert pick_turn(read("那2019年呢"), [history[1]]) is None
    assert pick_turn(read("那2019年呢"), []) is None


@pytest.fixture(scope="module")
def dibao_turn(read: Any) -> Turn:
    return _turn(read, "2024年低保标准是多少", "dibao-standard", "低保标准 低保")


def test_merge_a_year_keeps_the_subject_and_changes_the_year(read: Any, dibao_turn: Turn) -> None:
    m = merge(read("那2019年呢"), dibao_turn)
    assert m.q.text == "低保标准"
    assert m.years == (2019,)
    assert m.answer.kind == "figure" and m.answer.measure == "money"
    assert m.context == "dibao-standard"
    assert m.text == "那2019年呢"  # the clause as typed stays the follow-up's own


def test_merge_a_place_keeps_the_subject_and_the_year(read: Any, dibao_turn: Turn) -> None:
    m = merge(read("丹阳呢"), dibao_turn)
    assert m.q.text == "低保标准"
    assert [p.name for p in m.places] == ["丹阳市"]
    assert m.years == (2024,)


def test_merge_a_measure_names_the_kind_of_figure(read: Any) -> None:
    turn = _turn(read, "兜底保障", "subsistence-people", "兜底保障人次 兜底保障")
    m = merge(read("具体多少钱"), turn)
    assert "兜底保障" in m.q.text
    assert (m.answer.kind, m.answer.measure, m.answer.named) == ("figure", "money", True)


def test_merge_an_answer_type_replaces_the_earlier_one(read: Any, dibao_turn: Turn) -> None:
    m = merge(read("它是哪一年的"), dibao_turn)
    assert m.answer.kind == "date"
    assert m.q.text.startswith("低保标准")


def test_merge_a_change_asks_for_the_change(read: Any, dibao_turn: Turn) -> None:
    m = merge(read("涨了多少"), dibao_turn)
    assert m.aspect == "change" and m.q.change


# ---- through the engine ----------------------------------------------------------------------


def _converse(engine: Any, *messages: str) -> list[Any]:
    history: tuple[Turn, ...] = ()
    answers = []
    for i, message in enumerate(messages):
        reply, turns = engine.converse(message, history, float(i))
        history = (*history, *turns)
        answers.append(reply.first)
    return answers


def test_that_year_then_completes_from_the_previous_turn(engine: Any) -> None:
    _, got = _converse(engine, "2024年低保标准是多少", "那2019年呢")
    assert got.context == "dibao-standard"
    # 2019 is stated only as the base of the change: computed, and labelled so.
    assert got.status == "answered" and got.derived is not None
    assert got.derived.op == "base_year"


def test_a_place_then_completes_from_the_previous_turn(engine: Any) -> None:
    _, got = _converse(engine, "低保标准是多少", "丹阳呢")
    assert got.context == "dibao-standard"
    assert (got.status, got.reason, got.detail) == ("not_stated", "district", "丹阳市")


def test_it_points_back_at_the_previous_turn(engine: Any) -> None:
    _, got = _converse(engine, "尊老金免申即享", "它是哪一年的")
    assert got.context == "zunlaojin"
    assert got.status == "answered" and got.best.id == "zunlaojin"


def test_a_message_naming_its_own_subject_never_inherits(engine: Any) -> None:
    _, got = _converse(engine, "低保标准是多少", "养老机构有几家")
    assert got.context == ""
    assert got.best.id == "elderly-institutions"


def test_a_follow_up_goes_back_past_an_unrelated_turn(engine: Any) -> None:
    _, _, got = _converse(engine, "适老化改造做了多少户", "低保标准是多少", "那个改造一共多少户")
    assert got.context == "aging-renovation"
    assert got.status == "answered" and got.best.id == "aging-renovation"


def test_without_history_a_follow_up_is_asked_on_its_own(engine: Any) -> None:
    (got,) = _converse(engine, "那2019年呢")
    assert got.context == "" and got.status != "answered"


def test_later_questions_of_one_message_complete_from_earlier_ones(engine: Any) -> None:
    reply = engine.reply("低保标准是多少？丹阳呢？")
    first, second = reply.parts
    assert first.status == "answered" and first.context == ""
    assert (second.status, second.reason, second.context) == (
        "not_stated",
        "district",
        "dibao-standard",
    )
    reply = engine.reply("低保标准是多少？那2019年呢？")
    assert reply.parts[1].context == "dibao-standard"
    assert reply.parts[1].derived is not None


def test_a_population_that_names_an_entry_outright_is_a_new_subject(engine: Any) -> None:
    (a,) = engine.reader.read("流浪乞讨人员呢")
    assert not stands_alone(a), "a population word is no subject of its own"
    _, got = _converse(engine, "临时救助做了多少人次", "流浪乞讨人员呢")
    assert got.context == "" and got.best.id == "vagrant-assistance"
    # A population the entry before could be about still narrows it (not stated here).
    _, got = _converse(engine, "孤儿保障标准是多少", "散居孤儿呢")
    assert got.context == "orphan-standard"


def test_pointing_back_at_a_part_the_earlier_entry_is_not_named_by(engine: Any) -> None:
    *_, got = _converse(
        engine, "流浪乞讨人员救助了多少人次", "慈善组织有几家", "之前说的流浪人员里成功寻亲的有几个"
    )
    assert got.status == "answered" and got.best.id == "family-reunion"
    # Pointing back with nothing new keeps the earlier entry.
    *_, got = _converse(engine, "流浪乞讨人员救助了多少人次", "之前说的那个是哪一年的")
    assert got.context == "vagrant-assistance"


_BEDS = "全市在业养老机构135家,养老机构床位1.72万张"


def test_a_computation_follow_up_works_on_the_earlier_entry() -> None:
    tiny = Engine(
        knowledge_of(
            ind(
                id="homes",
                title="在业养老机构数量",
                aliases=["养老机构"],
                value="135",
                number=135,
                unit="家",
                quote=_BEDS,
            ),
            ind(
                id="beds",
                title="养老机构床位数",
                aliases=["养老床位"],
                value="1.72万",
                unit="张",
                quote=_BEDS,
            ),
            # Another count of beds and of places, elsewhere: alone, 平均每家 names neither.
            ind(
                id="rescue-beds",
                title="救助站床位数",
                value="200",
                number=200,
                unit="张",
                quote="救助管理站床位200张",
            ),
            ind(
                id="rescue-stations",
                title="救助管理站数量",
                value="3",
                number=3,
                unit="家",
                quote="全市救助管理站3家",
            ),
        )
    )
    _, got = _converse(tiny, "养老机构床位有多少张", "平均每家多少张")
    assert got.context == "beds"
    assert got.derived is not None and got.derived.op == "per_unit"
    assert [e.id for e in got.derived.inputs] == ["beds", "homes"]
    (alone,) = _converse(tiny, "平均每家多少张")
    assert alone.status != "answered", "without the earlier turn there is nothing to average"


def test_a_part_ended_by_a_semicolon_is_elliptical(read: Any) -> None:
    # "福彩卖了多少钱；公益金呢；": the second part is asked the way the first was.
    assert elliptical(read("公益金呢；")) and elliptical(read("公益金呢？"))
    assert not elliptical(read("公益金是什么；"))


def test_pointing_back_trusts_the_earlier_entry_whatever_the_words_beside(engine: Any) -> None:
    # "每月还是每年" are no words the entry says: 这个 is what names the subject.
    _, got = _converse(engine, "低保标准是多少", "这个是每月还是每年的")
    assert got.context == "dibao-standard"
    assert got.status == "answered" and got.best.id == "dibao-standard" and got.derived is None


def test_a_rank_asked_after_a_figure_continues_it(read: Any) -> None:
    # "在全省什么水平" once filler is gone is 在水平: rank words, no subject of its own.
    assert not stands_alone(read("在全省什么水平"))
    assert not stands_alone(read("在全省排什么位置"))
    assert stands_alone(read("在业养老机构有几家"))


def test_a_measure_alone_asks_that_measure_of_the_earlier_subject(real: Any) -> None:
    """ "涨幅呢" after a money figure: the change of the same standard, in percent."""
    _, got = _converse(real, "孤儿保障标准每个月多少钱", "那涨幅呢")
    assert got.context == "orphan-standard-2024"
    assert (got.status, got.hits[0].entry.id) == ("answered", "orphan-standard-increase")


def test_points_asked_against_a_short_year_continue_the_earlier_subject(real: Any) -> None:
    _, got = _converse(real, "低保标准现在多少", "和19年比高了几个点")
    assert (got.status, got.hits[0].entry.id) == ("answered", "dibao-standard-increase")


@pytest.mark.parametrize("follow", ["一年呢", "那每年下来呢"])
def test_a_period_alone_asks_the_earlier_figure_per_that_period(engine: Any, follow: str) -> None:
    _, got = _converse(engine, "低保标准是多少", follow)
    assert got.context == "dibao-standard"
    assert got.derived is not None and got.derived.unit.endswith("年")


def test_a_part_of_a_two_group_count_asked_as_a_follow_up_is_not_stated(real: Any) -> None:
    """The earlier question's words do not name the part: "其中留守儿童" of 困境儿童和农村留守
    儿童 together is a figure the article does not give."""
    first, got = _converse(real, "困境儿童综合保险给多少孩子买了", "其中农村留守儿童有几个")
    assert first.status == "answered"
    assert (got.status, got.reason) == ("not_stated", "population")


def test_where_asked_with_a_preposition_is_a_follow_up(real: Any) -> None:
    """ "在哪个镇": no subject of its own (在 is no subject); the earlier entry names the town."""
    first, got = _converse(real, "古煌村那片林地改造了多少亩", "在哪个镇")
    assert got.context == first.hits[0].entry.id and got.status == "answered"


def test_when_it_began_continues_the_question_before(real: Any) -> None:
    """ "哪年开始的": 开始 names no subject of its own."""
    first, got = _converse(real, "有多少网格员参与社会救助", "哪年开始的")
    assert got.context == first.hits[0].entry.id == got.hits[0].entry.id


def test_a_generic_noun_names_no_new_subject(real: Any) -> None:
    """ "是哪一年的做法": 做法 is the kind of thing said before, not a subject of its own."""
    first, got = _converse(real, "有多少网格员融入了社会救助体系", "是哪年的做法")
    assert got.status == "answered" and got.context == first.hits[0].entry.id
    assert 2023 in got.hits[0].entry.years


def test_the_names_of_a_count_asked_after_it_are_that_entrys_to_list(real: Any) -> None:
    """ "都叫什么名字" after 25家: the article names none of the 25; a Q&A listing the areas
    the charities serve is no list of their names."""
    _, got = _converse(real, "镇江现在有几家慈善组织", "都叫什么名字")
    assert (got.status, got.reason, got.detail) == ("not_stated", "detail", "list")


def test_a_part_asking_something_else_of_the_same_subject_is_no_echo(real: Any) -> None:
    parts = real.reply("镇江有几家慈善组织，都叫啥名字").parts
    assert len(parts) == 2 and parts[1].status == "not_stated"


def test_a_year_alone_after_a_years_list_lists_that_year(real: Any) -> None:
    """ "2022年呢" after the list of 2021: the list of 2022, not a lookup of nothing."""
    first, got = _converse(real, "2021年镇江民政都做了哪些事", "那2022年呢")
    assert first.overview is not None and got.overview is not None
    assert (got.overview.by, got.overview.key) == ("year", "2022年")
    assert got.hits and all(2022 in h.entry.years for h in got.hits)


def test_a_new_subject_after_a_list_is_asked_on_its_own(real: Any) -> None:
    _, got = _converse(real, "2021年镇江民政都做了哪些事", "低保标准是多少")
    assert got.overview is None and got.hits[0].entry.id == "dibao-standard-2024"


def test_both_figures_just_answered_compared_without_naming_them(real: Any) -> None:
    *_, got = _converse(real, "孤儿保障标准多少", "那低保呢", "两者差多少")
    assert got.derived is not None and got.derived.op == "difference"
    assert {e.id for e in got.derived.inputs} == {"orphan-standard-2024", "dibao-standard-2024"}
    *_, ratio = _converse(real, "孤儿保障标准多少", "那低保呢", "这俩差几倍")
    assert ratio.derived is not None and ratio.derived.value == pytest.approx(3132 / 875, abs=0.01)


def test_a_share_asked_after_two_figures_is_the_later_within_the_earlier(real: Any) -> None:
    *_, got = _converse(real, "福彩一共卖了多少", "公益金呢", "占比多少")
    assert got.derived is not None and got.derived.op == "share"
    assert got.derived.value == pytest.approx(1.93 / 20.04 * 100, abs=0.01)


def test_a_comparison_of_one_thing_is_not_made_of_two(real: Any) -> None:
    """Only two different entries are compared; one asked twice gives no pair."""
    *_, got = _converse(real, "低保标准多少", "低保标准是多少", "两者差多少")
    assert got.derived is None
