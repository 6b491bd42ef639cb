"""The smaller things people notice, through the real Application: a photo's caption is a
question, an edit after a restart edits, a slow answer shows "typing…", the copy button."""

from __future__ import annotations

import pytest
from conftest import RunningBot, StartBot

DIBAO = "镇江低保标准是多少"


async def test_a_caption_question_is_answered(running_bot: RunningBot) -> None:
    server = running_bot.server
    user, chat = running_bot.private()
    server.send_media(chat, user, "photo", caption=DIBAO)
    answer = await server.wait_for("sendMessage")
    assert "875" in answer.result["text"]
    server.send_media(chat, user, "photo")  # no caption: the hint says where to write it
    hint = await server.wait_for("sendMessage")
    assert "说明" in hint.result["text"]
    group = server.group()
    server.send_media(group, server.user("群友"), "photo", caption="今天的照片")
    await server.settle(quiet=0.3)
    assert not [r for r in server.calls("sendMessage") if r.chat_id == group["id"]]
    photo = server.send_media(
        group, server.user("群友"), "photo", caption=f"@{running_bot.username} {DIBAO}"
    )
    await server.settle(quiet=0.3)
    (reply,) = server.replies_to(photo)
    assert "875" in reply["text"]


async def test_an_edit_after_a_restart_edits_the_first_answer(start_bot: StartBot) -> None:
    bot = await start_bot(log_questions=True)
    server = bot.server
    user, chat = bot.private()
    question = server.send_text(chat, user, "镇江养老床位有多少")
    first = (await server.wait_for("sendMessage")).result
    bot = await bot.restart()
    server.edit_text(question, DIBAO)
    edit = await server.wait_for("editMessageText")
    assert edit.ok and edit.params["message_id"] == first["message_id"]
    assert "875" in edit.result["text"]
    await server.settle()
    assert [m["message_id"] for m in server.bot_messages(chat)] == [first["message_id"]]


async def test_a_slow_answer_shows_typing(
    running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.tg import sending

    monkeypatch.setattr(sending, "TYPING_AFTER_S", 0.1)  # keeps the test short
    server = running_bot.server
    group = server.group()
    server.hang(seconds=0.8, methods="sendMessage")  # as if the flood limit held it back
    server.send_command(group, server.user("群友"), "ask", DIBAO)
    answer = await server.wait_for("sendMessage", lambda r: r.ok, timeout=5)
    typing = server.calls("sendChatAction")
    assert typing and typing[0].params["action"] == "typing"
    assert typing[0].params["chat_id"] == group["id"]
    assert typing[0].finished < answer.finished
    quick_user, quick_chat = running_bot.private()
    before = server.mark()
    await running_bot.ask(quick_chat, quick_user, DIBAO)
    await server.settle()
    assert server.calls("sendChatAction", since=before) == []  # a quick answer: no typing


async def test_an_answered_figure_can_be_copied_with_its_source(running_bot: RunningBot) -> None:
    user, chat = running_bot.private()
    answer = await running_bot.ask(chat, user, DIBAO)
    rows = answer["reply_markup"]["inline_keyboard"]
    (copy,) = [b for row in rows for b in row if "copy_text" in b]
    assert copy["text"] == "复制数字与出处"
    text = copy["copy_text"]["text"]
    assert "875元/人·月" in text and "2024年" in text and "新华日报" in text
