"""The update journal: every incoming update on disk before Telegram is told it arrived.

Telegram forgets an update once the bot confirms it (the next getUpdates offset,
or a webhook's 200), and the bot used to confirm before answering, so a crash
lost whatever was fetched but not yet answered. The journal closes that gap: an
update is written here first, marked finished when its reply has been sent, and
what is still pending at start-up is answered then. Rows keep their update_id
for a day after finishing, which is how duplicates (Telegram re-delivering what
a crashed process never confirmed) are recognised and dropped.

It lives in the question log's SQLite database and shares its connection and its
failure policy: when the disk refuses, updates are still answered, just not
journaled. Writes are plain WAL commits without fsync (synchronous=NORMAL), so
they survive a killed process (kill -9, OOM) but not a power cut or kernel crash.

Privacy: while pending, a row holds the update as Telegram sent it (the chat id
is needed to answer; in a private chat it is the user's id), with names and usernames
stripped. The content is erased the moment the update finishes or expires: zeroed in
the database (secure_delete) and, once nothing is pending, dropped from the WAL file
by a truncating checkpoint (`checkpoint`). So at rest, between bursts, no file holds
an id.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from bot.qlog import QuestionLog

log = logging.getLogger(__name__)

MAX_AGE_S: Final = 600.0  # a question older than this is not answered after a restart
KEEP_FINISHED_S: Final = 86400.0  # Telegram keeps unconfirmed updates for 24 hours
PRUNE_EVERY: Final = 1000  # finished rows are pruned every this many updates
# Update-level statuses; `pending` until the update has been handled.
PENDING: Final = "pending"
SENT: Final = "sent"  # a reply was delivered: not replayed, even if the process dies now
DONE: Final = "done"
UNDELIVERABLE: Final = "undeliverable"  # the reply could not be sent by the retry deadline
EXPIRED: Final = "expired"  # pending at a restart, but older than MAX_AGE_S
_PERSONAL: Final = ("first_name", "last_name", "username")

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    received  REAL NOT NULL,              -- unix time the bot received it
    kind      TEXT NOT NULL,              -- message, edited_message, callback_query ...
    chat_type TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL,              -- pending | sent | done | undeliverable | expired
    finished  REAL,
    payload   TEXT                        -- the update while pending, NULL after
);
CREATE INDEX IF NOT EXISTS updates_pending ON updates (received) WHERE status = 'pending';
"""


@dataclass(frozen=True, slots=True)
class Pending:
    """An update received before a restart and not finished: to be handled now."""

    update_id: int
    received: float
    payload: dict[str, Any]


def minimized(payload: dict[str, Any]) -> dict[str, Any]:
    """The update without names or usernames of people (ids stay: answering needs them).

    `first_name` becomes "" rather than disappearing: the Bot API marks it required.
    """

    def walk(value: Any) -> Any:
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        person = "is_bot" in value or value.get("type") == "private"
        out = {k: walk(v) for k, v in value.items() if not (person and k in _PERSONAL)}
        if person and "first_name" in value:
            out["first_name"] = ""
        return out

    result: dict[str, Any] = walk(payload)
    return result


class UpdateJournal:
    """Durable record of updates, kept in `qlog`'s database; every method is best-effort."""

    def __init__(
        self,
        qlog: QuestionLog,
        *,
        max_age_s: float = MAX_AGE_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._qlog = qlog
        self.max_age_s = max_age_s
        self._clock = clock
        self._since_prune = 0
        self._pending: set[int] = set()  # journaled by this process, not yet finished
        qlog.add_schema(_SCHEMA)

    def received(self, update_id: int, kind: str, chat_type: str, payload: dict[str, Any]) -> bool:
        """Journal an update; False only if this update_id was journaled before (a duplicate).

        When the database is unavailable the update is not journaled and True is
        returned: answering it unjournaled beats dropping it.
        """
        text = json.dumps(minimized(payload), ensure_ascii=False)
        now = self._clock()

        def insert(conn: sqlite3.Connection) -> bool:
            cur = conn.execute(
                "INSERT OR IGNORE INTO updates (update_id, received, kind, chat_type, status,"
                " payload) VALUES (?, ?, ?, ?, ?, ?)",
                (update_id, now, kind, chat_type, PENDING, text),
            )
            return cur.rowcount == 1

        fresh = self._qlog.run("journal an update", insert)
        if fresh:
            self._pending.add(update_id)
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self.prune()
        return fresh is not False

    def sent(self, update_id: int) -> None:
        """A reply to this update was delivered: never replay it; its content is erased."""
        self._set(update_id, SENT, "note a delivered reply")

    def finished(self, update_id: int, status: str = DONE) -> None:
        """Mark an update handled (`done`, or `undeliverable`) and erase its content."""
        self._set(update_id, status, "finish an update")
        self._pending.discard(update_id)

    def _set(self, update_id: int, status: str, what: str) -> None:
        def update(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE updates SET status = ?, finished = ?, payload = NULL"
                " WHERE update_id = ? AND status IN (?, ?)",
                (status, self._clock(), update_id, PENDING, SENT),
            )

        self._qlog.run(what, update)

    @property
    def idle(self) -> bool:
        """Nothing journaled by this process is waiting to be finished."""
        return not self._pending

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it, so erased content leaves the disk.

        It syncs the database (milliseconds): call it off the event loop, once idle.
        """
        self._qlog.run(
            "checkpoint the journal", lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        )

    def take_pending(self) -> tuple[list[Pending], int]:
        """What a previous process received and never finished: (recent ones, oldest first;
        how many were older than `max_age_s` and are now marked expired)."""
        cutoff = self._clock() - self.max_age_s

        def take(conn: sqlite3.Connection) -> tuple[list[Pending], int]:
            expired = conn.execute(
                "UPDATE updates SET status = ?, finished = ?, payload = NULL"
                " WHERE status = ? AND received < ?",
                (EXPIRED, self._clock(), PENDING, cutoff),
            ).rowcount
            rows = conn.execute(
                "SELECT update_id, received, payload FROM updates WHERE status = ?"
                " ORDER BY update_id",
                (PENDING,),
            ).fetchall()
            return [Pending(int(r[0]), float(r[1]), json.loads(r[2])) for r in rows], expired

        result = self._qlog.run("read pending updates", take, writes=False)
        self.prune()
        if result is None:
            return [], 0
        self._pending.update(p.update_id for p in result[0])
        return result

    def prune(self) -> None:
        """Forget finished updates older than Telegram could re-deliver them."""
        self._since_prune = 0
        cutoff = self._clock() - KEEP_FINISHED_S

        def delete(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM updates WHERE status != ? AND received < ?", (PENDING, cutoff)
            )

        self._qlog.run("prune the update journal", delete)

    def counts(self, since: float | None = None) -> dict[str, int]:
        """Updates per status (received since `since`), e.g. for an operator's check."""

        def count(conn: sqlite3.Connection) -> dict[str, int]:
            rows = conn.execute(
                "SELECT status, COUNT(*) FROM updates WHERE received >= ? GROUP BY status",
                (since if since is not None else 0.0,),
            ).fetchall()
            return {str(r[0]): int(r[1]) for r in rows}

        return self._qlog.run("count updates", count, writes=False) or {}
