"""bot/compose/inputs.py: the stated figures a computation works on, found by their names."""

from __future__ import annotations

import pytest
from fixtures.handbuilt import ind, knowledge_of, qa

from bot.compose.inputs import Inputs
from bot.engine import Engine

_SENTENCE = "实施民生实事项目33个,投入资金2亿元"


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    engine = Engine(
        knowledge_of(
            qa(id="works", title="五安工程", answer="五安工程列入民生实事。", quote=_SENTENCE),
            ind(id="projects", title="民生实事项目", value="33", unit="个", quote=_SENTENCE),
            ind(id="money", title="项目投入资金", value="2亿", unit="元", quote=_SENTENCE),
            ind(id="alone", title="慈善组织", value="25", unit="家", quote="现有慈善组织25家"),
        )
    )
    return engine.calculator.inputs


def test_the_entries_of_one_sentence(inputs: Inputs) -> None:
    works = inputs.index.entries[0]
    assert [e.id for e in inputs.sentence(works)] == ["projects", "money"]


def test_a_statement_stands_for_the_one_figure_of_the_kind_wanted(inputs: Inputs) -> None:
    works = inputs.index.entries[0]
    assert inputs.only_figure(works, "") is None  # two figures: neither stands for it
    got = inputs.only_figure(works, "count")
    assert got is not None and got.entry.id == "projects"


def test_a_sibling_of_the_kind_wanted(inputs: Inputs) -> None:
    projects = inputs.index.entries[1]
    got = inputs.sibling(projects, "money")
    assert got is not None and (got.entry.id, got.value) == ("money", 2e8)
    assert inputs.sibling(projects, "people") is None


def test_find_by_name_and_kind(inputs: Inputs) -> None:
    got = inputs.find("慈善组织", "家")
    assert got is not None and got.entry.id == "alone"
    assert inputs.find("慈善组织", "money") is None  # named, but not of that kind
