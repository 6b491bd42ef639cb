"""The bot serving several packs, through the real library and the Bot API stand-in:
/source and /topics name each pack by its city and source."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import RunningBot

from bot.engine import Engine
from bot.knowledge.models import Knowledge
from bot.tg.context import BotContext, BotData
from bot.tg.messages import pack_city


@pytest.fixture(scope="module")
def engine(cities: Knowledge) -> Engine:
    """Overrides conftest's engine: the bundled pack and the test city, served together."""
    return Engine(cities)


async def test_source_and_topics_name_every_pack(running_bot: RunningBot, cities: Any) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    texts = {}
    for command in ("source", "topics"):
        server.send_command(chat, user, command)
        reply = await server.wait_for("sendMessage")
        assert reply.ok, reply.describe()
        texts[command] = reply.result["text"]
    for pack in cities.packs:
        city = pack_city(pack, "zh")
        assert f"出处 · {city}" in texts["source"]
        assert f"【{city}】" in texts["topics"] and pack.source.headline in texts["topics"]


async def test_handlers_get_the_typed_context(running_bot: RunningBot) -> None:
    app = running_bot.app
    assert app.context_types.context is BotContext
    assert isinstance(app.bot_data, BotData)
    assert app.bot_data.engine is not None and app.bot_data.settings is running_bot.settings
