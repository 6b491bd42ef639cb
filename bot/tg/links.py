"""Which bot message answered which question, about which entries, for whom; across restarts.

Three things need to know what one of the bot's messages is:
- a *reply* to an answer ("那2019年呢" under the 低保 answer) continues from that answer's
  entry, however long ago it was sent;
- an *edited* question edits its answer instead of posting a second one;
- in a group, an answer's and a menu's buttons belong to the person who asked.

The links are kept in a `Bounded` map for the moment and, when the question log is on, in a
small table beside it (same database, same failure policy, pruned with the log's retention),
so a restart forgets none of them. Chats are stored as the log stores them (an HMAC of the
id); the asker as an HMAC with a purpose of its own, so no table can be joined on a person.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from bot.qlog import DAY_S, PRUNE_EVERY_S, QuestionLog
from bot.tg.bounded import Bounded

__all__ = ["AnswerLinks", "Link", "Sent"]

MAX_REMEMBERED: Final = 2_000  # bot messages held in memory; older ones are read from disk
MEMORY_TTL_S: Final = 24 * 3600.0
NO_QUESTION: Final = 0  # message ids start at 1: the question of messages that answer none

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS answer_messages (
    chat       TEXT    NOT NULL,  -- HMAC of the chat id, as questions.chat
    message_id INTEGER NOT NULL,  -- a message the bot sent
    question   INTEGER NOT NULL,  -- the message it answers (the question's message id)
    part       INTEGER NOT NULL,  -- its place among the messages of that answer
    entries    TEXT    NOT NULL,  -- the entries it answers, space-separated
    owner      TEXT,              -- HMAC of the asker's user id: whose buttons these are
    ts         REAL    NOT NULL,
    PRIMARY KEY (chat, message_id)
);
CREATE INDEX IF NOT EXISTS answer_messages_question ON answer_messages (chat, question);
CREATE INDEX IF NOT EXISTS answer_messages_ts ON answer_messages (ts);
"""


@dataclass(frozen=True, slots=True)
class Sent:
    """One message of an answer as sent: its id and the entries it shows."""

    message_id: int
    entries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """What one bot message is."""

    question_id: int
    entries: tuple[str, ...]
    owner: str  # the asker's token ("" when unknown)


class AnswerLinks:
    """See the module docstring. Disk reads and writes run in a worker thread."""

    def __init__(
        self,
        qlog: QuestionLog | None,
        *,
        max_items: int = MAX_REMEMBERED,
        ttl: float = MEMORY_TTL_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._qlog = qlog
        self._clock = clock
        self._messages: Bounded[tuple[int, int], Link] = Bounded(max_items, ttl)
        self._questions: Bounded[tuple[int, int], tuple[int, ...]] = Bounded(max_items, ttl)
        self._secret = secrets.token_bytes(16)  # tokens for this process, without a log
        self._next_prune = 0.0
        if qlog is not None:
            qlog.add_schema(_SCHEMA)

    def owner_token(self, user_id: int) -> str:
        """A stable stand-in for a user id, comparable across restarts when the log is on."""
        if self._qlog is not None:
            token = self._qlog.pseudonym(user_id, "owner")
            if token is not None:
                return token
        return hmac.new(self._secret, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def owns(self, link: Link | None, user_id: int) -> bool:
        return link is not None and bool(link.owner) and link.owner == self.owner_token(user_id)

    async def remember(
        self, chat_id: int, question_id: int, sent: Sequence[Sent], owner_id: int | None
    ) -> None:
        """Record the messages answering `question_id` (replacing an earlier answer's)."""
        for old in self._questions.get((chat_id, question_id)) or ():
            self._messages.pop((chat_id, old))
        self._questions.put((chat_id, question_id), tuple(s.message_id for s in sent))
        await self._store(chat_id, question_id, sent, owner_id)

    async def remember_opened(
        self, chat_id: int, sent: Sequence[Sent], owner_id: int | None
    ) -> None:
        """Record messages that answer no question of their own (an entry opened by a
        button, a /topics menu): a reply to one continues from it, its buttons are theirs."""
        await self._store(chat_id, NO_QUESTION, sent, owner_id)

    async def _store(
        self, chat_id: int, question_id: int, sent: Sequence[Sent], owner_id: int | None
    ) -> None:
        owner = self.owner_token(owner_id) if owner_id is not None else ""
        for s in sent:
            self._messages.put((chat_id, s.message_id), Link(question_id, s.entries, owner))
        qlog = self._qlog
        chat = qlog.pseudonym(chat_id) if qlog is not None else None
        if qlog is None or chat is None:
            return

        def write(conn: sqlite3.Connection) -> None:
            now = self._clock()
            if now >= self._next_prune:
                self._next_prune = now + PRUNE_EVERY_S
                cutoff = now - qlog.retention_days * DAY_S
                conn.execute("DELETE FROM answer_messages WHERE ts < ?", (cutoff,))
            if question_id != NO_QUESTION:
                conn.execute(
                    "DELETE FROM answer_messages WHERE chat = ? AND question = ?",
                    (chat, question_id),
                )
            conn.executemany(
                "INSERT OR REPLACE INTO answer_messages"
                " (chat, message_id, question, part, entries, owner, ts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (chat, s.message_id, question_id, i, " ".join(s.entries), owner or None, now)
                    for i, s in enumerate(sent)
                ],
            )

        await asyncio.to_thread(qlog.run, "remember an answer", write)

    async def answers_to(self, chat_id: int, question_id: int) -> list[int] | None:
        """The bot messages answering a question, in order; None if there is no record."""
        known = self._questions.get((chat_id, question_id))
        if known is not None:
            return list(known)
        qlog = self._qlog
        chat = qlog.pseudonym(chat_id) if qlog is not None else None
        if qlog is None or chat is None:
            return None

        def read(conn: sqlite3.Connection) -> list[int]:
            rows = conn.execute(
                "SELECT message_id FROM answer_messages WHERE chat = ? AND question = ?"
                " ORDER BY part",
                (chat, question_id),
            ).fetchall()
            return [int(r[0]) for r in rows]

        ids = await asyncio.to_thread(qlog.run, "read an answer", read)
        return ids or None

    async def link(self, chat_id: int, message_id: int) -> Link | None:
        """What a bot message answered; None for messages we keep no record of."""
        known = self._messages.get((chat_id, message_id))
        if known is not None:
            return known
        qlog = self._qlog
        chat = qlog.pseudonym(chat_id) if qlog is not None else None
        if qlog is None or chat is None:
            return None

        def read(conn: sqlite3.Connection) -> Link | None:
            row = conn.execute(
                "SELECT question, entries, owner FROM answer_messages"
                " WHERE chat = ? AND message_id = ?",
                (chat, message_id),
            ).fetchone()
            if row is None:
                return None
            return Link(int(row[0]), tuple(str(row[1]).split()), str(row[2] or ""))

        found = await asyncio.to_thread(qlog.run, "read a link", read)
        if found is not None:
            self._messages.put((chat_id, message_id), found)
        return found
