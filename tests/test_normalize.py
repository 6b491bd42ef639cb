"""Question normalization: both sides of the match converge on one form."""

from __future__ import annotations

import pytest
from fixtures.engine_pack import SCOPE, SOURCE

from bot.knowledge.models import GlossaryTerm, Knowledge, Pack, RestorationRow
from bot.understand.normalize import Normalizer, clean, phrase_table, phrases_in
from bot.understand.places import Gazetteer


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    pack = Pack("p", SOURCE, "", "", (), (), (), (), (), scope=SCOPE)
    return Normalizer(
        places=Gazetteer(Knowledge((pack,))),
        restoration=[
            RestorationRow("救济", "救助", "certain"),
            RestorationRow("姑且救济", "临时救助", "certain"),
            RestorationRow("免费", "收费", "certain", queries=False),
        ],
        glossary=[
            GlossaryTerm("低保", ("最低生活保障", "低保金")),
            GlossaryTerm("孤儿保障标准", ("孤儿补贴",)),
        ],
    )


def test_clean_folds_width_case_and_traditional() -> None:
    assert clean("ＧＤＰ") == "gdp"
    assert clean("鎮江低保標準") == "镇江低保标准"
    assert clean("低\u200b保\u202e\x00") == "低保"
    assert clean("") == ""


def test_filler_places_and_years_are_pulled_out(norm: Normalizer) -> None:
    q = norm.normalize("请问镇江市2024年的低保标准是多少？")
    assert q.text == "低保标准"
    assert q.years == (2024,)
    assert "镇江市" in q.places  # the pack's city, by its canonical name
    assert [r.role for r in q.place_refs] == ["city"]
    assert not q.other_places


def test_command_mention_and_traditional(norm: Normalizer) -> None:
    assert norm.normalize("/ask@ZjBot 鎮江低保標準是多少呢").text == "低保标准"
    assert norm.normalize("@zhenjiang_bot 低保").text == "低保"


def test_glossary_and_restoration_apply(norm: Normalizer) -> None:
    assert norm.normalize("最低生活保障多少钱").text == "低保"
    assert norm.normalize("姑且救济多少人次").text == "临时救助"
    assert norm.index_text("低保金") == "低保"


def test_context_only_rows_are_not_applied_to_questions(norm: Normalizer) -> None:
    assert "免费" in norm.normalize("养老免费吗").text


def test_other_places_and_english(norm: Normalizer) -> None:
    q = norm.normalize("What is Nanjing's minimum living allowance?")
    assert q.other_places == ("南京",)
    assert q.english == ("minimum", "living", "allowance")
    assert norm.normalize("南京低保").other_places == ("南京",)


def test_year_forms(norm: Normalizer) -> None:
    assert norm.normalize("二〇二四年低保").years == (2024,)
    assert norm.normalize("24年低保").years == (2024,)
    q = norm.normalize("2019-2022年殡葬")
    assert q.years == (2019, 2020, 2021, 2022)
    assert q.year_range
    assert norm.normalize("2019年以来救助").year_range
    for ranged in ("2019到2022年殡葬", "从2019年到2022年殡葬", "2019至2022年殡葬"):
        q = norm.normalize(ranged)
        assert q.years == (2019, 2020, 2021, 2022), ranged
        assert q.text == "殡葬", "what joined the years is no word of the question"
    assert norm.normalize("2221名儿童").years == ()


def test_numbers_exclude_years(norm: Normalizer) -> None:
    q = norm.normalize("2024年875元是什么")
    assert [n.value for n in q.numbers] == [875.0]


@pytest.mark.parametrize(
    "text", ["你好", "谢谢！", "今天天气怎么样", "hello", "thanks!", "你能做什么"]
)
def test_chitchat(norm: Normalizer, text: str) -> None:
    assert norm.normalize(text).chitchat


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "？？？", "\x00\x01"])
def test_empty(norm: Normalizer, text: str) -> None:
    assert norm.normalize(text).empty


def test_phrase_tables_are_restorers_leftmost_longest_single_pass() -> None:
    t = phrase_table(
        [("延续", "持续"), ("持续", "连续"), ("低保", "低保标准"), ("低保标准", "低保标准")]
    )
    assert t.apply("延续持续") == "持续连续"  # replaced text is not re-scanned
    assert t.apply("低保标准") == "低保标准"  # identity row protects the longer term
    assert t.apply("低保") == "低保标准"
    assert phrases_in(t, "一延续二持续") == ["延续", "持续"]
    assert phrase_table([]).apply("x") == "x"
    assert phrases_in(phrase_table([]), "x") == []


@pytest.fixture(scope="module")
def typo_norm() -> Normalizer:
    return Normalizer(
        glossary=[
            GlossaryTerm("孤儿保障标准", ("孤儿补贴",)),
            GlossaryTerm("养老机构", ("养老院",)),
            GlossaryTerm("福利彩票", ("福彩",)),
        ],
        vocabulary=["临时救助", "销售额", "低保", "孤儿补贴", "养老院"],  # entry aliases
        english_vocabulary=["dibao", "standard"],
    )


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("姑儿补贴多少", "孤儿保障标准"),  # homophone typo, then the glossary
        ("养劳院有几家", "养老机构"),
        ("林时救助多少人次", "临时救助"),
        ("guer butie", "孤儿保障标准"),  # pinyin spelled back into Chinese
        ("fucai xiaoshou e", "福利彩票销售额"),
        ("linshi jiuzhu", "临时救助"),
    ],
)
def test_typos_and_pinyin_are_repaired(typo_norm: Normalizer, typed: str, text: str) -> None:
    assert typo_norm.normalize(typed).text == text


def test_repair_leaves_real_words_and_english_alone(typo_norm: Normalizer) -> None:
    assert typo_norm.normalize("dibao").english == ("dibao",)  # an English word of the entries
    assert typo_norm.normalize("How many people").english == ("people",)
    assert typo_norm.normalize("时期").text == "时期"  # sounds like nothing known
    # A glossary synonym is spelled from pinyin but is no target for repairing characters:
    # 职工 stays 职工 although the synonym 志工 sounds the same.
    norm = Normalizer(glossary=[GlossaryTerm("志愿者", ("志工",))], vocabulary=["志愿者"])
    assert norm.normalize("公司职工").text == "公司职工"
    assert norm.normalize("zhigong").text == "志愿者"


@pytest.mark.parametrize(
    ("question", "measure", "named"),
    [
        ("兜底保障一共帮了多少人", "people", True),
        ("给孩子们买保险花了多少钱", "money", True),
        ("买彩票的钱帮了多少人", "people", True),  # the measure word beats the loose 钱
        ("给多少困境儿童买了综合保险", "people", True),
        ("敬老院一共多少家", "家", True),
        ("开展了多少个慈善公募项目", "个", True),
        ("政府兜底花了多少", "money", False),
        ("养老机构综合责任险覆盖率", "percent", False),
        ("How many elderly care beds are there?", "张", True),
        ("How many people received help?", "people", True),
        ("How many elderly care homes are there?", "count", True),
        ("How many person-times of temporary assistance?", "people", True),  # 人次
        ("How many visits do the meal points serve?", "people", True),
        ("解决问题件数", "件", False),  # a count named by its classifier
        ("适老化改造户数", "户", False),
        ("低保标准", "", False),
        ("这几年困难群众兜底保障砸了多少钱", "money", True),  # 这几年 asks no 几
        ("低保标准和2019年相比提高了多少个百分比", "percent", True),
        ("镇江现在有多少低保户", "户", True),  # before the glossary's 低保户 -> 低保
        ("给多少个娃买了保险", "people", True),
        ("帮流浪的人找到家的有几个呀", "", False),  # a bare 个 names no kind
        ("比上次高了几个点", "percent", True),  # 几个点: percentage points, not a count
        ("这项服务坚持了多少年", "years", True),  # how long
        ("保险买了多久了", "years", False),
        ("这几年慈善组织多了几家", "家", True),  # 这几年 is no duration asked
        ("保险覆盖的孩子数", "people", False),  # a head count named by its noun
        ("哪件事是全省率先的", "", False),  # 率先 (first to) is no rate
        ("帮多少困难和低保家庭申请了", "people", True),  # the counted noun a few words on
        ("听说连续几年都在建，一共建了多少张床位", "张", True),  # the last wh-word asks
        ("一共投入多少钱（几年加起来）", "money", True),  # … not one in an aside
    ],
)
def test_measure_of_the_figure_asked(
    norm: Normalizer, question: str, measure: str, named: bool
) -> None:
    q = norm.normalize(question)
    assert (q.measure, q.measure_named) == (measure, named)


def test_an_age_bounding_whom_is_asked_about_hints_no_measure(norm: Normalizer) -> None:
    assert norm.normalize("70岁以上的老人有免费体检吗").measure == ""
    assert norm.normalize("是不是满80岁就行").measure == "age"  # the age is what is asked


def test_intent_change_and_per(norm: Normalizer) -> None:
    assert norm.normalize("低保每个月多少钱").intent == "quantity"
    assert norm.normalize("低保每个月多少钱").per == "月"
    assert norm.normalize("小网格大救助是什么").intent == "what"
    assert norm.normalize("一床难求怎么解决").intent == "what"  # 床位-like hints are not "how many"
    assert norm.normalize("这几年低保涨了多少").change
    assert not norm.normalize("养老机构占比多少").change


def test_baseline_year_is_not_the_asked_year(norm: Normalizer) -> None:
    q = norm.normalize("低保标准比2019年提高了多少")
    assert (q.years, q.baseline_years, q.change) == ((), (2019,), True)
    q = norm.normalize("2024年低保较2019年涨了多少")
    assert (q.years, q.baseline_years) == ((2024,), (2019,))
    q = norm.normalize("How much has the dibao standard risen since 2019?")
    assert q.years == (2019,) and q.year_range  # "since": a span from 2019 on
    assert norm.normalize("2019年和2024年低保").years == (2019, 2024)
    q = norm.normalize("跟19年比涨了多少")  # a short year after 跟 … 比 is a base too
    assert (q.years, q.baseline_years) == ((), (2019,))


def test_a_month_is_not_the_number_one(norm: Normalizer) -> None:
    assert norm.normalize("低保一个月多少钱").numbers == ()
    assert norm.normalize("两个人").numbers == ()
    assert [n.value for n in norm.normalize("两万人").numbers] == [20000.0]


def test_province(norm: Normalizer) -> None:
    assert norm.normalize("江苏全省低保标准").province
    assert not norm.normalize("镇江低保标准").province


def test_magnitude_before_measure_word_names_the_measure() -> None:
    from bot.understand.normalize import Normalizer, stem

    n = Normalizer()
    assert (n.normalize("低保一月几百块").measure, n.normalize("低保一月几百块").measure_named) == (
        "money",
        True,
    )
    assert n.normalize("兜底花了多少亿").measure == "money"
    assert n.normalize("几十万人次").measure == "people"
    assert "百" not in n.normalize("低保一月几百块").text
    assert stem("helped") == "help" and stem("assisted") == "assist" and stem("need") == "need"


def test_a_stated_figure_hints_at_the_kind_asked_about(norm: Normalizer) -> None:
    q = norm.normalize("养老机构是不是有两百多家")
    assert (q.measure, q.measure_named) == ("家", False), "a hint, not a measure word"
    assert norm.normalize("低保标准是875元吗").measure == "money"
    assert norm.normalize("养老机构是不是很多").measure == ""


def test_a_glossary_phrase_split_by_filler_is_still_read(norm: Normalizer) -> None:
    # 那个 is filler; what it split is the glossary's 孤儿补贴 (-> 孤儿保障标准).
    assert norm.normalize("孤儿那个补贴是多少").text == "孤儿保障标准"


def test_a_share_asked_names_a_percentage(norm: Normalizer) -> None:
    for q in ("养老机构里等级机构占多少", "等级养老机构占比多少", "非等级养老机构占几成"):
        assert (norm.normalize(q).measure, norm.normalize(q).measure_named) == ("percent", True), q


def test_a_choice_between_month_and_year_asks_neither(norm: Normalizer) -> None:
    assert norm.normalize("这个是每月还是每年的").per == ""
    assert norm.normalize("每个月三千多，一年下来是多少").per == "年"


def test_which_ones_with_a_count_is_no_subject(norm: Normalizer) -> None:
    """ "哪两份", "哪几项": the question word and its classifier, not words to match."""
    assert norm.normalize("编写的哪两份指南").text == norm.normalize("编写的指南").text
    assert norm.normalize("靠哪几项机制").text == norm.normalize("靠机制").text


def test_asking_for_a_name_is_no_subject(norm: Normalizer) -> None:
    assert norm.normalize("关爱服务品牌叫什么名字").text == norm.normalize("关爱服务品牌").text
    assert norm.normalize("你叫什么名字").chitchat  # asked of the bot, it is small talk


def test_an_english_change_word_is_a_whole_word(norm: Normalizer) -> None:
    assert not norm.normalize("an exchange student asks about meal points").change
    assert norm.normalize("how much did the standard grow").change
