"""The update queue: what the bot receives through getUpdates, and the webhook switch.

Telegram keeps unconfirmed updates until an ``offset`` confirms them, ends an older long
poll with 409 when a newer one starts, drops types outside ``allowed_updates`` and, with
privacy mode on, hides group chatter not meant for the bot; the queue does the same.
"""

from __future__ import annotations

import asyncio
import copy
from collections import deque
from typing import Any

from botapi.entities import utf16_slice
from botapi.errors import ApiError, bad_request
from botapi.state import JSON, RecordedRequest

DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)


class UpdateQueue:
    """getUpdates, the webhook methods, and `push_update` for the test driver."""

    bot_id: int
    bot_username: str
    privacy_mode: bool
    webhook_url: str
    requests: list[RecordedRequest]
    updates_pushed: list[JSON]
    _pending: deque[JSON]
    _next_update_id: int
    _allowed: frozenset[str]
    _updates_event: asyncio.Event
    _closing: asyncio.Event
    _poll_generation: int
    _polls_waiting: int
    _mark: int

    def push_update(self, update: JSON) -> JSON:
        """Queue a raw update (update_id is assigned) and wake a waiting getUpdates."""
        self._next_update_id += 1
        full = {"update_id": self._next_update_id, **update}
        self.updates_pushed.append(full)
        self._pending.append(full)
        self._mark = len(self.requests)
        self._wake_pollers()
        return full

    async def long_poll_waiting(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Return once a getUpdates long poll is waiting: it started before anything the
        caller does next (a fault rule added now does not apply to it), and it will
        return what is pushed next."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._polls_waiting == 0:
            if loop.time() > deadline:
                raise TimeoutError("no getUpdates long poll is waiting")
            await asyncio.sleep(0.01)

    def _deliverable(self, message: JSON) -> bool:
        """Privacy mode: in groups the bot sees commands, mentions and replies to itself."""
        if not self.privacy_mode or message["chat"]["type"] not in ("group", "supergroup"):
            return True
        for entity in message.get("entities", []):
            piece = utf16_slice(message.get("text", ""), entity["offset"], entity["length"])
            if entity["type"] == "bot_command":
                target = piece.partition("@")[2]
                if not target or target.lower() == self.bot_username.lower():
                    return True
            if entity["type"] == "mention" and piece[1:].lower() == self.bot_username.lower():
                return True
        reply = message.get("reply_to_message")
        return bool(reply and reply.get("from", {}).get("id") == self.bot_id)

    async def _m_setWebhook(self, p: JSON) -> Any:
        url = p.get("url", "")
        if url and not str(url).startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = str(url)
        if p.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def _m_deleteWebhook(self, p: JSON) -> Any:
        self.webhook_url = ""
        if p.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def _m_getWebhookInfo(self, p: JSON) -> Any:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    async def _m_getUpdates(self, p: JSON) -> Any:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()  # an older long poll now ends with 409, as on Telegram
        offset = p.get("offset")
        limit = p.get("limit") or 100
        if not 1 <= limit <= 100:
            limit = 100
        timeout = max(0.0, float(p.get("timeout") or 0))
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED
        self._confirm(offset)
        deadline = asyncio.get_running_loop().time() + timeout
        self._polls_waiting += 1
        try:
            return await self._long_poll(generation, offset, limit, deadline)
        finally:
            self._polls_waiting -= 1

    async def _long_poll(self, generation: int, offset: Any, limit: int, deadline: float) -> Any:
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            batch = self._batch(offset, limit)
            if batch or self._closing.is_set():
                return batch
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return []
            event = self._updates_event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return []

    def _confirm(self, offset: Any) -> None:
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            keep = -offset
            while len(self._pending) > keep:
                self._pending.popleft()
            return
        while self._pending and self._pending[0]["update_id"] < offset:
            self._pending.popleft()

    def _batch(self, offset: Any, limit: int) -> list[JSON]:
        batch: list[JSON] = []
        for update in list(self._pending):
            if isinstance(offset, int) and offset > 0 and update["update_id"] < offset:
                continue
            kind = next(k for k in update if k != "update_id")
            if kind not in self._allowed:
                self._pending.remove(update)  # Telegram never delivers filtered-out types
                continue
            batch.append(copy.deepcopy(update))
            if len(batch) >= limit:
                break
        return batch

    def _wake_pollers(self) -> None:
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()
