"""bot/decide/ranking.py: from ranked candidates to one best entry, or to close candidates.

The candidates are built by hand (`Scored` with chosen scores), so each rule — a figure and its
programme of one sentence are partners, not rivals; two tied figures are answered by their
programme; a runner-up too close means no clear best — is pinned on its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.handbuilt import ind, knowledge_of, qa

from bot.decide.ranking import choose, same_sentence
from bot.decide.thresholds import DEFAULT
from bot.engine import Engine
from bot.match.index import Scored

SENTENCE = "2023年,镇江市实施联动“小网格+大救助”创新实践,推动近2万名基层网格员融入社会救助体系"
PROGRAMME = qa(
    id="small-grid",
    title="小网格+大救助",
    aliases=["小网格大救助"],
    answer="2023年镇江实施“小网格+大救助”。",
    quote=SENTENCE,
)
FIGURE = ind(
    id="grid-workers", title="网格员", value="近2万", unit="名", quote="推动近2万名基层网格员"
)
TOTAL = ind(id="total", title="捐赠总量排位", value="第一方阵", quote="捐赠总量位列全省第一方阵")
PER_HEAD = ind(id="per-head", title="人均捐赠排名", value="第一", quote="人均捐赠金额位列全省第一")
DONATIONS = qa(
    id="donations",
    title="慈善一日捐",
    answer="捐赠总量位列全省第一方阵，人均捐赠全省第一。",
    quote="捐赠总量位列全省第一方阵,人均捐赠金额位列全省第一",
)
OTHER = ind(
    id="beds", title="养老机构床位", value="1.72万", unit="张", quote="养老机构床位1.72万张"
)
OTHER2 = ind(id="homes", title="养老机构", value="135", unit="家", quote="全市在业养老机构135家")


@pytest.fixture(scope="module")
def tiny() -> Engine:
    return Engine(knowledge_of(PROGRAMME, FIGURE, TOTAL, PER_HEAD, DONATIONS, OTHER, OTHER2))


@pytest.fixture(scope="module")
def read(tiny: Engine) -> Any:
    def one(text: str) -> Any:
        (a,) = tiny.reader.read(text)
        return a

    return one


def s(entry: Any, score: float) -> Scored:
    return Scored(entry, score, score)


def test_same_sentence_is_one_quote_inside_the_other() -> None:
    assert same_sentence(PROGRAMME, FIGURE) and same_sentence(FIGURE, PROGRAMME)
    assert not same_sentence(FIGURE, OTHER)
    empty = qa(id="x", title="x", answer="x", quote="  ")
    assert not same_sentence(empty, FIGURE)


def test_how_many_wants_the_figure_of_the_programmes_sentence(read: Any) -> None:
    a = read("有多少网格员")
    c = choose(a, [s(PROGRAMME, 80), s(FIGURE, 70), s(OTHER, 40)], {}, DEFAULT)
    assert c.best is not None and c.best.entry.id == "grid-workers"
    assert c.best.score == 80  # the programme lends the figure its score
    assert [e.id for e in c.follow] == ["small-grid"]  # ... and follows it as related
    assert [r.entry.id for r in c.results] == ["grid-workers", "beds"]


def test_what_is_wants_the_programme_of_the_figures_sentence(read: Any) -> None:
    a = read("小网格大救助是什么")
    c = choose(a, [s(FIGURE, 80), s(PROGRAMME, 70), s(OTHER, 40)], {}, DEFAULT)
    assert c.best is not None and c.best.entry.id == "small-grid"
    assert [e.id for e in c.follow] == ["grid-workers"]


def test_a_bare_subject_keeps_its_best_and_the_partner_follows(read: Any) -> None:
    a = read("小网格大救助")
    c = choose(a, [s(FIGURE, 80), s(PROGRAMME, 70), s(OTHER, 40)], {}, DEFAULT)
    # Ten points behind is too far for a programme to take a figure's place from behind ...
    assert c.best is not None and c.best.entry.id == "grid-workers"
    # ... but it is not a rival either: it follows the answer instead of a "did you mean".
    assert [e.id for e in c.follow] == ["small-grid"]


def test_a_partner_is_not_the_runner_up(read: Any) -> None:
    """Figure and programme of one sentence at 80 / 79: no margin needed between them."""
    a = read("小网格大救助")
    c = choose(a, [s(FIGURE, 80), s(PROGRAMME, 79), s(OTHER, 40)], {}, DEFAULT)
    assert c.clear


def test_two_unrelated_candidates_too_close_have_no_clear_best(read: Any) -> None:
    a = read("养老机构")
    c = choose(a, [s(OTHER, 70), s(OTHER2, 67)], {}, DEFAULT)
    assert not c.clear and c.best is None and c.programme is None
    c = choose(a, [s(OTHER, 70), s(OTHER2, 60)], {}, DEFAULT)
    assert c.best is not None and c.best.entry.id == "beds"


def test_tied_figures_of_one_sentence_are_answered_by_their_programme(read: Any) -> None:
    a = read("捐款多不多")
    programme = {"total": DONATIONS, "per-head": DONATIONS}
    c = choose(a, [s(TOTAL, 80), s(PER_HEAD, 79), s(OTHER, 40)], programme, DEFAULT)
    assert c.best is None
    assert c.programme is not None and c.programme.id == "donations"
    assert [f.entry.id for f in c.family] == ["total", "per-head"]
    # With a rival as close as the tie there is no programme answer either.
    c = choose(a, [s(TOTAL, 80), s(PER_HEAD, 79), s(OTHER, 78)], programme, DEFAULT)
    assert not c.clear


def test_the_decider_answers_a_programme_tie_with_the_programme_and_its_figures(
    tiny: Engine, read: Any
) -> None:
    a = read("捐款多不多")
    got = tiny.decider.decide(a, [s(TOTAL, 80), s(PER_HEAD, 79), s(OTHER, 40)])
    assert got.status == "answered" and got.best is not None and got.best.id == "donations"
    assert {h.entry.id for h in got.hits[1:]} >= {"total", "per-head"}
