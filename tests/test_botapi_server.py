"""The stand-in Bot API server: Telegram's validation rules, its HTTP behaviour, its faults.

If the stand-in is wrong, every end-to-end test is wrong with it, so its rules are pinned
here: first the validators as plain functions, then the server through a plain aiohttp
client (so no python-telegram-bot logic hides anything), then python-telegram-bot's own
Application against it (the compatibility the e2e tests rely on).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from botapi import BotAPIServer, EntityParseError, parse_html, parse_text, utf16_len
from botapi.errors import ApiError
from botapi.markdown import parse_markdown, parse_markdown_v2
from botapi.server import detect_entities
from botapi.validate import (
    check_commands,
    check_inline_answer_extras,
    check_inline_results,
    check_reply_markup,
)
from hypothesis import given, settings
from hypothesis import strategies as st

# --------------------------------------------------------------------------- HTML parse mode


@pytest.mark.parametrize(
    ("markup", "text", "types"),
    [
        ("<b>粗</b>体", "粗体", ["bold"]),
        ("<strong>a</strong><i>b</i><em>c</em>", "abc", ["bold", "italic", "italic"]),
        ("<u>u</u><ins>i</ins><s>s</s><strike>k</strike><del>d</del>", "uiskd", None),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy", None),
        ('<a href="https://example.com/?a=1&amp;b=2">链接</a>', "链接", ["text_link"]),
        ("<code>x &lt; y</code>", "x < y", ["code"]),
        ('<pre><code class="language-python">print(1)</code></pre>', "print(1)", ["pre"]),
        ("<blockquote>引用</blockquote>", "引用", ["blockquote"]),
        ("<blockquote expandable>长引用</blockquote>", "长引用", ["expandable_blockquote"]),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", ["custom_emoji"]),
        ("&lt;b&gt; &amp; &quot;q&quot; &#8364; &#x20AC;", '<b> & "q" € €', []),
        ("<B>大写</B>", "大写", ["bold"]),
        ("<b>a<i>b</i></b>", "ab", ["bold", "italic"]),
        ("<b>x</>", "x", ["bold"]),  # Telegram accepts an empty end tag
        ("<b></b>空", "空", []),  # empty entities vanish
    ],
)
def test_html_accepts_telegram_markup(markup: str, text: str, types: list[str] | None) -> None:
    parsed = parse_html(markup)
    assert parsed.text == text
    if types is not None:
        assert [e["type"] for e in parsed.entities] == types


def test_html_pre_takes_the_language_of_its_code() -> None:
    parsed = parse_html('<pre><code class="language-python">x</code></pre>')
    assert parsed.entities == [{"offset": 0, "length": 1, "type": "pre", "language": "python"}]


def test_html_offsets_are_utf16() -> None:
    # 😀 is one code point but two UTF-16 units; Telegram's offsets count units.
    parsed = parse_html("😀<b>粗</b>")
    assert parsed.entities == [{"offset": 2, "length": 1, "type": "bold"}]


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<p>段落</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<br/>", 'Unsupported start tag "br/" at byte offset 0'),
        ("低保 < 900", 'Unsupported start tag "" at byte offset 7'),
        ("<b>粗", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<tg-emoji>👍</tg-emoji>", 'Tag "tg-emoji" must have attribute "emoji-id"'),
        ('<a href="x>y', "Unclosed start tag at byte offset 0"),
        ("<a =x>y</a>", 'Empty attribute name in the tag "a"'),
        ("<a href=x/y>z</a>", "Unexpected end of name token"),
        # Strict-mode rules (Telegram shows these literally; the Bot API says escape them).
        ("A & B", 'Unescaped "&" at byte offset 2'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("1 > 0", 'Unescaped ">" at byte offset 2'),
    ],
)
def test_html_rejects_what_telegram_rejects(markup: str, message: str) -> None:
    with pytest.raises(EntityParseError) as info:
        parse_html(markup)
    assert message in str(info.value)


def test_html_lenient_mode_shows_bare_ampersand_and_gt_literally() -> None:
    assert parse_html("A & B > C &nbsp;", strict=False).text == "A & B > C &nbsp;"


def test_html_byte_offsets_count_utf8_bytes() -> None:
    with pytest.raises(EntityParseError, match="byte offset 6"):
        parse_html("镇江<x>")  # two 3-byte characters before the tag


def test_html_unusable_link_keeps_text_and_warns() -> None:
    parsed = parse_html('<a href="javascript:alert(1)">点我</a>')
    assert parsed.text == "点我" and parsed.entities == []
    assert parsed.warnings


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escaped_text_always_parses_back_to_itself(text: str) -> None:
    # The invariant the bot relies on: html.escape() makes any user text safe.
    assert parse_html(html.escape(text)).text == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&;#xab ispan=\"'code-pre")), max_size=30))
def test_html_parser_never_crashes(markup: str) -> None:
    with contextlib.suppress(EntityParseError):  # refusing is fine; crashing is not
        parse_html(markup)


# --------------------------------------------------------------------------- text rules


def test_text_limit_is_4096_characters_after_entity_parsing() -> None:
    body = "字" * 4096
    assert parse_text(f"<b>{body}</b>", "HTML", None).text == body  # markup does not count
    with pytest.raises(ApiError, match="message is too long"):
        parse_text(body + "字", None, None)


def test_text_limit_counts_characters_not_utf16_units() -> None:
    assert len(parse_text("😀" * 4096, None, None).text) == 4096
    with pytest.raises(ApiError, match="message is too long"):
        parse_text("😀" * 4097, None, None)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "<b> </b>", "\x00"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(ApiError, match="message text is empty"):
        parse_text(text, "HTML", None)


def test_text_is_cleaned_and_trimmed_like_telegram() -> None:
    parsed = parse_text("  a\x00b\r\nc\u202ed  ", None, None)
    assert parsed.text == "a b\ncd"


def test_trimming_moves_entities() -> None:
    parsed = parse_text("\n\n<b>x</b>", "HTML", None)
    assert parsed.entities == [{"offset": 0, "length": 1, "type": "bold"}]


def test_unknown_parse_mode_is_refused() -> None:
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        parse_text("x", "BBCode", None)


def test_error_description_has_telegrams_prefix() -> None:
    with pytest.raises(ApiError) as info:
        parse_text("<x>", "HTML", None)
    assert info.value.code == 400
    assert info.value.description.startswith("Bad Request: can't parse entities: ")


def test_explicit_entities_must_fit_the_text() -> None:
    with pytest.raises(ApiError, match="out of the text"):
        parse_text("ab", None, [{"type": "bold", "offset": 1, "length": 5}])


# --------------------------------------------------------------------------- Markdown modes


def test_markdown_v2_demands_escapes() -> None:
    with pytest.raises(EntityParseError, match=r"Character '\.' is reserved"):
        parse_markdown_v2("增长16.7%")
    assert parse_markdown_v2(r"增长16\.7%").text == "增长16.7%"


def test_markdown_v2_entities_and_unclosed() -> None:
    parsed = parse_markdown_v2(r"*粗* _斜_ __下__ ~删~ ||隐|| `c` [链](https://t.me/x)")
    types = [e["type"] for e in parsed.entities]
    assert types == ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link"]
    with pytest.raises(EntityParseError, match="Can't find end of Bold entity"):
        parse_markdown_v2("*粗")


def test_legacy_markdown_unclosed_entity() -> None:
    assert parse_markdown("*粗*").entities[0]["type"] == "bold"
    with pytest.raises(EntityParseError, match="Can't find end of the entity"):
        parse_markdown("snake_case")


# --------------------------------------------------------------------------- keyboards & inline


def _keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


def test_callback_data_limit_is_64_bytes_not_characters() -> None:
    check_reply_markup(_keyboard({"text": "ok", "callback_data": "x" * 64}))
    check_reply_markup(_keyboard({"text": "ok", "callback_data": "低" * 21}))  # 63 bytes
    for data in ("x" * 65, "低" * 22, ""):  # 65, 66 and 0 bytes
        with pytest.raises(ApiError, match="BUTTON_DATA_INVALID"):
            check_reply_markup(_keyboard({"text": "bad", "callback_data": data}))


@pytest.mark.parametrize(
    ("button", "error"),
    [
        ({"text": "plain"}, "Text buttons are unallowed in the inline keyboard"),
        ({"text": "", "callback_data": "x"}, "BUTTON_TEXT_INVALID"),
        ({"text": "u", "url": "javascript:alert(1)"}, "BUTTON_URL_INVALID"),
        ({"text": "two", "url": "https://t.me", "callback_data": "x"}, "exactly one"),
    ],
)
def test_bad_inline_buttons(button: dict[str, Any], error: str) -> None:
    with pytest.raises(ApiError, match=error):
        check_reply_markup(_keyboard(button))


def test_keyboard_shapes() -> None:
    check_reply_markup({"keyboard": [["低保", {"text": "养老"}]]})
    check_reply_markup({"remove_keyboard": True})
    with pytest.raises(ApiError, match="inline keyboard expected"):
        check_reply_markup({"keyboard": [["x"]]}, inline_only=True)
    with pytest.raises(ApiError, match="Array of Arrays"):
        check_reply_markup({"inline_keyboard": [{"text": "x", "callback_data": "y"}]})
    with pytest.raises(ApiError, match="can't parse reply keyboard markup"):
        check_reply_markup({"buttons": []})


def _article(result_id: str, text: str = "答案", **extra: Any) -> dict[str, Any]:
    return {
        "type": "article",
        "id": result_id,
        "title": "标题",
        "input_message_content": {"message_text": text, "parse_mode": "HTML"},
        **extra,
    }


def test_inline_results_limits() -> None:
    check_inline_results([_article(str(i)) for i in range(50)])
    with pytest.raises(ApiError, match="RESULTS_TOO_MUCH"):
        check_inline_results([_article(str(i)) for i in range(51)])
    check_inline_results([_article("x" * 64)])
    for bad_id in ("x" * 65, "", "低" * 22):
        with pytest.raises(ApiError, match="RESULT_ID_INVALID"):
            check_inline_results([_article(bad_id)])
    with pytest.raises(ApiError, match="RESULT_ID_DUPLICATE"):
        check_inline_results([_article("a"), _article("a")])


def test_inline_result_content_is_validated_like_a_message() -> None:
    with pytest.raises(ApiError, match="can't parse entities"):
        check_inline_results([_article("a", "<p>x</p>")])
    with pytest.raises(ApiError, match="MESSAGE_TOO_LONG"):
        check_inline_results([_article("a", "x" * 4097)])
    with pytest.raises(ApiError, match='find field "title"'):
        check_inline_results([{**_article("a"), "title": ""}])
    bad_button = _keyboard({"text": "b", "callback_data": "x" * 65})
    with pytest.raises(ApiError, match="BUTTON_DATA_INVALID"):
        check_inline_results([_article("a", reply_markup=bad_button)])


def test_inline_answer_button_and_offset() -> None:
    check_inline_answer_extras("next", {"text": "帮助", "start_parameter": "help"})
    with pytest.raises(ApiError, match="START_PARAM_INVALID"):
        check_inline_answer_extras(None, {"text": "帮助", "start_parameter": "有 空格"})
    with pytest.raises(ApiError, match="NEXT_OFFSET_INVALID"):
        check_inline_answer_extras("x" * 65, None)


def test_bot_commands_rules() -> None:
    check_commands([{"command": "ask", "description": "提问"}])
    for bad in ("Ask", "ask-me", "x" * 33, ""):
        with pytest.raises(ApiError, match="BOT_COMMAND_INVALID"):
            check_commands([{"command": bad, "description": "d"}])
    with pytest.raises(ApiError, match="DESCRIPTION_INVALID"):
        check_commands([{"command": "ask", "description": ""}])


def test_detected_entities_of_user_text() -> None:
    text = "😀 /ask@zj_minzheng_bot 低保 @someone #民政 https://t.me/x"
    found = {e["type"]: e for e in detect_entities(text)}
    assert found["bot_command"] == {"type": "bot_command", "offset": 3, "length": 20}
    assert set(found) == {"bot_command", "mention", "hashtag", "url"}
    assert detect_entities("/ask 低保")[0] == {"type": "bot_command", "offset": 0, "length": 4}


# --------------------------------------------------------------------------- HTTP behaviour


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession,
    server: BotAPIServer,
    method: str,
    *,
    as_json: bool = False,
    token: str | None = None,
    wait: float = 10.0,
    **params: Any,
) -> tuple[int, Any]:
    """POST like PTB (form fields, non-strings JSON-encoded) or as a JSON body; ``wait`` is
    the client's own timeout (``timeout`` is getUpdates' long-poll parameter)."""
    url = f"{server.base_url}{token or server.token}/{method}"
    client_timeout = aiohttp.ClientTimeout(total=wait)
    if as_json:
        request = http.post(url, json=params, timeout=client_timeout)
    else:
        form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
        request = http.post(url, data=form, timeout=client_timeout)
    async with request as response:
        ctype = response.content_type
        body = await response.json() if ctype == "application/json" else await response.text()
        return response.status, body


async def test_envelope_and_get_me(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    status, body = await call(http, botapi, "getMe")
    assert status == 200 and body["ok"] is True
    assert body["result"]["is_bot"] is True
    assert body["result"]["username"] == botapi.bot_username


async def test_method_names_are_case_insensitive(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    status, body = await call(http, botapi, "GETME")
    assert status == 200 and body["ok"]
    assert botapi.calls("getMe")


async def test_unknown_method_and_bad_token(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    assert await call(http, botapi, "sendTelepathy") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    wrong = f"{botapi.bot_id}:{'A' * 35}"
    status, body = await call(http, botapi, "getMe", token=wrong)
    assert (status, body["description"]) == (401, "Unauthorized")
    status, _ = await call(http, botapi, "getMe", token="not-a-token")
    assert status == 404


async def test_send_message_form_and_json_bodies(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user("小王")
    chat = botapi.private_chat(user)
    keyboard = _keyboard({"text": "相关", "callback_data": "e:dibao"})
    status, body = await call(
        http, botapi, "sendMessage", chat_id=chat["id"], text="<b>875</b> 元",
        parse_mode="HTML", reply_markup=keyboard,
    )  # fmt: skip
    assert status == 200
    message = body["result"]
    assert message["text"] == "875 元"
    assert message["entities"] == [{"offset": 0, "length": 3, "type": "bold"}]
    assert message["from"]["id"] == botapi.bot_id
    assert message["chat"]["id"] == chat["id"]
    assert message["reply_markup"] == keyboard
    status, body = await call(
        http, botapi, "sendMessage", as_json=True, chat_id=chat["id"], text="second"
    )
    assert status == 200
    assert body["result"]["message_id"] == message["message_id"] + 1
    recorded = botapi.calls("sendMessage")[0]
    assert recorded.params["reply_markup"] == keyboard  # parsed, not a JSON string
    assert recorded.params["chat_id"] == chat["id"]


async def test_send_message_errors(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    status, body = await call(http, botapi, "sendMessage", chat_id=424242, text="x")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    status, body = await call(
        http, botapi, "sendMessage", chat_id=chat["id"], text="<b>x", parse_mode="HTML"
    )
    assert status == 400 and "can't parse entities" in body["description"]
    status, body = await call(
        http, botapi, "sendMessage", chat_id=chat["id"], text="x",
        reply_parameters={"message_id": 999},
    )  # fmt: skip
    assert body["description"] == "Bad Request: message to be replied not found"
    status, body = await call(
        http, botapi, "sendMessage", chat_id=chat["id"], text="x",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )  # fmt: skip
    assert status == 200 and "reply_to_message" not in body["result"]
    botapi.block(user)
    status, body = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="x")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    assert len(botapi.bad_requests()) == 3


async def test_reply_carries_the_quoted_message(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    group = botapi.group()
    question = botapi.send_text(group, user, "/ask 低保")
    status, body = await call(
        http, botapi, "sendMessage", chat_id=group["id"], text="答",
        reply_parameters={"message_id": question["message_id"]},
    )  # fmt: skip
    assert status == 200
    assert body["result"]["reply_to_message"]["text"] == "/ask 低保"
    assert botapi.replies_to(question)[0]["text"] == "答"


async def test_get_updates_long_poll_and_offset(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await call(http, botapi, "getUpdates", timeout=0.3) == (200, {"ok": True, "result": []})
    assert 0.25 <= loop.time() - started < 2  # held for the timeout, then empty

    user = botapi.user()
    chat = botapi.private_chat(user)

    async def push_later() -> None:
        await asyncio.sleep(0.2)
        botapi.send_text(chat, user, "你好")

    pusher = asyncio.create_task(push_later())
    started = loop.time()
    _, body = await call(http, botapi, "getUpdates", timeout=5)
    await pusher
    assert loop.time() - started < 2  # released as soon as the update arrived
    (update,) = body["result"]
    assert update["message"]["text"] == "你好"

    _, again = await call(http, botapi, "getUpdates", timeout=0)
    assert [u["update_id"] for u in again["result"]] == [update["update_id"]]  # not confirmed
    _, after = await call(http, botapi, "getUpdates", offset=update["update_id"] + 1, timeout=0)
    assert after["result"] == [] and botapi.all_confirmed()


async def test_get_updates_limit_and_allowed_updates(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    for i in range(3):
        botapi.send_text(chat, user, str(i))
    botapi.send_inline_query(user, "低保")
    _, body = await call(http, botapi, "getUpdates", limit=2, timeout=0)
    assert [u["message"]["text"] for u in body["result"]] == ["0", "1"]
    _, body = await call(http, botapi, "getUpdates", allowed_updates=["message"], timeout=0)
    assert [next(k for k in u if k != "update_id") for u in body["result"]] == ["message"] * 3


async def test_second_poller_conflicts_with_the_first(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    first = asyncio.create_task(call(http, botapi, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    second = await call(http, botapi, "getUpdates", timeout=0)
    status, body = await first
    assert status == 409 and body["description"].startswith("Conflict: terminated by other")
    assert second[0] == 200


async def test_webhook_blocks_polling(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    assert (await call(http, botapi, "setWebhook", url="https://example.com/hook"))[0] == 200
    status, _ = await call(http, botapi, "getUpdates", timeout=0)
    assert status == 409
    await call(http, botapi, "deleteWebhook", drop_pending_updates=True)
    assert (await call(http, botapi, "getUpdates", timeout=0))[0] == 200


async def test_edit_message_text_rules(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    own = botapi.send_text(chat, user, "我的消息")
    _, sent = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="旧")
    mid = sent["result"]["message_id"]
    _, body = await call(http, botapi, "editMessageText", chat_id=chat["id"], message_id=mid,
                         text="旧")  # fmt: skip
    assert body["description"].startswith("Bad Request: message is not modified")
    status, body = await call(http, botapi, "editMessageText", chat_id=chat["id"],
                              message_id=mid, text="<i>新</i>", parse_mode="HTML")  # fmt: skip
    assert status == 200 and body["result"]["text"] == "新" and "edit_date" in body["result"]
    _, body = await call(http, botapi, "editMessageText", chat_id=chat["id"], message_id=999,
                         text="x")  # fmt: skip
    assert body["description"] == "Bad Request: message to edit not found"
    _, body = await call(http, botapi, "editMessageText", chat_id=chat["id"],
                         message_id=own["message_id"], text="x")  # fmt: skip
    assert body["description"] == "Bad Request: message can't be edited"
    assert botapi.bot_messages(chat)[0]["text"] == "新"


async def test_callback_queries_are_answered_once(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    chat = botapi.private_chat(user)
    _, sent = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="菜单",
                         reply_markup=_keyboard({"text": "b", "callback_data": "s"}))  # fmt: skip
    query_id = botapi.send_callback(sent["result"], "s")
    _, updates = await call(http, botapi, "getUpdates", timeout=0)
    assert updates["result"][-1]["callback_query"]["data"] == "s"
    assert (await call(http, botapi, "answerCallbackQuery", callback_query_id=query_id))[0] == 200
    status, body = await call(http, botapi, "answerCallbackQuery", callback_query_id=query_id)
    assert status == 400 and "query is too old" in body["description"]
    assert botapi.callbacks[query_id].answered


async def test_inline_query_answer_and_expiry(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    query_id = botapi.send_inline_query(user, "低保")
    results = [_article("dibao-standard")]
    status, _ = await call(http, botapi, "answerInlineQuery", inline_query_id=query_id,
                           results=results, cache_time=30, is_personal=False)  # fmt: skip
    assert status == 200
    assert botapi.inline_queries[query_id].answer is not None
    botapi.inline_query_ttl = 0.0
    late = botapi.send_inline_query(user, "养老")
    await asyncio.sleep(0.01)
    status, body = await call(http, botapi, "answerInlineQuery", inline_query_id=late,
                              results=results)  # fmt: skip
    assert status == 400 and "query is too old" in body["description"]
    with pytest.raises(ValueError, match="256"):
        botapi.send_inline_query(user, "x" * 257)


async def test_commands_are_stored_per_scope_and_language(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    private = {"type": "all_private_chats"}
    commands = [{"command": "ask", "description": "提问"}]
    await call(http, botapi, "setMyCommands", commands=commands, scope=private)
    await call(http, botapi, "setMyCommands", commands=[{"command": "help", "description": "h"}],
               scope=private, language_code="en")  # fmt: skip
    _, body = await call(http, botapi, "getMyCommands", scope=private)
    assert body["result"] == commands
    assert botapi.commands_for(private, "en")[0]["command"] == "help"
    assert botapi.commands_for() == []


async def test_privacy_mode_filters_group_chatter(botapi: BotAPIServer) -> None:
    botapi.privacy_mode = True
    user = botapi.user()
    group = botapi.group()
    botapi.send_text(group, user, "大家好")
    botapi.send_command(group, user, "ask", "低保", to="otherbot")
    delivered = [
        botapi.send_command(group, user, "ask", "低保"),
        botapi.send_text(group, user, f"@{botapi.bot_username} 低保"),
    ]
    assert [u["message"]["message_id"] for u in botapi.updates_pushed] == [
        m["message_id"] for m in delivered
    ]


# --------------------------------------------------------------------------- faults


async def test_fail_next_requests_then_recover(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    rule = botapi.fail(502, count=2, methods="getMe")
    assert (await call(http, botapi, "getMe"))[0] == 502
    status, body = await call(http, botapi, "getMe")
    assert (status, body) == (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    assert (await call(http, botapi, "getMe"))[0] == 200
    assert rule.hits == 2 and rule.exhausted
    assert [r.fault for r in botapi.calls("getMe")] == ["status", "status", None]


async def test_fail_with_html_504_and_method_filter(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    botapi.fail(504, count=None, methods=["getUpdates"], html_body=True)
    assert (await call(http, botapi, "getMe"))[0] == 200
    status, body = await call(http, botapi, "getUpdates", timeout=0)
    assert status == 504 and "504 Gateway Timeout" in body


async def test_fail_for_a_duration_from_the_first_hit(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    botapi.fail(502, count=None, duration=0.6)
    await asyncio.sleep(0.7)  # the clock starts at the first hit, not at creation
    assert (await call(http, botapi, "getMe"))[0] == 502
    assert (await call(http, botapi, "getMe"))[0] == 502
    await asyncio.sleep(0.7)
    assert (await call(http, botapi, "getMe"))[0] == 200


async def test_rate_limit_sends_retry_after(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    chat = botapi.private_chat(botapi.user())
    botapi.rate_limit(retry_after=3)
    status, body = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="x")
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert botapi.bot_messages(chat) == []  # refused, so nothing was sent
    assert (await call(http, botapi, "sendMessage", chat_id=chat["id"], text="x"))[0] == 200


async def test_hang_until_the_client_gives_up(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    botapi.hang(methods="getMe")
    with pytest.raises(asyncio.TimeoutError):
        await call(http, botapi, "getMe", wait=0.3)
    assert (await call(http, botapi, "getMe"))[0] == 200  # only the next one hung


async def test_slow_request_is_served_late(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    botapi.hang(seconds=0.3, methods="getMe")
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await call(http, botapi, "getMe"))[0] == 200
    assert loop.time() - started >= 0.3
    assert botapi.calls("getMe")[0].fault == "hang"


async def test_connection_reset(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    botapi.reset(methods="getMe")
    with pytest.raises(aiohttp.ClientError):
        await call(http, botapi, "getMe")
    assert (await call(http, botapi, "getMe"))[0] == 200
    assert [r.status for r in botapi.calls("getMe")] == [0, 200]


async def test_reset_after_the_method_ran_loses_only_the_reply(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    chat = botapi.private_chat(botapi.user())
    botapi.reset(methods="sendMessage", after=True)
    with pytest.raises(aiohttp.ClientError):
        await call(http, botapi, "sendMessage", chat_id=chat["id"], text="sent anyway")
    assert [m["text"] for m in botapi.bot_messages(chat)] == ["sent anyway"]


async def test_lost_get_updates_reply_is_delivered_again(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    user = botapi.user()
    botapi.send_text(botapi.private_chat(user), user, "问题")
    botapi.reset(methods="getUpdates", after=True)
    with pytest.raises(aiohttp.ClientError):
        await call(http, botapi, "getUpdates", timeout=0)
    _, body = await call(http, botapi, "getUpdates", timeout=0)
    assert [u["message"]["text"] for u in body["result"]] == ["问题"]


async def test_clear_faults(http: aiohttp.ClientSession, botapi: BotAPIServer) -> None:
    botapi.fail(502, count=None)
    botapi.clear_faults()
    assert (await call(http, botapi, "getMe"))[0] == 200


async def test_flood_control_enforces_per_chat_rate(
    http: aiohttp.ClientSession, botapi: BotAPIServer
) -> None:
    botapi.flood_control = True
    chat = botapi.private_chat(botapi.user())
    assert (await call(http, botapi, "sendMessage", chat_id=chat["id"], text="1"))[0] == 200
    status, body = await call(http, botapi, "sendMessage", chat_id=chat["id"], text="2")
    assert status == 429 and body["parameters"]["retry_after"] >= 1
    assert botapi.flood_stats() == {chat["id"]: (1, 1)}


async def test_stop_releases_long_polls(botapi: BotAPIServer) -> None:
    async with aiohttp.ClientSession() as session:
        poll = asyncio.create_task(call(session, botapi, "getUpdates", timeout=30))
        await asyncio.sleep(0.1)
        await asyncio.wait_for(botapi.stop(), 3)
        status, body = await asyncio.wait_for(poll, 3)
        assert (status, body["result"]) == (200, [])


async def test_wait_for_reports_what_it_saw(botapi: BotAPIServer) -> None:
    with pytest.raises(TimeoutError, match=r"expected 1 x sendMessage within 0.1s"):
        await botapi.wait_for("sendMessage", timeout=0.1)


def test_utf16_len() -> None:
    assert utf16_len("a镇😀") == 4
