"""bot/decide/crossing.py: a candidate called only by half of another entry's name drops out.

Two hand-built entries of one sentence: the funds (called 救助资金) and the temporary-assistance
cases (called 临时救助). "临时救助花了多少钱" cuts 救助资金 out of 临时救助 + 资金: it asks the
money of 临时救助, which the article does not state; it is never answered with the funds.
"""

from __future__ import annotations

from fixtures.handbuilt import ind, knowledge_of

from bot.decide.crossing import named_elsewhere, uncross
from bot.engine import Engine
from bot.match.index import Scored

_SENTENCE = "累计投入资金10.67亿元;实施临时救助2.74万人次"
FUNDS = ind(
    id="funds",
    title="兜底保障累计投入资金",
    aliases=["救助资金", "兜底保障资金"],
    value="10.67亿",
    number=1067000000,
    unit="元",
    quote=_SENTENCE,
)
CASES = ind(
    id="cases",
    title="临时救助人次",
    aliases=["临时救助"],
    value="2.74万",
    number=27400,
    unit="人次",
    quote=_SENTENCE,
)
NAMES = {
    "funds": ("兜底保障累计投入资金", "救助资金", "兜底保障资金"),
    "cases": ("临时救助人次", "临时救助"),
}


def _ranked(*ids: str) -> list[Scored]:
    entry = {"funds": FUNDS, "cases": CASES}
    return [Scored(entry[i], 90.0 - n, 90.0 - n) for n, i in enumerate(ids)]


def _ids(results: list[Scored]) -> list[str]:
    return [s.entry.id for s in results]


def _uncross(text: str, *ids: str) -> list[str]:
    return _ids(uncross(text, _ranked(*ids), lambda s: NAMES[s.entry.id]))


def test_a_name_cutting_into_a_longer_earlier_name_drops_out() -> None:
    assert _uncross("临时救助资金", "funds", "cases") == ["cases"]


def test_a_name_of_its_own_keeps_its_place() -> None:
    assert _uncross("救助资金", "funds", "cases") == ["funds", "cases"]
    # Both names whole, side by side: neither cuts into the other.
    assert _uncross("临时救助和救助资金", "funds", "cases") == ["funds", "cases"]


def test_a_name_inside_a_longer_one_is_the_same_subject() -> None:
    assert _uncross("兜底保障资金", "funds", "cases") == ["funds", "cases"]
    names = {"funds": ("兜底保障",), "cases": ("困难群众兜底保障",)}
    got = uncross("困难群众兜底保障", _ranked("funds", "cases"), lambda s: names[s.entry.id])
    assert _ids(got) == ["funds", "cases"]


def test_a_name_the_first_is_called_by_too_is_its_own_subject() -> None:
    """惠民殡葬 + 减免惠及: the figure cut out of it is called 惠民殡葬惠及人数 itself."""
    names = {"funds": ("惠民殡葬惠及人数", "殡葬减免惠及"), "cases": ("惠民殡葬",)}
    got = uncross("惠民殡葬减免惠及", _ranked("funds", "cases"), lambda s: names[s.entry.id])
    assert _ids(got) == ["funds", "cases"]


def test_the_money_of_a_programme_that_states_only_cases_is_not_stated() -> None:
    engine = Engine(knowledge_of(FUNDS, CASES))
    got = engine.ask("临时救助资金一共有多少")
    assert (got.status, got.reason) == ("not_stated", "measure")
    assert [h.entry.id for h in got.known_instead][:1] == ["cases"]
    # The funds asked by their own name are answered.
    assert engine.ask("救助资金一共多少").best.id == "funds"


# ---- named elsewhere: the question names another candidate, and not the first --------------

_ASSISTANCE = "2024年全市低保标准达每人每月875元。全市共有12.24万人次困难群众获得兜底保障"
STANDARD = ind(
    id="standard",
    title="低保标准",
    aliases=["低保"],
    value="875",
    number=875,
    unit="元/人·月",
    quote=_ASSISTANCE,
)
RECIPIENTS = ind(
    id="recipients",
    title="获得兜底保障的困难群众人次",
    aliases=["兜底保障人数", "困难群众兜底保障"],
    value="12.24万",
    number=122400,
    unit="人次",
    quote=_ASSISTANCE,
)


def test_a_count_of_people_is_no_answer_for_a_subject_it_is_not_called_by() -> None:
    engine = Engine(knowledge_of(STANDARD, RECIPIENTS))
    got = engine.ask("全市低保人数有多少")
    assert got.status != "answered"  # the article gives no number of 低保 recipients
    # Asked by its own names, the person-times are answered; a longer name holding one of
    # them (困难群众兜底保障 holds 兜底保障) is the same subject.
    assert engine.ask("兜底保障人数有多少").best.id == "recipients"
    assert engine.ask("困难群众兜底保障帮了多少人次").best.id == "recipients"


def test_named_elsewhere_reads_names_own_clause_and_shared_characters() -> None:
    first = ("兜底保障人数", "困难群众兜底保障")
    others = [("低保标准", "低保")]
    assert named_elsewhere("低保人数", first, "全市共有12.24万人次困难群众获得兜底保障", others)
    # Called in its own clause: about it.
    assert not named_elsewhere("低保人数", first, "低保对象共12.24万人次", others)
    # A name of the first in the question: about it, whatever else is named.
    assert not named_elsewhere("低保兜底保障人数", first, "", others)
    # The other name shares two characters with a name of the first (兜底保障资金 / 兜底保障).
    assert not named_elsewhere("兜底保障砸进去", ("兜底保障资金",), "", [("兜底保障",)])


def test_a_later_name_starting_inside_the_first_does_not_cut_it() -> None:
    names = {"funds": ("低保标准",), "cases": ("标准全省排名",)}
    got = uncross("低保标准全省排名", _ranked("funds", "cases"), lambda s: names[s.entry.id])
    assert _ids(got) == ["funds", "cases"]
