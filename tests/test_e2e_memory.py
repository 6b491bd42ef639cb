"""Per-chat memory is bounded: nothing grows with the number of distinct chats seen."""

from __future__ import annotations

from conftest import StartBot

from bot.tg import memory

DIBAO = "镇江低保标准是多少"


async def test_many_chats_leave_nothing_behind_in_ptb(start_bot: StartBot) -> None:
    bot = await start_bot(rate_limit=False)
    app = bot.app
    server = bot.server
    for i in range(30):
        user, chat = bot.private(f"用户{i}")
        server.send_text(chat, user, DIBAO)
    await server.wait_for_count("sendMessage", 30, lambda r: r.ok, since=0, timeout=10)
    await server.settle()

    assert len(app.chat_data) == 0 and len(app.user_data) == 0
    # PTB 22 collects every chat and user id for a persistence run that never comes; if a
    # PTB upgrade renames these, this fails rather than the memory silently growing again.
    marks = [getattr(app, name) for name in memory._PERSISTENCE_MARKS]
    assert all(isinstance(ids, set) for ids in marks)
    assert sum(len(ids) for ids in marks) <= 2, "only the last update's, not one per chat"
