"""The decision: answered / ambiguous / no_match, and refusals that say what is known instead."""

from __future__ import annotations

import time

import pytest
from fixtures.engine_pack import build_knowledge

from bot.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_knowledge())


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("镇江低保标准是多少", "dibao-standard"),
        ("鎮江低保標準是多少", "dibao-standard"),
        ("底保标准", "dibao-standard"),
        ("dibao 2024", "dibao-standard"),
        ("What is Zhenjiang's minimum living allowance?", "dibao-standard"),
        ("2024年低保标准", "dibao-standard"),
        ("低保比2019年提高了多少", "dibao-standard"),
        ("我想问问咱们镇江现在给困难群众的低保每个月发多少钱", "dibao-standard"),
        ("2019年以来临时救助多少人次", "temporary-assistance"),
        ("2023年有多少网格员", "grid-workers"),
        ("丹阳殡葬改革", "danyang-funeral-reform"),
        ("尊老金免申即享是什么", "zunlaojin"),
        ("/ask@zjbot 养老院有几家", "elderly-institutions"),
    ],
)
def test_answered(engine: Engine, question: str, expected: str) -> None:
    a = engine.ask(question)
    assert a.status == "answered", a
    assert a.best is not None and a.best.id == expected


def test_number_lookup(engine: Engine) -> None:
    a = engine.ask("875元是什么标准")
    assert a.status == "answered" and a.reason == "number_lookup"
    assert a.best is not None and a.best.id == "dibao-standard"
    a = engine.ask("3539是什么数字")
    assert a.best is not None and a.best.id == "vagrant-assistance"


def test_topic_list(engine: Engine) -> None:
    for q in ("养老方面有哪些数据", "殡葬", "elderly care data"):
        a = engine.ask(q)
        assert a.status == "answered" and a.reason == "topic_list", q
        assert a.topic is not None
        assert all(h.entry.topic == a.topic.id for h in a.hits)


def test_ambiguous_offers_candidates(engine: Engine) -> None:
    a = engine.ask("100%是什么")
    assert a.status == "ambiguous"
    ids = {h.entry.id for h in a.hits}
    assert {"guardianship-rate", "accident-insurance"} <= ids


def test_related_entries_follow_the_answer(engine: Engine) -> None:
    a = engine.ask("低保标准")
    assert [h.entry.id for h in a.hits[1:]] == ["subsistence-people", "orphan-standard"]


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("南京低保标准是多少", "other_place"),
        ("上海养老机构有多少家", "other_place"),
        ("2025年低保标准", "unknown_year"),
        ("镇江人口有多少", "unknown_metric"),
        ("镇江GDP是多少", "unknown_metric"),
        ("镇江房价", "unknown_metric"),
        ("你好", "chitchat"),
        ("谢谢", "chitchat"),
        ("今天天气怎么样", "chitchat"),
        ("", "empty"),
        ("😀😀😀", "empty"),
        ("量子计算机的发展", "low_score"),
    ],
)
def test_out_of_scope_is_not_answered(engine: Engine, question: str, reason: str) -> None:
    a = engine.ask(question)
    assert a.status == "no_match", a
    assert a.reason == reason
    assert a.suggestions or reason == "empty"


@pytest.mark.parametrize(
    ("question", "known"),
    [
        ("2022年低保标准是多少", "dibao-standard"),  # stated for 2024 (and its change on 2019)
        ("2021年临时救助多少人次", "temporary-assistance"),
    ],
)
def test_a_year_inside_the_article_it_gives_no_figure_for_is_not_stated(
    engine: Engine, question: str, known: str
) -> None:
    """A year the article covers, but not for this figure: not stated, with what it states."""
    a = engine.ask(question)
    assert (a.status, a.reason) == ("not_stated", "date"), a
    assert a.known_instead and a.known_instead[0].entry.id == known


def test_known_instead_is_the_stated_figure(engine: Engine) -> None:
    a = engine.ask("2025年低保标准")
    assert [h.entry.id for h in a.known_instead] == ["dibao-standard"]
    assert a.detail == "2025"
    a = engine.ask("南京低保标准是多少")
    assert a.known_instead and a.known_instead[0].entry.id == "dibao-standard"
    assert a.detail == "南京"


def test_scores_are_0_to_100(engine: Engine) -> None:
    for q in ("低保", "养老", "100%", "1+39", "句容"):
        a = engine.ask(q)
        assert all(0 <= h.score <= 100 for h in (*a.hits, *a.known_instead))


def test_ask_is_fast(engine: Engine) -> None:
    questions = ["镇江低保标准是多少", "底保", "养老方面有哪些数据", "dibao", "南京低保"] * 40
    t0 = time.perf_counter()
    for q in questions:
        engine.ask(q)
    per_query = (time.perf_counter() - t0) / len(questions)
    assert per_query < 0.01  # generous: the benchmark measures the real figure


def test_ask_never_raises_on_broken_input(engine: Engine) -> None:
    a = engine.ask(None)  # type: ignore[arg-type]
    assert a.status == "no_match"


# ---- the curated pack: behaviour that needs the real sentences (figure + programme) ----------


@pytest.fixture(scope="module")
def real() -> Engine:
    from bot.knowledge.loader import load_knowledge

    return Engine(load_knowledge())


def _best(engine: Engine, question: str) -> str:
    a = engine.ask(question)
    assert a.status == "answered", (question, a.status, [h.entry.id for h in a.hits])
    assert a.best is not None
    return a.best.id


def test_figure_and_programme_of_one_sentence_follow_the_question(real: Engine) -> None:
    a = real.ask("小网格大救助是什么")
    assert a.status == "answered" and a.best is not None
    assert a.best.id == "qa-small-grid-big-assistance"
    assert "grid-workers-in-assistance" in [h.entry.id for h in a.hits[1:]]
    a = real.ask("有多少网格员参与社会救助")
    assert a.best is not None and a.best.id == "grid-workers-in-assistance"
    assert "qa-small-grid-big-assistance" in [h.entry.id for h in a.hits[1:]]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("兜底保障一共帮了多少人", "basic-support-recipients"),
        ("兜底保障一共花了多少钱", "basic-support-funds"),
        ("镇爱童享给多少孩子买了保险", "child-insurance-children"),
        ("镇爱童享一共投了多少钱", "child-insurance-funds"),
        ("敬老院一共多少家", "elderly-care-institutions"),
        ("敬老院一共多少张床", "elderly-care-beds"),
        ("家门口慈善让多少人受益", "doorstep-charity-beneficiaries"),
        ("家门口慈善花了多少钱", "doorstep-charity-funds"),
    ],
)
def test_unit_words_steer_between_sibling_figures(
    real: Engine, question: str, expected: str
) -> None:
    assert _best(real, question) == expected


def test_a_change_question_wants_the_change(real: Engine) -> None:
    assert _best(real, "What is the dibao standard in Zhenjiang?") == "dibao-standard-2024"
    assert _best(real, "低保涨幅是多少") == "dibao-standard-increase"
    assert _best(real, "How much has the dibao standard risen since 2019?") in (
        "dibao-standard-increase",
        "dibao-standard-2024",
    )


def test_a_comparison_base_year_is_not_the_asked_year(real: Engine) -> None:
    assert _best(real, "低保标准比2019年提高了多少") in (
        "dibao-standard-increase",
        "dibao-standard-2024",
    )
    a = real.ask("低保标准比2015年提高了多少")
    assert a.status == "no_match" and a.reason == "unknown_year"
    assert a.detail == "2015"


def test_undated_figure_does_not_answer_for_an_earlier_year(real: Engine) -> None:
    a = real.ask("2022年慈善组织有多少家")
    assert (a.status, a.reason) == ("not_stated", "date")
    assert [h.entry.id for h in a.known_instead][:1] == ["charity-organizations"]


def test_typos_and_pinyin_reach_the_entry(real: Engine) -> None:
    assert _best(real, "养劳院有多少家") == "elderly-care-institutions"
    assert _best(real, "低宝一个月多少钱") == "dibao-standard-2024"  # 一个月 is not the number 1
    assert _best(real, "fucai xiaoshou e") in (
        "welfare-lottery-sales",
        "qa-welfare-lottery-contribution",
    )


def test_tied_figures_are_answered_by_their_programme(real: Engine) -> None:
    a = real.ask("镇江人捐款多不多，在江苏排名怎么样")
    assert a.status == "answered" and a.best is not None
    assert a.best.id == "qa-charity-one-day-donation"
    listed = {h.entry.id for h in a.hits[1:]}
    assert {"charity-donation-total-rank", "charity-donation-per-capita-rank-2024"} <= listed


def test_the_province_is_out_of_scope_but_a_yardstick_is_not(real: Engine) -> None:
    a = real.ask("江苏全省低保标准是多少")
    assert a.status == "no_match" and a.reason == "other_place"
    assert [h.entry.id for h in a.known_instead][:1] == ["dibao-standard-2024"]
    assert real.ask("镇江孤儿补贴是不是全省最高").status == "answered"


@pytest.mark.parametrize("question", ["镇江有多少老年人", "镇江有多少孤儿"])
def test_a_count_of_a_topic_is_not_a_topic_list(real: Engine, question: str) -> None:
    a = real.ask(question)
    assert a.status == "no_match" and a.reason == "unknown_metric"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("养老服务的数字都列一下", "elderly-care"),
        ("慈善方面都有什么数据", "charity"),
        ("低保救助这块都有哪些数字", "social-assistance"),
    ],
)
def test_topic_list_phrasings(real: Engine, question: str, topic: str) -> None:
    a = real.ask(question)
    assert a.reason == "topic_list" and a.topic is not None and a.topic.id == topic


def test_settle_heap_freezes_what_exists() -> None:
    import gc

    from bot.engine import settle_heap

    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("孤儿一个月给多少钱", "orphan-standard-2024"),  # money, not a head count of orphans
        ("兜底花了多少亿", "basic-support-funds"),  # 多少亿 asks for money
        ("低保一月几百块", "dibao-standard-2024"),  # 几百块: a magnitude before the measure
        ("养老院一床难求怎么办", "qa-elderly-bed-supply"),  # 怎么办 wants the programme
        ("60岁以上老人意外保险是政府出钱吗", "qa-ankang-care"),  # figure + programme: no rivals
    ],
)
def test_held_out_wordings(real: Engine, question: str, expected: str) -> None:
    a = real.ask(question)
    assert a.status == "answered", a
    assert a.best is not None and a.best.id == expected


@pytest.mark.parametrize(
    "question",
    [
        "高龄津贴标准多少",  # the programme (尊老金) is there, its amount is not
        "百岁老人长寿金多少",
        "临时救助标准是多少钱",  # 临时救助 counts people; "救助管理标准" is no amount
        "医疗救助标准多少",
        "体育彩票卖了多少钱",  # 体彩 is not 福彩
        "残疾人两项补贴标准是多少",
        "低保边缘家庭标准是多少",
    ],
)
def test_near_miss_metrics_are_not_answered(real: Engine, question: str) -> None:
    a = real.ask(question)
    assert a.status != "answered", a


# ---- the reply's language -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What is Zhenjiang's minimum living allowance?",
        "how many care homes",
        "/ask@zj_bot what is the dibao",
        "What is Zhenjiang's GDP?",
        "hello",
    ],
)
def test_english_questions_are_marked_english(real: Engine, question: str) -> None:
    assert real.ask(question).lang == "en"


@pytest.mark.parametrize(
    "question",
    ["镇江低保标准是多少", "dibao 2024", "dibao", "guer butie", "低保 how much", "/ask dibao", ""],
)
def test_chinese_and_pinyin_questions_stay_chinese(real: Engine, question: str) -> None:
    """Pinyin typed in Latin letters is Chinese; any Han typed makes the question Chinese."""
    assert real.ask(question).lang == "zh"


def test_english_question_matches_like_its_chinese_twin(real: Engine) -> None:
    en = real.ask("What is Zhenjiang's minimum living allowance?")
    zh = real.ask("镇江低保标准是多少")
    assert en.status == zh.status == "answered"
    assert en.best is not None and zh.best is not None and en.best.id == zh.best.id
