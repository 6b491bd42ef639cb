"""Durable updates: journaled before Telegram is told, finished once handled, replayed later.

python-telegram-bot puts every update on `application.update_queue` *before*
confirming it to Telegram: the Updater's next getUpdates carries the confirming
offset only after the whole batch was queued, and the webhook handler queues the
update before it answers 200. So the queue is the one place that sees every update
in both modes while Telegram would still re-send it. `DurableQueue` journals each
update there (`bot.journal`) and drops one whose update_id was journaled before.

`DurableProcessor` is the application's update processor (concurrent, like PTB's
default): it awaits the whole handling of an update, every handler group, the
error handler and an ApplicationHandlerStop included, and then marks the journal row
`done`, or `undeliverable` when a send was given up on (`bot.tg.retry`). At start-up
`replay_pending` queues what a previous process journaled and never finished.

Only messages and channel posts (new or edited) are journaled: button presses and
inline queries expire at Telegram within seconds, so there is nothing to replay.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Awaitable
from typing import Any, Final

from telegram import Message, Update
from telegram.ext import BaseUpdateProcessor

from bot.journal import DONE, UNDELIVERABLE, UpdateJournal
from bot.tg.retry import tracked

logger = logging.getLogger(__name__)

JOURNALED: Final = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CHANNEL_POST,
    Update.EDITED_CHANNEL_POST,
)
MAX_CONCURRENT_UPDATES: Final = 256  # PTB's default for concurrent_updates(True)
IDLE_CHECKPOINT_S: Final = 0.5  # after the last pending update, truncate the WAL this much later
LATE_AFTER_S: Final = 60.0  # an answer this long after the question says sorry for the delay


def kind_of(update: Update) -> str | None:
    """The journaled kind of `update` (message, edited_message ...), None if not journaled."""
    for kind in JOURNALED:
        if getattr(update, kind) is not None:
            return kind
    return None


def chat_type_of(update: Update) -> str:
    chat = update.effective_chat
    return chat.type if chat is not None else "-"


class DurableQueue(asyncio.Queue[object]):
    """The application's update queue, journaling each journaled-kind update first."""

    def __init__(self, journal: UpdateJournal | None) -> None:
        super().__init__()
        self.journal = journal
        self.duplicates = 0  # updates dropped because their update_id was journaled before

    def put_nowait(self, item: object) -> None:
        # asyncio.Queue.put() ends in put_nowait(), so this covers both.
        if self.journal is not None and isinstance(item, Update):
            kind = kind_of(item)
            if kind is not None and not self.journal.received(
                item.update_id, kind, chat_type_of(item), item.to_dict()
            ):
                self.duplicates += 1
                logger.info("update %d arrived again: already journaled, dropped", item.update_id)
                return
        super().put_nowait(item)

    def requeue(self, update: Update) -> None:
        """Queue an update that is already in the journal (a replay)."""
        super().put_nowait(update)


class DurableProcessor(BaseUpdateProcessor):
    """Handle updates concurrently; finish each journaled one once it has been handled."""

    def __init__(
        self, journal: UpdateJournal | None, max_concurrent: int = MAX_CONCURRENT_UPDATES
    ) -> None:
        super().__init__(max_concurrent)
        self.journal = journal
        self._checkpoint: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Future[None]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        journal = self.journal
        if journal is None or not isinstance(update, Update) or kind_of(update) is None:
            await coroutine
            return
        update_id = update.update_id
        with tracked(on_sent=lambda: journal.sent(update_id)) as delivery:
            await coroutine  # PTB catches handler errors; a cancellation leaves it pending
        journal.finished(update_id, UNDELIVERABLE if delivery.failed else DONE)
        if journal.idle and self._checkpoint is None:
            loop = asyncio.get_running_loop()
            self._checkpoint = loop.call_later(IDLE_CHECKPOINT_S, self._start_checkpoint)

    def _start_checkpoint(self) -> None:
        """Once idle for a moment, truncate the WAL (in a thread: it syncs the disk)."""
        self._checkpoint = None
        if self.journal is not None and self.journal.idle:
            task = asyncio.ensure_future(asyncio.to_thread(self.journal.checkpoint))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        if self._checkpoint is not None:
            self._checkpoint.cancel()
            self._checkpoint = None
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def replay_pending(queue: DurableQueue, journal: UpdateJournal, bot: Any) -> tuple[int, int]:
    """Queue what a previous process received but never finished; (queued, expired)."""
    pending, expired = await asyncio.to_thread(journal.take_pending)
    queued = 0
    for item in pending:
        try:
            update = Update.de_json(item.payload, bot)
        except Exception:  # a row this version cannot read: finish it rather than loop on it
            logger.warning("update %d from before the restart is unreadable", item.update_id)
            journal.finished(item.update_id, UNDELIVERABLE)
            continue
        queue.requeue(update)
        queued += 1
    if queued or expired:
        logger.info(
            "answering %d updates received before the restart; %d older than %d min skipped",
            queued,
            expired,
            round(journal.max_age_s / 60),
        )
    return queued, expired


def is_late(message: Message, now: dtm.datetime | None = None) -> bool:
    """Whether an answer to `message` now comes late enough to apologise for the delay."""
    sent = message.edit_date or message.date
    now = now or dtm.datetime.now(dtm.UTC)
    return (now - sent).total_seconds() > LATE_AFTER_S
