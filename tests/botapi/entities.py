"""The entities Telegram's servers mark in a user's plain text before the bot sees it."""

from __future__ import annotations

import re

from botapi.state import JSON
from botapi.text import utf16_len

_COMMAND_RE = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")
_URL_RE = re.compile(r"https?://[^\s<>\"]+")


def detect_entities(text: str) -> list[JSON]:
    """The entities Telegram's servers mark in a user's plain text: commands, mentions,
    hashtags and URLs (PTB's CommandHandler needs the bot_command entity at offset 0)."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in (
        ("bot_command", _COMMAND_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
        ("url", _URL_RE),
    ):
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), kind))
    found.sort()
    entities: list[JSON] = []
    last_end = -1
    for start, end, kind in found:
        if start < last_end:
            continue
        offset = utf16_len(text[:start])
        entities.append({"type": kind, "offset": offset, "length": utf16_len(text[start:end])})
        last_end = end
    return entities


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The piece of ``text`` an entity covers (entity offsets count UTF-16 code units)."""
    data = text.encode("utf-16-le")
    return data[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")
