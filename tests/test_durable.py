"""The durable queue's pieces that need no running bot: kinds, lateness, the queue itself."""

from __future__ import annotations

import datetime as dtm
from pathlib import Path

from telegram import Chat, Message, Update, User

from bot.journal import UpdateJournal
from bot.qlog import QuestionLog
from bot.tg.durable import LATE_AFTER_S, DurableQueue, is_late, kind_of

NOW = dtm.datetime(2026, 1, 1, 12, 0, tzinfo=dtm.UTC)


def _message(sent: dtm.datetime, edited: dtm.datetime | None = None) -> Message:
    user = User(4242, "小王", is_bot=False)
    chat = Chat(4242, Chat.PRIVATE)
    return Message(7, sent, chat, from_user=user, text="低保", edit_date=edited)


def test_kinds_that_are_journaled() -> None:
    message = _message(NOW)
    assert kind_of(Update(1, message=message)) == "message"
    assert kind_of(Update(2, edited_message=message)) == "edited_message"
    assert kind_of(Update(3, channel_post=message)) == "channel_post"
    assert kind_of(Update(4)) is None  # callbacks, inline queries ...: they expire anyway


def test_late_means_over_a_minute_since_sent_or_edited() -> None:
    just = dtm.timedelta(seconds=LATE_AFTER_S - 1)
    over = dtm.timedelta(seconds=LATE_AFTER_S + 1)
    assert not is_late(_message(NOW - just), NOW)
    assert is_late(_message(NOW - over), NOW)
    assert not is_late(_message(NOW - 10 * over, edited=NOW - just), NOW)


async def test_the_queue_journals_and_drops_what_it_has_seen(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path)
    queue = DurableQueue(UpdateJournal(log))
    update = Update(1, message=_message(NOW))
    await queue.put(update)
    await queue.put(Update(1, message=_message(NOW)))  # Telegram sending it again
    queue.put_nowait(object())  # PTB's stop signal and other objects pass through
    assert queue.qsize() == 2 and queue.duplicates == 1
    queue.requeue(update)  # a replay is not a duplicate
    assert queue.qsize() == 3
    log.close()


async def test_without_a_journal_it_is_a_plain_queue() -> None:
    queue = DurableQueue(None)
    update = Update(1, message=_message(NOW))
    await queue.put(update)
    await queue.put(update)
    assert queue.qsize() == 2
