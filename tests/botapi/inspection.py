"""Reading results: the requests recorded, the bot's messages now, and waiting for either."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable

from botapi.state import JSON, RecordedRequest, Store
from botapi.transport import CANONICAL
from botapi.validate import scope_key


class Inspection:
    """What a test asserts on: `calls`, `bot_messages`, `wait_for`, `settle` ..."""

    requests: list[RecordedRequest]
    _state: Store
    _pending: deque[JSON]
    _mark: int
    _record_event: asyncio.Event

    def mark(self) -> int:
        """A position in `requests`; pass as ``since=`` to look only at later requests."""
        return len(self.requests)

    def calls(self, method: str | None = None, *, since: int = 0) -> list[RecordedRequest]:
        wanted = CANONICAL.get(method.lower(), method) if method else None
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
            if self._state.is_bot_message(m) and (chat_id is None or cid == chat_id)
        ]
        return sorted(found, key=lambda m: (m["chat"]["id"], m["message_id"]))

    def replies_to(self, message: JSON) -> list[JSON]:
        """The bot's messages that reply to ``message``."""
        return [
            m
            for m in self.bot_messages(message["chat"]["id"])
            if m.get("reply_to_message", {}).get("message_id") == message["message_id"]
        ]

    async def reply_to(self, message: JSON, *, timeout: float = 15.0) -> JSON:  # noqa: ASYNC109
        """The bot's one reply to `message`: waited for (a group's send limiter may hold it
        back longer than any quiet period), then nothing more may follow."""
        chat_id, message_id = message["chat"]["id"], message["message_id"]

        def answers(r: RecordedRequest) -> bool:
            got = r.result if r.ok else None
            return (
                isinstance(got, dict)
                and got.get("chat", {}).get("id") == chat_id
                and got.get("reply_to_message", {}).get("message_id") == message_id
            )

        await self.wait_for(None, answers, timeout=timeout)
        await self.settle(quiet=0.3)
        (reply,) = self.replies_to(message)
        return reply

    def commands_for(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self._state.commands.get(scope_key(scope, language_code), []))

    def description(self, language_code: str = "", *, short: bool = False) -> str:
        """The bot's (short) description for a language, as setMy(Short)Description left it."""
        key = f"{'short' if short else 'description'}|{language_code}"
        return self._state.descriptions.get(key, "")

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
        wanted = CANONICAL.get(method.lower(), method) if method else None
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
