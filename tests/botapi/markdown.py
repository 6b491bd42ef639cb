"""Telegram's Markdown and MarkdownV2 parse modes, close enough to catch unescaped text.

The project replies in HTML; these exist so that a stray ``parse_mode="MarkdownV2"`` with
unescaped user text (``.``, ``-``, ``!`` ...) fails here the way it fails on Telegram:
"Character '.' is reserved and must be escaped with the preceding '\\'". Nested-entity corner
cases (``___`` ambiguity, custom-emoji links) are approximated.
"""

from __future__ import annotations

from typing import Any

from botapi.errors import EntityParseError
from botapi.text import ParsedText, utf16_len

_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_V2_NAMES = {
    "*": ("bold", "Bold"),
    "_": ("italic", "Italic"),
    "__": ("underline", "Underline"),
    "~": ("strikethrough", "Strikethrough"),
    "||": ("spoiler", "Spoiler"),
}


def _byte(src: str, i: int) -> int:
    return len(src[:i].encode("utf-8"))


def parse_markdown(src: str) -> ParsedText:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out: list[str] = []
    pos = 0  # UTF-16 position in the output
    entities: list[dict[str, Any]] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            out.append(src[i + 1])
            pos += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            pos += utf16_len(c)
            i += 1
            continue
        begin = i
        if c == "[":
            close = src.find("]", i + 1)
            if close < 0:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {_byte(src, begin)}"
                )
            label = src[i + 1 : close]
            url = ""
            i = close + 1
            if i < n and src[i] == "(":
                end = src.find(")", i + 1)
                if end < 0:
                    raise EntityParseError(
                        f"Can't find end of the entity starting at byte offset {_byte(src, begin)}"
                    )
                url = src[i + 1 : end]
                i = end + 1
            out.append(label)
            if url and utf16_len(label):
                entities.append(
                    {"type": "text_link", "offset": pos, "length": utf16_len(label), "url": url}
                )
            pos += utf16_len(label)
            continue
        marker = "```" if src.startswith("```", i) else c
        end = src.find(marker, i + len(marker))
        if end < 0:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte(src, begin)}"
            )
        inner = src[i + len(marker) : end]
        kind = {"*": "bold", "_": "italic", "`": "code", "```": "pre"}[marker]
        if utf16_len(inner):
            entities.append({"type": kind, "offset": pos, "length": utf16_len(inner)})
        out.append(inner)
        pos += utf16_len(inner)
        i = end + len(marker)
    return ParsedText("".join(out), entities)


def parse_markdown_v2(src: str) -> ParsedText:
    """MarkdownV2: nested entities, and every reserved character escaped outside them."""
    out: list[str] = []
    pos = 0
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, int, int]] = []  # (marker, utf16 start, byte offset)
    i, n = 0, len(src)
    line_start = True
    quote_start: int | None = None

    def emit(text: str) -> None:
        nonlocal pos
        out.append(text)
        pos += utf16_len(text)

    def close_quote() -> None:
        nonlocal quote_start
        if quote_start is not None and pos > quote_start:
            entities.append(
                {"type": "blockquote", "offset": quote_start, "length": pos - quote_start}
            )
        quote_start = None

    while i < n:
        c = src[i]
        if line_start:
            line_start = False
            if c == ">":
                if quote_start is None:
                    quote_start = pos
                i += 1
                continue
            close_quote()
        if c == "\n":
            emit(c)
            i += 1
            line_start = True
            continue
        if c == "\\":
            if i + 1 < n and 1 <= ord(src[i + 1]) <= 126:
                emit(src[i + 1])
                i += 2
                continue
            emit(c)
            i += 1
            continue
        if c == "`":
            fence = "```" if src.startswith("```", i) else "`"
            end = _find_unescaped(src, fence, i + len(fence))
            if end < 0:
                kind = "Pre" if fence == "```" else "Code"
                raise EntityParseError(
                    f"Can't find end of {kind} entity at byte offset {_byte(src, i)}"
                )
            inner = _unescape_code(src[i + len(fence) : end])
            language = ""
            if fence == "```" and "\n" in inner:
                first, rest = inner.split("\n", 1)
                if first and " " not in first:
                    language, inner = first, rest
            start = pos
            emit(inner)
            if pos > start:
                entity: dict[str, Any] = {
                    "type": "pre" if fence == "```" else "code",
                    "offset": start,
                    "length": pos - start,
                }
                if language:
                    entity["language"] = language
                entities.append(entity)
            i = end + len(fence)
            continue
        if c == "[" or (c == "!" and src.startswith("![", i)):
            begin = i
            i += 2 if c == "!" else 1
            stack.append(("[", pos, _byte(src, begin)))
            continue
        if c == "]" and stack and stack[-1][0] == "[":
            _marker, start, byte_offset = stack.pop()
            if i + 1 >= n or src[i + 1] != "(":
                raise EntityParseError(f"Can't find end of a url at byte offset {byte_offset}")
            end = _find_unescaped(src, ")", i + 2)
            if end < 0:
                raise EntityParseError(f"Can't find end of a url at byte offset {byte_offset}")
            url = src[i + 2 : end].replace("\\)", ")").replace("\\\\", "\\")
            if pos > start:
                entities.append(
                    {"type": "text_link", "offset": start, "length": pos - start, "url": url}
                )
            i = end + 1
            continue
        marker = "||" if src.startswith("||", i) else "__" if src.startswith("__", i) else c
        if marker in _V2_NAMES:
            if stack and stack[-1][0] == marker:
                _m, start, _b = stack.pop()
                if pos > start:
                    entities.append(
                        {"type": _V2_NAMES[marker][0], "offset": start, "length": pos - start}
                    )
            else:
                stack.append((marker, pos, _byte(src, i)))
            i += len(marker)
            continue
        if c in _V2_RESERVED:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        emit(c)
        i += 1
    close_quote()
    if stack:
        marker, _start, byte_offset = stack[-1]
        name = "TextUrl" if marker == "[" else _V2_NAMES[marker][1]
        raise EntityParseError(f"Can't find end of {name} entity at byte offset {byte_offset}")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _find_unescaped(src: str, token: str, start: int) -> int:
    i = start
    while i < len(src):
        if src[i] == "\\":
            i += 2
            continue
        if src.startswith(token, i):
            return i
        i += 1
    return -1


def _unescape_code(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "`\\":
            out.append(text[i + 1])
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)
