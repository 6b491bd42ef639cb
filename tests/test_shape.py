"""bot/understand/shape.py (and the reader that uses it): where a message's questions are, how
many it asks, and whether it asks about the article itself."""

from __future__ import annotations

from typing import Any

import pytest

from bot.understand import shape


def _texts(engine: Any, message: str) -> list[str]:
    return [a.text for a in engine.reader.read(message)]


# ---- the sentence that asks ------------------------------------------------------------------


def test_greetings_and_a_story_before_the_question_are_dropped() -> None:
    assert shape.question_sentences("你好。我奶奶今年82了……请问养老机构有几家？") == [
        "请问养老机构有几家？"
    ]
    assert shape.question_sentences("谢谢。低保标准是多少？") == ["低保标准是多少？"]


def test_a_question_ended_by_a_semicolon_still_asks() -> None:
    assert shape.question_sentences("福彩销售额是多少；公益金呢；帮扶了多少人次") == [
        "福彩销售额是多少；",
        "公益金呢；",
        "帮扶了多少人次",
    ]


def test_what_was_heard_is_what_a_confirmation_asks() -> None:
    # 听说 opens a story, but before "是真的吗" it is the very claim to check; 我妈… is story.
    readings = shape.without_story("我妈今年62岁，听说政府给老人买了意外险，是真的吗？")
    assert readings[0] == "听说政府给老人买了意外险，是真的吗？"


def test_a_message_that_never_clearly_asks_is_read_whole() -> None:
    assert shape.question_sentences("低保标准") == ["低保标准"]
    assert shape.question_sentences("") == []


def test_a_story_clause_before_the_question_names_no_district(real: Any) -> None:
    """The asker's own district, in the story, is not what is asked about."""
    message = "你好，我是丹徒的居民，家里老人八十多了，全市养老机构床位到底有多少张？"
    (a,) = real.reader.read(message)
    assert a.inside_places() == ()
    assert a.groups == ()  # 老人 of the story does not narrow the figure either
    got = real.ask(message)
    assert got.status == "answered" and got.best.id == "elderly-care-beds"
    # The same question naming the district itself is about the district.
    got = real.ask("丹徒区养老机构床位有多少张")
    assert (got.status, got.reason, got.detail) == ("not_stated", "district", "丹徒区")


def test_without_story_gives_back_story_clauses_when_the_question_has_no_subject() -> None:
    readings = shape.without_story("我家老人吃低保的，想问下现在每个月能拿多少钱")
    assert readings == [
        "想问下现在每个月能拿多少钱",
        "我家老人吃低保的，想问下现在每个月能拿多少钱",
    ]
    # A clause that tells no story stays with its question.
    assert shape.without_story("2023年，镇江建了几个助餐点") == ["2023年，镇江建了几个助餐点"]


def test_a_story_lends_the_subject_but_not_its_people(real: Any) -> None:
    (a,) = real.reader.read("我家老人吃低保的，想问下现在每个月能拿多少钱")
    assert "低保" in a.q.text
    assert a.groups == ()
    got = real.ask("我家老人吃低保的，想问下现在每个月能拿多少钱")
    assert got.status == "answered" and got.best.id == "dibao-standard-2024"


@pytest.mark.parametrize(
    ("sentence", "asking"),
    [
        ("我外公前几年走失过一次", False),
        ("装了扶手防滑垫啥的", False),
        ("这几年也没什么变化", False),
        ("前几年低保标准是多少", True),
        ("这几年建了几个助餐点", True),
    ],
)
def test_a_wh_word_used_indefinitely_does_not_ask(sentence: str, asking: bool) -> None:
    assert shape.asks(sentence) is asking


def test_a_story_sentence_with_an_indefinite_wh_word_is_no_question() -> None:
    message = "我舅舅前几年下岗了，家里装了扶手啥的。低保标准现在是多少？"
    assert shape.question_sentences(message) == ["低保标准现在是多少？"]


def test_a_story_goes_on_until_the_question() -> None:
    """Clauses after the story's first one tell it too, marker or not; those before it stay."""
    readings = shape.without_story(
        "2023年，我家隔壁王阿姨82了，一个人住，子女都在外地，低保标准是多少"
    )
    assert readings[0] == "2023年，低保标准是多少"


def test_a_story_clause_given_back_lends_only_the_words_the_knowledge_has(real: Any) -> None:
    readings = shape.without_story(
        "我表姐在句容上班，她说那边有个婚俗改革宣教中心很漂亮，它是什么级别的？", real.reader._lend
    )
    assert readings[0] == "它是什么级别的？"
    assert "婚俗改革宣教中心" in readings[1] and "表姐" not in readings[1]


def test_a_question_pointing_into_the_story_takes_its_subject(real: Any) -> None:
    got = real.ask("我表姐在句容上班，她说那边有个婚俗改革宣教中心很漂亮，它是什么级别的？")
    assert got.status == "answered"
    assert got.best.id in ("qa-jurong-marriage-centre", "jurong-marriage-center-5a")


def test_the_story_subject_is_lent_when_the_question_alone_is_not_answered(real: Any) -> None:
    message = "我邻居张大爷今年85了，老伴走得早，一个人过，社区说能申请上门服务，多大岁数可以享受？"
    (a,) = real.reader.read(message)
    assert a.text == "多大岁数可以享受？" and a.lent is not None
    assert "上门服务" in a.lent.q.text and "张大爷" not in a.lent.q.text
    got = real.ask(message)
    assert got.status == "answered" and got.best.id == "home-care-service-age"
    # A question the story's words do not help is read alone: the story lends nothing to it.
    got = real.ask("我家隔壁王阿姨82了，一个人住，低保标准是多少")
    assert got.status == "answered" and got.best.id == "dibao-standard-2024"


def test_a_subject_sentence_before_a_question_without_one_stays(engine: Any) -> None:
    (a,) = engine.reader.read("关于低保。每个月多少钱？")
    assert "低保" in a.q.text and a.answer.measure == "money"
    assert engine.ask("关于低保。每个月多少钱？").best.id == "dibao-standard"


def test_a_pointing_word_takes_the_sentence_before_it(real: Any) -> None:
    (a,) = real.reader.read("句容有个婚俗改革宣教中心。请问它是什么级别的？")
    assert "婚俗改革宣教中心" in a.q.text
    got = real.ask("句容有个婚俗改革宣教中心。请问它是什么级别的？")
    assert got.status == "answered"
    assert got.best.id in ("qa-jurong-marriage-centre", "jurong-marriage-center-5a")


def test_a_story_lends_its_known_words_to_a_question_after_it_that_names_none(
    real: Any,
) -> None:
    message = "我爸领孤儿补贴那会儿还小，现在标准是3132了。照文章的涨幅倒推回去，19年是多少"
    got = real.ask(message)
    assert got.derived is not None and got.best.id == "orphan-standard-2024"


def test_a_pointing_word_that_names_its_noun_is_read_alone_too(real: Any) -> None:
    # The sentence before is all story; 这样的 + the noun again is a question of its own.
    message = "上周陪我姥爷去吃了顿饭，菜挺软和，他说价格也合适。全市像这样的助餐点建了几个？"
    (a,) = real.reader.read(message)
    assert a.lent is not None and a.lent.text.startswith("全市像这样的助餐点")
    got = real.ask(message)
    assert got.status == "answered" and got.best.id == "elderly-meal-points"


def test_what_was_heard_before_a_question_tells() -> None:
    assert shape.parts_of("听说连续几年都给老人买了保险，一共保了多少人") == [
        "听说连续几年都给老人买了保险，一共保了多少人"
    ]
    assert len(shape.parts_of("听说保险买了几年了？一共保了多少人")) == 1  # one sentence each
    assert len(shape.parts_of("保险买了几年，一共保了多少人")) == 2


def test_a_story_typed_with_spaces_is_dropped_clause_by_clause() -> None:
    readings = shape.without_story("你好 我是京口的 我爸刚退休 全市养老床位有多少张")
    assert readings[0] == "全市养老床位有多少张"
    assert "京口" not in readings[0] and "京口" in readings[-1]


def test_an_english_sentence_asks_only_as_a_question_opens() -> None:
    # "who" inside a statement is a relative pronoun, not a question.
    assert not shape.asks("I am a retiree who moved here last year.")
    assert shape.asks("How many beds are there")
    assert shape.asks("the dibao standard?")
    assert shape.question_sentences(
        "Hello! I am a nurse who works in Dantu. How many elderly-care beds does the city have?"
    ) == ["How many elderly-care beds does the city have?"]


# ---- several questions in one message --------------------------------------------------------


def test_sentences_that_each_ask_are_several_questions_in_order(engine: Any) -> None:
    assert _texts(engine, "低保标准是多少？养老床位有多少张？") == [
        "低保标准是多少？",
        "养老床位有多少张？",
    ]
    reply = engine.reply("低保标准是多少？养老床位有多少张？")
    assert [p.best.id for p in reply.parts] == ["dibao-standard", "elderly-beds"]


def test_clauses_that_each_ask_are_several_questions() -> None:
    assert shape.parts_of("养老机构几家，床位多少张") == ["养老机构几家", "床位多少张"]
    # A lead that does not ask stays with every question as its context.
    assert shape.parts_of("殡葬这块：减免了多少钱，惠及多少人") == [
        "殡葬这块减免了多少钱",
        "殡葬这块惠及多少人",
    ]
    assert shape.parts_of("低保标准是多少") == ["低保标准是多少"]


def test_clauses_typed_with_spaces_instead_of_commas() -> None:
    assert shape.parts_of("养老机构几家 床位多少张") == ["养老机构几家", "床位多少张"]
    # Words spaced apart, one question: nothing to split.
    assert shape.parts_of("低保 标准 是 多少") == ["低保 标准 是 多少"]


def test_a_clause_that_compares_what_the_one_before_named_is_the_same_question() -> None:
    assert shape.parts_of("慈善组织的增幅和孤儿标准的涨幅，哪个大？") == [
        "慈善组织的增幅和孤儿标准的涨幅，哪个大？"
    ]
    # A "which one" that compares nothing is a question of its own.
    assert shape.parts_of("低保标准是多少，哪个部门定的") == ["低保标准是多少", "哪个部门定的"]


def test_a_sentence_asking_only_by_how_much_belongs_to_the_comparison_before(engine: Any) -> None:
    (a,) = engine.reader.read("低保和孤儿标准，哪个涨得多？多几个点？")
    assert a.compute is not None and a.compute.op == "compare"


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("低保和孤儿保障标准分别提高了多少", ["低保提高了多少", "孤儿保障标准提高了多少"]),
        (
            "低保、孤儿保障标准、尊老金各是多少",
            ["低保是多少", "孤儿保障标准是多少", "尊老金是多少"],
        ),
        (
            "分别说一下养老机构数、床位数、等级养老机构占比",
            ["养老机构数", "床位数", "等级养老机构占比"],
        ),
        # What follows the last item's 的 (or its year) is every item's.
        ("镇江和南京的低保标准各是多少", ["镇江的低保标准是多少", "南京的低保标准是多少"]),
        (
            "2019年和2024年的低保标准分别是多少",
            ["2019年的低保标准是多少", "2024年的低保标准是多少"],
        ),
    ],
)
def test_enumerations_are_one_question_per_item(sentence: str, parts: list[str]) -> None:
    assert shape.parts_of(sentence) == parts


def test_each_item_of_an_enumeration_is_answered_in_order(real: Any) -> None:
    reply = real.reply("低保和孤儿保障标准分别提高了多少")
    assert [p.best.id for p in reply.parts] == [
        "dibao-standard-increase",
        "orphan-standard-increase",
    ]
    reply = real.reply("分别说一下养老机构数、床位数、等级养老机构占比")
    assert [p.best.id for p in reply.parts] == [
        "elderly-care-institutions",
        "elderly-care-beds",
        "rated-elderly-institutions-share",
    ]


def test_items_that_ask_on_their_own_are_not_an_enumeration() -> None:
    # Two clauses that each ask: split as clauses, not as the names of a list.
    assert shape.parts_of("低保是多少、孤儿标准是多少，分别说说") == [
        "低保是多少",
        "孤儿标准是多少",
    ]


def test_a_message_answers_at_most_max_parts_questions(engine: Any) -> None:
    message = "".join(f"问题{i}是多少？" for i in range(shape.MAX_PARTS + 3))
    assert len(engine.reader.read(message)) == shape.MAX_PARTS


# ---- questions about the article itself ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("作者是谁", "author"),
        ("记者是谁", "author"),
        ("这篇文章作者是谁", "author"),
        ("标题是什么", "title"),
        ("哪家报纸发的", "publisher"),
        ("这是系列第几篇", "series"),
        ("这篇文章是什么时候发表的", "date"),
        ("文章分几个部分", "sections"),
        ("这篇文章", "card"),
    ],
)
def test_questions_about_the_article_have_shape_article(
    engine: Any, question: str, field: str
) -> None:
    (a,) = engine.reader.read(question)
    assert (a.shape, a.article_field) == ("article", field)
    assert a.compute is None


@pytest.mark.parametrize(
    "question",
    [
        "文章里哪些指标是100%",  # about what the article reports, not the article
        "低保标准什么时候提高的",  # "时候" of a subject the article reports on
        "两部指南是谁写的",
    ],
)
def test_questions_about_what_the_article_reports_are_not_about_the_article(
    engine: Any, question: str
) -> None:
    (a,) = engine.reader.read(question)
    assert a.shape == "single" and a.article_field == ""


def test_a_list_of_what_the_article_says_is_a_listing_with_attributes(engine: Any) -> None:
    (a,) = engine.reader.read("文章里哪些指标是100%")
    assert a.listing and a.attributes == ("100%",)


def test_attributes_in_longest_first_each_once() -> None:
    assert shape.attributes_in("哪些是全省率先的，哪些全省率先") == ("全省率先",)
    assert shape.attributes_in("低保标准是多少") == ()


def test_is_listing() -> None:
    assert shape.is_listing("养老方面有哪些数据")
    assert shape.is_listing("", ("figures",))
    assert not shape.is_listing("低保标准是多少")


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("这几个数：慈善组织数量、公募项目数", ["慈善组织数量", "公募项目数"]),
        ("帮我分别查下养老机构数、床位数、助餐点数", ["养老机构数", "床位数", "助餐点数"]),
        ("麻烦列一下：兜底保障人次、临时救助人次", ["兜底保障人次", "临时救助人次"]),
        # items that name their figure by a noun (数量, 占比) still only name it
        (
            "请分别讲一下：孤儿数量、床位数量、等级机构占比",
            ["孤儿数量", "床位数量", "等级机构占比"],
        ),
        # a lead-in that counts its items lends no subject ("几个比例")
        ("两个比例帮我列一下：低保涨幅、慈善组织增幅", ["低保涨幅", "慈善组织增幅"]),
        # English: after a colon, items parted by commas and "and"
        (
            "Please look up: dibao standard, orphan standard and beds",
            ["dibao standard", "orphan standard", "beds"],
        ),
        ("Figures: beds, meal points", ["number of beds", "number of meal points"]),
    ],
)
def test_names_listed_after_a_lead_in_are_one_question_each(
    sentence: str, items: list[str]
) -> None:
    assert shape.after_lead_in(sentence) == items


def test_a_message_of_names_alone_asks_each_one() -> None:
    assert shape.after_lead_in("养老机构数量、床位、助餐点") == ["养老机构数量", "床位", "助餐点"]
    # … but not a sentence with 、 inside it that asks
    assert shape.after_lead_in("镇江被民政部、财政部评为了什么") == []


def test_a_lead_in_without_a_list_is_no_list() -> None:
    assert shape.after_lead_in("殡葬这块：减免了多少钱") == []
    assert shape.after_lead_in("养老机构几家、床位多少张") == []  # clauses that each ask


def test_a_listed_message_with_a_story_word_is_answered_item_by_item(engine: Any) -> None:
    # 麻烦 opens a story; the list after the colon is still what is asked.
    assert _texts(engine, "麻烦列一下：低保标准、养老机构数") == ["低保标准", "养老机构数"]


@pytest.mark.parametrize(
    "message", ["低保标准是多少？是多少", "低保标准是多少？有多少", "低保标准多少钱？呢"]
)
def test_a_part_that_only_repeats_the_one_before_is_one_question(engine: Any, message: str) -> None:
    got = engine.reply(message)
    assert len(got.parts) == 1 and got.first.best.id == "dibao-standard"
    # A part with a year, a place or a measure of its own is a question of its own.
    assert len(engine.reply("低保标准是多少？2019年呢").parts) == 2


def test_the_title_asked_as_typed_is_about_the_article(real: Any) -> None:
    """题目 is a title word: the pack's spun-题目 row is not applied to questions."""
    (a,) = real.reader.read("这篇文章的题目是什么")
    assert (a.shape, a.article_field) == ("article", "title")


def test_what_a_lead_in_counts_is_the_subject_of_every_item() -> None:
    items = shape.after_lead_in("家门口慈善的几个数：志愿服务场次、项目个数、受益人次，分别列一下")
    assert items == ["家门口慈善志愿服务场次", "家门口慈善项目个数", "家门口慈善受益人次"]
    # A request is no subject.
    assert shape.after_lead_in("麻烦列一下：低保标准、养老床位") == ["低保标准", "养老床位"]


def test_an_item_of_a_list_is_read_in_the_context_of_the_item_before(real: Any) -> None:
    """ "福彩的销售额、公益金、帮扶人次各是多少": 帮扶人次 of 福彩, not of 家门口慈善."""
    got = real.reply("福彩的销售额、公益金、帮扶人次各是多少")
    assert [p.best.id for p in got.parts] == [
        "welfare-lottery-sales",
        "welfare-lottery-public-funds",
        "welfare-lottery-aided-persons",
    ]
    # An item that names its own subject in full is not read as the one before.
    got = real.reply("这几件事分别是哪年：只需跑一次改革、社工站和慈善服务中心一体化")
    assert [p.best.id for p in got.parts] == ["qa-only-run-once", "qa-social-work-stations"]
    # Clauses that each ask on their own are no list: each keeps its own subject.
    got = real.reply("适老化改造完成几户，殡葬民生实事项目完成几个")
    assert [p.best.id for p in got.parts][1] != "home-aging-adaptation-households"


def test_a_numbered_item_naming_only_its_subject_asks_what_the_lead_in_asks(real: Any) -> None:
    asks = real.reader.read("两个标准各涨了多少：1. 低保 2. 孤儿保障标准有多少钱")
    assert [a.text for a in asks] == ["低保标准涨了多少", "孤儿保障标准有多少钱"]  # asks on its own
    assert asks[0].aspect == "change" and asks[1].aspect == "level"
    got = [p.hits[0].entry.id for p in real.reply("两个标准各涨了多少：1. 低保 2. 孤儿").parts]
    assert got == ["dibao-standard-increase", "orphan-standard-increase"]


def test_a_lead_in_that_asks_nothing_lends_its_year_only(real: Any) -> None:
    asks = real.reader.read("2024年的情况：1. 低保标准 2. 养老床位")
    assert [a.text for a in asks] == ["低保标准", "养老床位"]
    assert [a.q.years for a in asks] == [(2024,), (2024,)]


def test_a_numeral_with_ji_tells_an_age_it_does_not_ask_one() -> None:
    """ "六十几了": sixty-odd, said; the question is the clause after it."""
    assert not shape.asks("我家老人六十几了")
    assert shape.asks("老人几岁可以领")


def test_names_after_a_lead_in_may_be_typed_with_semicolons(real: Any) -> None:
    asks = real.reader.read("帮我列一下：低保标准；养老床位数；慈善组织数量")
    assert [a.text for a in asks] == ["低保标准", "养老床位数", "慈善组织数量"]
    assert [a.text for a in real.reader.read("低保标准是多少；养老床位多少张")] == [
        "低保标准是多少；",
        "养老床位多少张",
    ]  # clauses that ask are questions each, as before


def test_an_english_question_asks_whatever_its_case() -> None:
    assert shape.asks("What is the dibao standard")
    assert shape.parts_of("What is the dibao standard, and how many charities are there?") == [
        "What is the dibao standard",
        "and how many charities are there?",
    ]


def test_a_space_before_a_number_parts_two_questions() -> None:
    assert shape.parts_of("救助标准是哪年编的 39项标准是哪些") == [
        "救助标准是哪年编的",
        "39项标准是哪些",
    ]


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        # Punctuation inside a quoted name parts nothing.
        (
            "“只需跑一次、无需开证明”改革是哪年，低保标准多少",
            ["“只需跑一次、无需开证明”改革是哪年", "低保标准多少"],
        ),
        (
            "Which year did the 'run once, no papers' reform start?",
            ["Which year did the 'run once, no papers' reform start?"],
        ),
        (
            "What is Zhenjiang's dibao standard, and how many charities are there?",
            ["What is Zhenjiang's dibao standard", "and how many charities are there?"],
        ),
    ],
)
def test_a_quoted_name_keeps_its_commas(sentence: str, parts: list[str]) -> None:
    assert shape.parts_of(sentence) == parts


def test_a_list_with_the_request_after_it_is_one_question_per_item() -> None:
    assert shape.after_lead_in("养老机构数、床位数、助餐点数 三个数都给我") == [
        "养老机构数",
        "床位数",
        "助餐点数",
    ]
    # Names alone with no request are asked for each too; a sentence that asks is no list.
    assert shape.after_lead_in("养老机构数、床位数") == ["养老机构数", "床位数"]
    assert shape.after_lead_in("养老机构数、床位数是多少") == []


def test_an_english_story_before_the_question_is_its_own_sentence() -> None:
    assert shape.question_sentences(
        "Hi, I'm writing a report on elderly care. How many meal points are there?"
    ) == ["How many meal points are there?"]
    assert shape.clauses("低保标准是2.74万吗") == [
        "低保标准是2.74万吗"
    ]  # a decimal point ends nothing


def test_a_story_lends_its_words_to_every_part_of_the_question_after_it(real: Any) -> None:
    """Two questions after a story ("…低保户，每月领的钱…。这个标准是多少，哪年的？"): each part is
    read alone first, then with the story's subject words."""
    reply = real.reply("我家是低保户，每个月领的钱够买米面。这个标准现在是多少，是哪年的？")
    assert [p.status for p in reply.parts] == ["answered", "answered"]
    assert {p.hits[0].entry.id for p in reply.parts} == {"dibao-standard-2024"}
    assert reply.parts[0].question.endswith("这个标准现在是多少")  # the part as asked
