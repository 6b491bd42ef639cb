"""A reply as Telegram messages: the HTML of every part, packed under the limit, and its buttons.

`bot.render` words each part; this module decides what a phone shows: parts in the order
asked, in as few messages as Telegram's 4096 characters allow (a part is only ever cut when
it alone is too long), each message remembering the entries it answers (so a reply to it can
continue from them) and which question of the message it answers (so a group reply can quote
it). Related entries that sit on buttons are not repeated in a 相关 line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Answer, Reply
from bot.knowledge.models import Knowledge
from bot.qlog import FeedbackRef
from bot.render import render_reply_blocks_html
from bot.tg.keyboards import (
    MAX_ENTRY_BUTTONS,
    answer_keyboard,
    copy_button,
    entry_rows,
    feedback_row,
    is_answer,
)
from bot.tg.messages import Lang
from bot.tg.splitting import MAX_TEXT, split_html, text_length

__all__ = ["Outgoing", "View", "answer_reply", "part_entry", "reply_view"]

_GAP = "\n\n"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message of a reply."""

    html: str
    entries: tuple[str, ...]  # the entries its parts answer (or state instead), in order
    quote: str = ""  # the question of the asker's message it begins to answer


@dataclass(frozen=True, slots=True)
class View:
    messages: tuple[Outgoing, ...]
    keyboard: InlineKeyboardMarkup | None  # goes under the last message


def part_entry(answer: Answer) -> str:
    """The entry a follow-up to this part continues from: the one answered, or the one the
    article states instead ("" for lists, refusals without one, chitchat)."""
    if answer.status == "answered" and answer.overview is None and answer.best is not None:
        return answer.best.id
    if answer.known_instead:
        return answer.known_instead[0].entry.id
    return ""


def reply_view(
    answers: Sequence[Answer],
    knowledge: Knowledge,
    lang: Lang,
    feedback: FeedbackRef | None = None,
    *,
    link_to: str = "",
    limit: int = MAX_TEXT,
) -> View:
    """Every part of a reply, in order, as messages and one keyboard.

    `link_to` (the bot's username) turns entry and topic buttons into deep links (channels).
    """
    keyboard = _keyboard(answers, knowledge, lang, feedback, link_to)
    several = len(answers) > 1  # then a 相关 line per part would double the reply's length
    shown = [
        replace(a, hits=a.hits[:1]) if several or _related_on_buttons(a, keyboard) else a
        for a in answers
    ]
    blocks = render_reply_blocks_html(Reply("", tuple(shown)), knowledge)
    return View(_pack(blocks, answers, limit), keyboard)


def answer_reply(
    answer: Answer, knowledge: Knowledge, lang: Lang, feedback: FeedbackRef | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One answer as one message's HTML and its buttons (before any split)."""
    view = reply_view([answer], knowledge, lang, feedback, limit=1 << 30)
    return view.messages[0].html, view.keyboard


def _keyboard(
    answers: Sequence[Answer],
    knowledge: Knowledge,
    lang: Lang,
    feedback: FeedbackRef | None,
    link_to: str,
) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    if len(answers) == 1:
        markup = answer_keyboard(answers[0], knowledge, lang, link_to=link_to)
        rows = [list(row) for row in markup.inline_keyboard] if markup else []
    else:  # every part's entry buttons, taken in turn so each part gets some, each once
        per_part = [
            [row for row in entry_rows(a, knowledge, lang, link_to) if len(row) == 1]
            for a in answers
        ]
        seen: set[str] = set()
        for turn in range(max(map(len, per_part), default=0)):
            for part in per_part:
                if turn < len(part) and len(rows) < MAX_ENTRY_BUTTONS:
                    key = _target(part[turn][0])
                    if key not in seen:
                        seen.add(key)
                        rows.append(part[turn])
    copy = copy_button(answers, knowledge, lang)
    if copy is not None:
        rows.append([copy])
    if feedback is not None and any(is_answer(a) for a in answers):
        rows.append(feedback_row(feedback))
    return InlineKeyboardMarkup(rows) if rows else None


def _related_on_buttons(answer: Answer, keyboard: InlineKeyboardMarkup | None) -> bool:
    """Whether the reply is a single-entry answer whose 相关 entries all sit on buttons.

    Mirrors render_html: a topic list has no 相关 (Related) line, a single answer names
    hits[1:4].
    """
    if answer.status != "answered" or answer.best is None:
        return False
    if answer.reason == "topic_list" and answer.topic:
        return False
    named = {h.entry.id for h in answer.hits[1:4]}
    if not named or keyboard is None:
        return False
    targets = {_target(b) for row in keyboard.inline_keyboard for b in row}
    return all(f"e:{i}" in targets or f"start={i}" in targets for i in named)


def _target(button: InlineKeyboardButton) -> str:
    if isinstance(button.callback_data, str):
        return button.callback_data
    return (button.url or "").rpartition("?")[2]


def _pack(blocks: list[str], answers: Sequence[Answer], limit: int) -> tuple[Outgoing, ...]:
    """Parts joined into as few messages as fit; a part too long alone is split on its own."""
    out: list[Outgoing] = []
    html, quote = "", ""
    entries: list[str] = []

    def flush() -> None:
        nonlocal html, entries, quote
        if html:
            out.append(Outgoing(html, tuple(dict.fromkeys(e for e in entries if e)), quote))
        html, entries, quote = "", [], ""

    for block, answer in zip(blocks, answers, strict=True):
        entry = part_entry(answer)
        joined = f"{html}{_GAP}{block}" if html else block
        if text_length(joined) <= limit:
            html, quote = joined, quote or answer.question.strip()
            entries.append(entry)
            continue
        flush()
        if text_length(block) <= limit:
            html, entries, quote = block, [entry], answer.question.strip()
            continue
        # Too long alone: its own messages, so the next part still begins a message.
        for piece in split_html(block, limit) or [block]:
            out.append(Outgoing(piece, (entry,) if entry else (), answer.question.strip()))
    flush()
    if len(answers) < 2 or len(out) < 2:  # one message, or one question: nothing to point at
        return tuple(replace(m, quote="") for m in out)
    return tuple(out)
