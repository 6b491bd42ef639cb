"""Replies as Telegram messages: every part in order, packed under the limit, right buttons."""

from __future__ import annotations

import pytest
from botapi import parse_html
from fixtures.engine_pack import build_knowledge
from telegram import InlineKeyboardMarkup

from bot.engine import Engine
from bot.qlog import FeedbackRef
from bot.tg.keyboards import MAX_ENTRY_BUTTONS, entry_rows
from bot.tg.replies import part_entry, reply_view
from bot.tg.splitting import text_length

TWO = "镇江低保标准是多少？养老床位有多少张？"
REF = FeedbackRef(7, "AbC-_09xyZ")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_knowledge())


def _buttons(markup: InlineKeyboardMarkup | None) -> list[tuple[str, str]]:
    if markup is None:
        return []
    return [
        (b.text, b.callback_data if isinstance(b.callback_data, str) else b.url or "copy")
        for row in markup.inline_keyboard
        for b in row
    ]


def test_two_parts_fit_in_one_message_in_the_order_asked(engine: Engine) -> None:
    reply = engine.reply(TWO)
    view = reply_view(reply.parts, engine.knowledge, "zh", REF)
    (message,) = view.messages
    parse_html(message.html)
    assert message.html.startswith("<b>1. 问：镇江低保标准是多少？</b>\n<b>低保标准</b>")
    assert message.html.index("875") < message.html.index("<b>2. 问：养老床位有多少张？</b>")
    assert message.entries == ("dibao-standard", "elderly-beds")
    assert "相关" not in message.html  # with several parts, related entries are buttons only
    assert message.quote == ""  # one message: nothing to point at


def test_parts_too_long_together_go_one_per_message_quoting_their_question(
    engine: Engine,
) -> None:
    reply = engine.reply(TWO)
    view = reply_view(reply.parts, engine.knowledge, "zh", REF, limit=200)
    assert [m.quote for m in view.messages] == ["镇江低保标准是多少？", "养老床位有多少张？"]
    tiny = reply_view(reply.parts, engine.knowledge, "zh", REF, limit=100)
    assert len(tiny.messages) > 2  # a part too long alone is cut, on its own
    assert tiny.messages[-1].quote == "养老床位有多少张？"  # and the next part begins anew
    for message in (*view.messages, *tiny.messages):
        parse_html(message.html)
        assert text_length(message.html) <= 200
    assert {e for m in view.messages for e in m.entries} == {"dibao-standard", "elderly-beds"}


def test_buttons_of_several_parts_take_turns_then_copy_then_one_vote(engine: Engine) -> None:
    reply = engine.reply(TWO)
    view = reply_view(reply.parts, engine.knowledge, "zh", REF)
    buttons = _buttons(view.keyboard)
    targets = [t for _, t in buttons]
    for part in reply.parts:  # each part that has next steps gets at least one button
        own = {b.callback_data for row in entry_rows(part, engine.knowledge, "zh") for b in row}
        assert not own or own & set(targets[:MAX_ENTRY_BUTTONS])
    assert ("复制数字与出处", "copy") in buttons
    assert targets[-2:] == ["f:7:u:AbC-_09xyZ", "f:7:d:AbC-_09xyZ"]
    rows = view.keyboard.inline_keyboard if view.keyboard else ()
    copy = next(b.copy_text for row in rows for b in row if b.copy_text)
    assert copy is not None and "875元/人·月" in copy.text and "1.72万张" in copy.text


@pytest.mark.parametrize("text", ["你好", "量子计算机"])
def test_greetings_and_not_found_carry_no_vote(engine: Engine, text: str) -> None:
    view = reply_view(engine.reply(text).parts, engine.knowledge, "zh", REF)
    assert not [t for _, t in _buttons(view.keyboard) if t.startswith("f:")]
    if text == "你好":
        assert view.keyboard is None  # no six topic buttons under a greeting


def test_in_a_channel_entry_buttons_are_deep_links(engine: Engine) -> None:
    view = reply_view(
        engine.reply("镇江低保标准是多少").parts, engine.knowledge, "zh", REF, link_to="zj_bot"
    )
    targets = [t for _, t in _buttons(view.keyboard)]
    entry_links = [t for t in targets if t.startswith("https://t.me/zj_bot?start=")]
    assert entry_links and not [t for t in targets if t.startswith(("e:", "t:"))]
    assert targets[-1].startswith("f:")  # votes edit the keyboard, they never post


def test_a_follow_up_continues_from_what_a_part_stated(engine: Engine) -> None:
    answered, not_stated = engine.reply("低保标准").first, engine.reply("丹阳低保标准是多少").first
    assert part_entry(answered) == "dibao-standard"
    assert not_stated.status == "not_stated" and part_entry(not_stated) == "dibao-standard"
    assert part_entry(engine.reply("你好").first) == ""
