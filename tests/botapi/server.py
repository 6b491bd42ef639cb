"""A stand-in Telegram Bot API server on 127.0.0.1 that the real bot runs against unchanged.

python-telegram-bot's `Application`, built with ``base_url(server.base_url)``, talks to this
server exactly as it talks to api.telegram.org: form-encoded POSTs to
``/bot<token>/<method>`` answered with ``{"ok": true, "result": ...}`` envelopes. The server
keeps chats, messages and an update queue, validates what the bot sends the way Telegram does
(see `botapi.validate`), records every request for the test to read, and can misbehave on
command (HTTP 502/504, 429 with retry_after, a hanging request, a connection reset).

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
import contextlib
import copy
import json
import math
import re
import secrets
import socket
import struct
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from botapi.errors import ApiError, bad_request
from botapi.faults import FaultKind, FaultRule, method_set
from botapi.html import utf16_len
from botapi.validate import (
    MAX_ANSWER_CALLBACK_TEXT,
    check_commands,
    check_inline_answer_extras,
    check_inline_results,
    check_reply_markup,
    parse_text,
    scope_key,
)

JSON = dict[str, Any]

# How each parameter arrives in a form body (python-telegram-bot JSON-encodes non-strings).
_PARAM_TYPES: dict[str, str] = {
    "chat_id": "chat_id",
    "from_chat_id": "chat_id",
    "user_id": "int",
    "message_id": "int",
    "message_thread_id": "int",
    "reply_to_message_id": "int",
    "offset": "int",
    "limit": "int",
    "timeout": "float",
    "cache_time": "int",
    "max_connections": "int",
    "disable_notification": "bool",
    "disable_web_page_preview": "bool",
    "protect_content": "bool",
    "allow_sending_without_reply": "bool",
    "allow_paid_broadcast": "bool",
    "show_alert": "bool",
    "is_personal": "bool",
    "drop_pending_updates": "bool",
    "revoke_messages": "bool",
    "reply_markup": "json",
    "reply_parameters": "json",
    "entities": "json",
    "caption_entities": "json",
    "link_preview_options": "json",
    "results": "json",
    "button": "json",
    "commands": "json",
    "scope": "json",
    "allowed_updates": "json",
    "menu_button": "json",
    "message_ids": "json",
}

# Canonical method names; Telegram matches method names case-insensitively.
_METHODS = [
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "sendChatAction",
    "answerCallbackQuery",
    "answerInlineQuery",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setChatMenuButton",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
]
_CANONICAL = {name.lower(): name for name in _METHODS}
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_DEFAULT_ALLOWED = frozenset(
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
_SEND_METHODS = frozenset({"sendMessage"})
_COMMAND_RE = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")
_URL_RE = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class RecordedRequest:
    """One request the bot made, with what the stand-in answered."""

    seq: int
    method: str  # canonical name, e.g. "sendMessage"; the raw path segment if unknown
    params: JSON
    status: int  # HTTP status; 0 when the connection was reset
    response: JSON | None  # the envelope sent; None for a reset or HTML error page
    started: float  # loop.time()
    finished: float
    fault: str | None = None  # the injected fault that shaped this answer, if any
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response and self.response.get("ok"))

    @property
    def result(self) -> Any:
        assert self.response is not None and self.response.get("ok"), self.describe()
        return self.response["result"]

    @property
    def description(self) -> str:
        return str((self.response or {}).get("description", ""))

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        text = self.params.get("text")
        return text if isinstance(text, str) else None

    def describe(self) -> str:
        shown = {
            k: (v if len(repr(v)) < 120 else repr(v)[:117] + "...") for k, v in self.params.items()
        }
        tail = f" fault={self.fault}" if self.fault else ""
        return f"#{self.seq} {self.method} {shown} -> {self.status} {self.description}{tail}"


class _Reset(Exception):
    """Raised inside a handler to drop the connection instead of answering."""


@dataclass
class _Callback:
    query: JSON
    created: float
    answered: bool = False
    answer: JSON | None = None


@dataclass
class _Inline:
    query: JSON
    created: float
    answered: bool = False
    answer: JSON | None = None


@dataclass
class FloodLimits:
    """Telegram's documented flood limits, enforced when ``flood_control`` is on."""

    per_chat_per_second: int | None = 1  # None: measured but not enforced
    per_group_per_minute: int | None = 20
    overall_per_second: int | None = 30


@dataclass
class _State:
    chats: dict[int, JSON] = field(default_factory=dict)
    users: dict[int, JSON] = field(default_factory=dict)
    messages: dict[tuple[int, int], JSON] = field(default_factory=dict)
    next_message_id: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    bot_messages: set[tuple[int, int]] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)
    admins: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    commands: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


class BotAPIServer:
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
        self.callbacks: dict[str, _Callback] = {}
        self.inline_queries: dict[str, _Inline] = {}
        self.webhook_url = ""
        self.port = 0

        self._state = _State()
        self._pending: deque[JSON] = deque()
        self._next_update_id = 100_000_000 + secrets.randbelow(10**6)
        self._allowed: frozenset[str] = _DEFAULT_ALLOWED
        self._updates_event = asyncio.Event()
        self._record_event = asyncio.Event()
        self._closing = asyncio.Event()
        self._poll_generation = 0
        self._mark = 0
        self._next_user_id = 10_000
        self._next_group_id = 1_000
        self._sent_times: dict[int, list[float]] = defaultdict(list)
        self._all_sent_times: deque[float] = deque()
        self._runner: web.AppRunner | None = None
        self._listeners: list[Callable[[RecordedRequest], None]] = []

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """What ``ApplicationBuilder().base_url(...)`` takes (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    async def start(self) -> None:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        # access_log=None: aiohttp's access log would print request paths, i.e. the token.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None)
        assert sockets
        self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Release long polls and hanging requests, then close every connection."""
        self._closing.set()
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ faults

    def _add_fault(self, rule: FaultRule) -> FaultRule:
        self.faults.append(rule)
        return rule

    def fail(
        self,
        status: int = 502,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = None,
        html_body: bool = False,
    ) -> FaultRule:
        """Answer the next matching requests with an HTTP error (502/504 ...)."""
        return self._add_fault(
            FaultRule(
                "status",
                method_set(methods),
                count=count,
                duration=duration,
                status=status,
                html_body=html_body,
            )
        )

    def rate_limit(
        self,
        retry_after: int = 1,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = "sendMessage",
    ) -> FaultRule:
        """Answer with 429 "Too Many Requests: retry after N" and parameters.retry_after."""
        return self._add_fault(
            FaultRule(
                "retry_after",
                method_set(methods),
                count=count,
                duration=duration,
                status=429,
                retry_after=retry_after,
            )
        )

    def hang(
        self,
        *,
        count: int | None = 1,
        seconds: float | None = None,
        methods: str | Iterable[str] | None = None,
    ) -> FaultRule:
        """Hold the next matching requests; after ``seconds`` they are served normally
        (a slow server), with ``seconds=None`` they hang until `stop()` drops them."""
        return self._add_fault(
            FaultRule("hang", method_set(methods), count=count, hang_seconds=seconds)
        )

    def reset(
        self,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = None,
        after: bool = False,
    ) -> FaultRule:
        """Reset the TCP connection (RST). ``after=True``: the method runs first, so the
        effect happens but the bot never sees the reply (for getUpdates: only non-empty)."""
        return self._add_fault(
            FaultRule("reset", method_set(methods), count=count, duration=duration, after=after)
        )

    def clear_faults(self) -> None:
        for rule in self.faults:
            rule.cleared = True
        self.faults.clear()

    def _pick_fault(self, method: str, *, after: bool) -> FaultRule | None:
        now = time.monotonic()
        for rule in self.faults:
            if rule.matches(method, now, after=after):
                rule.fire(now)
                return rule
        return None

    # ------------------------------------------------------------------ HTTP layer

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        loop = asyncio.get_running_loop()
        started = loop.time()
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        method = _CANONICAL.get(raw_method.lower(), raw_method)
        params: JSON = {}
        fault: FaultRule | None = None
        tag: str | None = None  # a hang that ended in a (slow) normal answer
        try:
            if token != self.token:
                if re.fullmatch(r"\d+:[A-Za-z0-9_-]{30,}", token):
                    raise ApiError(401, "Unauthorized")
                raise ApiError(404, "Not Found")
            params = await _read_params(request)
            fault = self._pick_fault(method, after=False)
            if fault is not None:
                response = await self._apply_fault(request, fault)
                if response is not None:
                    self._record(method, params, response, started, fault.kind)
                    return response
                tag = fault.kind
            if raw_method.lower() not in _CANONICAL:
                raise ApiError(404, "Not Found")
            result = await self._dispatch(method, params)
            after = self._pick_fault(method, after=True)
            if after is not None and not (method == "getUpdates" and not result):
                fault = after
                raise _Reset
            body: JSON = {"ok": True, "result": result}
            response = web.json_response(body, dumps=_dumps)
            self._record(method, params, response, started, tag, body)
            return response
        except ApiError as exc:
            body = exc.envelope()
            response = web.json_response(body, status=exc.code, dumps=_dumps)
            self._record(method, params, response, started, tag, body)
            return response
        except _Reset:
            self._record_reset(method, params, started, fault.kind if fault else "reset")
            _abort(request)
            # aiohttp needs a return value; the transport is already gone.
            return web.Response(status=500)

    async def _apply_fault(self, request: web.Request, rule: FaultRule) -> web.Response | None:
        kind: FaultKind = rule.kind
        if kind == "status":
            phrase = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
            text = phrase.get(rule.status, "Internal Server Error")
            if rule.html_body:
                html = f"<html><head><title>{rule.status} {text}</title></head></html>"
                return web.Response(status=rule.status, text=html, content_type="text/html")
            body = {"ok": False, "error_code": rule.status, "description": text}
            return web.json_response(body, status=rule.status)
        if kind == "retry_after":
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {rule.retry_after}",
                "parameters": {"retry_after": rule.retry_after},
            }
            return web.json_response(body, status=429)
        if kind == "hang":
            try:
                await asyncio.wait_for(self._closing.wait(), rule.hang_seconds)
            except TimeoutError:
                return None  # slow, but served
            raise _Reset
        raise _Reset

    def _record(
        self,
        method: str,
        params: JSON,
        response: web.Response,
        started: float,
        fault: str | None,
        body: JSON | None = None,
    ) -> None:
        if body is None and response.content_type == "application/json" and response.body:
            assert isinstance(response.body, bytes)
            body = json.loads(response.body)
        self._append(
            RecordedRequest(
                seq=len(self.requests),
                method=method,
                params=params,
                status=response.status,
                response=body,
                started=started,
                finished=asyncio.get_running_loop().time(),
                fault=fault,
            )
        )

    def _record_reset(self, method: str, params: JSON, started: float, fault: str) -> None:
        self._append(
            RecordedRequest(
                seq=len(self.requests),
                method=method,
                params=params,
                status=0,
                response=None,
                started=started,
                finished=asyncio.get_running_loop().time(),
                fault=fault,
            )
        )

    def add_listener(self, listener: Callable[[RecordedRequest], None]) -> None:
        """Call ``listener`` with every request as it is recorded (for load generators,
        which cannot afford to rescan `requests` for each of thousands of waits)."""
        self._listeners.append(listener)

    def _append(self, record: RecordedRequest) -> None:
        self.requests.append(record)
        for listener in self._listeners:
            listener(record)
        event, self._record_event = self._record_event, asyncio.Event()
        event.set()

    # ------------------------------------------------------------------ methods

    async def _dispatch(self, method: str, p: JSON) -> Any:
        handler: Callable[[JSON], Awaitable[Any]] = getattr(self, f"_m_{method}")
        return await handler(p)

    async def _m_getMe(self, p: JSON) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_logOut(self, p: JSON) -> Any:
        return True

    async def _m_close(self, p: JSON) -> Any:
        return True

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
            self._allowed = frozenset(allowed) if allowed else _DEFAULT_ALLOWED
        self._confirm(offset)
        deadline = asyncio.get_running_loop().time() + timeout
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

    async def _m_sendMessage(self, p: JSON) -> Any:
        chat = self._chat_for_sending(p.get("chat_id"))
        parsed = parse_text(
            p.get("text"), p.get("parse_mode"), p.get("entities"), strict_html=self.strict_html
        )
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup)
        reply_to = self._reply_target(chat, p)
        self._flood_check(chat)
        message = self._new_message(
            chat,
            sender=None if chat["type"] == "channel" else self.bot_user,
            text=parsed.text,
            entities=parsed.entities,
            reply_to=reply_to,
            thread_id=p.get("message_thread_id"),
            by_bot=True,
        )
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        self._note_sent(chat)
        return copy.deepcopy(message)

    async def _m_editMessageText(self, p: JSON) -> Any:
        parsed = parse_text(
            p.get("text"), p.get("parse_mode"), p.get("entities"), strict_html=self.strict_html
        )
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup, inline_only=True)
        if p.get("inline_message_id"):
            return True
        message = self._editable(p)
        new_markup = markup if markup and markup.get("inline_keyboard") else None
        if (
            message.get("text") == parsed.text
            and message.get("entities", []) == parsed.entities
            and _same(message.get("reply_markup"), new_markup)
        ):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        message["text"] = parsed.text
        _set_or_drop(message, "entities", parsed.entities)
        _set_or_drop(message, "reply_markup", new_markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _m_editMessageReplyMarkup(self, p: JSON) -> Any:
        markup = p.get("reply_markup")
        if markup is not None:
            check_reply_markup(markup, inline_only=True)
        if p.get("inline_message_id"):
            return True
        message = self._editable(p)
        new_markup = markup if markup and markup.get("inline_keyboard") else None
        if _same(message.get("reply_markup"), new_markup):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        _set_or_drop(message, "reply_markup", new_markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _editable(self, p: JSON) -> JSON:
        chat = self._chat(p.get("chat_id"))
        message = self._state.messages.get((chat["id"], p.get("message_id") or 0))
        if message is None:
            raise bad_request("message to edit not found")
        if not self._is_bot_message(message):
            raise bad_request("message can't be edited")
        return message

    async def _m_deleteMessage(self, p: JSON) -> Any:
        chat = self._chat(p.get("chat_id"))
        key = (chat["id"], p.get("message_id") or 0)
        if key not in self._state.messages:
            raise bad_request("message to delete not found")
        del self._state.messages[key]
        return True

    async def _m_sendChatAction(self, p: JSON) -> Any:
        self._chat_for_sending(p.get("chat_id"))
        if p.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _m_answerCallbackQuery(self, p: JSON) -> Any:
        entry = self.callbacks.get(str(p.get("callback_query_id", "")))
        if entry is None or entry.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = p.get("text")
        if text is not None and len(str(text)) > MAX_ANSWER_CALLBACK_TEXT:
            raise bad_request("MESSAGE_TOO_LONG")
        entry.answered = True
        entry.answer = dict(p)
        return True

    async def _m_answerInlineQuery(self, p: JSON) -> Any:
        entry = self.inline_queries.get(str(p.get("inline_query_id", "")))
        now = asyncio.get_running_loop().time()
        if entry is None or entry.answered or now - entry.created > self.inline_query_ttl:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        check_inline_results(p.get("results"), strict_html=self.strict_html)
        check_inline_answer_extras(p.get("next_offset"), p.get("button"))
        entry.answered = True
        entry.answer = dict(p)
        return True

    async def _m_setMyCommands(self, p: JSON) -> Any:
        commands = check_commands(p.get("commands"))
        self._state.commands[scope_key(p.get("scope"), p.get("language_code"))] = commands
        return True

    async def _m_getMyCommands(self, p: JSON) -> Any:
        return self._state.commands.get(scope_key(p.get("scope"), p.get("language_code")), [])

    async def _m_deleteMyCommands(self, p: JSON) -> Any:
        self._state.commands.pop(scope_key(p.get("scope"), p.get("language_code")), None)
        return True

    async def _m_setMyDescription(self, p: JSON) -> Any:
        if len(str(p.get("description", ""))) > 512:
            raise bad_request("description is too long")
        self._state.descriptions[f"description|{p.get('language_code', '')}"] = str(
            p.get("description", "")
        )
        return True

    async def _m_setMyShortDescription(self, p: JSON) -> Any:
        if len(str(p.get("short_description", ""))) > 120:
            raise bad_request("short description is too long")
        self._state.descriptions[f"short|{p.get('language_code', '')}"] = str(
            p.get("short_description", "")
        )
        return True

    async def _m_setMyName(self, p: JSON) -> Any:
        if len(str(p.get("name", ""))) > 64:
            raise bad_request("name is too long")
        return True

    async def _m_setChatMenuButton(self, p: JSON) -> Any:
        return True

    async def _m_getChat(self, p: JSON) -> Any:
        chat = self._chat(p.get("chat_id"))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
            },
        }

    async def _m_getChatMember(self, p: JSON) -> Any:
        chat = self._chat(p.get("chat_id"))
        user_id = p.get("user_id")
        user = self._state.users.get(user_id) if isinstance(user_id, int) else None
        if user_id == self.bot_id:
            user = self.bot_user
        if user is None:
            raise bad_request("user not found")
        return self._member(chat, user)

    async def _m_getChatAdministrators(self, p: JSON) -> Any:
        chat = self._chat(p.get("chat_id"))
        admins = self._state.admins.get(chat["id"], set())
        return [self._member(chat, self._state.users[uid]) for uid in sorted(admins)]

    def _member(self, chat: JSON, user: JSON) -> JSON:
        if chat["type"] == "private":
            return {"status": "member", "user": user}
        if user["id"] in self._state.admins.get(chat["id"], set()):
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return {"status": "member", "user": user}

    # ------------------------------------------------------------------ chats & messages

    def _chat(self, chat_id: Any) -> JSON:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self._state.chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return chat
        elif isinstance(chat_id, int) and chat_id in self._state.chats:
            return self._state.chats[chat_id]
        raise bad_request("chat not found")

    def _chat_for_sending(self, chat_id: Any) -> JSON:
        chat = self._chat(chat_id)
        if chat["type"] == "private" and chat["id"] in self._state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _reply_target(self, chat: JSON, p: JSON) -> JSON | None:
        reply = p.get("reply_parameters")
        if reply is None and p.get("reply_to_message_id"):
            reply = {
                "message_id": p["reply_to_message_id"],
                "allow_sending_without_reply": p.get("allow_sending_without_reply", False),
            }
        if reply is None:
            return None
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("can't parse reply parameters JSON object")
        target_chat = chat
        if reply.get("chat_id") not in (None, chat["id"]):
            target_chat = self._chat(reply["chat_id"])
        message = self._state.messages.get((target_chat["id"], reply["message_id"]))
        if message is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        return message

    def _is_bot_message(self, message: JSON) -> bool:
        return (message["chat"]["id"], message["message_id"]) in self._state.bot_messages

    def _new_message(
        self,
        chat: JSON,
        *,
        sender: JSON | None,
        text: str | None = None,
        entities: list[JSON] | None = None,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
        extra: JSON | None = None,
        by_bot: bool = False,
    ) -> JSON:
        self._state.next_message_id[chat["id"]] += 1
        message: JSON = {
            "message_id": self._state.next_message_id[chat["id"]],
            "date": int(time.time()),
            "chat": chat,
        }
        if sender is not None:
            message["from"] = sender
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        if thread_id is not None:
            message["message_thread_id"] = thread_id
        if reply_to is not None:
            quoted = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
            message["reply_to_message"] = copy.deepcopy(quoted)
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = entities
        if extra:
            message.update(extra)
        key = (chat["id"], message["message_id"])
        self._state.messages[key] = message
        if by_bot:
            self._state.bot_messages.add(key)
        return message

    def _flood_check(self, chat: JSON) -> None:
        """Telegram's flood control, as sliding windows: a 429 with retry_after when over."""
        if not self.flood_control:
            return
        now = time.monotonic()
        limits = self.flood_limits
        recent = self._sent_times[chat["id"]]
        if limits.per_chat_per_second is not None:
            last_second = [t for t in recent if now - t < 1.0]
            if len(last_second) >= limits.per_chat_per_second:
                raise _too_many(1.0 - (now - last_second[0]))
        if limits.per_group_per_minute is not None and chat["type"] != "private":
            last_minute = [t for t in recent if now - t < 60.0]
            if len(last_minute) >= limits.per_group_per_minute:
                raise _too_many(60.0 - (now - last_minute[0]))
        while self._all_sent_times and now - self._all_sent_times[0] >= 1.0:
            self._all_sent_times.popleft()
        overall = limits.overall_per_second
        if overall is not None and len(self._all_sent_times) >= overall:
            raise _too_many(1.0 - (now - self._all_sent_times[0]))

    def _note_sent(self, chat: JSON) -> None:
        now = time.monotonic()
        self._sent_times[chat["id"]].append(now)
        self._all_sent_times.append(now)

    # ------------------------------------------------------------------ simulation: people

    def user(
        self,
        first_name: str = "小王",
        *,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        user_id: int | None = None,
        last_name: str | None = None,
    ) -> JSON:
        """A human Telegram user (the id is unique within this server)."""
        if user_id is None:
            self._next_user_id += 1
            user_id = self._next_user_id
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._state.users[user_id] = user
        return user

    def private_chat(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        self._state.chats[chat["id"]] = chat
        return chat

    def group(self, title: str = "镇江民政交流群", *, supergroup: bool = True) -> JSON:
        self._next_group_id += 1
        chat_id = -(1_000_000_000_000 + self._next_group_id) if supergroup else -self._next_group_id
        chat: JSON = {
            "id": chat_id,
            "type": "supergroup" if supergroup else "group",
            "title": title,
        }
        self._state.chats[chat_id] = chat
        return chat

    def channel(self, title: str = "镇江民政发布", *, username: str | None = "zj_mz_news") -> JSON:
        self._next_group_id += 1
        chat: JSON = {
            "id": -(1_000_000_000_000 + self._next_group_id),
            "type": "channel",
            "title": title,
        }
        if username:
            chat["username"] = username
        self._state.chats[chat["id"]] = chat
        return chat

    def set_admin(self, chat: JSON, user: JSON) -> None:
        self._state.admins[chat["id"]].add(user["id"])

    def block(self, user: JSON) -> None:
        """The user blocks the bot: sends to them fail with 403 from now on."""
        self._state.blocked.add(user["id"])

    # ------------------------------------------------------------------ simulation: updates

    def push_update(self, update: JSON) -> JSON:
        """Queue a raw update (update_id is assigned) and wake a waiting getUpdates."""
        self._next_update_id += 1
        full = {"update_id": self._next_update_id, **update}
        self.updates_pushed.append(full)
        self._pending.append(full)
        self._mark = len(self.requests)
        self._wake_pollers()
        return full

    def _deliverable(self, message: JSON) -> bool:
        """Privacy mode: in groups the bot sees commands, mentions and replies to itself."""
        if not self.privacy_mode or message["chat"]["type"] not in ("group", "supergroup"):
            return True
        for entity in message.get("entities", []):
            piece = _utf16_slice(message.get("text", ""), entity["offset"], entity["length"])
            if entity["type"] == "bot_command":
                target = piece.partition("@")[2]
                if not target or target.lower() == self.bot_username.lower():
                    return True
            if entity["type"] == "mention" and piece[1:].lower() == self.bot_username.lower():
                return True
        reply = message.get("reply_to_message")
        return bool(reply and reply.get("from", {}).get("id") == self.bot_id)

    def send_text(
        self,
        chat: JSON,
        user: JSON | None,
        text: str,
        *,
        reply_to: JSON | None = None,
        entities: list[JSON] | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        """A user writes ``text`` in ``chat`` (entities are detected like Telegram's client)."""
        if chat["type"] == "channel":
            return self.send_channel_post(chat, text)
        assert user is not None, "a user is needed outside channels"
        self._ensure_member(chat, user)
        if reply_to is not None:
            reply_to = self._state.messages.get((chat["id"], reply_to["message_id"]), reply_to)
        message = self._new_message(
            chat,
            sender=user,
            text=text,
            entities=entities if entities is not None else detect_entities(text),
            reply_to=reply_to,
            thread_id=thread_id,
        )
        if self._deliverable(message):
            self.push_update({"message": copy.deepcopy(message)})
        else:
            self._mark = len(self.requests)
        return message

    def send_command(
        self,
        chat: JSON,
        user: JSON | None,
        command: str,
        args: str = "",
        *,
        to: str | bool = False,
    ) -> JSON:
        """``/command args``; ``to=True`` adds ``@<this bot>``, ``to="otherbot"`` another bot."""
        suffix = ""
        if to is True:
            suffix = f"@{self.bot_username}"
        elif isinstance(to, str) and to:
            suffix = f"@{to}"
        text = f"/{command.lstrip('/')}{suffix}" + (f" {args}" if args else "")
        return self.send_text(chat, user, text)

    def send_channel_post(self, channel: JSON, text: str) -> JSON:
        message = self._new_message(channel, sender=None, text=text, entities=detect_entities(text))
        self.push_update({"channel_post": copy.deepcopy(message)})
        return message

    def edit_text(self, message: JSON, new_text: str) -> JSON:
        """The author edits their message: Telegram sends edited_message (edited_channel_post)."""
        stored = self._state.messages.get((message["chat"]["id"], message["message_id"]))
        if stored is None:
            raise KeyError("no such message")
        stored["text"] = new_text
        _set_or_drop(stored, "entities", detect_entities(new_text))
        stored["edit_date"] = int(time.time())
        kind = "edited_channel_post" if stored["chat"]["type"] == "channel" else "edited_message"
        if kind == "edited_channel_post" or self._deliverable(stored):
            self.push_update({kind: copy.deepcopy(stored)})
        return stored

    def send_media(self, chat: JSON, user: JSON, kind: str, payload: JSON | None = None) -> JSON:
        """A non-text message: ``kind`` is sticker, photo, voice, location, document ..."""
        self._ensure_member(chat, user)
        unique = secrets.token_hex(8)
        defaults: dict[str, Any] = {
            "sticker": {
                "file_id": f"CAACAg{unique}",
                "file_unique_id": unique,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "👍",
            },
            "photo": [
                {"file_id": f"AgAC{unique}", "file_unique_id": unique, "width": 90, "height": 90}
            ],
            "voice": {"file_id": f"AwAC{unique}", "file_unique_id": unique, "duration": 2},
            "location": {"latitude": 32.19, "longitude": 119.45},
            "document": {
                "file_id": f"BQAC{unique}",
                "file_unique_id": unique,
                "file_name": "a.pdf",
            },
        }
        value = payload if payload is not None else defaults[kind]
        message = self._new_message(chat, sender=user, extra={kind: value})
        if self._deliverable(message):
            self.push_update({"message": copy.deepcopy(message)})
        return message

    def send_sticker(self, chat: JSON, user: JSON, emoji: str = "👍") -> JSON:
        self._ensure_member(chat, user)
        return self.send_media(
            chat,
            user,
            "sticker",
            {
                "file_id": f"CAACAg{secrets.token_hex(8)}",
                "file_unique_id": secrets.token_hex(8),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": emoji,
            },
        )

    def send_callback(self, message: JSON, data: str | None, *, user: JSON | None = None) -> str:
        """A user presses a button of ``message`` (which the bot sent): returns the query id."""
        stored = self._state.messages.get((message["chat"]["id"], message["message_id"]), message)
        if user is None:
            if stored["chat"]["type"] != "private":
                raise ValueError("say which user pressed the button outside private chats")
            user = self._state.users[stored["chat"]["id"]]
        query_id = str(secrets.randbits(63))
        query: JSON = {
            "id": query_id,
            "from": user,
            "message": copy.deepcopy(stored),
            "chat_instance": str(abs(hash(stored["chat"]["id"])) % 10**18),
        }
        if data is not None:
            query["data"] = data
        self.callbacks[query_id] = _Callback(query, asyncio.get_running_loop().time())
        self.push_update({"callback_query": query})
        return query_id

    def send_inline_query(
        self, user: JSON, query: str, *, offset: str = "", chat_type: str | None = "sender"
    ) -> str:
        """``@bot query`` typed in some chat; Telegram caps the query at 256 characters."""
        if len(query) > 256:
            raise ValueError("Telegram clients cannot send inline queries over 256 characters")
        query_id = str(secrets.randbits(63))
        inline: JSON = {"id": query_id, "from": user, "query": query, "offset": offset}
        if chat_type is not None:
            inline["chat_type"] = chat_type
        self.inline_queries[query_id] = _Inline(inline, asyncio.get_running_loop().time())
        self.push_update({"inline_query": inline})
        return query_id

    def _ensure_member(self, chat: JSON, user: JSON) -> None:
        self._state.users.setdefault(user["id"], user)
        if chat["type"] == "private" and chat["id"] != user["id"]:
            raise ValueError("a private chat only has its own user")

    # ------------------------------------------------------------------ reading results

    def mark(self) -> int:
        """A position in `requests`; pass as ``since=`` to look only at later requests."""
        return len(self.requests)

    def calls(self, method: str | None = None, *, since: int = 0) -> list[RecordedRequest]:
        wanted = _CANONICAL.get(method.lower(), method) if method else None
        return [r for r in self.requests[since:] if wanted is None or r.method == wanted]

    def bad_requests(self, *, since: int = 0) -> list[RecordedRequest]:
        """Requests Telegram would have refused (400), excluding injected faults."""
        return [r for r in self.requests[since:] if r.status == 400 and r.fault is None]

    def bot_messages(self, chat: JSON | int | None = None) -> list[JSON]:
        """Messages the bot has in a chat now (after edits, minus deletions), oldest first."""
        chat_id = chat["id"] if isinstance(chat, dict) else chat
        found = [
            m
            for (cid, _mid), m in self._state.messages.items()
            if self._is_bot_message(m) and (chat_id is None or cid == chat_id)
        ]
        return sorted(found, key=lambda m: (m["chat"]["id"], m["message_id"]))

    def replies_to(self, message: JSON) -> list[JSON]:
        """The bot's messages that reply to ``message``."""
        return [
            m
            for m in self.bot_messages(message["chat"]["id"])
            if m.get("reply_to_message", {}).get("message_id") == message["message_id"]
        ]

    def commands_for(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self._state.commands.get(scope_key(scope, language_code), []))

    def pending_updates(self) -> int:
        return len(self._pending)

    def all_confirmed(self) -> bool:
        """True when no update is left for the bot: each was confirmed by an offset (or
        dropped because its type is not in allowed_updates)."""
        return not self._pending

    async def wait_for(
        self,
        method: str | None = None,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the brief's API; a deadline, not a cancel scope
        since: int | None = None,
    ) -> RecordedRequest:
        """The first request (by ``method``, matching ``predicate``) recorded since the last
        simulated update (or ``since``), waiting up to ``timeout`` seconds for it."""
        found = await self.wait_for_count(method, 1, predicate, timeout=timeout, since=since)
        return found[0]

    async def wait_for_count(
        self,
        method: str | None,
        count: int,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        since: int | None = None,
    ) -> list[RecordedRequest]:
        wanted = _CANONICAL.get(method.lower(), method) if method else None
        start = self._mark if since is None else since
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = [
                r
                for r in self.requests[start:]
                if (wanted is None or r.method == wanted) and (predicate is None or predicate(r))
            ]
            if len(found) >= count:
                return found[:count]
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = "\n  ".join(r.describe() for r in self.requests[start:][-15:]) or "nothing"
                raise TimeoutError(
                    f"expected {count} x {wanted or 'any request'} within {timeout}s, "
                    f"got {len(found)}; requests since #{start}:\n  {seen}"
                )
            event = self._record_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def settle(self, *, quiet: float = 0.3, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until every pushed update was confirmed and the bot has been silent (apart
        from polling) for ``quiet`` seconds: the way to assert that it sent nothing."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            busy = [r for r in self.requests if r.method != "getUpdates"]
            last = busy[-1].finished if busy else 0.0
            now = loop.time()
            if self.all_confirmed() and now - last >= quiet:
                return
            if now > deadline:
                raise TimeoutError("the bot did not settle")
            await asyncio.sleep(min(0.05, max(0.0, deadline - now)))

    def flood_stats(self) -> dict[int, tuple[int, int]]:
        """Per chat: the most successful sendMessage calls seen in any 1 s and any 60 s."""
        times: dict[int, list[float]] = defaultdict(list)
        for r in self.requests:
            if r.method in _SEND_METHODS and r.ok:
                times[r.result["chat"]["id"]].append(r.finished)
        return {
            chat_id: (_max_in_window(sorted(ts), 1.0), _max_in_window(sorted(ts), 60.0))
            for chat_id, ts in times.items()
        }

    def flood_stats_overall(self, window: float = 1.0) -> int:
        """The most successful sendMessage calls, over all chats, in any ``window`` seconds."""
        times = sorted(r.finished for r in self.requests if r.method in _SEND_METHODS and r.ok)
        return _max_in_window(times, window)


def _max_in_window(times: list[float], window: float) -> int:
    best = 0
    left = 0
    for right, t in enumerate(times):
        while t - times[left] >= window:
            left += 1
        best = max(best, right - left + 1)
    return best


def _too_many(wait: float) -> ApiError:
    seconds = max(1, math.ceil(wait))
    return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _set_or_drop(message: JSON, key: str, value: Any) -> None:
    if value:
        message[key] = value
    else:
        message.pop(key, None)


def _utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")


def detect_entities(text: str) -> list[JSON]:
    """The entities Telegram's servers mark in a user's plain text: commands, mentions,
    hashtags and URLs (PTB's CommandHandler needs the bot_command entity at offset 0)."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in (
        ("bot_command", _COMMAND_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
        ("url", _URL_RE),
    ):
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), kind))
    found.sort()
    entities: list[JSON] = []
    last_end = -1
    for start, end, kind in found:
        if start < last_end:
            continue
        offset = utf16_len(text[:start])
        entities.append({"type": kind, "offset": offset, "length": utf16_len(text[start:end])})
        last_end = end
    return entities


def _abort(request: web.Request) -> None:
    """Close the connection with a TCP RST, like a proxy dropping it mid-request."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def _read_params(request: web.Request) -> JSON:
    """Parameters from the query string plus a JSON, urlencoded or multipart body."""
    raw: dict[str, Any] = dict(request.query)
    from_json = False
    if request.can_read_body:
        ctype = request.content_type
        if ctype == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise bad_request("can't parse JSON object") from exc
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            raw.update(body)
            from_json = True
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                raw[key] = value if isinstance(value, str) else "<file>"
    return {key: _coerce(key, value, from_json) for key, value in raw.items()}


def _coerce(name: str, value: Any, from_json: bool) -> Any:
    kind = _PARAM_TYPES.get(name)
    if kind is None:
        return value
    if not isinstance(value, str):
        if kind == "float" and isinstance(value, int | float):
            return float(value)
        return value
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return value.strip().lower() in ("true", "1")
        if kind == "chat_id":
            return int(value) if re.fullmatch(r"-?\d+", value.strip()) else value.strip()
        return json.loads(value)
    except ValueError as exc:
        if kind == "json":
            raise bad_request(f"can't parse {name} JSON object") from exc
        raise bad_request(f'invalid parameter "{name}"') from exc
