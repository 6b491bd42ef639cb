"""The question log: what people asked and how the bot did, for the curator.

Unanswered questions are the curator's to-do list (`python -m bot misses`), so
every question is logged. The log is a side channel: a locked, full, read-only
or missing database must never delay or break an answer. Each write is a
single autocommit INSERT on one long-lived connection (WAL, synchronous=NORMAL:
no fsync per question); a failure returns None, warns once, and skips further
writes for a few seconds so an outage costs nothing per question.

Privacy by default: no user ids, names or usernames are ever stored. The chat
id is stored only as an HMAC with a random per-install salt kept next to the
database, enough to count distinct chats and nothing more.

The same salt (through a derived key) signs the row ids that 👍/👎 buttons carry
(`bot.keys`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from bot.answer import Answer
from bot.files import make_private_sqlite
from bot.keys import FEEDBACK_TAG_CHARS as FEEDBACK_TAG_CHARS
from bot.keys import FEEDBACK_TAG_LEN as FEEDBACK_TAG_LEN
from bot.keys import FeedbackRef as FeedbackRef
from bot.keys import InstallKeys
from bot.salt import SALT_NAME as SALT_NAME
from bot.understand.normalize import clean

log = logging.getLogger(__name__)

DB_NAME: Final = "questions.sqlite3"
CHAT_TYPES: Final = ("private", "group", "supergroup", "channel", "inline", "console")
MAX_TEXT: Final = 500  # a 4096-character paste is spam, not a curation signal
BUSY_TIMEOUT_S: Final = 0.05  # wait this long for another writer, then give up
RETRY_AFTER_S: Final = 5.0  # after a failure, don't touch the database for this long
PRUNE_EVERY_S: Final = 6 * 3600
CACHE_KIB: Final = 512  # SQLite page cache of the log's connection
DAY_S: Final = 86400.0
MOST_ASKED_TTL_S: Final = 300.0  # as long as Telegram caches an inline answer
MOST_ASKED_KEPT: Final = 50

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS questions (
    id         INTEGER PRIMARY KEY,
    ts         REAL    NOT NULL,  -- unix time, seconds
    chat_type  TEXT    NOT NULL,
    chat       TEXT,              -- HMAC-SHA256(salt, chat id), never the id itself
    text       TEXT    NOT NULL,  -- the question, cleaned (NFKC, simplified, case-folded)
    norm       TEXT    NOT NULL DEFAULT '',  -- what the matcher compared (fillers, places removed)
    status     TEXT    NOT NULL,  -- answered | ambiguous | no_match
    reason     TEXT    NOT NULL DEFAULT '',  -- Answer.reason: why (not) answered
    entry_id   TEXT,              -- best candidate (answer, first candidate, or known instead)
    score      REAL,
    latency_ms REAL,
    feedback   INTEGER            -- 1 = thumbs up, -1 = thumbs down, NULL = none
);
CREATE INDEX IF NOT EXISTS questions_ts ON questions (ts);
"""

T = TypeVar("T")


def db_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / DB_NAME


def _storable(text: str) -> str:
    """Make any str storable: lone surrogates (valid in JSON, not in UTF-8) become "?"."""
    return text[:MAX_TEXT].encode("utf-8", "replace").decode("utf-8")


class QuestionLog:
    """Best-effort, privacy-preserving log of questions, answers and feedback.

    Construction does no I/O; the database is opened on the first write, so a
    bot with an unwritable DATA_DIR starts and answers normally.
    """

    def __init__(
        self,
        data_dir: Path | str,
        *,
        retention_days: int = 90,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = db_path(self.data_dir)
        self.retention_days = retention_days
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._keys = InstallKeys(self.data_dir)  # chat pseudonyms and button tags
        self._lock = threading.Lock()  # the connection may be shared with a worker thread
        self._failing = False  # a warning was logged and no write has succeeded since
        self._retry_at = 0.0  # monotonic time before which writes are skipped
        self._next_prune = 0.0  # wall time of the next retention prune
        self._most_asked: tuple[float, list[str]] | None = None  # (valid until, entry ids)
        self._schemas: list[str] = [_SCHEMA]  # run on every new connection

    # -- writes ----------------------------------------------------------------

    def record(
        self,
        *,
        chat_type: str,
        text: str,
        norm: str = "",
        status: str,
        reason: str = "",
        entry_id: str | None = None,
        score: float | None = None,
        latency_ms: float | None = None,
        chat_id: int | None = None,
    ) -> int | None:
        """Log one question; return its row id (for feedback buttons) or None."""

        def insert(conn: sqlite3.Connection) -> int | None:
            now = self._clock()
            if now >= self._next_prune:
                self._prune(conn, now)
            chat = None if chat_id is None else self._keys.chat_hash(chat_id)
            cur = conn.execute(
                "INSERT INTO questions (ts, chat_type, chat, text, norm, status, reason,"
                " entry_id, score, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    now,
                    chat_type,
                    chat,
                    _storable(text),
                    _storable(norm),
                    status,
                    reason,
                    entry_id,
                    score,
                    latency_ms,
                ),
            )
            return cur.lastrowid

        return self._run("record a question", insert)

    def record_answer(
        self,
        answer: Answer,
        *,
        chat_type: str,
        latency_ms: float | None = None,
        chat_id: int | None = None,
    ) -> int | None:
        """Log an engine answer: its status and its best candidate, whatever the outcome.

        For a miss the best candidate (or what the article says instead) is what
        `misses` offers the curator as the entry to extend.
        """
        hit = (answer.hits or answer.known_instead or (None,))[0]
        return self.record(
            chat_type=chat_type,
            # The cleaned question keeps what the matcher drops (years, places, filler),
            # which the curator needs to tell "2025年低保" from "低保".
            text=" ".join(clean(answer.question[:MAX_TEXT]).split()),
            norm=answer.normalized,
            status=answer.status,
            reason=answer.reason,
            entry_id=hit.entry.id if hit else None,
            score=round(hit.score, 2) if hit else None,
            latency_ms=None if latency_ms is None else round(latency_ms, 3),
            chat_id=chat_id,
        )

    def record_feedback(self, question_id: int, up: bool) -> bool:
        """Attach 👍/👎 to a logged question (the last press wins); False if not recorded."""

        def update(conn: sqlite3.Connection) -> bool:
            cur = conn.execute(
                "UPDATE questions SET feedback = ? WHERE id = ?", (1 if up else -1, question_id)
            )
            return cur.rowcount == 1

        return self._run("record feedback", update) or False

    def feedback_ref(self, question_id: int) -> FeedbackRef | None:
        """The signed reference for a logged question's 👍/👎 buttons; None without a salt."""
        with self._lock:
            return self._keys.feedback_ref(question_id)

    def verify_feedback(self, ref: FeedbackRef) -> bool:
        """True only for a reference this install issued. Reads the salt if this process has
        not yet (a button pressed right after a restart); an unreadable salt means nothing can
        be verified, so nothing is."""
        with self._lock:
            return self._keys.verify(ref)

    def most_asked(self, limit: int = 10) -> list[str]:
        """Entry ids answered most often in the retention window, most first; [] on failure.

        Inline mode's empty query shows these. Remembered for MOST_ASKED_TTL_S, so a
        burst of empty queries costs one GROUP BY, not one each.
        """
        now = self._clock()
        if self._most_asked is not None and now < self._most_asked[0]:
            return self._most_asked[1][:limit]

        def top(conn: sqlite3.Connection) -> list[str]:
            rows = conn.execute(
                "SELECT entry_id FROM questions WHERE status = 'answered' AND entry_id IS NOT NULL"
                " GROUP BY entry_id ORDER BY COUNT(*) DESC, MAX(ts) DESC LIMIT ?",
                (MOST_ASKED_KEPT,),
            ).fetchall()
            return [str(r[0]) for r in rows]

        ids = self._run("read the most asked entries", top, writes=False)
        if ids is None:
            return []
        self._most_asked = (now + MOST_ASKED_TTL_S, ids)
        return ids[:limit]

    def prune(self, retention_days: int | None = None) -> int | None:
        """Delete rows older than the retention period; return how many, or None on failure."""
        days = self.retention_days if retention_days is None else retention_days

        def delete(conn: sqlite3.Connection) -> int:
            return self._prune(conn, self._clock(), days)

        return self._run("prune", delete)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- internals -------------------------------------------------------------

    def _prune(self, conn: sqlite3.Connection, now: float, days: int | None = None) -> int:
        days = self.retention_days if days is None else days
        self._next_prune = now + PRUNE_EVERY_S
        cur = conn.execute("DELETE FROM questions WHERE ts < ?", (now - days * DAY_S,))
        if cur.rowcount:
            log.info("question log: pruned %d rows older than %d days", cur.rowcount, days)
        return cur.rowcount

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        self._keys.load()
        # 0600 before SQLite opens it: its -wal and -shm files inherit the mode.
        loose = make_private_sqlite(self.path)
        if loose:
            log.warning("question log files were readable by other users; made 0600: %s", loose)
        # isolation_level=None: autocommit, so each statement is its own short
        # transaction and a failure never leaves one open.
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # Deleted content is zeroed, not left in free pages: the update journal's rows
            # hold chat ids until they are finished (bot.journal).
            conn.execute("PRAGMA secure_delete=ON")
            # Appends and point updates need few pages; SQLite's default 2 MB page cache would
            # only grow the process's memory with the log's size.
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            for schema in self._schemas:
                conn.executescript(schema)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def add_schema(self, sql: str) -> None:
        """Tables of a companion (the update journal) in this database, created on connect."""
        self._schemas.append(sql)
        if self._conn is not None:
            self._run("create tables", lambda conn: conn.executescript(sql))

    def run(
        self, what: str, op: Callable[[sqlite3.Connection], T], *, writes: bool = True
    ) -> T | None:
        """Run `op` on the log's connection with the log's failure policy (None on failure);
        for companion tables in the same database, such as the update journal."""
        return self._run(what, op, writes=writes)

    def pseudonym(self, value: int, purpose: str = "") -> str | None:
        """The stored stand-in for an id (an HMAC with the install's salt, as `questions.chat`)
        for companion tables; None when the salt cannot be read. Each `purpose` ("voter" ...)
        gives unrelated values, so rows of different tables cannot be joined on a person."""
        with self._lock:
            if not self._keys.ready():
                return None
            return self._keys.chat_hash(f"{purpose}:{value}" if purpose else value)

    def _run(
        self, what: str, op: Callable[[sqlite3.Connection], T], *, writes: bool = True
    ) -> T | None:
        """`op` under the failure policy. Only a write that succeeds ends an outage: a read
        goes through a lock another process holds for writing (WAL)."""
        with self._lock:
            if time.monotonic() < self._retry_at:
                return None
            try:
                result = op(self._connect())
            except Exception as exc:  # the log is best-effort: nothing may reach the user
                self._failed(what, exc)
                return None
            if self._failing and writes:
                self._failing = False
                log.warning("question log %s is writable again", self.path)
            return result

    def _failed(self, what: str, exc: Exception) -> None:
        self._retry_at = time.monotonic() + RETRY_AFTER_S
        if self._conn is not None:  # reconnect next time: the operator may have fixed the file
            self._conn.close()
            self._conn = None
        if self._failing:
            log.debug("question log still unavailable (%s): %s", what, exc)
            return
        self._failing = True
        log.warning(
            "question log %s unavailable (%s: %s: %s); answering continues without logging,"
            " no further warnings until it recovers",
            self.path,
            what,
            type(exc).__name__,
            exc,
        )
