"""Split Telegram HTML into messages under the length limit, each one valid on its own.

Telegram refuses a message over 4096 UTF-16 units, and refuses a whole message for one
unclosed tag, so a long answer is cut at a line (or punctuation) boundary and any
element open across the cut is closed before it and reopened after it.
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

__all__ = ["MAX_TEXT", "split_html", "text_length"]

MAX_TEXT = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096

_TOKEN_RE = re.compile(r"<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|\n|[^<&\n]+|[<&]")
_TAG_NAME_RE = re.compile(r"^<(/?)\s*([A-Za-z][\w-]*)")
_SOFT_BREAK_RE = re.compile(r"(?<=[。；！？，,.;:：、 ])")
_MAX_RUN = 200  # text with no break point at all is cut into pieces this long


def text_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), measured on the raw HTML.

    Raw HTML is never shorter than the parsed text, so staying under the limit
    here guarantees staying under it once Telegram has parsed the entities.
    """
    return len(text.encode("utf-16-le")) // 2


def _tag(token: str) -> tuple[str, bool] | None:
    """(name, is_closing) for a tag token, None for anything else."""
    match = _TAG_NAME_RE.match(token) if token.endswith(">") else None
    return (match[2].lower(), match[1] == "/") if match else None


def _atoms(text: str) -> list[str]:
    """Tags, entities, newlines and short text runs: the units a split may fall between."""
    out: list[str] = []
    for token in _TOKEN_RE.findall(text):
        if token == "\n" or token[0] in "<&":
            out.append(token)
            continue
        for piece in _SOFT_BREAK_RE.split(token):
            out.extend(piece[i : i + _MAX_RUN] for i in range(0, len(piece), _MAX_RUN))
    return [a for a in out if a]


def _after(stack: tuple[tuple[str, str], ...], atom: str) -> tuple[tuple[str, str], ...]:
    tag = _tag(atom)
    if tag is None:
        return stack
    name, is_closing = tag
    if not is_closing:
        return (*stack, (name, atom))
    if stack and stack[-1][0] == name:
        return stack[:-1]
    return stack


def _close(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _reopen(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(opening for _, opening in stack)


def split_html(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` characters each.

    Breaks at a line boundary where no tag is open if it can, else at any line
    boundary, else after punctuation. An element that has to straddle two
    messages is closed at the end of one and reopened at the start of the next,
    so every part parses on its own; tags and entities are never cut.
    Whitespace-only parts are dropped (Telegram rejects empty messages).
    """
    if limit < 64:
        raise ValueError("limit too small for Telegram HTML")
    if text_length(text) <= limit:
        return [text] if _visible(text).strip() else []

    parts: list[str] = []
    pending = _atoms(text)
    pending.reverse()  # a stack: pop() takes the next atom, append() pushes one back
    start: tuple[tuple[str, str], ...] = ()  # tags open when the current part began
    atoms: list[str] = []
    stacks: list[tuple[tuple[str, str], ...]] = []  # stack after each atom of the part
    size = 0

    def flush(cut: int) -> None:
        nonlocal start, atoms, stacks, size
        end = stacks[cut - 1]
        body = _reopen(start) + "".join(atoms[:cut]) + _close(end)
        body = body.strip("\n")
        if _visible(body).strip():
            parts.append(body)
        pending.extend(reversed(atoms[cut:]))
        start, atoms, stacks = end, [], []
        size = text_length(_reopen(start))

    while pending:
        atom = pending.pop()
        stack = _after(stacks[-1] if stacks else start, atom)
        grown = size + text_length(atom)
        if grown + text_length(_close(stack)) <= limit or not atoms:
            atoms.append(atom)
            stacks.append(stack)
            size = grown
            continue
        pending.append(atom)
        flush(_best_cut(atoms, stacks))
    if atoms:
        flush(len(atoms))
    return parts


def _best_cut(atoms: list[str], stacks: list[tuple[tuple[str, str], ...]]) -> int:
    """Number of atoms to keep in the part being closed: the most natural break point."""
    newline = soft = 0
    for i in range(len(atoms), 0, -1):
        if atoms[i - 1] == "\n":
            if not stacks[i - 1]:
                return i
            newline = newline or i
        elif not soft and _tag(atoms[i - 1]) is None and _SOFT_BREAK_RE.search(atoms[i - 1]):
            soft = i
    return newline or soft or len(atoms)


def _visible(body: str) -> str:
    return re.sub(r"<[^<>]*>", "", body)
