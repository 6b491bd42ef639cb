"""bot/compose/conversation.py: the last few turns of one chat, with expiry, replies and reset.

Time is a fake clock passed as `clock`; nothing sleeps.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.compose.conversation import DEPTH, TTL_SECONDS, Conversation


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def conv(engine: Any, clock: Clock) -> Conversation:
    return engine.conversation(clock=clock)  # type: ignore[no-any-return]


def test_a_follow_up_continues_from_the_previous_turn(conv: Conversation) -> None:
    conv.reply("低保标准是多少")
    got = conv.reply("那2019年呢").first
    assert got.context == "dibao-standard"
    assert got.derived is not None and got.derived.op == "base_year"


def test_turns_record_the_entry_each_answer_gave(conv: Conversation, clock: Clock) -> None:
    conv.reply("低保标准是多少")
    clock.now += 5
    conv.reply("养老机构有几家？床位有多少张？")  # two questions: two turns
    assert [t.entry_id for t in conv.turns] == [
        "dibao-standard",
        "elderly-institutions",
        "elderly-beds",
    ]
    assert [t.at for t in conv.turns] == [1000.0, 1005.0, 1005.0]


def test_small_talk_and_article_questions_add_no_turn(conv: Conversation) -> None:
    conv.reply("你好")
    conv.reply("作者是谁")
    assert conv.turns == ()


def test_a_turn_expires_after_the_ttl(conv: Conversation, clock: Clock) -> None:
    conv.reply("低保标准是多少")
    clock.now += TTL_SECONDS  # still inside
    assert conv.reply("那2019年呢").first.context == "dibao-standard"
    conv.reset()
    conv.reply("低保标准是多少")
    clock.now += TTL_SECONDS + 1
    got = conv.reply("那2019年呢").first
    assert got.context == "" and got.status != "answered"


def test_a_shorter_ttl(engine: Any, clock: Clock) -> None:
    conv = engine.conversation(clock=clock, ttl=10.0)
    conv.reply("低保标准是多少")
    clock.now += 11
    assert conv.reply("丹阳呢").first.context == ""


def test_only_the_last_depth_turns_are_kept(engine: Any, clock: Clock) -> None:
    questions = ("适老化改造做了多少户", "低保标准是多少", "养老机构有几家")
    kept = engine.conversation(clock=clock)
    short = engine.conversation(clock=clock, depth=2)
    for q in questions:
        kept.reply(q)
        short.reply(q)
    assert [t.entry_id for t in short.turns] == ["dibao-standard", "elderly-institutions"]
    assert len(kept.turns) == 3 <= DEPTH
    # The full conversation goes back to 适老化改造; the short one no longer can.
    assert kept.reply("那个改造一共多少户").first.context == "aging-renovation"
    assert short.reply("那个改造一共多少户").first.context != "aging-renovation"


def test_reply_to_continues_from_the_given_entry(conv: Conversation, clock: Clock) -> None:
    conv.reply("养老机构有几家")
    got = conv.reply("丹阳呢", reply_to="dibao-standard").first
    assert got.context == "dibao-standard"
    assert (got.status, got.reason) == ("not_stated", "district")


def test_reply_to_works_however_long_ago_the_answer_was(engine: Any, clock: Clock) -> None:
    conv = engine.conversation(clock=clock)  # no turns at all
    clock.now += 10 * TTL_SECONDS
    got = conv.reply("那2019年呢", reply_to="dibao-standard").first
    assert got.context == "dibao-standard" and got.derived is not None


def test_reply_to_an_unknown_entry_falls_back_to_the_turns(conv: Conversation) -> None:
    conv.reply("低保标准是多少")
    assert conv.reply("那2019年呢", reply_to="no-such-entry").first.context == "dibao-standard"


def test_reset_forgets_every_turn(conv: Conversation) -> None:
    conv.reply("低保标准是多少")
    conv.reset()
    assert conv.turns == ()
    assert conv.reply("那2019年呢").first.context == ""


def test_a_topic_switch_never_inherits(conv: Conversation) -> None:
    conv.reply("低保标准是多少")
    got = conv.reply("尊老金免申即享是哪一年建立的").first
    assert got.context == "" and got.best.id == "zunlaojin"


def test_conversations_do_not_share_turns(engine: Any, clock: Clock) -> None:
    one = engine.conversation(clock=clock)
    two = engine.conversation(clock=clock)
    one.reply("低保标准是多少")
    assert two.reply("那2019年呢").first.context == ""


def test_a_follow_up_goes_back_to_a_turn_by_its_place(real: Any, clock: Clock) -> None:
    """ "我最开始问的那个" is the first question, "上一个问题" the one just before."""
    conv = real.conversation(clock=clock)
    conv.reply("临时救助了多少人次")
    conv.reply("养老机构有几家")
    conv.reply("福彩卖了多少钱")
    got = conv.reply("我最开始问的那个是多少来着").first
    assert got.context == "temporary-assistance-recipients"
    assert got.best.id == "temporary-assistance-recipients"
    got = conv.reply("回到第二个问题，床位有多少张").first
    assert got.best.id == "elderly-care-beds"


def test_a_question_answered_on_its_own_words_says_no_context_of_another_topic(
    real: Any, clock: Clock
) -> None:
    conv = real.conversation(clock=clock)
    conv.reply("福彩卖了多少钱")
    got = conv.reply("养老床位呢").first  # asked the same way, about its own subject
    assert got.best.id == "elderly-care-beds" and got.context == ""
    conv.reply("福彩卖了多少钱")
    got = conv.reply("公益金呢").first  # the same topic: it continues
    assert got.context == "welfare-lottery-sales"


def test_a_message_with_nothing_left_to_ask_continues_nothing(conv: Conversation) -> None:
    """An unknown command ("/foo") is no follow-up: it does not repeat the last answer."""
    conv.reply("低保标准是多少")
    got = conv.reply("/foo").first
    assert got.status == "no_match" and got.context == "" and not got.hits


def test_a_new_subject_alone_keeps_the_change_the_question_before_asked(
    real: Any, clock: Clock
) -> None:
    conv = real.conversation(clock=clock)
    conv.reply("慈善组织比2019年增加了百分之多少")
    got = conv.reply("那孤儿保障标准的呢").first
    assert got.best.id == "orphan-standard-increase"  # its change (32.5%), not its level


def test_a_district_the_article_had_nothing_on_is_not_carried_on(real: Any, clock: Clock) -> None:
    conv = real.conversation(clock=clock)
    conv.reply("全市有多少名网格员融入社会救助")
    assert conv.reply("润州区有多少").first.status == "not_stated"
    got = conv.reply("这个做法是哪一年开始的").first
    assert got.status == "answered"  # 2023年, citywide: the district is not asked again


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # 那孤儿呢 after 低保标准: the orphans' standard, not "no figure for 孤儿" of 低保 …
        ("全市低保标准现在是多少", "那孤儿呢", "orphan-standard-2024"),
        # … and asked elliptically, the way the question before was (its change)
        ("低保标准较2019年提高了多少", "那孤儿的呢", "orphan-standard-increase"),
        # a part within what was just answered, its share asked by 占
        ("镇江的养老机构一共多少家", "这里面有等级的占多少", "rated-elderly-institutions-share"),
    ],
)
def test_a_follow_up_is_answered_by_the_entry_its_words_name(
    real: Any, clock: Clock, first: str, follow_up: str, expected: str
) -> None:
    conv = real.conversation(clock=clock)
    conv.reply(first)
    got = conv.reply(follow_up).first
    assert got.status == "answered" and got.best.id == expected


def test_a_new_subject_inside_the_old_name_is_not_the_old_entry_again(
    real: Any, clock: Clock
) -> None:
    """ "那养老机构呢" after the beds (养老机构床位): the institutions, not the beds again."""
    conv = real.conversation(clock=clock)
    conv.reply("全市养老机构床位一共有多少张")
    got = conv.reply("那养老机构呢").first
    assert got.status == "answered" and got.best.id == "elderly-care-institutions"


def test_an_aspect_alone_continues_the_subject_before(real: Any, clock: Clock) -> None:
    """ "占比多少" after 公益金: of the lottery fund, never another topic's share (91.85%)."""
    conv = real.conversation(clock=clock)
    conv.reply("福彩公益金筹集了多少")
    got = conv.reply("占比多少").first
    assert got.context == "welfare-lottery-public-funds"
    assert got.status != "answered" or got.best.topic == "welfare-lottery"


@pytest.mark.parametrize("follow_up", ["得到了什么荣誉", "是哪几个单位评的"])
def test_an_honour_or_who_gave_it_asked_alone_continues_the_subject(
    real: Any, clock: Clock, follow_up: str
) -> None:
    conv = real.conversation(clock=clock)
    first = conv.reply("镇江的居家和社区养老服务改革试点验收结果怎么样").first
    got = conv.reply(follow_up).first
    assert got.context == first.best.id and got.status == "answered"


def test_whom_the_thing_just_answered_is_for(real: Any, clock: Clock) -> None:
    conv = real.conversation(clock=clock)
    first = conv.reply("居家适老化改造完成了多少户").first
    got = conv.reply("那这个改造面向哪些家庭").first
    assert got.context == first.best.id and got.status == "answered"


def test_the_first_question_asked_in_other_words(real: Any, clock: Clock) -> None:
    conv = real.conversation(clock=clock)
    conv.reply("临时救助了多少人次")
    conv.reply("养老机构有几家")
    got = conv.reply("头一个问的那个是哪年以来的").first
    assert got.context == "temporary-assistance-recipients"
