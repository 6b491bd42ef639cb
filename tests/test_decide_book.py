"""The fact book read back from its own saved rows says what the fresh book says.

A small book decodes every row at start (the first questions pay nothing); a large one decodes a
row when its entry is first consulted. Either way each entry's `Said` is the fresh one.
"""

from __future__ import annotations

import pytest
from fixtures.engine_pack import build_knowledge

from bot.decide import book
from bot.decide.book import FactBook
from bot.understand.normalize import Normalizer


@pytest.fixture(scope="module")
def fresh() -> FactBook:
    knowledge = build_knowledge()
    return FactBook(knowledge, Normalizer.for_knowledge(knowledge))


@pytest.mark.parametrize("eager_rows", [book.EAGER_ROWS, 0])
def test_rows_read_back_as_the_fresh_book(
    fresh: FactBook, eager_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(book, "EAGER_ROWS", eager_rows)
    rows = list(fresh.state())
    again = FactBook(fresh.knowledge, fresh.normalizer, rows)
    for e in fresh.knowledge.entries.values():
        assert again.said(e) == fresh.said(e), e.id


def test_a_small_book_decodes_at_start_a_large_one_when_consulted(
    fresh: FactBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(fresh.state())
    rows[0] = "[1]"  # a row that does not fit
    with pytest.raises(ValueError, match="does not fit"):
        FactBook(fresh.knowledge, fresh.normalizer, rows)
    monkeypatch.setattr(book, "EAGER_ROWS", 0)
    lazy = FactBook(fresh.knowledge, fresh.normalizer, rows)  # nothing decoded yet
    first, second = list(fresh.knowledge.entries.values())[:2]
    assert lazy.said(second) == fresh.said(second)
    with pytest.raises(ValueError, match="does not fit"):
        lazy.said(first)


def test_rows_for_other_knowledge_are_refused(fresh: FactBook) -> None:
    rows = list(fresh.state())[:-1]
    with pytest.raises(ValueError, match="do not fit"):
        FactBook(fresh.knowledge, fresh.normalizer, rows)
