"""Inline keyboards: what is under each message, and the labels on the buttons.

Callback data and deep-link payloads are built by `bot.tg.callbacks`. Every builder that
can be used in a channel takes `link_to` (the bot's username): its entry and topic buttons
then open a private chat with the bot instead of sending a callback, so no tap by a
subscriber can make the bot post into the channel. Feedback buttons show the votes so far.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.answer import Answer
from bot.knowledge.models import Entry, Indicator, Knowledge, Topic
from bot.qlog import FeedbackRef
from bot.render import WORDS, city_of, city_title, figure
from bot.tg.callbacks import (
    SECTIONS,
    Feedback,
    OpenEntry,
    OpenTopic,
    deep_link,
    entry_data,
    feedback_data,
    parse_callback,
    topic_data,
)
from bot.tg.examples import example_entries, unique_entries
from bot.tg.messages import Lang, entry_title, topic_name, ui

PAGE_SIZE = 8
MAX_ENTRY_BUTTONS = 5
MAX_TOPIC_BUTTONS = 6
MAX_COPY = int(InlineKeyboardButtonLimit.MAX_COPY_TEXT)  # 256 characters
# Button widths in display columns (a CJK character takes two): what a phone shows before
# the client cuts the label off itself, wherever that falls (figures included).
LABEL_WIDTH = 40  # a button alone on its row
HALF_LABEL_WIDTH = 22  # two buttons to a row
MIN_TITLE_WIDTH = 14  # below this a shortened title says nothing: drop the figure instead


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


def entry_button(entry: Entry, lang: Lang, link_to: str = "") -> InlineKeyboardButton:
    text = entry_label(entry, lang)
    if link_to:
        return InlineKeyboardButton(text, url=deep_link(link_to, OpenEntry(entry.id)))
    return InlineKeyboardButton(text, callback_data=entry_data(entry.id))


def topic_button(topic: Topic, lang: Lang, link_to: str = "") -> InlineKeyboardButton:
    name = label(topic_name(topic, lang), HALF_LABEL_WIDTH)
    if link_to:
        return InlineKeyboardButton(name, url=deep_link(link_to, OpenTopic(topic.id, 0)))
    return InlineKeyboardButton(name, callback_data=topic_data(topic.id))


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def related_entries(entry: Entry, knowledge: Knowledge) -> list[Entry]:
    """The entry's `related` ids that exist in this pack (a reload may have dropped some)."""
    return unique_entries(
        knowledge.entries[i] for i in entry.related if i in knowledge.entries and i != entry.id
    )


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


def feedback_row(
    ref: FeedbackRef, votes: tuple[int, int] = (0, 0), mine: int = 0, *, shared: bool = False
) -> list[InlineKeyboardButton]:
    """👍/👎 with their state: in a shared chat the counts ("👍 2"), in a private chat a tick
    on the reader's own vote ("👍 ✓"), since there the count is only ever theirs."""
    labels = []
    for emoji, count, vote in (("👍", votes[0], 1), ("👎", votes[1], -1)):
        if shared:
            labels.append(f"{emoji} {count}" if count else emoji)
        else:
            labels.append(f"{emoji} ✓" if mine == vote else emoji)
    return [
        InlineKeyboardButton(labels[0], callback_data=feedback_data(ref, True)),
        InlineKeyboardButton(labels[1], callback_data=feedback_data(ref, False)),
    ]


def with_votes(
    markup: InlineKeyboardMarkup | None,
    ref: FeedbackRef,
    votes: tuple[int, int],
    mine: int,
    *,
    shared: bool,
) -> InlineKeyboardMarkup | None:
    """The same keyboard with its feedback row showing the votes now (None: no such row)."""
    if markup is None:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    found = False
    for row in markup.inline_keyboard:
        if any(isinstance(parse_callback(_data(b)), Feedback) for b in row):
            rows.append(feedback_row(ref, votes, mine, shared=shared))
            found = True
        else:
            rows.append(list(row))
    return InlineKeyboardMarkup(rows) if found else None


def _data(button: InlineKeyboardButton) -> str | None:
    data = button.callback_data
    return data if isinstance(data, str) else None


def is_answer(answer: Answer) -> bool:
    """An answer worth a vote: one that answers, or says plainly the article does not state
    it. Greetings, thanks, "not found" and did-you-mean replies are not answers."""
    return answer.status in ("answered", "not_stated")


def entry_rows(
    answer: Answer, knowledge: Knowledge, lang: Lang, link_to: str = ""
) -> list[list[InlineKeyboardButton]]:
    """The next steps under one answer, without feedback.

    answered: entries related to the best hit; ambiguous: the candidates ("did you mean");
    not stated / no match: what the article says instead, then (no match) topic buttons.
    Chitchat gets none: six topic buttons under "不客气" would answer a thank-you with a menu.
    """
    rows: list[list[InlineKeyboardButton]] = []
    if answer.reason == "chitchat":
        return rows
    if answer.status == "answered":
        best = answer.best
        if answer.reason in ("topic_list", "overview"):
            # The reply lists the topic (or the place's, year's, attribute's entries); a
            # button opens each entry, the topic button pages on.
            entries = unique_entries(h.entry for h in answer.hits)[:PAGE_SIZE]
            rows.extend([entry_button(e, lang, link_to)] for e in entries)
            if answer.topic is not None and answer.topic.id in knowledge.topics:
                rows.append([topic_button(answer.topic, lang, link_to)])
        else:
            related = related_entries(best, knowledge) if best else []
            extra = [h.entry for h in answer.hits[1:]]
            entries = [e for e in unique_entries([*extra, *related]) if e is not best]
            rows.extend([entry_button(e, lang, link_to)] for e in entries[:MAX_ENTRY_BUTTONS])
    elif answer.status == "ambiguous":
        entries = unique_entries(h.entry for h in answer.hits)
        rows.extend([entry_button(e, lang, link_to)] for e in entries[:MAX_ENTRY_BUTTONS])
    else:
        entries = unique_entries(h.entry for h in answer.known_instead)
        rows.extend([entry_button(e, lang, link_to)] for e in entries[:MAX_ENTRY_BUTTONS])
        topics = [t for t in answer.suggestions if t.id in knowledge.topics]
        buttons = [topic_button(t, lang, link_to) for t in topics[:MAX_TOPIC_BUTTONS]]
        rows.extend(_rows(buttons, 2))
    return rows


def answer_keyboard(
    answer: Answer,
    knowledge: Knowledge,
    lang: Lang,
    feedback: FeedbackRef | None = None,
    *,
    link_to: str = "",
) -> InlineKeyboardMarkup | None:
    """Next steps under an answer (`entry_rows`), then 👍/👎 if it is an answer."""
    rows = entry_rows(answer, knowledge, lang, link_to)
    if feedback is not None and is_answer(answer):
        rows.append(feedback_row(feedback))
    return InlineKeyboardMarkup(rows) if rows else None


def copy_button(
    answers: Sequence[Answer], knowledge: Knowledge, lang: Lang
) -> InlineKeyboardButton | None:
    """ "复制数字与出处": the figures answered, each with its period, and the source, ready to
    paste into a chat or a document (a phone has no easy way to copy part of a message)."""
    lines: list[str] = []
    source = ""
    for a in answers:
        w = WORDS[a.lang]  # the answer's language, as the reply shows it
        colon = ": " if a.lang == "en" else "："
        d = a.derived
        if a.status == "answered" and d is not None:  # computed: copied with its label
            aside = w.aside.format(w.formula + d.formula)
            lines.append(f"{w.derived}{colon}{d.text}{aside}")
            if d.inputs:
                source = source or w.source_line(knowledge.sources.get(d.inputs[0].pack))
            continue
        e = a.best
        if a.status != "answered" or e is None or not e.figure or a.overview is not None:
            continue
        city = city_of(e, knowledge, w)
        title = w.title(e) if a.lang == "en" else city_title(e.title, city)
        when = w.when_where(e, city)
        lines.append(f"{title}{colon}{e.figure}" + (w.aside.format(when) if when else ""))
        source = source or w.source_line(knowledge.sources.get(e.pack))
    if not lines:
        return None
    text = "\n".join([*lines, source]) if source else "\n".join(lines)
    if len(text) > MAX_COPY:
        text = text[: MAX_COPY - 1] + "…"
    return InlineKeyboardButton(ui(lang).copy_figures, copy_text=CopyTextButton(text))


def entry_keyboard(
    entry: Entry, knowledge: Knowledge, lang: Lang, *, link_to: str = ""
) -> InlineKeyboardMarkup:
    """Under an opened entry: its related entries, then back to its topic."""
    related = related_entries(entry, knowledge)
    rows = [[entry_button(e, lang, link_to)] for e in related[:MAX_ENTRY_BUTTONS]]
    topic = knowledge.topics.get(entry.topic)
    if topic is not None:
        back = label(ui(lang).back_to_topic.format(topic=topic_name(topic, lang)))
        if link_to:
            rows.append(
                [InlineKeyboardButton(back, url=deep_link(link_to, OpenTopic(topic.id, 0)))]
            )
        else:
            rows.append([InlineKeyboardButton(back, callback_data=topic_data(topic.id))])
    return InlineKeyboardMarkup(rows)
