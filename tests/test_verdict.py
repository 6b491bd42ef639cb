"""bot/decide/verdict.py: the answer to a yes/no question, checked against what the entry says.

`judge` is pinned on hand-built entries, one distinction each; the engine tests at the end show
the verdict reaching the answer (yes / no answered, not stated refused with what is stated).
"""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of, qa

from bot.decide.verdict import Verdict, judge
from bot.engine import Engine

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
        quote="2024年全市低保标准达每人每月875元,较2019年提高16.7%",
    ),
    qa(
        id="allowance",
        topic="elderly-care",
        title="尊老金免申即享",
        answer="2023年镇江在全省率先建立尊老金“免申即享”自动发放机制。",
        period="2023年",
        years=[2023],
        quote="2023年,镇江市在全省率先建立尊老金“免申即享”自动发放机制",
    ),
    qa(
        id="renovation",
        topic="elderly-care",
        title="菜单式适老化改造",
        answer="适老化改造获评镇江市十佳民生实事项目。",
        quote="菜单式居家适老化改造行动获评镇江市十佳民生实事项目",
    ),
    qa(
        id="standards",
        title="救助管理标准",
        answer="镇江编制救助管理标准，在全国率先推行。",
        quote="镇江编制救助管理标准,在全国率先推行",
    ),
    ind(
        id="donation-total",
        topic="charity",
        title="捐赠总量全省排位",
        value="第一方阵",
        period="连续五年",
        quote="捐赠总量连续五年位列全省第一方阵,2024年人均捐赠金额位列全省第一",
    ),
    ind(
        id="donation-per-head",
        topic="charity",
        title="人均捐赠金额全省排名",
        value="第一",
        period="2024年",
        years=[2024],
        quote="捐赠总量连续五年位列全省第一方阵,2024年人均捐赠金额位列全省第一",
    ),
    qa(
        id="stations",
        topic="charity",
        title="慈善社工站",
        answer="镇江实现镇(街道)慈善社工站全覆盖。",
        quote="实现镇(街道)慈善社工站全覆盖",
    ),
    qa(
        id="funeral",
        topic="funeral",
        title="江海葬纪念园与惠民殡葬",
        answer="建成全市首个江海葬纪念园，率先在全省实现惠民殡葬全覆盖。",
        quote="建成全市首个江海葬纪念园,实现镇级骨灰安放设施全覆盖,率先在全省实现惠民殡葬全覆盖",
    ),
    ind(
        id="home-care-age",
        topic="elderly-care",
        title="政府购买居家养老上门服务对象年龄",
        value="80周岁以上",
        number=80,
        unit="",
        quote="政府购买居家养老上门服务对象扩大至80周岁以上全体老年人",
    ),
    ind(
        id="wait",
        title="办理时限",
        value="不超过3",
        number=3,
        unit="天",
        quote="救助申请办理时限不超过3天",
    ),
)


@pytest.fixture(scope="module")
def tiny() -> Engine:
    return Engine(knowledge_of(*ENTRIES))


@pytest.fixture(scope="module")
def verdict(tiny: Engine) -> Any:
    def run(question: str, entry_id: str) -> Verdict:
        (a,) = tiny.reader.read(question)
        assert a.yesno, question
        e = tiny.knowledge.entries[entry_id]
        return judge(a, e, tiny.book.said(e))

    return run


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("低保标准是不是875元", "dibao"),
        ("低保标准比2019年提高了吗", "dibao"),
        ("尊老金免申即享是2023年建立的吗", "allowance"),
        ("尊老金免申即享是全省率先吗", "allowance"),
        ("适老化改造获评镇江市十佳了吗", "renovation"),
        ("救助管理标准是全国率先吗", "standards"),
        ("救助管理标准是全省率先吗", "standards"),  # first in the nation is first in the province
        ("人均捐赠金额是全省第一吗", "donation-per-head"),
        ("慈善社工站覆盖了所有镇吗", "stations"),  # 所有 asks 全覆盖
        ("低保标准比2019年增长了一成多吗", "dibao"),  # not a multiple: the direction is asked
    ],
)
def test_supported(verdict: Any, question: str, entry_id: str) -> None:
    assert verdict(question, entry_id).value == "yes"


@pytest.mark.parametrize(
    ("question", "entry_id", "why"),
    [
        ("低保标准是不是900元", "dibao", "figure"),  # another figure of the kind asked
        ("尊老金免申即享是2022年建立的吗", "allowance", "year"),
        ("尊老金免申即享是2022年建立的？", "allowance", "year"),  # a year asked back
        ("低保标准比2019年下降了吗", "dibao", "direction"),
        ("低保标准是不是降低了", "dibao", "direction"),
        ("适老化改造获评全省十佳了吗", "renovation", "claim"),  # the same honour, another level
        ("低保标准比2019年翻了一番吗", "dibao", "figure"),  # 16.7% is no doubling
        ("低保标准翻倍了吗", "dibao", "figure"),
        ("低保标准比2019年涨了两成多吗", "dibao", "figure"),  # 16.7% is not over 20%
    ],
)
def test_contradicted(verdict: Any, question: str, entry_id: str, why: str) -> None:
    assert verdict(question, entry_id) == Verdict("no", why)


@pytest.mark.parametrize(
    ("question", "entry_id", "why"),
    [
        ("捐赠总量是全省第一吗", "donation-total", "claim"),  # 第一 asked of 第一方阵
        ("尊老金免申即享是全国率先吗", "allowance", "claim"),  # 全国率先 of 全省率先
        ("低保标准是全省最高吗", "dibao", "claim"),  # a distinction it does not make
        ("低保标准是省政府定的吗", "dibao", "words"),  # words it never says
    ],
)
def test_not_stated(verdict: Any, question: str, entry_id: str, why: str) -> None:
    assert verdict(question, entry_id) == Verdict("not_stated", why)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("低保标准超过800元了吗", "yes"),  # a bound asked of a plain value
        ("低保标准超过875元了吗", "no"),  # 超过 leaves its value out
        ("低保标准不到900元吧", "yes"),
        ("低保标准超过1000元了吗", "no"),  # and no year (2019, 2024) is a figure of 元
        ("Is the dibao standard more than 800 yuan?", "yes"),  # English bounds too
        ("Is the dibao standard over 875 yuan?", "no"),
        ("Is the dibao standard under 1 thousand yuan?", "yes"),  # and English magnitudes
    ],
)
def test_a_bound_asked_of_a_stated_value(verdict: Any, question: str, value: str) -> None:
    assert verdict(question, "dibao").value == value


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("85岁的老人能享受政府购买居家养老上门服务吗", "yes"),  # inside 80周岁以上
        ("80岁的老人能享受政府购买居家养老上门服务吗", "yes"),  # 以上 includes its bound
        ("75岁的老人能享受政府购买居家养老上门服务吗", "no"),
        ("政府购买居家养老上门服务是不是只给90岁以上的老人", "no"),  # another bound
        ("政府购买居家养老上门服务是给80岁以上的老人吗", "yes"),  # the same bound
        ("救助申请办理时限是2天吗", "yes"),  # inside 不超过3天
        ("救助申请办理时限是5天吗", "no"),
    ],
)
def test_a_figure_stated_as_a_bound(verdict: Any, question: str, value: str) -> None:
    entry = "wait" if "时限" in question else "home-care-age"
    assert verdict(question, entry).value == value


def test_a_figures_distinction_is_its_own_clauses(verdict: Any) -> None:
    """One sentence: 第一方阵 for the total, 第一 for the amount per head."""
    assert verdict("捐赠总量是全省第一方阵吗", "donation-total").value == "yes"
    assert verdict("人均捐赠金额是全省第一吗", "donation-per-head").value == "yes"
    assert verdict("捐赠总量是全省第一吗", "donation-total").value == "not_stated"


def test_a_time_asked_with_a_claim_must_be_the_claims_own(verdict: Any) -> None:
    """连续五年 dates the total's clause; the amount per head is first in 2024 only."""
    assert verdict("人均捐赠金额是连续五年全省第一吗", "donation-per-head").value == "not_stated"
    assert verdict("人均捐赠金额2024年是全省第一吗", "donation-per-head").value == "yes"
    assert verdict("捐赠总量连续五年全省第一方阵吗", "donation-total").value == "yes"


def test_a_statements_distinction_is_that_of_the_clause_naming_the_subject(verdict: Any) -> None:
    """全市首个 is the memorial park's; 全省 is the level of another clause's 率先."""
    assert verdict("江海葬纪念园是全省第一个吗", "funeral").value == "not_stated"
    assert verdict("江海葬纪念园是全市首个吗", "funeral").value == "yes"
    assert verdict("惠民殡葬全覆盖是全省率先实现的吗", "funeral").value == "yes"


def test_a_year_heading_its_sentence_dates_every_clause(verdict: Any) -> None:
    assert verdict("尊老金免申即享是2023年在全省率先建立的吗", "allowance").value == "yes"


# ---- through the engine ----------------------------------------------------------------------


def test_a_supported_answer_is_answered_yes(tiny: Engine) -> None:
    got = tiny.ask("低保标准是不是875元")
    assert (got.status, got.verdict) == ("answered", "yes")
    assert got.best is not None and got.best.id == "dibao"


def test_a_contradicted_answer_is_answered_no_with_what_is_stated(tiny: Engine) -> None:
    got = tiny.ask("低保标准是不是900元")
    assert (got.status, got.verdict) == ("answered", "no")
    assert got.best is not None and got.best.id == "dibao"


def test_not_stated_is_refused_with_the_entry_as_known_instead(tiny: Engine) -> None:
    got = tiny.ask("尊老金免申即享是全国率先吗")
    assert (got.status, got.reason, got.verdict) == ("not_stated", "claim", "not_stated")
    assert got.hits == ()
    assert [h.entry.id for h in got.known_instead] == ["allowance"]


@pytest.mark.parametrize(
    ("question", "status", "verdict"),
    [
        ("低保标准是不是875元", "answered", "yes"),
        ("低保标准是不是900元", "answered", "no"),
        ("尊老金免申即享是2022年建立的吗", "answered", "no"),
        ("尊老金免申即享是全省率先吗", "answered", "yes"),
        ("尊老金免申即享是全国率先吗", "not_stated", "not_stated"),
        ("孤儿保障标准是全省最高吗", "answered", "yes"),
        ("孤儿保障标准是全国最高吗", "not_stated", "not_stated"),
        ("慈善捐赠总量是全省第一吗", "not_stated", "not_stated"),
        ("句容市民政局获评全国殡葬工作先进集体吗", "answered", "yes"),
        ("句容市民政局获评全省殡葬工作先进集体吗", "answered", "no"),
        ("低保标准是省政府定的吗", "not_stated", "not_stated"),
    ],
)
def test_verdicts_on_the_real_article(real: Any, question: str, status: str, verdict: str) -> None:
    got = real.ask(question)
    assert (got.status, got.verdict) == (status, verdict)


def test_a_growth_of_at_least_the_multiple_asked_is_a_yes() -> None:
    engine = Engine(
        knowledge_of(
            ind(
                id="stations",
                title="助餐点数量",
                value="450",
                unit="个",
                change="较2019年增长150%",
                baseline="2019年",
                quote="全市建成助餐点450个,较2019年增长150%",
            )
        )
    )
    (a,) = engine.reader.read("助餐点比2019年翻了一番吗")
    e = engine.knowledge.entries["stations"]
    assert judge(a, e, engine.book.said(e)) == Verdict("yes", "figure")
    (a,) = engine.reader.read("助餐点比2019年翻了两番吗")  # ×4 is +300%
    assert judge(a, e, engine.book.said(e)) == Verdict("no", "figure")


def test_all_of_a_share_below_100_is_a_no(real: Any) -> None:
    got = real.ask("养老机构是不是全部都是等级养老机构")  # 等级养老机构占比91.85%
    assert (got.status, got.verdict) == ("answered", "no")
    assert got.best.id == "rated-elderly-institutions-share"


def test_a_year_after_a_run_of_years_is_not_stated(real: Any) -> None:
    """2019—2022年连续4次 says nothing of 2023; one event dated 2023 is no 2022 event."""
    got = real.ask("2023年镇江还被评为殡葬服务设施建设管理真抓实干成效明显地区吗")
    assert (got.status, got.verdict) == ("not_stated", "not_stated")
    got = real.ask("尊老金免申即享是2022年建立的吗")
    assert (got.status, got.verdict) == ("answered", "no")


def test_a_district_named_of_what_the_article_says_of_another_is_a_no(real: Any) -> None:
    got = real.ask("被民政部表彰为全国殡葬工作先进集体的是丹阳市民政局吗")
    assert (got.status, got.verdict) == ("answered", "no")
    assert got.hits[0].entry.id == "qa-jurong-advanced-collective"  # what it says: 句容
    # Judged by the place alone: the other words need not be the entry's own ("搞的").
    got = real.ask("白兔镇古煌村的生态人文纪念园是丹阳市搞的吧")
    assert (got.status, got.verdict) == ("answered", "no")
    # "也": one more place, which the article neither names nor rules out.
    assert real.ask("丹阳市民政局是不是也拿到了全国殡葬工作先进集体").status == "not_stated"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("尊老金是不是不用申请就自动发", "yes"),
        ("尊老金是不是不用自己申请", "yes"),  # 自己申请 inside 不用自己申请 does not count
        ("领尊老金还得自己去申请吗", "no"),  # the opposite of 免申即享
        ("尊老金需要申请吗", "no"),
    ],
)
def test_paid_without_applying_and_its_opposite(verdict: Any, question: str, value: str) -> None:
    assert verdict(question, "allowance").value == value


def test_how_a_thing_is_done_holds_at_no_level(verdict: Any) -> None:
    """全国 belongs to 率先, not to 免申即享: asked nationally, the pioneer claim is what is
    not stated, not a 'no' to paying without applying."""
    assert verdict("尊老金免申即享是全国率先吗", "allowance").value == "not_stated"


def test_all_of_them_asked_yes_no_is_answered_by_the_rate_that_says_so(real: Any) -> None:
    got = real.ask("全市60岁以上的老人意外险是不是全部由政府统保")
    assert got.status == "answered" and got.verdict == "yes"
    assert got.best.id == "elderly-accident-insurance-rate"  # 统保率达100%, the figure


def test_a_figure_asked_of_an_entry_that_states_none_is_not_stated(real: Any) -> None:
    got = real.ask("尊老金免申即享是不是每月发200元")
    assert got.verdict == "not_stated"


def test_a_figure_that_agrees_does_not_confirm_words_the_entry_never_says(real: Any) -> None:
    assert real.ask("那25家慈善组织里有没有红十字会").verdict == "not_stated"
    assert real.ask("镇江的慈善组织是25家吗").verdict == "yes"
