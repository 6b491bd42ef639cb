"""Buttons in groups and channels through the real Application: nobody can make the bot post.

In a channel no subscriber's tap posts anything; in a group only the asker's taps do, once
per button, and their menus page only for them; everyone else gets a deep link into a
private chat with the bot. Taps count against the same throttle as questions.
"""

from __future__ import annotations

from typing import Any

from botapi import BotAPIServer
from conftest import RunningBot, StartBot

from bot.tg.messages import ui

JSON = dict[str, Any]
DIBAO = "镇江低保标准是多少"


def buttons(message: JSON) -> list[JSON]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


def entry_data(message: JSON) -> list[str]:
    return [b["callback_data"] for b in buttons(message) if b.get("callback_data", "")[:2] == "e:"]


async def _answer_in(server: BotAPIServer, chat: JSON, asker: JSON | None, text: str) -> JSON:
    question = server.send_command(chat, asker, "ask", text)
    await server.settle(quiet=0.3)
    (answer,) = server.replies_to(question)
    return answer


async def _press(server: BotAPIServer, message: JSON, data: str, user: JSON) -> JSON:
    query = server.send_callback(message, data, user=user)
    ack = await server.wait_for(
        "answerCallbackQuery", lambda r: r.params["callback_query_id"] == query
    )
    assert ack.ok and server.callbacks[query].answered  # no spinner left behind
    return dict(ack.params)


async def test_a_subscribers_tap_in_a_channel_posts_nothing(running_bot: RunningBot) -> None:
    server = running_bot.server
    channel = server.channel()
    post = server.send_channel_post(channel, f"/ask {DIBAO}")
    await server.settle(quiet=0.3)
    (answer,) = server.replies_to(post)
    links = [b["url"] for b in buttons(answer) if "url" in b]
    assert links and all(u.startswith(f"https://t.me/{running_bot.username}?start=") for u in links)
    assert entry_data(answer) == []  # entry buttons are deep links: no callback at all
    subscriber = server.user("订阅者")
    before = server.mark()
    for _ in range(3):  # an old-style entry button, pressed three times
        ack = await _press(server, answer, "e:subsistence-people", subscriber)
        assert ack["url"] == f"https://t.me/{running_bot.username}?start=subsistence-people"
    await server.settle()
    assert len(server.bot_messages(channel)) == 1
    assert server.calls("sendMessage", since=before) == []
    assert server.calls("editMessageText", since=before) == []


async def test_a_second_members_taps_post_nothing_in_the_group(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    asker, other = server.user("提问者"), server.user("路人")
    answer = await _answer_in(server, group, asker, DIBAO)
    related = entry_data(answer)
    assert related
    before = server.mark()
    for data in [*related[:3], related[0], related[0], related[0]]:  # six taps
        ack = await _press(server, answer, data, other)
        assert ack["url"].startswith(f"https://t.me/{running_bot.username}?start=")
        assert ack["text"] == ui("zh").opened_privately
    await server.settle()
    assert server.calls("sendMessage", since=before) == []
    assert len(server.bot_messages(group)) == 1

    await _press(server, answer, related[0], asker)  # the asker's tap opens it below
    await server.settle()
    assert len(server.bot_messages(group)) == 2
    again = await _press(server, answer, related[0], asker)  # and only once
    assert again["text"] == ui("zh").opened_already
    await server.settle()
    assert len(server.bot_messages(group)) == 2


async def test_a_menu_pages_only_for_whoever_opened_it(running_bot: RunningBot) -> None:
    server = running_bot.server
    group = server.group()
    owner, other = server.user("甲"), server.user("乙")
    command = server.send_command(group, owner, "topics")
    await server.settle(quiet=0.3)
    (menu,) = server.replies_to(command)
    topic = next(b["callback_data"] for b in buttons(menu) if b["callback_data"].startswith("t:"))
    before = server.mark()
    ack = await _press(server, menu, topic, other)
    topic_id = topic.split(":")[1]
    assert ack["url"] == f"https://t.me/{running_bot.username}?start=t_{topic_id}_0"
    await server.settle()
    assert server.calls("editMessageText", since=before) == []
    await _press(server, menu, topic, owner)
    edit = await server.wait_for("editMessageText", since=before)
    assert edit.ok and edit.params["message_id"] == menu["message_id"]


async def test_a_deep_link_from_someone_elses_button_opens_the_same_in_private(
    running_bot: RunningBot,
) -> None:
    user, chat = running_bot.private()
    server = running_bot.server
    server.send_command(chat, user, "start", "t_social-assistance_0")
    menu = (await server.wait_for("sendMessage")).result
    assert "社会救助" in menu["text"] and buttons(menu)
    server.send_command(chat, user, "start", "topics")
    sections = (await server.wait_for("sendMessage")).result
    assert any(b["callback_data"] == "t:social-assistance:0" for b in buttons(sections))


async def test_taps_count_against_the_group_throttle(start_bot: StartBot) -> None:
    bot = await start_bot(group_throttle=(3, 60.0))
    server = bot.server
    group = server.group()
    asker = server.user("提问者")
    answer = await _answer_in(server, group, asker, DIBAO)  # one of three
    related = entry_data(answer)
    assert len(related) >= 2
    await _press(server, answer, related[0], asker)  # two
    await _press(server, answer, related[1], asker)  # three
    ack = await _press(server, answer, related[0], asker)  # over the limit
    assert ack["text"] == ui("zh").too_fast
    question = server.send_command(group, asker, "ask", DIBAO)  # questions share the budget
    await server.settle(quiet=0.4)
    assert server.replies_to(question) == []
    assert len(server.bot_messages(group)) == 3  # the answer and the two opened entries
