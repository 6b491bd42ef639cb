"""Several packs served together: each city answered from its own pack, with its own source.

The knowledge is the bundled 镇江 pack beside the test pack of another city
(tests/fixtures/packs/nanjing-test), loaded from one KNOWLEDGE_DIR (fixture `cities`).
Nothing in the engine knows either city: places, province and scope come from scope.yaml.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge.models import Knowledge
from bot.render import render_plain, to_json

BOT = Path(__file__).resolve().parent.parent / "bot"
# The bundled article's own facts: none of them may appear in code (issue 12).
ARTICLE_FACTS = ("镇江", "丹阳", "句容", "扬中", "江苏", "新华日报", "郑民轩")
# Language data that lists every place of China alike, the article's among them.
GENERAL_DATA = {BOT / "lang" / "zh" / "gazetteer.txt"}


@pytest.fixture(scope="module")
def two(cities: Knowledge) -> Engine:
    return Engine(cities)


def _pack_of(engine: Engine, question: str) -> str:
    a = engine.ask(question)
    assert a.status == "answered", (question, a)
    assert a.best is not None
    return a.best.pack


def test_each_city_is_answered_from_its_own_pack(two: Engine) -> None:
    assert _pack_of(two, "南京低保标准是多少") == "nanjing-test"
    assert _pack_of(two, "镇江低保标准是多少") == "zhenjiang-2019-2024"
    assert _pack_of(two, "南京养老机构有多少家") == "nanjing-test"
    assert _pack_of(two, "镇江养老机构有多少家") == "zhenjiang-2019-2024"


def test_the_source_line_is_the_answering_packs(two: Engine, cities: Knowledge) -> None:
    nanjing = two.ask("南京低保标准是多少")
    src = cities.sources["nanjing-test"]
    assert src.headline in render_plain(nanjing, cities)
    assert to_json(nanjing, cities)["source"]["pack"] == "nanjing-test"
    zhenjiang = two.ask("镇江低保标准是多少")
    assert cities.sources["zhenjiang-2019-2024"].headline in render_plain(zhenjiang, cities)
    assert src.headline not in render_plain(zhenjiang, cities)


def test_a_place_inside_a_city_routes_to_that_citys_pack(two: Engine) -> None:
    a = two.ask("鼓楼区助餐点有多少个")  # 鼓楼区 is a district of the test city only
    assert a.status == "answered" and a.best is not None and a.best.pack == "nanjing-test"


def test_a_question_naming_no_city_is_asked_back_when_both_could_answer(two: Engine) -> None:
    a = two.ask("低保标准是多少")
    assert (a.status, a.reason) == ("ambiguous", "which_city")
    assert {h.entry.pack for h in a.hits} == {"nanjing-test", "zhenjiang-2019-2024"}


def test_a_metric_only_one_city_states_is_answered_from_it(two: Engine) -> None:
    a = two.ask("持证社会工作者有多少人")
    assert a.status == "answered" and a.best is not None and a.best.pack == "nanjing-test"


def test_a_city_no_pack_covers_is_still_refused(two: Engine) -> None:
    a = two.ask("北京低保标准是多少")
    assert (a.status, a.reason) == ("no_match", "other_place")
    assert a.detail == "北京"


def test_a_district_of_a_covered_city_is_not_answered_with_the_citywide_figure(
    two: Engine,
) -> None:
    a = two.ask("江宁区养老机构有多少家")
    assert (a.status, a.reason) == ("not_stated", "district")
    assert [h.entry.pack for h in a.known_instead] == ["nanjing-test"]


def test_the_article_question_names_the_city_asked_about(two: Engine, cities: Knowledge) -> None:
    a = two.ask("南京那篇文章是谁写的")
    assert a.reason == "article" and a.pack == "nanjing-test"
    assert cities.sources["nanjing-test"].author in render_plain(a, cities)


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String literals of a module that are data, not documentation (docstrings and comments
    may show examples; code may not hold an article's facts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_article_fact_lives_in_code() -> None:
    """Every place, province, publisher and author of the bundled article comes from its pack."""
    found = []
    for path in sorted(BOT.rglob("*")):
        if path in GENERAL_DATA or "_knowledge" in path.parts or path.suffix not in (".py", ".txt"):
            continue
        if path.suffix == ".py":
            strings = _code_strings(path)
        else:
            strings = list(enumerate(path.read_text(encoding="utf-8").splitlines(), 1))
        for line, text in strings:
            hits = [fact for fact in ARTICLE_FACTS if fact in text]
            if hits:
                found.append(f"{path.relative_to(BOT.parent)}:{line}: {', '.join(hits)}")
    assert not found, "article facts in code:\n" + "\n".join(found)
