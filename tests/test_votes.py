"""Votes: one per person per answer, changeable, counted; the question keeps the latest."""

from __future__ import annotations

from pathlib import Path

from bot.answer import Answer
from bot.qlog import QuestionLog
from bot.qlogread import open_readonly, read_questions
from bot.votes import Tally, Votes


def _logged(tmp_path: Path) -> tuple[QuestionLog, int]:
    qlog = QuestionLog(tmp_path)
    row = qlog.record_answer(Answer("低保", "低保", "answered"), chat_type="group")
    assert row is not None
    return qlog, row


def _feedback(tmp_path: Path) -> list[int | None]:
    conn = open_readonly(tmp_path)
    assert conn is not None
    try:
        return [r.feedback for r in read_questions(conn)]
    finally:
        conn.close()


def test_one_vote_per_person_changeable_and_counted(tmp_path: Path) -> None:
    qlog, row = _logged(tmp_path)
    votes = Votes(qlog)
    assert votes.cast(row, 1, True) == Tally(1, 0, 1, True)
    assert votes.cast(row, 2, True) == Tally(2, 0, 1, True)
    assert votes.cast(row, 2, True) == Tally(2, 0, 1, False)  # the same again: no change
    assert votes.cast(row, 2, False) == Tally(1, 1, -1, True)  # changed
    assert votes.tally(row) == (1, 1)
    assert _feedback(tmp_path) == [-1]  # the question keeps the latest vote


def test_a_vote_on_a_pruned_question_is_not_stored(tmp_path: Path) -> None:
    qlog, row = _logged(tmp_path)
    votes = Votes(qlog)
    assert votes.cast(row + 1, 1, True) is None
    assert votes.tally(row + 1) == (0, 0)


def test_voters_are_not_stored_as_ids(tmp_path: Path) -> None:
    qlog, row = _logged(tmp_path)
    Votes(qlog).cast(row, 424242, True)
    conn = open_readonly(tmp_path)
    assert conn is not None
    (voter,) = conn.execute("SELECT voter FROM votes").fetchone()
    conn.close()
    assert "424242" not in voter and voter != qlog.pseudonym(424242)
