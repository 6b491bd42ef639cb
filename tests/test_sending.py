"""Sending: "typing…" is never held back by the group flood limit its answer is waiting on."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.tg.application import ActionsFirst


async def test_chat_actions_skip_the_flood_limit_that_holds_messages() -> None:
    limiter = ActionsFirst(overall_max_rate=0, group_max_rate=1, max_retries=0)
    await limiter.initialize()
    sent: list[str] = []

    async def request(name: str) -> Any:
        sent.append(name)
        return True

    group = {"chat_id": -100123}
    await limiter.process_request(request, ("first",), {}, "sendMessage", group, None)
    second = limiter.process_request(request, ("second",), {}, "sendMessage", group, None)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(second, 0.2)  # the group's budget is spent: it waits
    await asyncio.wait_for(
        limiter.process_request(request, ("typing",), {}, "sendChatAction", group, None), 0.2
    )
    assert sent == ["first", "typing"]
    await limiter.shutdown()
