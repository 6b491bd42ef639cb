"""bot/compose/meta.py (with bot/render/article.py): questions about the article itself are
answered from the pack's source and sections, never from an entry."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.engine_pack import SOURCE

from bot.render import render_plain
from bot.render.article import series_number


def _reply(engine: Any, question: str) -> tuple[Any, list[str]]:
    got = engine.ask(question)
    assert (got.status, got.reason) == ("answered", "article"), question
    assert got.hits == () and got.known_instead == ()  # no entry answers it
    return got, render_plain(got, engine.knowledge).split("\n")


@pytest.mark.parametrize(
    ("question", "field", "first"),
    [
        ("作者是谁", "author", f"作者：{SOURCE.author}（{SOURCE.publisher}）"),
        ("谁写的", "author", f"作者：{SOURCE.author}（{SOURCE.publisher}）"),
        ("标题是什么", "title", f"标题：《{SOURCE.headline}》"),
        ("哪家报纸", "publisher", f"刊发：{SOURCE.publisher}"),
        ("这是系列第几篇", "series", f"系列：{SOURCE.series}（第7篇）"),
    ],
)
def test_a_field_of_the_source(engine: Any, question: str, field: str, first: str) -> None:
    got, lines = _reply(engine, question)
    assert got.article_field == field and got.pack == "fixture"
    assert lines[0] == first
    assert lines[-1].startswith("来源：新华日报《")


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("第二部分讲的是什么", "sections"),  # a part by its number is the article's
        ("这篇稿子是从哪儿转来的", "received"),
        ("文章说的是哪几年的情况", "coverage"),
        ("这稿子是谁发的", "publisher"),
        ("这篇稿子啥时候发的", "date"),  # 啥时候 asks the date before 发的 asks who
    ],
)
def test_more_ways_to_ask_about_the_article(engine: Any, question: str, field: str) -> None:
    assert engine.ask(question).article_field == field


def test_the_date_comes_with_its_note(engine: Any) -> None:
    _, lines = _reply(engine, "什么时候发表的")
    assert lines[:2] == [f"日期：{SOURCE.date}", f"（{SOURCE.date_note}）"]


def test_sections_are_the_packs_own(engine: Any) -> None:
    _, lines = _reply(engine, "文章分几个部分")
    sections = engine.knowledge.sections
    assert lines[0] == f"文章分{len(sections)}部分："
    assert lines[1 : 1 + len(sections)] == [f"{i}. {s.title}" for i, s in enumerate(sections, 1)]


def test_the_article_alone_gets_the_whole_card(engine: Any) -> None:
    got, lines = _reply(engine, "这篇文章")
    assert got.article_field == "card"
    heads = [line.split("：")[0] for line in lines if "：" in line]
    assert heads[:5] == ["标题", "刊发", "作者", "日期", "系列"]


def test_english_question_about_the_article(engine: Any) -> None:
    got, lines = _reply(engine, "who wrote the article")
    assert got.lang == "en"
    assert lines[0] == f"Author: {SOURCE.author} ({SOURCE.publisher})"


def test_who_wrote_what_the_article_reports_is_answered_by_its_entry(real: Any) -> None:
    got = real.ask("两部指南是谁写的")
    assert got.reason != "article"
    assert got.status == "answered" and got.best.id == "qa-two-guides"
    got, lines = _reply(real, "作者是谁")
    assert lines[0] == "作者：郑民轩（新华日报）"


def test_full_coverage_in_the_article_is_an_overview_not_what_it_covers(engine: Any) -> None:
    # 全覆盖 holds 覆盖 ("what does the article cover"); asked in the article, it is the
    # attribute overview, while 文章覆盖哪些内容 still asks about the article.
    assert engine.ask("文章里的全覆盖都有哪些").reason != "article"
    assert engine.ask("文章主要覆盖哪些内容").reason == "article"


@pytest.mark.parametrize(
    ("series", "number"),
    [
        ("江苏民政工作高质量发展巡礼⑦镇江篇", 7),
        ("江苏民政工作高质量发展巡礼①南京篇", 1),
        ("巡礼⑳", 20),
        ("民政巡礼第12篇", 12),
        ("测试用虚构文章·南京篇", None),
    ],
)
def test_series_number(series: str, number: int | None) -> None:
    assert series_number(series) == number


def test_with_several_packs_each_city_answers_under_its_name(cities: Any) -> None:
    from bot.engine import Engine

    engine = Engine(cities)
    got = engine.ask("作者是谁")
    assert got.pack == ""  # no city named: every pack answers
    plain = render_plain(got, cities)
    assert "镇江市" in plain and "南京市" in plain
    assert "作者：郑民轩（新华日报）" in plain and "作者：测试记者（测试日报）" in plain
    got = engine.ask("南京这篇文章的作者是谁")
    assert got.pack == "nanjing-test"
    plain = render_plain(got, cities)
    assert "测试记者" in plain and "郑民轩" not in plain


def test_a_figure_asked_by_a_journalist_is_no_question_about_the_article(real: Any) -> None:
    got = real.ask("我是跑民生口的记者 在写稿子 想核实一下兜底保障累计投入了多少资金")
    assert got.reason != "article" and got.hits[0].entry.id == "basic-support-funds"
    assert real.ask("文章分成哪几个部分").article_field == "sections"


def test_a_year_asked_of_the_article_is_that_years_overview(real: Any) -> None:
    got = real.ask("what happened in 2022 according to the article")
    assert got.overview is not None and got.overview.by == "year"
