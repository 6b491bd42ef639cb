"""The HTTP side of the stand-in: routes, parameter decoding, faults applied, requests recorded.

python-telegram-bot posts form-encoded (or JSON) bodies to ``/bot<token>/<method>`` and maps
the *HTTP status* to its exceptions, so this layer is where a fault becomes a 502, a 429, a
hang or a TCP reset, and where every request is recorded for the test to read.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from botapi.errors import ApiError, bad_request
from botapi.faults import FaultInjection, FaultKind, FaultRule
from botapi.state import JSON, RecordedRequest

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
    "reaction": "json",
    "is_big": "bool",
}

# Canonical method names; Telegram matches method names case-insensitively. Each one is
# served by an ``_m_<name>`` coroutine of the server (see the method modules).
METHODS = [
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
    "getMyDescription",
    "getMyShortDescription",
    "setMessageReaction",
    "setMyName",
    "setChatMenuButton",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
]
CANONICAL = {name.lower(): name for name in METHODS}


class Reset(Exception):
    """Raised inside a handler to drop the connection instead of answering."""


class Transport(FaultInjection):
    """Serve ``/bot<token>/<method>`` on 127.0.0.1 and record every request."""

    token: str
    port: int
    requests: list[RecordedRequest]
    _runner: web.AppRunner | None
    _closing: asyncio.Event
    _record_event: asyncio.Event
    _listeners: list[Callable[[RecordedRequest], None]]
    _wake_pollers: Callable[[], None]  # from the update queue

    @property
    def base_url(self) -> str:
        """What ``ApplicationBuilder().base_url(...)`` takes (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

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

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        loop = asyncio.get_running_loop()
        started = loop.time()
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        method = CANONICAL.get(raw_method.lower(), raw_method)
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
            if raw_method.lower() not in CANONICAL:
                raise ApiError(404, "Not Found")
            result = await self._dispatch(method, params)
            after = self._pick_fault(method, after=True)
            if after is not None and not (method == "getUpdates" and not result):
                fault = after
                raise Reset
            body: JSON = {"ok": True, "result": result}
            response = web.json_response(body, dumps=_dumps)
            self._record(method, params, response, started, tag, body)
            return response
        except ApiError as exc:
            body = exc.envelope()
            response = web.json_response(body, status=exc.code, dumps=_dumps)
            self._record(method, params, response, started, tag, body)
            return response
        except Reset:
            self._record_reset(method, params, started, fault.kind if fault else "reset")
            _abort(request)
            # aiohttp needs a return value; the transport is already gone.
            return web.Response(status=500)

    async def _dispatch(self, method: str, p: JSON) -> Any:
        handler: Callable[[JSON], Awaitable[Any]] = getattr(self, f"_m_{method}")
        return await handler(p)

    async def _apply_fault(self, request: web.Request, rule: FaultRule) -> web.Response | None:
        kind: FaultKind = rule.kind
        if kind == "status":
            phrase = {
                400: "Bad Request",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }
            text = rule.description or phrase.get(rule.status, "Internal Server Error")
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
            raise Reset
        raise Reset

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


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


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
