"""The question log: one row per question, no personal data, and never in the way of an answer."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import qlog
from bot.answer import Answer, Hit
from bot.knowledge.models import Indicator
from bot.qlog import FeedbackRef, QuestionLog
from bot.qlogread import LoggedQuestion, open_readonly, read_questions
from bot.updatelog import log_handled

CHAT_ID = 987654321


def _entry(entry_id: str = "dibao-standard") -> Indicator:
    return Indicator(
        id=entry_id,
        topic="social-assistance",
        title="最低生活保障标准",
        title_en="dibao",
        quote="低保标准提高到每人每月875元",
        value="875",
    )


def _rows(data_dir: Path) -> list[LoggedQuestion]:
    conn = open_readonly(data_dir)
    assert conn is not None
    try:
        return read_questions(conn)
    finally:
        conn.close()


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.qlog" and r.levelno == logging.WARNING]


@pytest.fixture
def log(tmp_path: Path) -> Iterator[QuestionLog]:
    q = QuestionLog(tmp_path / "data")
    yield q
    q.close()


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry on every call, so 'warns once' is tested over real repeated failures."""
    monkeypatch.setattr(qlog, "RETRY_AFTER_S", 0.0)


def test_one_row_per_question(log: QuestionLog) -> None:
    ids = [
        log.record(
            chat_type="private",
            text="镇江低保标准",
            status="answered",
            entry_id="dibao-standard",
            score=95.0,
            latency_ms=0.4,
            chat_id=CHAT_ID,
        ),
        log.record(chat_type="group", text="镇江人口", status="no_match", chat_id=-100123),
        log.record(chat_type="inline", text="低保", status="ambiguous"),
    ]
    assert all(isinstance(i, int) for i in ids) and len(set(ids)) == 3
    rows = _rows(log.data_dir)
    assert [r.id for r in rows] == ids
    first = rows[0]
    assert (first.chat_type, first.text, first.status, first.entry_id, first.score) == (
        "private",
        "镇江低保标准",
        "answered",
        "dibao-standard",
        95.0,
    )
    assert first.latency_ms == 0.4 and first.feedback is None
    assert abs(first.ts - time.time()) < 60
    assert rows[2].chat is None  # inline queries have no chat


def test_record_answer_keeps_best_candidate_even_when_not_answered(log: QuestionLog) -> None:
    e = _entry()
    answered = Answer("低保标准是多少", "低保标准", "answered", hits=(Hit(e, 91.234),))
    refused = Answer(
        "２０２５年  鎮江低保？",
        "低保",
        "no_match",
        reason="unknown_year",
        known_instead=(Hit(e, 70.0),),
    )
    empty = Answer("😀", "", "no_match", reason="empty")
    ids = [
        log.record_answer(a, chat_type="console", latency_ms=1.23456)
        for a in (answered, refused, empty)
    ]
    rows = {r.id: r for r in _rows(log.data_dir)}
    first, second, third = (rows[i] for i in ids if i is not None)
    assert (first.entry_id, first.score, first.text, first.norm) == (
        "dibao-standard",
        91.23,
        "低保标准是多少",
        "低保标准",
    )
    assert first.latency_ms == 1.235
    # A refusal keeps what the article says instead, and the question keeps the year and
    # place the matcher dropped, cleaned (full-width, traditional, spaces) for the curator.
    assert (second.status, second.reason, second.entry_id) == (
        "no_match",
        "unknown_year",
        "dibao-standard",
    )
    assert (second.text, second.norm) == ("2025年 镇江低保?", "低保")
    assert third.entry_id is None and (third.text, third.norm) == ("😀", "")


def test_no_user_or_chat_id_is_stored(log: QuestionLog, tmp_path: Path) -> None:
    log.record(chat_type="private", text="低保", status="answered", chat_id=CHAT_ID)
    log.record(chat_type="private", text="低保", status="answered", chat_id=CHAT_ID)
    log.record(chat_type="private", text="低保", status="answered", chat_id=CHAT_ID + 1)
    rows = _rows(log.data_dir)
    for row in rows:
        for value in (row.id, row.chat, row.text, row.entry_id, row.status):
            assert str(CHAT_ID) not in str(value) and value != CHAT_ID
    assert rows[0].chat == rows[1].chat != rows[2].chat  # distinct chats still countable
    log.close()
    for f in log.data_dir.iterdir():  # database, WAL, salt: the id appears nowhere on disk
        raw = f.read_bytes()
        assert str(CHAT_ID).encode() not in raw and CHAT_ID.to_bytes(8, "big") not in raw, f
    # The salt is per install: another data dir hashes the same chat differently.
    other = QuestionLog(tmp_path / "other")
    other.record(chat_type="private", text="低保", status="answered", chat_id=CHAT_ID)
    assert _rows(other.data_dir)[0].chat != rows[0].chat
    other.close()
    salt = log.data_dir / qlog.SALT_NAME
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600 and len(salt.read_bytes()) == 32


def test_salt_survives_restart(tmp_path: Path) -> None:
    a = QuestionLog(tmp_path)
    a.record(chat_type="group", text="x", status="no_match", chat_id=-42)
    a.close()
    b = QuestionLog(tmp_path)
    b.record(chat_type="group", text="x", status="no_match", chat_id=-42)
    b.close()
    first, second = _rows(tmp_path)
    assert first.chat == second.chat


def test_retention_prune(tmp_path: Path) -> None:
    now = [time.time() - 100 * qlog.DAY_S]
    q = QuestionLog(tmp_path, retention_days=90, clock=lambda: now[0])
    old = q.record(chat_type="private", text="旧问题", status="answered")
    now[0] += 50 * qlog.DAY_S
    recent = q.record(chat_type="private", text="近问题", status="answered")
    assert q.prune() == 0  # nothing is 90 days old yet
    now[0] += 45 * qlog.DAY_S
    assert q.prune() == 1
    assert [r.id for r in _rows(tmp_path)] == [recent]
    assert q.prune(retention_days=1) == 1 and _rows(tmp_path) == []
    assert old != recent
    q.close()


def test_record_prunes_by_itself(tmp_path: Path) -> None:
    now = [time.time() - 30 * qlog.DAY_S]
    q = QuestionLog(tmp_path, retention_days=7, clock=lambda: now[0])
    q.record(chat_type="private", text="旧", status="answered")
    now[0] += qlog.PRUNE_EVERY_S - 1  # not yet due: the old row stays
    q.record(chat_type="private", text="中", status="answered")
    assert len(_rows(tmp_path)) == 2
    now[0] = time.time()
    q.record(chat_type="private", text="新", status="answered")
    assert [r.text for r in _rows(tmp_path)] == ["新"]
    q.close()


def test_feedback_recorded(log: QuestionLog) -> None:
    qid = log.record(chat_type="private", text="低保", status="answered")
    assert qid is not None
    assert log.record_feedback(qid, up=False)
    assert _rows(log.data_dir)[0].feedback == -1
    assert log.record_feedback(qid, up=True)  # changed mind: the last press wins
    assert _rows(log.data_dir)[0].feedback == 1
    assert not log.record_feedback(qid + 1000, up=True)  # forged or pruned id


def test_feedback_tag_round_trip(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path)
    qid = log.record(chat_type="private", text="低保", status="answered")
    assert qid is not None
    ref = log.feedback_ref(qid)
    assert ref is not None and ref.question_id == qid
    assert len(ref.tag) == qlog.FEEDBACK_TAG_LEN and ref.tag.isascii()
    assert re.fullmatch(rf"[{qlog.FEEDBACK_TAG_CHARS}]+", ref.tag)
    assert log.verify_feedback(ref)
    other = log.feedback_ref(qid + 1)
    assert other is not None and other.tag != ref.tag  # the tag binds the id
    assert not log.verify_feedback(FeedbackRef(qid + 1, ref.tag))  # someone else's question
    assert not log.verify_feedback(
        FeedbackRef(qid, ref.tag[:-1] + ("A" if ref.tag[-1] != "A" else "B"))
    )
    assert not log.verify_feedback(FeedbackRef(qid, ""))
    assert not log.verify_feedback(FeedbackRef(-qid, ref.tag))
    log.close()
    # After a restart (no write yet) buttons already sent still verify: the key is the salt's.
    restarted = QuestionLog(tmp_path)
    assert restarted.verify_feedback(ref)
    restarted.close()
    # Another install (another salt) signs differently.
    elsewhere = QuestionLog(tmp_path / "other")
    assert not elsewhere.verify_feedback(ref)
    assert elsewhere.feedback_ref(qid) != ref
    elsewhere.close()


def test_unreadable_salt_verifies_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    log = QuestionLog(blocker / "data")
    assert log.feedback_ref(1) is None
    assert not log.verify_feedback(FeedbackRef(1, "A" * qlog.FEEDBACK_TAG_LEN))


def test_most_asked_counts_answered_questions_and_is_cached(tmp_path: Path) -> None:
    now = [1_000_000.0]
    log = QuestionLog(tmp_path / "data", clock=lambda: now[0])
    assert log.most_asked() == []  # no log yet: nothing to rank, and no error
    asked = ["dibao"] * 3 + ["beds"] * 2 + ["orphans"]
    for entry_id in asked:
        log.record(chat_type="private", text="q", status="answered", entry_id=entry_id)
    for _ in range(5):  # misses name a candidate too, but nobody got that answer
        log.record(chat_type="private", text="q", status="no_match", entry_id="weather")
    now[0] += qlog.MOST_ASKED_TTL_S  # the empty cache above has expired
    assert log.most_asked() == ["dibao", "beds", "orphans"]
    assert log.most_asked(limit=1) == ["dibao"]
    for _ in range(4):
        log.record(chat_type="private", text="q", status="answered", entry_id="orphans")
    assert log.most_asked()[0] == "dibao"  # remembered for a while ...
    now[0] += qlog.MOST_ASKED_TTL_S
    assert log.most_asked()[0] == "orphans"  # ... then read again
    log.close()


def test_locked_database_returns_none_quickly_and_warns_once(
    log: QuestionLog, caplog: pytest.LogCaptureFixture, no_backoff: None
) -> None:
    assert log.record(chat_type="private", text="a", status="answered") is not None
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        start = time.perf_counter()
        results = [
            log.record(chat_type="private", text=f"q{i}", status="answered") for i in range(5)
        ]
        elapsed = time.perf_counter() - start
        assert results == [None] * 5
        assert not log.record_feedback(1, up=True)
        assert elapsed < 5 * (qlog.BUSY_TIMEOUT_S + 0.2)  # bounded by the busy timeout
        assert len(_warnings(caplog)) == 1
        assert "locked" in _warnings(caplog)[0].getMessage()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert log.record(chat_type="private", text="b", status="answered") is not None
    assert "writable again" in _warnings(caplog)[-1].getMessage()
    assert [r.text for r in _rows(log.data_dir)] == ["a", "b"]


def test_a_read_during_an_outage_does_not_end_it(
    log: QuestionLog, caplog: pytest.LogCaptureFixture, no_backoff: None
) -> None:
    """Readers pass another process's write lock (WAL): a read that works says nothing about
    writing, so it neither announces a recovery nor lets the next failed write warn again."""
    log.record(chat_type="private", text="a", status="answered", entry_id="dibao")
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert log.record(chat_type="private", text="b", status="answered") is None
        assert log.most_asked() == ["dibao"]  # the read goes through the lock
        assert log.record(chat_type="private", text="c", status="answered") is None
        assert [w.getMessage().split(" (")[0] for w in _warnings(caplog)] == [
            f"question log {log.path} unavailable"
        ]
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_failure_backs_off_without_touching_the_database(
    log: QuestionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During an outage each question costs a clock read, not a busy-timeout wait."""
    log.record(chat_type="private", text="a", status="answered")
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert log.record(chat_type="private", text="b", status="answered") is None
        start = time.perf_counter()
        for _ in range(100):
            assert log.record(chat_type="private", text="c", status="answered") is None
        assert time.perf_counter() - start < qlog.BUSY_TIMEOUT_S  # 100 skips < one wait
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_unwritable_data_dir_does_not_raise(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, no_backoff: None
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where DATA_DIR should be")
    q = QuestionLog(blocker / "data")
    for _ in range(3):
        assert q.record(chat_type="private", text="低保", status="answered", chat_id=1) is None
    assert q.prune() is None and not q.record_feedback(1, up=True)
    assert len(_warnings(caplog)) == 1
    q.close()


def test_readonly_database_warns_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, no_backoff: None
) -> None:
    q = QuestionLog(tmp_path)
    q.record(chat_type="private", text="a", status="answered")
    q.close()
    if os.geteuid() == 0:
        # root ignores file modes; make the connection itself read-only instead, which
        # raises the same SQLITE_READONLY error a read-only file or mount would.
        class ReadOnlyLog(QuestionLog):
            def _connect(self) -> sqlite3.Connection:
                conn = super()._connect()
                conn.execute("PRAGMA query_only = ON")
                return conn

        q = ReadOnlyLog(tmp_path)
    else:
        for f in tmp_path.iterdir():
            f.chmod(0o444)
        tmp_path.chmod(0o555)
        q = QuestionLog(tmp_path)
    try:
        for _ in range(3):
            assert q.record(chat_type="private", text="b", status="answered") is None
        assert len(_warnings(caplog)) == 1
        assert "readonly" in _warnings(caplog)[0].getMessage()
    finally:
        q.close()
        tmp_path.chmod(0o755)
    assert [r.text for r in _rows(tmp_path)] == ["a"]


def test_full_database_warns_once(
    log: QuestionLog, caplog: pytest.LogCaptureFixture, no_backoff: None
) -> None:
    class FullLog(QuestionLog):
        def _connect(self) -> sqlite3.Connection:
            conn = super()._connect()
            conn.execute("PRAGMA max_page_count = 1")  # below the current size: any growth fails
            return conn

    q = FullLog(log.data_dir)
    log.record(chat_type="private", text="a", status="answered")
    try:
        results = [
            q.record(chat_type="private", text="x" * 400, status="answered") for _ in range(50)
        ]
        assert None in results
        assert len(_warnings(caplog)) == 1
    finally:
        q.close()


def test_hostile_text_is_stored_safely(log: QuestionLog) -> None:
    """A lone surrogate (legal in JSON, not in UTF-8) must not turn into a failed write."""
    qid = log.record(chat_type="private", text="\ud800\x00<b>" + "长" * 5000, status="no_match")
    assert qid is not None
    row = _rows(log.data_dir)[0]
    assert row.text.startswith("?\x00<b>") and len(row.text) == qlog.MAX_TEXT


def test_log_line_is_structured_and_has_no_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.updates")
    log_handled(
        update_id=7,
        chat_type="group",
        status="answered",
        entry_id="dibao-standard",
        latency_ms=1.234,
        qid=3,
    )
    log_handled(update_id=None, chat_type="inline", status="no_match")
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.updates"]
    assert lines == [
        "update=7 chat=group status=answered entry=dibao-standard latency_ms=1.2 qid=3",
        "update=- chat=inline status=no_match entry=- latency_ms=- qid=-",
    ]


def test_database_and_wal_files_are_private(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "data")
    log.record(chat_type="private", text="低保", status="answered", chat_id=CHAT_ID)
    files = {f.name: stat.S_IMODE(f.stat().st_mode) for f in log.data_dir.iterdir()}
    log.close()
    assert {qlog.DB_NAME, qlog.DB_NAME + "-wal", qlog.DB_NAME + "-shm", qlog.SALT_NAME} <= set(
        files
    )
    assert all(mode == 0o600 for mode in files.values()), files


def test_a_world_readable_database_from_before_is_tightened(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sqlite3.connect(data / qlog.DB_NAME).close()
    (data / qlog.DB_NAME).chmod(0o644)
    log = QuestionLog(data)
    log.record(chat_type="private", text="低保", status="answered")
    log.close()
    assert stat.S_IMODE((data / qlog.DB_NAME).stat().st_mode) == 0o600
    assert any("made 0600" in r.getMessage() for r in _warnings(caplog))
