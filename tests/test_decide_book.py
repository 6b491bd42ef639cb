"""The fact book read back from its own saved rows says what the fresh book says.

A small book decodes every row at start (the first questions pay nothing); a large one decodes a
row when its entry is first consulted. Either way each entry's `Said` is the fresh one.
"""

from __future__ import annotations

import pytest
from fixtures.engine_pack import build_knowledge

from bot.decide import book
from bot.decide.book import FactBook, Said
from bot.knowledge.models import Entry
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


def test_a_large_book_reads_an_entry_when_first_consulted_and_saves_no_rows(
    fresh: FactBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No start of a large book, cold or warm, reads every entry's facts: each is read when it
    is first consulted, once, and is the eager book's."""
    read: list[str] = []
    real = FactBook._read

    def counted(self: FactBook, e: Entry) -> Said:
        read.append(e.id)
        return real(self, e)

    monkeypatch.setattr(FactBook, "_read", counted)
    monkeypatch.setattr(book, "EAGER_ROWS", 0)
    for state in (None, []):  # built cold, or warm from a cache that holds no rows
        read.clear()
        large = FactBook(fresh.knowledge, fresh.normalizer, state)
        assert read == [] and list(large.state()) == []
        entries = list(fresh.knowledge.entries.values())
        for e in (*entries, *entries):
            assert large.said(e) == fresh.said(e), e.id
        assert read == [e.id for e in entries]


def test_a_small_book_without_its_rows_is_refused(fresh: FactBook) -> None:
    """A small book always saves its rows: a file without them is not one this code wrote."""
    with pytest.raises(ValueError, match="do not fit"):
        FactBook(fresh.knowledge, fresh.normalizer, [])


@pytest.mark.parametrize("eager_rows", [book.EAGER_ROWS, 0])
def test_the_match_text_is_the_entry_text_normalized_when_made(
    fresh: FactBook, eager_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made at start for a small book (and saved with its rows), on first use for a large one:
    either way the entry's names, statement and phrasings normalized as match text."""
    rows = list(fresh.state())
    monkeypatch.setattr(book, "EAGER_ROWS", eager_rows)
    books = [
        FactBook(fresh.knowledge, fresh.normalizer),
        FactBook(fresh.knowledge, fresh.normalizer, rows),
    ]
    for e in fresh.knowledge.entries.values():
        said = fresh.said(e)
        joined = " ".join((e.title, *e.aliases, said.facts.text, *e.questions))
        want = fresh.normalizer.normalize(joined, index=True).text
        assert said.made == [want]  # a small book made it at start
        for b in books:
            assert b.said(e).match_text == want, e.id
