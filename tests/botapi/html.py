"""Telegram's HTML parse mode, re-implemented so the stand-in refuses what Telegram refuses.

Modelled on the behaviour of Telegram's server (tdlib's HTML parser) as documented in the
Bot API "Formatting options" section and seen in its error messages:

* only b/strong, i/em, u/ins, s/strike/del, tg-spoiler, span class="tg-spoiler", a href,
  code, pre, blockquote (optionally ``expandable``) and tg-emoji are tags; anything else is
  "Unsupported start tag";
* tags must be closed in LIFO order ("Unmatched end tag", "Can't find end tag ...");
* only &lt; &gt; &amp; &quot; and numeric character references are entities.

One deliberate difference (``strict=True``, the default): a bare ``&`` that does not start an
entity, an unknown named entity such as ``&nbsp;`` and a bare ``>`` are errors here. Telegram
shows those literally, but the Bot API docs require escaping them, and a bot that forgets to
escape user text only gets caught deterministically if the stand-in is this strict.

Errors raise `EntityParseError` whose message is the part after
"Bad Request: can't parse entities: ", with UTF-8 byte offsets like Telegram's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from botapi.errors import EntityParseError
from botapi.text import ParsedText, utf16_len

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "span",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)

_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
}

_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = frozenset(" \t\r\n\f\v\0")
# What Telegram accepts as a link target; anything else silently loses the link.
_URL_RE = re.compile(
    r"^(?:(?:https?|tg|ton)://\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]\S*)?)$", re.IGNORECASE
)


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def _decode_entity(src: str, i: int) -> tuple[str, int] | None:
    """Decode the character reference at ``src[i] == "&"``; None when it is not one."""
    n = len(src)
    j = i + 1
    if j < n and src[j] == "#":
        j += 1
        is_hex = j < n and src[j] in "xX"
        if is_hex:
            j += 1
        start = j
        digits = "0123456789abcdefABCDEF" if is_hex else "0123456789"
        while j < n and src[j] in digits and j - start < 10:
            j += 1
        if j == start or j >= n or src[j] != ";":
            return None
        value = int(src[start:j], 16 if is_hex else 10)
        if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return None
        return chr(value), j + 1
    start = j
    while j < n and src[j].isascii() and src[j].isalpha() and j - start < 32:
        j += 1
    if j == start or j >= n or src[j] != ";":
        return None
    name = src[start:j]
    if name in _NAMED:
        return _NAMED[name], j + 1
    return None


def _unknown_named_entity(src: str, i: int) -> str | None:
    match = re.match(r"&[A-Za-z][A-Za-z0-9]{0,31};", src[i:])
    return match.group(0) if match else None


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the plain text
    byte_offset: int


def _parse_attributes(src: str, j: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    n = len(src)
    attrs: dict[str, str] = {}

    def unclosed() -> EntityParseError:
        return EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")

    while True:
        while j < n and src[j] in _SPACE:
            j += 1
        if j >= n:
            raise unclosed()
        if src[j] == ">":
            return attrs, j + 1
        name_start = j
        while j < n and src[j] not in _SPACE and src[j] not in "=>":
            j += 1
        name = src[name_start:j].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(src, name_start)}"
            )
        while j < n and src[j] in _SPACE:
            j += 1
        if j >= n:
            raise unclosed()
        if src[j] != "=":
            attrs[name] = ""  # a bare attribute, e.g. <blockquote expandable>
            continue
        j += 1
        while j < n and src[j] in _SPACE:
            j += 1
        if j >= n:
            raise unclosed()
        if src[j] in "'\"":
            quote = src[j]
            j += 1
            buf: list[str] = []
            while j < n and src[j] != quote:
                if src[j] == "&":
                    decoded = _decode_entity(src, j)
                    if decoded is not None:
                        buf.append(decoded[0])
                        j = decoded[1]
                        continue
                buf.append(src[j])
                j += 1
            if j >= n:
                raise unclosed()
            j += 1
            attrs[name] = "".join(buf)
        else:
            value_start = j
            while j < n and ((src[j].isascii() and src[j].isalnum()) or src[j] in ".-"):
                j += 1
            if j >= n:
                raise unclosed()
            if src[j] not in _SPACE and src[j] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(src, j)}"
                )
            attrs[name] = src[value_start:j].lower()


def _entity_for(opened: _Open, length: int, warnings: list[str]) -> dict[str, Any] | None:
    entity: dict[str, Any] = {"offset": opened.start, "length": length}
    tag = opened.tag
    if tag in ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span"):
        entity["type"] = _SIMPLE_TYPES[tag]
    elif tag == "code":
        entity["type"] = "code"
        language = opened.attrs.get("class", "")
        if language.startswith("language-"):
            entity["language"] = language.removeprefix("language-")
    elif tag == "pre":
        entity["type"] = "pre"
    elif tag == "blockquote":
        expandable = "expandable" in opened.attrs
        entity["type"] = "expandable_blockquote" if expandable else "blockquote"
    elif tag == "tg-emoji":
        entity["type"] = "custom_emoji"
        entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
    else:  # "a"
        href = opened.attrs.get("href", "")
        user = re.fullmatch(r"tg://user\?id=(\d{1,20})", href)
        if user:
            entity["type"] = "text_mention"
            entity["user"] = {"id": int(user.group(1)), "is_bot": False, "first_name": "User"}
        elif href and _URL_RE.match(href):
            entity["type"] = "text_link"
            entity["url"] = href if "://" in href else f"http://{href}/"
        else:
            # Telegram keeps the text but drops a link it cannot use: worth knowing in tests.
            warnings.append(f"link dropped (href={href!r})")
            return None
    return entity


def parse_html(src: str, *, strict: bool = True) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise `EntityParseError`."""
    out: list[str] = []
    utf16_pos = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    warnings: list[str] = []
    n = len(src)
    i = 0

    def emit(chars: str) -> None:
        nonlocal utf16_pos
        out.append(chars)
        utf16_pos += utf16_len(chars)

    while i < n:
        c = src[i]
        if c == "&":
            decoded = _decode_entity(src, i)
            if decoded is not None:
                emit(decoded[0])
                i = decoded[1]
                continue
            if strict:
                unknown = _unknown_named_entity(src, i)
                offset = _byte_offset(src, i)
                if unknown:
                    raise EntityParseError(
                        f'Unsupported HTML entity "{unknown}" at byte offset {offset} '
                        "(stand-in strict mode: only &lt; &gt; &amp; &quot; and &#N; exist)"
                    )
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {offset} '
                    "(stand-in strict mode: the Bot API requires &amp;)"
                )
            emit(c)
            i += 1
            continue
        if c == ">":
            if strict:
                raise EntityParseError(
                    f'Unescaped ">" at byte offset {_byte_offset(src, i)} '
                    "(stand-in strict mode: the Bot API requires &gt;)"
                )
            emit(c)
            i += 1
            continue
        if c != "<":
            emit(c)
            i += 1
            continue

        begin = i
        if i + 1 < n and src[i + 1] == "/":
            j = i + 2
            while j < n and src[j] not in _SPACE and src[j] != ">":
                j += 1
            end_name = src[i + 2 : j].lower()
            while j < n and src[j] in _SPACE:
                j += 1
            if j >= n or src[j] != ">":
                raise EntityParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(src, begin)}"
                )
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(src, begin)}"
                )
            opened = stack.pop()
            if end_name and end_name != opened.tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(src, begin)}, "
                    f'expected "</{opened.tag}>", found "</{end_name}>"'
                )
            length = utf16_pos - opened.start
            if length > 0:
                entity = _entity_for(opened, length, warnings)
                if entity is not None:
                    entities.append(entity)
            i = j + 1
            continue

        j = i + 1
        while j < n and src[j] not in _SPACE and src[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
        tag = src[i + 1 : j].lower()
        if tag not in ALLOWED_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
            )
        attrs, j = _parse_attributes(src, j, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(src, begin)}'
            )
        if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{_byte_offset(src, begin)}"
            )
        stack.append(_Open(tag, attrs, utf16_pos, _byte_offset(src, begin)))
        i = j

    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    _fold_pre_language(entities)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities, warnings)


def _fold_pre_language(entities: list[dict[str, Any]]) -> None:
    """<pre><code class="language-x"> is one pre entity with a language, as in Telegram."""
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    for entity in list(entities):
        if entity["type"] == "code" and (entity["offset"], entity["length"]) in pres:
            pre = pres[(entity["offset"], entity["length"])]
            if "language" in entity:
                pre["language"] = entity["language"]
            entities.remove(entity)
