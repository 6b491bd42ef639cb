"""Inline keyboards and the callback-data codec.

Callback data is ASCII and short by construction (Telegram allows 1-64 *bytes*;
one Chinese character is three): `s` (sections list), `t:<topic-id>:<page>`
(a page of one topic), `e:<entry-id>` (open an entry). Feedback buttons
(`f:<log-id>:<u|d>:<tag>`) belong to the question log; the tag is its HMAC of the
row id, checked by the callback handler, so a client cannot vote on a question it
was never shown. Anything else a client sends back is treated as forged and parses
to None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.answer import Answer
from bot.knowledge.models import Entry, Indicator, Knowledge, Topic
from bot.qlog import FEEDBACK_TAG_CHARS, FEEDBACK_TAG_LEN, FeedbackRef
from bot.render import figure, render_html
from bot.tg.messages import Lang, entry_title, topic_name, ui

MAX_CALLBACK_BYTES = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # 64
PAGE_SIZE = 8
MAX_ENTRY_BUTTONS = 5
MAX_TOPIC_BUTTONS = 6
# Button widths in display columns (a CJK character takes two): what a phone shows before
# the client cuts the label off itself, wherever that falls (figures included).
LABEL_WIDTH = 40  # a button alone on its row
HALF_LABEL_WIDTH = 22  # two buttons to a row
MIN_TITLE_WIDTH = 14  # below this a shortened title says nothing: drop the figure instead

SECTIONS = "s"
_SLUG = r"[A-Za-z0-9][A-Za-z0-9_-]{0,47}"
_ENTRY_RE = re.compile(rf"^e:({_SLUG})$")
_TOPIC_RE = re.compile(rf"^t:({_SLUG}):(\d{{1,3}})$")
_FEEDBACK_RE = re.compile(
    rf"^f:(\d{{1,18}}):([ud]):([{FEEDBACK_TAG_CHARS}]{{{FEEDBACK_TAG_LEN}}})$"
)


@dataclass(frozen=True, slots=True)
class OpenSections:
    pass


@dataclass(frozen=True, slots=True)
class OpenTopic:
    topic: str
    page: int


@dataclass(frozen=True, slots=True)
class OpenEntry:
    entry: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """A 👍/👎 press as sent: the reference is still unverified (QuestionLog.verify_feedback)."""

    ref: FeedbackRef
    up: bool


Callback = OpenSections | OpenTopic | OpenEntry | Feedback


def entry_data(entry_id: str) -> str:
    return _checked(f"e:{entry_id}")


def topic_data(topic_id: str, page: int = 0) -> str:
    return _checked(f"t:{topic_id}:{page}")


def feedback_data(ref: FeedbackRef, up: bool) -> str:
    return _checked(f"f:{ref.question_id}:{'u' if up else 'd'}:{ref.tag}")


def _checked(data: str) -> str:
    """Refuse to build data Telegram would reject or we could not read back.

    An id outside the slug pattern fails here, in tests, not as a dead button in a chat.
    """
    if not data.isascii() or len(data.encode()) > MAX_CALLBACK_BYTES or not parse_callback(data):
        raise ValueError(f"unusable callback data (ASCII slug ids, ≤ 64 bytes): {data!r}")
    return data


def parse_callback(data: str | None) -> Callback | None:
    """Decode our own callback data; anything else (forged, stale format) gives None."""
    if not data or len(data) > MAX_CALLBACK_BYTES:
        return None
    if data == SECTIONS:
        return OpenSections()
    if match := _ENTRY_RE.match(data):
        return OpenEntry(match[1])
    if match := _TOPIC_RE.match(data):
        return OpenTopic(match[1], int(match[2]))
    if match := _FEEDBACK_RE.match(data):
        return Feedback(FeedbackRef(int(match[1]), match[3]), match[2] == "u")
    return None


def width(text: str) -> int:
    """Display columns: wide (CJK, full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def label(text: str, limit: int = LABEL_WIDTH) -> str:
    """`text` on one line within `limit` columns, shortened with "…" where it must be.

    Spaced (Latin) text is cut at a word boundary, so a label never ends in half a word.
    """
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    kept, used = [], 1  # one column for the ellipsis
    for ch in text:
        used += width(ch)
        if used > limit:
            break
        kept.append(ch)
    cut = "".join(kept)
    mid_word = cut[-1:].isascii() and cut[-1:].isalnum() and text[len(cut)].isalnum()
    if mid_word and " " in cut:
        head = cut.rsplit(" ", 1)[0]
        if width(head) * 2 >= limit:  # a long word is cut rather than most of the label lost
            cut = head
    return cut.rstrip(" ,;:·-–—、，") + "…"


def entry_label(entry: Entry, lang: Lang) -> str:
    """Indicators show their figure on the button, so browsing alone is informative.

    The figure is what people tap for, so the title gives way, not the figure.
    """
    title = entry_title(entry, lang)
    if isinstance(entry, Indicator) and entry.value:
        suffix = f" · {figure(entry)}"
        room = LABEL_WIDTH - width(suffix)
        if room >= MIN_TITLE_WIDTH:
            return label(title, room) + suffix
    return label(title)


def entry_button(entry: Entry, lang: Lang) -> InlineKeyboardButton:
    return InlineKeyboardButton(entry_label(entry, lang), callback_data=entry_data(entry.id))


def topic_button(topic: Topic, lang: Lang) -> InlineKeyboardButton:
    name = label(topic_name(topic, lang), HALF_LABEL_WIDTH)
    return InlineKeyboardButton(name, callback_data=topic_data(topic.id))


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def unique_entries(entries: Iterable[Entry]) -> list[Entry]:
    """First occurrence of each entry, order kept."""
    seen: set[str] = set()
    out: list[Entry] = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            out.append(entry)
    return out


def related_entries(entry: Entry, knowledge: Knowledge) -> list[Entry]:
    """The entry's `related` ids that exist in this pack (a reload may have dropped some)."""
    return unique_entries(
        knowledge.entries[i] for i in entry.related if i in knowledge.entries and i != entry.id
    )


def prominence(entry: Entry) -> tuple[bool, bool, int]:
    """How much of a headline an entry is: a figure, with a stated change, asked many ways.

    Curators give the figures people ask about most the most phrasings, so this
    picks 低保标准 over 政策文件数量 without a hand-kept list.
    """
    change = entry.change if isinstance(entry, Indicator) else ""
    return isinstance(entry, Indicator), bool(change), len(entry.questions) + len(entry.aliases)


def headline(entries: Iterable[Entry]) -> Entry | None:
    """The most prominent entry; ties go to the first, i.e. the article's order."""
    best: Entry | None = None
    for entry in entries:
        if best is None or prominence(entry) > prominence(best):
            best = entry
    return best


def example_entries(knowledge: Knowledge, count: int = 3) -> list[Entry]:
    """The headline question of each section first, so the examples show the breadth."""
    candidates = [e for e in knowledge.entries.values() if e.questions]
    picked: list[Entry] = []
    for section in knowledge.sections:
        topic_ids = {t.id for t in knowledge.topics.values() if t.section == section.id}
        best = headline(e for e in candidates if e.topic in topic_ids)
        if best is not None:
            picked.append(best)
    rest = sorted(candidates, key=prominence, reverse=True)
    return unique_entries([*picked, *rest])[:count]


def start_keyboard(knowledge: Knowledge, lang: Lang) -> InlineKeyboardMarkup | None:
    """Three example questions; tapping one opens its entry."""
    buttons = [
        InlineKeyboardButton(label(e.questions[0]), callback_data=entry_data(e.id))
        for e in example_entries(knowledge)
    ]
    return InlineKeyboardMarkup(_rows(buttons, 1)) if buttons else None


def sections_keyboard(knowledge: Knowledge, lang: Lang) -> InlineKeyboardMarkup:
    """Every topic, in section order, two to a row."""
    rows: list[list[InlineKeyboardButton]] = []
    for section in knowledge.sections:
        topics = [t for t in knowledge.topics.values() if t.section == section.id]
        rows.extend(_rows([topic_button(t, lang) for t in topics], 2))
    return InlineKeyboardMarkup(rows)


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def clamp_page(page: int, total: int, size: int = PAGE_SIZE) -> int:
    """A stale button may point past the end after a reload: show the last page instead."""
    return min(max(page, 0), page_count(total, size) - 1)


def topic_keyboard(
    knowledge: Knowledge, topic: Topic, page: int, lang: Lang
) -> InlineKeyboardMarkup:
    """One page of a topic's entries, with paging and a way back to the sections."""
    entries = knowledge.topic_entries(topic.id)
    page = clamp_page(page, len(entries))
    shown = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = [[entry_button(e, lang)] for e in shown]
    t = ui(lang)
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        nav.append(InlineKeyboardButton(t.prev_page, callback_data=topic_data(topic.id, page - 1)))
    if page + 1 < page_count(len(entries)):
        nav.append(InlineKeyboardButton(t.next_page, callback_data=topic_data(topic.id, page + 1)))
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton(t.back_to_sections, callback_data=SECTIONS)])
    return InlineKeyboardMarkup(rows)


def feedback_row(ref: FeedbackRef) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton("👍", callback_data=feedback_data(ref, True)),
        InlineKeyboardButton("👎", callback_data=feedback_data(ref, False)),
    ]


def answer_keyboard(
    answer: Answer, knowledge: Knowledge, lang: Lang, feedback: FeedbackRef | None = None
) -> InlineKeyboardMarkup | None:
    """Next steps under an answer.

    answered: entries related to the best hit; ambiguous: the candidates ("did
    you mean"); no_match: what the article says instead, then topic buttons.
    """
    rows: list[list[InlineKeyboardButton]] = []
    if answer.status == "answered":
        best = answer.best
        if answer.reason == "topic_list":
            # The reply lists the topic; buttons open each entry, the topic button pages on.
            entries = unique_entries(h.entry for h in answer.hits)[:PAGE_SIZE]
            rows.extend([entry_button(e, lang)] for e in entries)
            if answer.topic is not None and answer.topic.id in knowledge.topics:
                rows.append([topic_button(answer.topic, lang)])
        else:
            related = related_entries(best, knowledge) if best else []
            extra = [h.entry for h in answer.hits[1:]]
            entries = [e for e in unique_entries([*extra, *related]) if e is not best]
            rows.extend([entry_button(e, lang)] for e in entries[:MAX_ENTRY_BUTTONS])
    elif answer.status == "ambiguous":
        entries = unique_entries(h.entry for h in answer.hits)
        rows.extend([entry_button(e, lang)] for e in entries[:MAX_ENTRY_BUTTONS])
    else:
        entries = unique_entries(h.entry for h in answer.known_instead)
        rows.extend([entry_button(e, lang)] for e in entries[:MAX_ENTRY_BUTTONS])
        topics = [t for t in answer.suggestions if t.id in knowledge.topics]
        rows.extend(_rows([topic_button(t, lang) for t in topics[:MAX_TOPIC_BUTTONS]], 2))
    if feedback is not None:
        rows.append(feedback_row(feedback))
    return InlineKeyboardMarkup(rows) if rows else None


def answer_reply(
    answer: Answer, knowledge: Knowledge, lang: Lang, feedback: FeedbackRef | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """An answer as a Telegram message: its HTML and the buttons under it.

    `render_html` names related entries in a 相关 line for clients without buttons;
    on a phone the buttons already offer them, so whenever every entry that line
    would name has its button, the answer is rendered with its best hit alone (the
    renderer keeps choosing the wording and language; the keyboard keeps the rest).
    """
    keyboard = answer_keyboard(answer, knowledge, lang, feedback)
    if _related_on_buttons(answer, keyboard):
        return render_html(replace(answer, hits=answer.hits[:1]), knowledge), keyboard
    return render_html(answer, knowledge), keyboard


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
    on_buttons = {b.callback_data for row in keyboard.inline_keyboard for b in row}
    return all(entry_data(i) in on_buttons for i in named)


def entry_keyboard(entry: Entry, knowledge: Knowledge, lang: Lang) -> InlineKeyboardMarkup:
    """Under an opened entry: its related entries, then back to its topic."""
    related = related_entries(entry, knowledge)
    rows = [[entry_button(e, lang)] for e in related[:MAX_ENTRY_BUTTONS]]
    topic = knowledge.topics.get(entry.topic)
    if topic is not None:
        back = ui(lang).back_to_topic.format(topic=topic_name(topic, lang))
        rows.append([InlineKeyboardButton(label(back), callback_data=topic_data(topic.id))])
    return InlineKeyboardMarkup(rows)
