"""bot/decide/years.py and the decider's use of it: does an entry speak for the year asked?

An out-of-range year is `unknown_year` (no_match); a year inside the article that the entry does
not state is `not_stated` with reason `date`, carrying the entry as what the article states.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.decide.years import Span, year_fit


def test_span() -> None:
    span = Span.of([2021, 2019, 2024])
    assert (span.first, span.last) == (2019, 2024)
    assert span.outside(2025) and span.outside(2018)
    assert not span.outside(2019) and not span.outside(2022)
    assert not Span.of([]).outside(1990)  # no years known: nothing is outside


@pytest.fixture(scope="module")
def fit(engine: Any) -> Any:
    def run(question: str, entry_id: str) -> str:
        (a,) = engine.reader.read(question)
        e = engine.knowledge.entries[entry_id]
        return year_fit(e, engine.book.facts(e), a, engine.book.span(e))  # type: ignore[no-any-return]

    return run


@pytest.mark.parametrize(
    ("question", "entry_id", "expected"),
    [
        ("2024年低保标准", "dibao-standard", "match"),
        ("2022年低保标准", "dibao-standard", "mismatch"),  # a one-year figure of another year
        ("2025年低保标准", "dibao-standard", "mismatch"),
        ("低保标准是多少", "dibao-standard", "neutral"),  # no year asked
        # A total since 2019 speaks for the span, not for one year inside it.
        ("2019年以来临时救助多少人次", "temporary-assistance", "match"),
        ("2024年以来临时救助多少人次", "temporary-assistance", "match"),
        ("2021年临时救助多少人次", "temporary-assistance", "partial"),
        # A present state (目前) answers for the article's latest year only.
        ("2024年养老院有几家", "elderly-institutions", "match"),
        ("2022年养老院有几家", "elderly-institutions", "mismatch"),
        # The base year of a change: it answers the change since then, not the level then.
        ("低保比2019年提高了多少", "dibao-standard", "match"),
        ("2019年以来低保提高了多少", "dibao-standard", "match"),
        ("2019年低保标准", "dibao-standard", "partial"),
        ("低保比2015年提高了多少", "dibao-standard", "mismatch"),
    ],
)
def test_year_fit(fit: Any, question: str, entry_id: str, expected: str) -> None:
    assert fit(question, entry_id) == expected


@pytest.mark.parametrize(
    ("question", "year"),
    [("2025年低保标准", "2025"), ("2015年低保标准是多少", "2015"), ("2030年养老院有几家", "2030")],
)
def test_a_year_outside_the_article_is_unknown(engine: Any, question: str, year: str) -> None:
    got = engine.ask(question)
    assert (got.status, got.reason, got.detail) == ("no_match", "unknown_year", year)
    assert got.hits == () and got.known_instead  # what the article does give, as such


@pytest.mark.parametrize(
    ("question", "year", "known"),
    [
        ("2022年低保标准是多少", "2022", "dibao-standard"),
        ("2021年临时救助多少人次", "2021", "temporary-assistance"),
        ("2022年养老院有几家", "2022", "elderly-institutions"),
    ],
)
def test_a_year_inside_the_article_not_stated_for_the_entry(
    engine: Any, question: str, year: str, known: str
) -> None:
    got = engine.ask(question)
    assert (got.status, got.reason, got.detail) == ("not_stated", "date", year)
    assert got.known_instead[0].entry.id == known


def test_a_year_the_entry_states_is_answered(engine: Any) -> None:
    for question, entry_id in (
        ("2023年有多少网格员", "grid-workers"),
        ("2024年低保标准是多少", "dibao-standard"),
        ("2024年养老院有几家", "elderly-institutions"),
    ):
        got = engine.ask(question)
        assert got.status == "answered" and got.best.id == entry_id, question


def test_a_comparison_with_a_base_year_outside_the_article_is_unknown(engine: Any) -> None:
    got = engine.ask("低保标准比2015年提高了多少")
    assert (got.status, got.reason) == ("no_match", "unknown_year")
    got = engine.ask("低保比2019年提高了多少")
    assert got.status == "answered" and got.best.id == "dibao-standard"


def test_real_article_years(real: Any) -> None:
    got = real.ask("2025年低保标准是多少")
    assert (got.status, got.reason) == ("no_match", "unknown_year")
    assert got.known_instead[0].entry.id == "dibao-standard-2024"
    got = real.ask("2022年低保标准是多少")
    assert (got.status, got.reason, got.detail) == ("not_stated", "date", "2022")
