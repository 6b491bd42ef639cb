"""Telegram's text model shared by every parse mode: UTF-16 offsets, parsed text, cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of every Telegram entity offset."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class ParsedText:
    """Plain text plus entities, as Telegram stores a message after parsing."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# U+2028..U+202E (line/paragraph separators and the bidi embeddings/overrides) and three
# combining marks are removed by Telegram's input cleaning; C0 controls become spaces.
_REMOVED = frozenset(chr(c) for c in range(0x2028, 0x202F)) | {"\u0333", "\u033f", "\u030a"}


def clean_input_string(text: str) -> str:
    """Approximate Telegram's clean_input_string: what it does to text before storing it."""
    out: list[str] = []
    for ch in text:
        if ch == "\r" or ch in _REMOVED:
            continue
        if ord(ch) < 32 and ch not in "\t\n":
            out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


def trim_parsed(parsed: ParsedText) -> ParsedText:
    """Strip leading/trailing whitespace and clip entities, as Telegram does before storing."""
    text = parsed.text
    stripped_left = text.lstrip(" \t\n")
    left_units = utf16_len(text) - utf16_len(stripped_left)
    stripped = stripped_left.rstrip(" \t\n")
    total = utf16_len(stripped)
    entities: list[dict[str, Any]] = []
    for entity in parsed.entities:
        start = max(0, entity["offset"] - left_units)
        end = min(total, entity["offset"] + entity["length"] - left_units)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities, parsed.warnings)
