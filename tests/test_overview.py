"""bot/compose/overview.py: what the article says about a topic, a place, a year or an attribute.

The expected entries are selected from the pack by the rule the overview states (its topic, the
places it names, its period and years, its claims), so each test checks the selection, not a
list copied from the output.
"""

from __future__ import annotations

from typing import Any

import pytest


def _ids(answer: Any) -> list[str]:
    return [h.entry.id for h in answer.hits]


@pytest.mark.parametrize("question", ["养老方面有哪些数据", "养老", "elderly care data"])
def test_by_topic_lists_every_entry_of_the_topic(engine: Any, question: str) -> None:
    got = engine.ask(question)
    assert (got.status, got.reason) == ("answered", "topic_list")
    assert got.topic is not None and got.topic.id == "elderly-care"
    assert got.overview is not None and got.overview.by == "topic"
    expected = [e.id for e in engine.knowledge.topic_entries("elderly-care")]
    assert _ids(got) == expected


def test_by_place_lists_the_entries_that_name_it(engine: Any) -> None:
    got = engine.ask("丹阳在文章里有什么")
    assert (got.status, got.reason) == ("answered", "overview")
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("place", "丹阳市")
    assert _ids(got) == ["danyang-funeral-reform"]


def test_by_place_on_the_real_article(real: Any) -> None:
    got = real.ask("句容在文章里有什么")
    assert got.overview is not None and got.overview.key == "句容市"
    assert set(_ids(got)) >= {"qa-jurong-path", "jurong-marriage-center-5a"}
    for h in got.hits:
        assert "句容市" in real.book.said(h.entry).places, h.entry.id


def test_a_place_asked_of_the_article_is_an_overview_of_the_place(real: Any) -> None:
    """ "丹阳在这篇文章里讲了什么内容" asks what the article says of 丹阳, not what it covers."""
    got = real.ask("丹阳在这篇文章里讲了什么内容")
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("place", "丹阳市")
    assert real.ask("这篇文章讲了哪些内容").reason == "article"


@pytest.mark.parametrize(
    "question", ["殡葬改革都讲了些什么", "文章里殡葬方面提到了哪些", "殡葬这块都搞了些啥"]
)
def test_what_was_said_of_a_topic_is_a_list(real: Any, question: str) -> None:
    got = real.ask(question)
    assert got.reason == "topic_list" and len(got.hits) > 3


def test_attributes_asked_as_alternatives_list_either(real: Any) -> None:
    got = real.ask("文中哪些是全省最高或全省第一")
    assert got.overview is not None and got.overview.by == "attribute"
    ids = set(_ids(got))
    assert {"orphan-standard-2024", "charity-donation-per-capita-rank-2024"} <= ids


def test_by_year_lists_the_entries_dated_that_year(engine: Any) -> None:
    got = engine.ask("2023年有什么成果")
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("year", "2023年")
    expected = [
        e.id for e in engine.knowledge.entries.values() if "2023" in e.period and 2023 in e.years
    ]
    assert expected and _ids(got) == expected
    # A total "2019年以来" covers 2023 too, but is not an achievement of 2023.
    assert "temporary-assistance" not in _ids(got)


@pytest.mark.parametrize(
    ("question", "key", "expected"),
    [
        ("哪些是全省率先的", "全省率先", ["one-trip-reform", "zunlaojin"]),
        ("文中的100%都指什么", "100%", ["guardianship-rate", "accident-insurance"]),
    ],
)
def test_by_attribute(engine: Any, question: str, key: str, expected: list[str]) -> None:
    got = engine.ask(question)
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("attribute", key)
    assert _ids(got) == expected


def test_an_attribute_at_one_level_excludes_the_other_level(real: Any) -> None:
    got = real.ask("哪些是全省率先的")
    ids = _ids(got)
    assert "qa-respect-elderly-allowance" in ids and "qa-only-run-once" in ids
    for h in got.hits:
        assert ("pioneer", "province") in real.book.facts(h.entry).claims, h.entry.id


def test_several_keys_narrow_each_other(engine: Any, real: Any) -> None:
    got = engine.ask("2021年句容有什么")
    assert got.overview is not None and got.overview.label == "句容市 · 2021年"
    assert _ids(got) == ["jurong-path"]
    got = real.ask("2023年养老方面有哪些")
    assert got.overview is not None and got.overview.label == "养老服务 · 2023年"
    assert _ids(got) == ["qa-respect-elderly-allowance"]


@pytest.mark.parametrize(
    "question",
    [
        "养老机构有几家",  # a lookup
        "尊老金是哪一年建立的",
        "四项机制分别是什么",  # the parts of one entry
        "低保标准是不是875元",
    ],
)
def test_a_lookups_question_is_no_overview(engine: Any, question: str) -> None:
    got = engine.ask(question)
    assert got.overview is None and got.topic is None


def test_asked_to_tell_about_a_topic_lists_it_but_not_about_an_entry(engine: Any) -> None:
    got = engine.ask("讲讲养老")
    assert got.overview is not None and got.topic is not None and got.topic.id == "elderly-care"
    got = engine.ask("说说低保")  # the name of an entry (and a keyword of its topic)
    assert got.overview is None and got.best.id == "dibao-standard"


@pytest.mark.parametrize("question", ["2021年有哪些新进展", "21年都搞了哪些创新"])
def test_a_year_with_general_words_of_progress_is_its_overview(real: Any, question: str) -> None:
    # An entry with parts (the two guides, 2021) matched only weakly asks for no parts.
    got = real.ask(question)
    assert got.overview is not None and got.overview.by == "year"
    assert all(2021 in h.entry.years for h in got.hits)


def test_a_request_before_a_question_is_its_context(real: Any) -> None:
    reply = real.reply("讲讲殡葬吧，惠民殡葬减免了多少钱")
    assert len(reply.parts) == 1 and reply.parts[0].best.id == "funeral-fee-exemptions"


def test_the_parts_of_one_entry_are_no_overview(real: Any) -> None:
    got = real.ask("慈善服务覆盖哪些领域")
    assert got.overview is None
    assert got.status == "answered" and got.best.id == "qa-charity-development"


def test_a_figure_named_within_a_topic_is_no_overview(real: Any) -> None:
    (a,) = real.reader.read("养老方面花了多少钱")
    assert real.overviews.find(a, real.index.search(a.q)) is None


def test_the_items_of_one_stated_count_are_not_a_list_of_entries(engine: Any) -> None:
    got = engine.ask("74个公募项目具体都有哪些")
    assert (got.status, got.reason, got.detail) == ("not_stated", "detail", "list")
    assert got.overview is None and got.known_instead[0].entry.id == "public-fundraising"


def test_awards_asked_in_one_word_list_every_honour(real: Any) -> None:
    """ "哪些奖" lists what was 获评 / 表彰 / 评为 — the article says 奖 almost nowhere."""
    got = real.ask("文章里镇江拿过哪些奖")
    assert got.overview is not None and got.overview.by == "attribute"
    ids = set(_ids(got))
    # 获评全省高质量现代民政建设十大创新成果; 被民政部表彰为全国殡葬工作先进集体
    assert {"qa-only-run-once", "qa-jurong-advanced-collective"} <= ids
    assert "dibao-standard-2024" not in ids


def test_a_place_and_year_no_entry_is_close_to_list_what_the_article_says_of_them(
    real: Any,
) -> None:
    got = real.ask("丹阳2020年拿了啥表彰")
    assert got.status == "answered" and got.overview is not None
    assert "qa-danyang-funeral-reform" in set(_ids(got))
    # Nothing named to narrow by: no list stands in for the one thing asked.
    assert real.ask("这个被列进了什么试点").overview is None


def test_what_the_article_mentions_of_a_place_is_its_overview(real: Any) -> None:
    got = real.ask("句容被提到的有哪些事")
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("place", "句容市")


def test_which_thing_of_a_year_was_first_in_the_province_is_an_overview(real: Any) -> None:
    got = real.ask("2023年有哪件事是全省率先的")
    assert got.overview is not None and got.overview.by in ("year", "attribute")
    assert got.hits and all(2023 in h.entry.years for h in got.hits)


def test_a_topic_lists_the_topics_the_article_treats_within_it(real: Any) -> None:
    """The article's paragraph on 慈善 ends with the welfare lottery (topics.yaml includes)."""
    got = real.ask("慈善这块有哪些成绩")
    assert {h.entry.topic for h in got.hits} == {"charity", "welfare-lottery"}
    lottery = real.ask("福彩方面有哪些数据")
    assert {h.entry.topic for h in lottery.hits} == {"welfare-lottery"}  # not the other way


def test_every_figure_of_one_measure(real: Any) -> None:
    """ "把资金数目都列出来": every amount of money the article states, and only those."""
    got = real.ask("把文章里的金额都列出来")
    assert got.overview is not None and (got.overview.by, got.overview.key) == ("measure", "money")
    assert len(got.hits) > 3 and all(
        h.entry.value_unit[1].endswith(("元", "元/人·月")) for h in got.hits
    )
    subject = real.ask("养老方面花了哪些钱")  # a subject of its own: not every amount
    assert subject.overview is None or subject.overview.by != "measure"


def test_honours_asked_for_at_a_level_or_as_such(real: Any) -> None:
    national = real.ask("镇江获得过哪些国家级荣誉")
    assert national.overview is not None and national.overview.by == "attribute"
    assert {h.entry.id for h in national.hits} >= {"qa-home-community-care-pilot"}
    every = real.ask("镇江获得过哪些荣誉")
    assert every.overview is not None and len(every.hits) > len(national.hits)
    year = real.ask("2024年的数据和荣誉有哪些")  # data and honours: the year's list
    assert year.overview is not None and year.overview.by == "year"
