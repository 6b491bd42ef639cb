"""The update journal: durable before confirmation, deduplicated, expiring, content erased."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot import journal
from bot.journal import DONE, EXPIRED, UNDELIVERABLE, UpdateJournal, minimized
from bot.qlog import QuestionLog, db_path


def _update(update_id: int, text: str = "低保标准") -> dict[str, Any]:
    user = {"id": 4242, "is_bot": False, "first_name": "小王", "username": "xw", "last_name": "王"}
    chat = {"id": 4242, "type": "private", "first_name": "小王", "username": "xw"}
    return {
        "update_id": update_id,
        "message": {"message_id": 7, "date": 1, "chat": chat, "from": user, "text": text},
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def qlog(tmp_path: Path) -> Any:
    log = QuestionLog(tmp_path / "data")
    yield log
    log.close()


def _rows(qlog: QuestionLog) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path(qlog.data_dir))
    try:
        return conn.execute(
            "SELECT update_id, status, payload IS NULL FROM updates ORDER BY update_id"
        ).fetchall()
    finally:
        conn.close()


def test_received_then_finished_erases_the_content(qlog: QuestionLog, clock: Clock) -> None:
    j = UpdateJournal(qlog, clock=clock)
    assert j.received(1, "message", "private", _update(1))
    assert j.received(2, "message", "private", _update(2))
    j.finished(1)
    j.finished(2, UNDELIVERABLE)
    assert _rows(qlog) == [(1, DONE, 1), (2, UNDELIVERABLE, 1)]
    assert j.counts() == {DONE: 1, UNDELIVERABLE: 1}


def test_a_second_delivery_is_a_duplicate_pending_or_done(qlog: QuestionLog) -> None:
    j = UpdateJournal(qlog)
    assert j.received(1, "message", "private", _update(1))
    assert not j.received(1, "message", "private", _update(1)), "still pending"
    j.finished(1)
    assert not j.received(1, "message", "private", _update(1)), "already answered"
    j.finished(1, UNDELIVERABLE)  # a finished update keeps its first outcome
    assert _rows(qlog) == [(1, DONE, 1)]


def test_pending_survives_a_restart_and_old_ones_expire(tmp_path: Path, clock: Clock) -> None:
    first = QuestionLog(tmp_path)
    j = UpdateJournal(first, clock=clock)
    j.received(1, "message", "private", _update(1, "旧问题"))
    clock.now += journal.MAX_AGE_S - 60
    j.received(2, "message", "private", _update(2, "新问题"))
    j.received(3, "message", "private", _update(3))
    j.finished(3)
    first.close()  # as if the process died: nothing else is written

    clock.now += 61  # update 1 is now older than MAX_AGE_S, update 2 is not
    second = QuestionLog(tmp_path)
    pending, expired = UpdateJournal(second, clock=clock).take_pending()
    assert expired == 1
    assert [(p.update_id, p.payload["message"]["text"]) for p in pending] == [(2, "新问题")]
    assert _rows(second) == [(1, EXPIRED, 1), (2, "pending", 0), (3, DONE, 1)]
    second.close()


def test_names_are_stripped_ids_kept() -> None:
    slim = minimized(_update(1))
    message = slim["message"]
    assert message["from"] == {"id": 4242, "is_bot": False, "first_name": ""}
    assert message["chat"] == {"id": 4242, "type": "private", "first_name": ""}
    assert message["text"] == "低保标准"
    group = {"id": -100, "type": "supergroup", "title": "镇江民政交流群"}
    assert minimized({"chat": group}) == {"chat": group}


def test_finished_rows_are_pruned_after_a_day(qlog: QuestionLog, clock: Clock) -> None:
    j = UpdateJournal(qlog, clock=clock)
    j.received(1, "message", "private", _update(1))
    j.finished(1)
    j.received(2, "message", "private", _update(2))  # pending: kept whatever its age
    clock.now += journal.KEEP_FINISHED_S + 1
    j.prune()
    assert _rows(qlog) == [(2, "pending", 0)]


def test_an_unavailable_database_journals_nothing_and_drops_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    log = QuestionLog(blocker / "data")
    j = UpdateJournal(log)
    assert j.received(1, "message", "private", _update(1)), "answer it, unjournaled"
    assert j.received(1, "message", "private", _update(1)), "no record: cannot call it a dup"
    j.finished(1)
    assert j.take_pending() == ([], 0)
    assert j.counts() == {}


def test_once_nothing_is_pending_no_file_holds_the_chat_id(qlog: QuestionLog) -> None:
    j = UpdateJournal(qlog)
    j.received(1, "message", "private", _update(1))
    j.received(2, "message", "private", _update(2))
    files = list(qlog.data_dir.iterdir())
    assert any(b"4242" in f.read_bytes() for f in files), "pending: the id is needed to answer"
    j.finished(1)
    assert not j.idle
    j.finished(2)
    assert j.idle
    j.checkpoint()
    for f in qlog.data_dir.iterdir():
        assert b"4242" not in f.read_bytes(), f.name


def test_a_sent_update_is_not_replayed_and_can_still_finish(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path)
    j = UpdateJournal(log)
    j.received(1, "message", "private", _update(1))
    j.received(2, "message", "private", _update(2))
    j.sent(1)  # the reply went out, then the process died before finishing
    log.close()
    again = QuestionLog(tmp_path)
    pending, _ = UpdateJournal(again).take_pending()
    assert [p.update_id for p in pending] == [2]
    assert _rows(again) == [(1, journal.SENT, 1), (2, "pending", 0)]
    UpdateJournal(again).finished(1, UNDELIVERABLE)  # a later part could not be sent
    assert _rows(again)[0] == (1, UNDELIVERABLE, 1)
    again.close()
