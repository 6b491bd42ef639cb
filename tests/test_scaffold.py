"""Drafting a pack from text: sentences, figures as written, dates guessed, the rest set aside."""

from __future__ import annotations

import pytest

from bot.knowledge.models import RestorationRow
from bot.knowledge.scaffold import draft, sentences


def test_sentences_keep_their_punctuation_and_closing_quotes() -> None:
    text = "标题一行\n\n第一句,有逗号。第二句“引号里。”第三句！\n末句没有句号"
    assert [s for _, s in sentences(text)] == [
        "标题一行",
        "第一句,有逗号。",
        "第二句“引号里。”",
        "第三句！",
        "末句没有句号",
    ]
    for offset, sentence in sentences(text):
        assert text[offset : offset + len(sentence)] == sentence


def test_figures_are_written_as_the_text_writes_them() -> None:
    d = draft("2024年全市低保标准达每人每月875元,较2019年提高16.7%,惠及近2万人、12.24万人次。")
    got = [(f.value, f.number, f.unit) for f in d.figures]
    assert got == [
        ("875", 875, "元"),
        ("16.7", 16.7, "%"),
        ("近2万", None, "人"),  # approximate: no machine value
        ("12.24万", 122400, "人次"),
    ]
    assert {(f.period, f.years, f.baseline) for f in d.figures} == {("2024年", (2024,), "2019年")}
    assert d.set_aside == ()  # 2024 is the period, 2019 the baseline


@pytest.mark.parametrize(
    ("sentence", "period", "years"),
    [
        ("2019—2022年,连续4次获评先进。", "2019—2022年", (2019, 2020, 2021, 2022)),
        ("2019年以来,累计救助3539人次。2024年全市如何。", "2019年以来", tuple(range(2019, 2025))),
        ("截至2024年底,全市社工达2.1万人。", "截至2024年底", (2024,)),
        ("目前,全市有养老机构135家。", "截至报道时", ()),
        ("全市有养老机构135家。", "", ()),
    ],
)
def test_period_guesses(sentence: str, period: str, years: tuple[int, ...]) -> None:
    figure = draft(sentence).figures[0]
    assert (figure.period, figure.years) == (period, years)


def test_dates_and_ordinals_are_set_aside_with_a_context_of_their_own() -> None:
    text = "巡礼第7篇\n\n2021年,建成2个中心。\n\n2021年,又建成3个中心。\n\n5月1日起施行。"
    d = draft(text)
    assert [f.value for f in d.figures] == ["2", "3"]
    assert [f.period for f in d.figures] == ["2021年", "2021年"]  # so 2021 is covered twice
    rows = [(r.text, r.context, r.reason.split(",")[0]) for r in d.set_aside]
    assert rows == [
        ("7", "第7篇", "an ordinal"),
        ("5", "5月", "a date"),
        ("1", "月1日", "a date"),
    ]
    for row in d.set_aside:
        assert d.restored_text.count(row.context) == 1


def test_quotes_come_from_the_restored_text() -> None:
    rows = (RestorationRow("姑且救济", "临时救助", "certain"),)
    d = draft("实施姑且救济2.74万人次。", rows)
    assert d.figures[0].quote == "实施临时救助2.74万人次。"
