"""bot/decide/fit.py: does this entry state what was asked, or only speak of its subject?

The rules are pinned on small hand-built entries (one per situation); the decider's use of the
check — a fitting candidate close behind a misfit best answers instead — on the engine pack.
"""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of, qa

from bot.decide.fit import Fit, check
from bot.engine import Engine
from bot.render import render_plain

ENTRIES = (
    ind(
        id="dibao",
        title="低保标准",
        value="875",
        unit="元/人·月",
        period="2024年",
        years=[2024],
        change="较2019年提高16.7%",
        baseline="2019年",
        quote="2024年全市城乡低保标准达每人每月875元,较2019年提高16.7%",
    ),
    ind(
        id="orphan",
        topic="child-welfare",
        title="集中供养孤儿保障标准",
        value="3132",
        unit="元/人·月",
        period="2024年",
        years=[2024],
        scope="全市集中供养孤儿",
        quote="2024年镇江市集中供养孤儿保障标准达每人每月3132元",
    ),
    ind(
        id="insured-children",
        topic="child-welfare",
        title="购买综合保险的儿童人数",
        value="2221",
        unit="名",
        period="连续4年",
        scope="困境儿童和农村留守儿童",
        quote="连续4年为2221名困境儿童和农村留守儿童购买综合保险,累计投入资金60余万元",
    ),
    ind(
        id="insurance-funds",
        topic="child-welfare",
        title="儿童综合保险投入资金",
        value="60余万",
        unit="元",
        period="连续4年",
        scope="困境儿童和农村留守儿童",
        quote="连续4年为2221名困境儿童和农村留守儿童购买综合保险,累计投入资金60余万元",
    ),
    ind(
        id="support-people",
        title="兜底保障困难群众人次",
        value="12.24万",
        unit="人次",
        period="2019年以来",
        years=[2019, 2020, 2021, 2022, 2023, 2024],
        quote="2019年以来,全市共有12.24万人次困难群众获得兜底保障",
    ),
    ind(
        id="beds",
        topic="elderly-care",
        title="养老机构床位数",
        value="1.72万",
        unit="张",
        period="截至报道时",
        quote="养老机构床位1.72万张",
    ),
    ind(
        id="orphan-highest",
        topic="child-welfare",
        title="孤儿保障标准",
        value="3132",
        unit="元/人·月",
        period="2024年",
        years=[2024],
        quote="孤儿保障标准达每人每月3132元,保障标准全省最高",
    ),
    qa(
        id="memorial",
        topic="funeral",
        title="江海葬纪念园",
        answer="镇江建成全市首个江海葬纪念园。",
        quote="建成全市首个江海葬纪念园",
    ),
    qa(
        id="symposium",
        title="全国流浪乞讨救助研讨会",
        answer="2020年民政部在镇江召开全国研讨会。",
        period="2020年",
        years=[2020],
        actors=["民政部"],
        quote="2020年,民政部在镇江召开全国流浪乞讨救助工作管理标准体系研讨会",
    ),
    qa(
        id="eco-burial",
        topic="funeral",
        title="生态人文纪念园",
        answer="句容市在白兔镇打造生态人文纪念园。",
        period="2021年",
        years=[2021],
        scope="句容市",
        quote="2021年,句容市以白兔镇古煌村20亩低效林改造为契机,打造生态人文纪念园",
    ),
    qa(
        id="four-mechanisms",
        topic="trade-associations",
        title="行业协会商会监管四项机制",
        answer="自律自查、联动协同、正向激励、长效监管。",
        period="2021年",
        years=[2021],
        components=["自律自查", "联动协同", "正向激励", "长效监管"],
        quote="通过自律自查、联动协同、正向激励、长效监管“四项机制”",
    ),
    qa(
        id="one-three-n",
        topic="trade-associations",
        title="1+3+N优化营商环境工作机制",
        answer="聚焦一个中心、搭建3个平台、融入N个行业。",
        period="2023年",
        years=[2023],
        components=["一个中心", "3个平台", "N个行业"],
        quote="2023年,镇江市建立“1+3+N”优化营商环境工作机制",
    ),
    qa(
        id="giving-drive",
        topic="charity",
        title="爱心一日捐与人均捐款",
        answer="持续开展爱心一日捐，2024年人均捐款位列全省第一。",
        period="连续五年；2024年",
        years=[2024],
        quote="持续开展“爱心一日捐”等募集活动,捐款总量连续五年位列全省前列,2024年人均捐款位列全省第一",
    ),
    qa(
        id="renovation",
        topic="elderly-care",
        title="适老化改造",
        answer="适老化改造获评十佳民生实事项目。",
        quote="居家适老化改造行动获评镇江市十佳民生实事项目",
    ),
    ind(
        id="charity-orgs",
        topic="charity",
        title="慈善组织数量",
        value="25",
        unit="家",
        period="截至报道时",
        quote="全市现有登记或认定慈善组织25家",
    ),
    ind(
        id="standards",
        topic="assistance",
        title="救助管理标准",
        value="1+39",
        unit="",
        period="2020年",
        years=[2020],
        quote="2020年,镇江市编制“1+39”救助管理标准",
    ),
)


@pytest.fixture(scope="module")
def tiny() -> Engine:
    return Engine(knowledge_of(*ENTRIES))


@pytest.fixture(scope="module")
def fit(tiny: Engine) -> Any:
    def run(question: str, entry_id: str) -> Fit:
        (a,) = tiny.reader.read(question)
        e = tiny.knowledge.entries[entry_id]
        return check(a, e, tiny.book.said(e))

    return run


def _miss(reason: str, detail: str = "") -> Fit:
    return Fit(False, reason, detail)


# ---- district --------------------------------------------------------------------------------


def test_a_district_the_entry_does_not_speak_of(fit: Any) -> None:
    assert fit("润州区低保标准是多少", "dibao") == _miss("district", "润州区")
    assert fit("丹阳低保标准是多少", "dibao") == _miss("district", "丹阳市")
    assert fit("低保标准是多少", "dibao").ok
    assert fit("镇江低保标准是多少", "dibao").ok  # the city itself narrows nothing


def test_a_place_the_entry_names_fits(fit: Any) -> None:
    assert fit("句容的生态人文纪念园是什么", "eco-burial").ok
    assert fit("白兔镇的生态人文纪念园是什么", "eco-burial").ok
    assert fit("丹阳的生态人文纪念园是什么", "eco-burial") == _miss("district", "丹阳市")


# ---- population ------------------------------------------------------------------------------


def test_a_qualifier_the_entry_does_not_state(fit: Any) -> None:
    assert fit("散居孤儿保障标准是多少", "orphan") == _miss("population", "散居")
    assert fit("集中供养孤儿保障标准是多少", "orphan").ok
    # 城乡 covers 农村: the citywide urban-and-rural standard is the rural one too.
    assert fit("农村低保标准是多少", "dibao").ok


def test_a_group_the_entry_never_mentions(fit: Any) -> None:
    assert fit("兜底保障的老年人有多少人次", "support-people") == _miss("population", "老年人")
    assert fit("兜底保障的困难群众有多少人次", "support-people").ok


def test_one_group_of_a_two_group_population_for_a_count_of_people(fit: Any) -> None:
    assert fit("留守儿童买保险的有多少名", "insured-children") == _miss(
        "population", "农村留守儿童"
    )
    assert fit("困境儿童和农村留守儿童买保险的有多少名", "insured-children").ok
    # Both groups, their shared head noun said once.
    assert fit("困境和留守儿童买保险的有多少名", "insured-children").ok
    # Money spent on both groups is still the programme's money: not a population miss.
    assert fit("留守儿童保险投入多少钱", "insurance-funds").ok


# ---- measure ---------------------------------------------------------------------------------


def test_a_head_count_asked_of_money(fit: Any) -> None:
    """ "困境儿童有多少" counts children: the programme's money is no answer."""
    assert fit("综合保险里困境儿童有多少", "insurance-funds") == _miss("measure", "people")


def test_a_head_count_qualified_by_an_age_is_no_age(real: Any) -> None:
    got = real.ask("全市70岁以上的老年人一共有多少")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "people")


def test_money_asked_of_a_count(fit: Any) -> None:
    assert fit("养老机构床位花了多少钱", "beds") == _miss("measure", "money")
    assert fit("养老机构床位有多少张", "beds").ok


def test_people_asked_of_money(fit: Any) -> None:
    assert fit("低保标准有多少人", "dibao") == _miss("measure", "people")


def test_per_year_of_a_monthly_standard(fit: Any) -> None:
    assert fit("低保一年多少钱", "dibao") == _miss("measure", "per_year")
    assert fit("低保每个月多少钱", "dibao").ok


def test_an_average_per_unit_asked_of_a_total(fit: Any) -> None:
    assert fit("每千人拥有多少张养老机构床位", "beds") == _miss("measure", "per_unit")
    assert fit("人均养老机构床位多少张", "beds") == _miss("measure", "per_unit")
    assert fit("低保标准每人每月多少", "dibao").ok  # 每人每月 is the figure's own unit


def test_a_rate_the_entry_does_not_name(fit: Any) -> None:
    assert fit("养老机构床位的入住率是多少", "beds") == _miss("measure", "percent")
    assert fit("低保标准是全省率先提高的吗", "dibao").reason != "measure"  # 率先 is no rate


def test_an_investment_is_money(fit: Any) -> None:
    assert fit("养老机构床位总投资多少", "beds") == _miss("measure", "money")


def test_a_figure_asked_of_an_entry_without_one(fit: Any) -> None:
    assert fit("江海葬纪念园有多少", "memorial") == _miss("measure", "")
    assert fit("江海葬纪念园花了多少钱", "memorial") == _miss("measure", "money")


# ---- date ------------------------------------------------------------------------------------


def test_when_of_an_undated_entry(fit: Any) -> None:
    assert fit("江海葬纪念园是哪一年建的", "memorial") == _miss("date")
    assert fit("四项机制是哪一年建立的", "four-mechanisms").ok
    # A span (连续4年) says how long, not when.
    assert fit("儿童综合保险是哪一年开始买的", "insured-children") == _miss("date")


def test_a_day_asked_of_an_entry_that_states_only_a_year(fit: Any) -> None:
    assert fit("低保标准每月几号发", "dibao") == _miss("date", "day")
    assert fit("低保标准是哪一年的", "dibao").ok


def test_when_of_an_entry_whose_year_dates_something_else(fit: Any) -> None:
    # 2024年 dates the per-capita ranking that follows it, not the drive named before it.
    assert fit("爱心一日捐是从哪年开始办的", "giving-drive") == _miss("date")
    assert fit("人均捐款是哪一年全省第一的", "giving-drive").ok


# ---- detail ----------------------------------------------------------------------------------


def test_who_of_an_entry_that_names_no_actor(fit: Any) -> None:
    assert fit("江海葬纪念园是哪个部门建的", "memorial") == _miss("detail", "actor")
    assert fit("研讨会是哪个部门召开的", "symposium").ok
    # A kind of organisation none of its actors is (民政部 is no company).
    assert fit("研讨会是哪家公司承办的", "symposium") == _miss("detail", "actor")


def test_where_of_an_entry_that_names_no_place(fit: Any) -> None:
    assert fit("江海葬纪念园在哪里", "memorial") == _miss("detail", "place")
    assert fit("生态人文纪念园在哪里", "eco-burial").ok  # 句容市, 白兔镇
    assert fit("研讨会在哪里召开", "symposium").ok  # "在镇江召开": the city is where


def test_a_list_the_entry_does_not_give(fit: Any) -> None:
    assert fit("江海葬纪念园包括哪些", "memorial") == _miss("detail", "list")
    assert fit("四项机制分别是什么", "four-mechanisms").ok
    # The names of the things a count counts are a list too.
    assert fit("慈善组织能告诉我名字吗", "charity-orgs") == _miss("detail", "list")
    # The counted parts of a figure written as a sum ("1+39"): a list it does not give.
    assert fit("救助管理标准那39项是什么内容", "standards") == _miss("detail", "list")


def test_the_parts_of_a_part(fit: Any) -> None:
    assert fit("1+3+N是哪些", "one-three-n").ok
    assert fit("1+3+N里的3个平台是哪三个", "one-three-n") == _miss("detail", "list")


def test_a_change_of_a_figure_stated_without_one(fit: Any) -> None:
    assert fit("养老机构床位增加了多少张", "beds") == _miss("detail", "change")
    assert fit("低保标准提高了多少", "dibao").ok


# ---- claim -----------------------------------------------------------------------------------


def test_an_honour_asked_of_an_entry_that_names_none(fit: Any) -> None:
    assert fit("江海葬纪念园获过什么奖吗", "memorial") == _miss("claim", "honour")
    assert fit("适老化改造获评了什么", "renovation").ok


def test_a_rank_the_entry_does_not_state(fit: Any) -> None:
    assert fit("低保标准全省排第几", "dibao") == _miss("claim", "rank")
    assert fit("孤儿保障标准全省排第几", "orphan-highest").ok  # 全省最高 is a rank


def test_a_rank_asked_at_another_level_than_the_one_stated(fit: Any) -> None:
    # 全省最高 says nothing of the country.
    assert fit("孤儿保障标准在全国排第几", "orphan-highest") == _miss("claim", "全国")
    assert fit("孤儿保障标准在省里排第几", "orphan-highest").ok


# ---- the decider: a fitting candidate close behind a misfit best -----------------------------


def test_a_fitting_candidate_close_behind_a_misfit_best_answers(engine: Any) -> None:
    question = "兜底保障花了多少钱"
    (a,) = engine.reader.read(question)
    ranked = engine.index.search(a.q, limit=3)
    assert [s.entry.id for s in ranked[:2]] == ["subsistence-people", "subsistence-funds"]
    assert check(a, ranked[0].entry, engine.book.said(ranked[0].entry)).reason == "measure"
    got = engine.ask(question)
    assert got.status == "answered" and got.best.id == "subsistence-funds"


def test_no_fitting_candidate_is_not_stated_with_what_the_article_states(engine: Any) -> None:
    got = engine.ask("镇爱童享投入了多少钱")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "money")
    assert got.hits == ()
    assert [h.entry.id for h in got.known_instead][:1] == ["zhen-ai-tong-xiang"]


@pytest.mark.parametrize(
    ("question", "reason", "detail", "known"),
    [
        ("散居孤儿保障标准是多少", "population", "散居", "orphan-standard-2024"),
        ("留守儿童买保险的有多少名", "population", "农村留守儿童", "child-insurance-children"),
        # 孩子 (儿童, of both groups), then one of them: the part is asked
        (
            "买保险的孩子里农村留守儿童有多少名",
            "population",
            "农村留守儿童",
            "child-insurance-children",
        ),
        # a group left out is no answer from its own figure
        ("困境儿童（不是孤儿）的保障标准是多少", "population", "困境儿童", "orphan-standard-2024"),
        ("江海葬纪念园是哪一年建的", "date", "", "qa-jianghai-memorial-park"),
        ("江海葬纪念园是哪个部门建的", "detail", "actor", "qa-jianghai-memorial-park"),
        ("1+3+N里的3个平台是哪三个", "detail", "list", "qa-business-environment-1-3-n"),
        ("低保标准全省排第几", "claim", "rank", "dibao-standard-2024"),
        ("养老机构床位花了多少钱", "measure", "money", "elderly-care-beds"),
        # a part of the children counted, asked as such
        ("买保险的孩子当中困境儿童有多少", "population", "困境儿童", "child-insurance-children"),
        # a kind of institution (公办) the count never speaks of
        ("全市在业养老机构里公办的有几家", "population", "公办", "elderly-care-institutions"),
    ],
)
def test_misses_of_the_real_article(
    real: Any, question: str, reason: str, detail: str, known: str
) -> None:
    got = real.ask(question)
    assert (got.status, got.reason, got.detail) == ("not_stated", reason, detail)
    assert got.known_instead[0].entry.id == known


def test_a_count_of_children_named_with_one_groups_programme_is_the_whole(real: Any) -> None:
    """孩子 (儿童) covers both 困境儿童 and 农村留守儿童: the 2221 children are the answer."""
    got = real.ask("给困境儿童买综合保险，一共给多少孩子买了")
    assert got.status == "answered" and got.best.id == "child-insurance-children"


def test_a_count_of_the_group_both_parts_share_is_the_whole(real: Any) -> None:
    """ "覆盖了多少孩子": 儿童 of 困境儿童和农村留守儿童 is all of them, whatever modifies it."""
    got = real.ask("困境儿童综合保险覆盖了多少孩子")
    assert got.status == "answered" and got.best.id == "child-insurance-children"


def test_the_first_of_its_kind_answers_which_one_it_is(real: Any) -> None:
    """ "全市首个江海葬纪念园": 第几个 is answered by 首个."""
    got = real.ask("江海葬纪念园在全市排第几个")
    assert got.status == "answered" and got.best.id == "qa-jianghai-memorial-park"


def test_a_change_asked_without_a_unit_is_the_stated_change(real: Any) -> None:
    """补贴 hints at money, but "涨了多少" names no unit: the 32.5% answers, nothing is computed."""
    got = real.ask("孤儿的补贴比19年涨了多少")
    assert got.status == "answered" and got.best.id == "orphan-standard-increase"
    assert got.derived is None


def test_how_long_is_answered_only_by_a_stated_duration(real: Any) -> None:
    """ "买了几年了": the duration its period states (连续4年), shown as the answer; an entry
    that states none does not answer it with its figure."""
    got = real.ask("困境儿童的综合保险一共买了多少年")
    assert got.status == "answered" and got.figure == "连续4年"
    assert "连续4年" in render_plain(got, real.knowledge).splitlines()[0]
    miss = real.ask("养老机构床位有多少年了")
    assert (miss.status, miss.reason, miss.detail) == ("not_stated", "measure", "years")
    assert real.ask("困境儿童综合保险给多少孩子买了").figure == ""  # a head count, not a duration


def test_a_town_asked_needs_an_entry_that_names_a_town(real: Any) -> None:
    """ "在哪个镇": 句容市 is where, but no town; an entry naming 白兔镇 answers it."""
    got = real.ask("句容的婚俗改革宣教中心具体在哪个镇")
    assert (got.status, got.reason, got.detail) == ("not_stated", "detail", "place")
    assert real.ask("古煌村的生态人文纪念园在哪个镇").status == "answered"


def test_people_counted_by_name_must_be_what_the_figure_counts(real: Any) -> None:
    """ "多少名志愿者" of the sentence's 受益群众 1.87万人次: not stated, though the quote speaks
    of volunteers beside another count; the grid workers' own figure counts them."""
    got = real.ask("家门口慈善有多少名志愿者")
    assert (got.status, got.reason, got.detail) == ("not_stated", "population", "志愿者")
    assert real.ask("社会救助里有多少名网格员").hits[0].entry.id == "grid-workers-in-assistance"
    assert real.ask("给多少个孩子买了综合保险").status == "answered"  # 孩子: the 儿童 counted
    # The grid workers' sentence speaks of 困难群众 found, but counts the workers.
    got = real.ask("网格员一共帮忙找出了多少困难群众")
    assert got.status == "not_stated" and got.known_instead


def test_a_figure_per_household_is_not_one_per_person(real: Any) -> None:
    got = real.ask("孤儿保障标准每户每月多少钱")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "per_unit")
    assert real.ask("孤儿保障标准每人每月多少钱").status == "answered"


def test_a_per_person_amount_is_not_the_programmes_total(real: Any) -> None:
    got = real.ask("困境儿童综合保险每个人投入多少钱")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "per_unit")
    assert real.ask("低保每人每月多少钱").status == "answered"  # the standard is per person


def test_a_rank_is_read_in_the_clause_that_names_the_subject(real: Any) -> None:
    """江海葬纪念园 is 全市首个; the 全省率先 of the next clause is another thing's."""
    got = real.ask("江海葬纪念园是全省第几个")
    assert (got.status, got.reason, got.detail) == ("not_stated", "claim", "全省")
    assert real.ask("孤儿保障标准全省排第几").status == "answered"  # its own clause: 全省最高


def test_couples_are_a_count_no_figure_here_is_of(real: Any) -> None:
    got = real.ask("镇江每年办理结婚登记多少对")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "对")


def test_money_spent_is_not_answered_by_money_raised(real: Any) -> None:
    """筹集公益金约1.93亿元 says what was raised; how much of it was spent, the article does not."""
    got = real.ask("福彩公益金帮扶困难群众花掉了多少钱")
    assert (got.status, got.reason, got.detail) == ("not_stated", "measure", "money")
    assert real.ask("福彩公益金筹集了多少").hits[0].entry.id == "welfare-lottery-public-funds"
    assert real.ask("家门口慈善花了多少钱").hits[0].entry.id == "doorstep-charity-funds"  # 支出
