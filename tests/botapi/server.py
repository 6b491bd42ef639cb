"""A stand-in Telegram Bot API server on 127.0.0.1 that the real bot runs against unchanged.

python-telegram-bot's `Application`, built with ``base_url(server.base_url)``, talks to this
server exactly as it talks to api.telegram.org: form-encoded POSTs to
``/bot<token>/<method>`` answered with ``{"ok": true, "result": ...}`` envelopes. The server
keeps chats, messages and an update queue, validates what the bot sends the way Telegram does
(see `botapi.validate`), records every request for the test to read, and can misbehave on
command (HTTP 502/504, 429 with retry_after, a hanging request, a connection reset).

The class is assembled from one module per job: `botapi.transport` (HTTP, recording) with
`botapi.faults`, `botapi.updates` (the update queue), `botapi.messages` and `botapi.chats`
(the Bot API methods), `botapi.flood`, `botapi.driver` (simulated users) and
`botapi.inspection` (what tests read); `botapi.state` holds the shared records.

Usage::

    server = BotAPIServer()
    await server.start()
    user = server.user("小王")
    server.send_text(server.private_chat(user), user, "低保标准是多少")
    reply = await server.wait_for("sendMessage")
    assert reply.ok and "低保" in reply.result["text"]
    await server.stop()
"""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict, deque
from collections.abc import Callable

from aiohttp import web

from botapi.chats import ChatMethods
from botapi.driver import Driver
from botapi.entities import detect_entities
from botapi.faults import FaultRule
from botapi.flood import FloodControl, FloodLimits
from botapi.inspection import Inspection
from botapi.messages import MessageMethods
from botapi.state import JSON, PendingQuery, RecordedRequest, Store
from botapi.transport import Transport
from botapi.updates import DEFAULT_ALLOWED, UpdateQueue

__all__ = ["BotAPIServer", "FloodLimits", "RecordedRequest", "detect_entities"]


class BotAPIServer(
    Transport, UpdateQueue, MessageMethods, ChatMethods, FloodControl, Driver, Inspection
):
    """The stand-in Bot API server; see the module docstring."""

    def __init__(
        self,
        *,
        token: str | None = None,
        bot_id: int | None = None,
        bot_username: str = "zj_minzheng_bot",
        bot_name: str = "镇江民政数据",
        privacy_mode: bool = False,
        strict_html: bool = True,
        flood_control: bool = False,
        flood_limits: FloodLimits | None = None,
        inline_query_ttl: float = 10.0,
    ) -> None:
        self.bot_id = bot_id or 7_000_000_000 + secrets.randbelow(10**8)
        # A fresh random token per server, so a leak test can grep for it unambiguously.
        self.token = token or f"{self.bot_id}:AA{secrets.token_urlsafe(33)[:33]}"
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.privacy_mode = privacy_mode
        self.strict_html = strict_html
        self.flood_control = flood_control
        self.flood_limits = flood_limits or FloodLimits()
        self.inline_query_ttl = inline_query_ttl

        self.requests: list[RecordedRequest] = []
        self.updates_pushed: list[JSON] = []
        self.faults: list[FaultRule] = []
        self.callbacks: dict[str, PendingQuery] = {}
        self.inline_queries: dict[str, PendingQuery] = {}
        self.webhook_url = ""
        self.port = 0

        self._state = Store()
        self._pending: deque[JSON] = deque()
        self._next_update_id = 100_000_000 + secrets.randbelow(10**6)
        self._allowed: frozenset[str] = DEFAULT_ALLOWED
        self._updates_event = asyncio.Event()
        self._record_event = asyncio.Event()
        self._closing = asyncio.Event()
        self._poll_generation = 0
        self._polls_waiting = 0
        self._mark = 0
        self._next_user_id = 10_000
        self._next_group_id = 1_000
        self._sent_times: defaultdict[int, list[float]] = defaultdict(list)
        self._all_sent_times: deque[float] = deque()
        self._runner: web.AppRunner | None = None
        self._listeners: list[Callable[[RecordedRequest], None]] = []

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    async def __aenter__(self) -> BotAPIServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
