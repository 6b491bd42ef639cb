"""👍/👎 votes: one per person per answer, changeable, counted for the buttons that show them.

Under an answer in a group or a channel many people see the same two buttons. Recording each
press on the question row would let every press overwrite the last; here each voter has one
vote per answer (pressing the other button changes it, pressing the same one again changes
nothing), and the question row keeps the latest vote, which is what `stats` and `misses` read.

Votes live beside the question log, in its database and under its failure policy: a locked
or missing database costs a vote, never an answer. Voters are stored as the log stores chats,
an HMAC of the id with the install's salt, never the id itself; votes are kept as long as
the log keeps questions.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from bot.qlog import DAY_S, PRUNE_EVERY_S, QuestionLog

__all__ = ["Tally", "Votes"]

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS votes (
    question INTEGER NOT NULL,  -- questions.id
    voter    TEXT    NOT NULL,  -- HMAC-SHA256(salt, user id), never the id itself
    vote     INTEGER NOT NULL,  -- 1 = thumbs up, -1 = thumbs down
    ts       REAL    NOT NULL,
    PRIMARY KEY (question, voter)
);
CREATE INDEX IF NOT EXISTS votes_ts ON votes (ts);
"""


@dataclass(frozen=True, slots=True)
class Tally:
    """The votes on one answer after a press, and what the press did."""

    up: int
    down: int
    mine: int  # the presser's vote now: 1, -1
    changed: bool  # False: the same vote again, nothing to update


class Votes:
    """Votes on logged questions (see the module docstring)."""

    def __init__(self, qlog: QuestionLog, *, clock: Callable[[], float] = time.time) -> None:
        self._qlog = qlog
        self._clock = clock
        self._next_prune = 0.0
        qlog.add_schema(_SCHEMA)

    def cast(self, question_id: int, voter_id: int, up: bool) -> Tally | None:
        """Record `voter_id`'s vote on a logged question; None if it could not be stored."""
        voter = self._qlog.pseudonym(voter_id, "voter")
        if voter is None:
            return None
        vote = 1 if up else -1

        def write(conn: sqlite3.Connection) -> Tally | None:
            now = self._clock()
            if now >= self._next_prune:
                self._prune(conn, now)
            row = conn.execute(
                "SELECT vote FROM votes WHERE question = ? AND voter = ?", (question_id, voter)
            ).fetchone()
            changed = row is None or int(row[0]) != vote
            if changed:
                exists = conn.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,))
                if exists.fetchone() is None:
                    return None  # pruned since the answer was sent
                conn.execute(
                    "INSERT INTO votes (question, voter, vote, ts) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (question, voter) DO UPDATE SET vote = excluded.vote,"
                    " ts = excluded.ts",
                    (question_id, voter, vote, now),
                )
                conn.execute("UPDATE questions SET feedback = ? WHERE id = ?", (vote, question_id))
            up_count, down_count = _counts(conn, question_id)
            return Tally(up_count, down_count, vote, changed)

        return self._qlog.run("record a vote", write)

    def tally(self, question_id: int) -> tuple[int, int] | None:
        """(👍, 👎) on a logged question; None if the log cannot be read."""
        return self._qlog.run("count votes", lambda conn: _counts(conn, question_id))

    def _prune(self, conn: sqlite3.Connection, now: float) -> None:
        self._next_prune = now + PRUNE_EVERY_S
        cutoff = now - self._qlog.retention_days * DAY_S
        conn.execute("DELETE FROM votes WHERE ts < ?", (cutoff,))


def _counts(conn: sqlite3.Connection, question_id: int) -> tuple[int, int]:
    row = conn.execute(
        "SELECT COALESCE(SUM(vote > 0), 0), COALESCE(SUM(vote < 0), 0) FROM votes"
        " WHERE question = ?",
        (question_id,),
    ).fetchone()
    return int(row[0]), int(row[1])
