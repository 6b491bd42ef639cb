"""Telegram's checks on what a bot sends: text, keyboards, inline results, commands.

Each check raises `ApiError` with Telegram's wording (as seen in real error replies), so a
bot that passes here does not get a 400 from Telegram for the same payload. Limits come from
the Bot API reference: message text 1-4096 characters after entity parsing (counted in
Unicode scalars, as Telegram does), callback_data 1-64 bytes, ≤ 50 inline results with unique
ids of 1-64 bytes, ≤ 100 bot commands.
"""

from __future__ import annotations

import re
from typing import Any

from botapi.errors import ApiError, EntityParseError, bad_request
from botapi.html import parse_html
from botapi.markdown import parse_markdown, parse_markdown_v2
from botapi.text import ParsedText, clean_input_string, trim_parsed, utf16_len

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID = 64
MAX_BUTTONS = 100
MAX_ANSWER_CALLBACK_TEXT = 200
DEEP_LINK_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")

_ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "date_time",
    }
)

_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def parse_text(
    text: Any,
    parse_mode: Any,
    entities: Any,
    *,
    strict_html: bool = True,
    empty_error: str = "message text is empty",
    too_long_error: str = "message is too long",
    limit: int = MAX_TEXT,
) -> ParsedText:
    """Parse and check a message text the way sendMessage/editMessageText do."""
    if not isinstance(text, str) or text == "":
        raise bad_request(empty_error)
    cleaned = clean_input_string(text)
    mode = (parse_mode or "").strip().lower() if isinstance(parse_mode, str) else ""
    if parse_mode is not None and not isinstance(parse_mode, str):
        raise bad_request("unsupported parse_mode")
    try:
        if mode == "html":
            parsed = parse_html(cleaned, strict=strict_html)
        elif mode == "markdownv2":
            parsed = parse_markdown_v2(cleaned)
        elif mode == "markdown":
            parsed = parse_markdown(cleaned)
        elif mode == "":
            parsed = ParsedText(cleaned, _check_entities(entities, cleaned))
        else:
            raise bad_request("unsupported parse_mode")
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc
    parsed = trim_parsed(parsed)
    if not parsed.text:
        raise bad_request(empty_error)
    if len(parsed.text) > limit:
        raise bad_request(too_long_error)
    return parsed


def _check_entities(entities: Any, text: str) -> list[dict[str, Any]]:
    if entities is None:
        return []
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    checked: list[dict[str, Any]] = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("type") not in _ENTITY_TYPES:
            raise bad_request("can't parse MessageEntity: unsupported entity type")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request("can't parse MessageEntity: offset and length must be integers")
        if offset < 0 or length <= 0 or offset + length > total:
            raise bad_request("entity beginning/end is out of the text")
        checked.append(dict(entity))
    return checked


def check_callback_data(data: Any) -> None:
    if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
        raise bad_request("BUTTON_DATA_INVALID")


def _check_url(url: Any) -> None:
    if not isinstance(url, str) or not re.match(r"^(https?|tg)://\S+$", url):
        raise bad_request("BUTTON_URL_INVALID")


_BUTTON = "can't parse inline keyboard button: "


def check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in _BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    action = actions[0]
    if action == "callback_data":
        check_callback_data(button["callback_data"])
    elif action == "url":
        _check_url(button["url"])
    elif action in ("switch_inline_query", "switch_inline_query_current_chat"):
        if not isinstance(button[action], str) or len(button[action]) > 256:
            raise bad_request("can't parse inline keyboard button: switch_inline_query is invalid")
    elif action == "copy_text":
        copy = button["copy_text"]
        if not isinstance(copy, dict) or not 1 <= len(str(copy.get("text", ""))) <= 256:
            raise bad_request("COPY_TEXT_INVALID")


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any]:
    """Check a reply_markup object; returns it (Telegram echoes only inline keyboards)."""
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        count = 0
        for row in rows:
            for button in row:
                check_inline_button(button)
                count += 1
        if count > MAX_BUTTONS:
            raise bad_request("reply markup is too long")
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                label = button.get("text") if isinstance(button, dict) else button
                if not isinstance(label, str) or not label.strip():
                    raise bad_request(
                        'can\'t parse keyboard button: Field "text" must be of type String'
                    )
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def check_inline_results(results: Any, *, strict_html: bool = True) -> None:
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            raise bad_request(
                "can't parse inline query result: InlineQueryResult must be an Object"
            )
        if "type" not in result:
            raise bad_request("can't parse inline query result: Can't find field \"type\"")
        if "id" not in result:
            raise bad_request("can't parse inline query result: Can't find field \"id\"")
        result_id = result["id"]
        if (
            not isinstance(result_id, str)
            or not 1 <= len(result_id.encode("utf-8")) <= MAX_RESULT_ID
        ):
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        if result["type"] == "article":
            title = result.get("title")
            if not isinstance(title, str) or not title.strip():
                raise bad_request("can't parse inline query result: Can't find field \"title\"")
            content = result.get("input_message_content")
            if not isinstance(content, dict):
                raise bad_request(
                    "can't parse inline query result: Can't find field \"input_message_content\""
                )
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            parse_text(
                content.get("message_text"),
                content.get("parse_mode"),
                content.get("entities"),
                strict_html=strict_html,
                empty_error="MESSAGE_EMPTY",
                too_long_error="MESSAGE_TOO_LONG",
            )
        if "reply_markup" in result:
            check_reply_markup(result["reply_markup"], inline_only=True)


def check_inline_answer_extras(next_offset: Any, button: Any) -> None:
    if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    if button is None:
        return
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse InlineQueryResultsButton")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    if "start_parameter" in button:
        if not DEEP_LINK_RE.match(str(button["start_parameter"])):
            raise bad_request("START_PARAM_INVALID")
    elif "web_app" not in button:
        raise bad_request(
            "can't parse InlineQueryResultsButton: a start_parameter or web_app is required"
        )


def check_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands")
    checked: list[dict[str, str]] = []
    seen: set[str] = set()
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not COMMAND_RE.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        if name in seen:
            raise bad_request("BOT_COMMAND_DUPLICATE")
        seen.add(name)
        checked.append({"command": name, "description": description})
    return checked


_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


def scope_key(scope: Any, language_code: Any) -> str:
    """A stable key for (scope, language) under which setMyCommands stores a list."""
    if scope is None:
        scope = {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope")
    if scope["type"] in ("chat", "chat_administrators", "chat_member") and "chat_id" not in scope:
        raise bad_request("can't parse BotCommandScope: chat_id is required")
    lang = language_code or ""
    if lang and not re.match(r"^[a-z]{2}$", str(lang)):
        raise ApiError(400, "Bad Request: invalid language code specified")
    parts = [f"{k}={scope[k]}" for k in sorted(scope)]
    return ";".join(parts) + f"|{lang}"
