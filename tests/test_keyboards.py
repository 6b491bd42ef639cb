"""Keyboards and callback data: always ASCII, ≤ 64 bytes, readable back, forged data rejected."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Answer, Hit
from bot.knowledge.models import QA, Entry, Indicator, Knowledge, Pack, Section, Source, Topic
from bot.qlog import FeedbackRef
from bot.render import entry_html, render_html
from bot.tg import keyboards
from bot.tg.callbacks import (
    MAX_CALLBACK_BYTES,
    OpenEntry,
    parse_callback,
)
from bot.tg.examples import headline
from bot.tg.keyboards import PAGE_SIZE, answer_keyboard
from bot.tg.replies import answer_reply

LONG_ID = "a" + "-b" * 23 + "c"  # 48 characters: the longest id the loader accepts
REF = FeedbackRef(42, "AbC-_09xyZ")


def _indicator(i: int, topic: str, **kw: object) -> Indicator:
    fields: dict[str, object] = {
        "id": f"{topic}-{i:02d}",
        "topic": topic,
        "title": f"指标{i}",
        "title_en": f"Indicator {i}",
        "quote": f"原文{i}",
        "value": str(i * 10),
        "unit": "万人次",
        "questions": (f"问题{i}是多少",),
    }
    fields.update(kw)
    return Indicator(**fields)  # type: ignore[arg-type]


def build() -> Knowledge:
    entries: list[Entry] = [_indicator(i, "big") for i in range(19)]
    entries[0] = _indicator(0, "big", related=("small-01", "missing-id", "big-00"))
    entries.append(_indicator(1, "small", questions=("小问题是多少",)))
    entries.append(
        QA(
            id=LONG_ID,
            topic="small",
            title="一个名字很长很长很长很长很长很长很长很长很长很长很长很长很长的做法",
            title_en="A programme",
            quote="原文",
            answer="说明",
        )
    )
    pack = Pack(
        name="test",
        source=Source("报", "系列", "标题", "作者", "2025-02-12", ""),
        received_text="",
        restored_text="",
        restoration=(),
        glossary=(),
        sections=(Section("one", "第一部分", "Part one"), Section("two", "第二部分", "Part two")),
        topics=(
            Topic("big", "大主题", "Big", "one"),
            Topic("small", "小主题", "Small", "two"),
            Topic("empty", "空主题", "Empty", "two"),
        ),
        entries=tuple(entries),
    )
    return Knowledge((pack,))


KNOWLEDGE = build()


def all_data(markup: InlineKeyboardMarkup | None) -> list[str]:
    if markup is None:
        return []
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]  # type: ignore[misc]


def buttons(markup: InlineKeyboardMarkup | None) -> list[InlineKeyboardButton]:
    return [b for row in markup.inline_keyboard for b in row] if markup else []


def assert_valid(markup: InlineKeyboardMarkup | None) -> None:
    for data in all_data(markup):
        assert data.isascii()
        assert 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES
        assert parse_callback(data) is not None


# --- keyboards ---------------------------------------------------------------------------


def test_start_keyboard_offers_three_example_questions_from_different_sections() -> None:
    markup = keyboards.start_keyboard(KNOWLEDGE, "zh")
    assert_valid(markup)
    shown = buttons(markup)
    # One per section first (a figure if the section has one), then fill up.
    assert [b.text for b in shown] == ["问题0是多少", "小问题是多少", "问题1是多少"]
    assert all(isinstance(parse_callback(b.callback_data), OpenEntry) for b in shown)  # type: ignore[arg-type]


def test_sections_keyboard_lists_every_topic_in_order() -> None:
    markup = keyboards.sections_keyboard(KNOWLEDGE, "zh")
    assert_valid(markup)
    assert all_data(markup) == ["t:big:0", "t:small:0", "t:empty:0"]
    assert [b.text for b in buttons(markup)] == ["大主题", "小主题", "空主题"]
    assert buttons(keyboards.sections_keyboard(KNOWLEDGE, "en"))[0].text == "Big"


def test_topic_pages() -> None:
    topic = KNOWLEDGE.topics["big"]
    first = keyboards.topic_keyboard(KNOWLEDGE, topic, 0, "zh")
    assert_valid(first)
    data = all_data(first)
    assert data[:PAGE_SIZE] == [f"e:big-{i:02d}" for i in range(PAGE_SIZE)]
    assert data[PAGE_SIZE:] == ["t:big:1", "s"]  # next page, back to sections

    middle = all_data(keyboards.topic_keyboard(KNOWLEDGE, topic, 1, "zh"))
    assert middle[PAGE_SIZE:] == ["t:big:0", "t:big:2", "s"]

    last = all_data(keyboards.topic_keyboard(KNOWLEDGE, topic, 2, "zh"))
    assert last == [f"e:big-{i:02d}" for i in range(16, 19)] + ["t:big:1", "s"]


def test_stale_page_numbers_are_clamped() -> None:
    topic = KNOWLEDGE.topics["big"]
    assert all_data(keyboards.topic_keyboard(KNOWLEDGE, topic, 99, "zh")) == all_data(
        keyboards.topic_keyboard(KNOWLEDGE, topic, 2, "zh")
    )
    assert keyboards.clamp_page(-3, 19) == 0
    assert keyboards.page_count(0) == 1
    assert keyboards.page_count(PAGE_SIZE) == 1
    assert keyboards.page_count(PAGE_SIZE + 1) == 2


def test_empty_topic_still_has_a_way_back() -> None:
    markup = keyboards.topic_keyboard(KNOWLEDGE, KNOWLEDGE.topics["empty"], 0, "zh")
    assert all_data(markup) == ["s"]


def test_entry_buttons_show_the_figure_and_are_short() -> None:
    label = keyboards.entry_label(KNOWLEDGE.entries["big-03"], "zh")
    assert label == "指标3 · 30万人次"
    long_label = keyboards.entry_label(KNOWLEDGE.entries[LONG_ID], "zh")
    assert keyboards.width(long_label) <= keyboards.LABEL_WIDTH
    assert long_label == "一个名字很长很长很长很长很长很长很长很…"
    assert keyboards.entry_label(KNOWLEDGE.entries["big-03"], "en") == "Indicator 3 · 30万人次"


def test_a_long_title_gives_way_to_the_figure() -> None:
    title = "Children in difficulty and left-behind children given insurance"
    entry = _indicator(7, "big", title_en=title, value="2221", unit="名")
    en = keyboards.entry_label(entry, "en")
    assert en == "Children in difficulty and… · 2221名"  # whole words, figure intact
    assert keyboards.width(en) <= keyboards.LABEL_WIDTH
    zh = keyboards.entry_label(_indicator(8, "big", title="获得兜底保障的困难群众人次" * 2), "zh")
    assert zh.endswith("… · 80万人次") and keyboards.width(zh) <= keyboards.LABEL_WIDTH


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Marriage registration and customs", 22, "Marriage registration…"),
        ("Standardised assistance management", 22, "Standardised…"),
        ("Supercalifragilisticexpialidocious", 12, "Supercalifr…"),  # one word: cut it
        ("社会救助", 8, "社会救助"),
        ("行业协会商会与慈善组织", 12, "行业协会商…"),  # two columns a character
        ("  spaced\n  out  ", 40, "spaced out"),
    ],
)
def test_label_fits_the_width_and_keeps_whole_words(text: str, limit: int, expected: str) -> None:
    assert keyboards.label(text, limit) == expected
    assert keyboards.width(keyboards.label(text, limit)) <= limit


def test_entry_keyboard_skips_missing_and_self_related_and_links_back() -> None:
    markup = keyboards.entry_keyboard(KNOWLEDGE.entries["big-00"], KNOWLEDGE, "zh")
    assert_valid(markup)
    assert all_data(markup) == ["e:small-01", "t:big:0"]


def _hit(entry_id: str, score: float = 90.0) -> Hit:
    return Hit(KNOWLEDGE.entries[entry_id], score)


def test_answered_offers_related_entries_not_the_answer_itself() -> None:
    answer = Answer("q", "q", "answered", hits=(_hit("big-00"),))
    markup = answer_keyboard(answer, KNOWLEDGE, "zh")
    assert_valid(markup)
    assert all_data(markup) == ["e:small-01"]


def test_answered_without_anything_related_has_no_keyboard() -> None:
    answer = Answer("q", "q", "answered", hits=(_hit("big-05"),))
    assert answer_keyboard(answer, KNOWLEDGE, "zh") is None


def test_feedback_row_goes_last() -> None:
    answer = Answer("q", "q", "answered", hits=(_hit("big-05"),))
    markup = answer_keyboard(answer, KNOWLEDGE, "zh", feedback=REF)
    assert_valid(markup)
    assert all_data(markup) == ["f:42:u:AbC-_09xyZ", "f:42:d:AbC-_09xyZ"]


def test_reply_drops_the_related_line_when_buttons_carry_it() -> None:
    answer = Answer("q", "q", "answered", hits=(_hit("big-00"), _hit("big-01"), _hit("big-02")))
    assert "相关" in render_html(answer, KNOWLEDGE)  # what the console shows
    html, markup = answer_reply(answer, KNOWLEDGE, "zh", REF)
    assert html == entry_html(KNOWLEDGE.entries["big-00"], KNOWLEDGE) and "相关" not in html
    assert all_data(markup)[:2] == ["e:big-01", "e:big-02"]
    assert all_data(markup)[-2:] == ["f:42:u:AbC-_09xyZ", "f:42:d:AbC-_09xyZ"]


def test_reply_keeps_what_render_html_shows_without_related_buttons() -> None:
    for answer in (
        Answer("q", "q", "answered", hits=(_hit("big-05"),)),  # nothing related: no line
        Answer("q", "q", "ambiguous", hits=(_hit("big-01"), _hit("big-02"))),
        Answer(
            "q",
            "q",
            "answered",
            reason="topic_list",
            hits=(_hit("big-00"), _hit("big-01")),
            topic=KNOWLEDGE.topics["big"],
        ),
    ):
        html, _ = answer_reply(answer, KNOWLEDGE, "zh")
        assert html == render_html(answer, KNOWLEDGE)


def test_ambiguous_offers_each_candidate() -> None:
    hits = (_hit("big-01"), _hit("big-02"), _hit("big-01"), _hit("small-01"))
    markup = answer_keyboard(Answer("q", "q", "ambiguous", hits=hits), KNOWLEDGE, "zh")
    assert_valid(markup)
    assert all_data(markup) == ["e:big-01", "e:big-02", "e:small-01"]


def test_no_match_offers_known_entries_then_topics() -> None:
    answer = Answer(
        "q",
        "q",
        "no_match",
        known_instead=(_hit("big-04"),),
        suggestions=(KNOWLEDGE.topics["big"], KNOWLEDGE.topics["small"]),
    )
    markup = answer_keyboard(answer, KNOWLEDGE, "en")
    assert_valid(markup)
    assert all_data(markup) == ["e:big-04", "t:big:0", "t:small:0"]
    assert [len(row) for row in markup.inline_keyboard] == [1, 2]  # type: ignore[union-attr]


def test_topic_list_answer_lists_a_page_and_the_topic() -> None:
    hits = tuple(_hit(f"big-{i:02d}") for i in range(12))
    answer = Answer(
        "q", "q", "answered", reason="topic_list", hits=hits, topic=KNOWLEDGE.topics["big"]
    )
    data = all_data(answer_keyboard(answer, KNOWLEDGE, "zh"))
    assert data == [f"e:big-{i:02d}" for i in range(PAGE_SIZE)] + ["t:big:0"]


def test_buttons_are_capped() -> None:
    hits = tuple(_hit(f"big-{i:02d}") for i in range(12))
    markup = answer_keyboard(Answer("q", "q", "ambiguous", hits=hits), KNOWLEDGE, "zh")
    assert len(all_data(markup)) == keyboards.MAX_ENTRY_BUTTONS


def test_headline_prefers_a_figure_with_a_change_asked_many_ways() -> None:
    plain = _indicator(1, "x")
    asked = _indicator(2, "x", questions=("a", "b", "c"))
    changed = _indicator(3, "x", change="较2019年提高16.7%")
    programme = QA(
        id="qa",
        topic="x",
        title="做法",
        title_en="",
        quote="q",
        answer="a",
        questions=("a", "b", "c", "d", "e"),
    )
    assert headline([plain, programme, asked, changed]) is changed
    assert headline([plain, programme, asked]) is asked
    assert headline([plain, _indicator(4, "x")]) is plain  # ties: article order
    assert headline([]) is None


def test_an_overview_offers_a_button_per_listed_entry(real: object) -> None:
    """ "句容在文章里有什么": every item of the list opens with one tap (up to a page)."""
    engine = real
    a = engine.ask("句容在文章里有什么")  # type: ignore[attr-defined]
    assert a.reason == "overview"
    kb = answer_keyboard(a, engine.knowledge, "zh")  # type: ignore[attr-defined]
    assert kb is not None
    opened = {b.callback_data for row in kb.inline_keyboard for b in row if b.callback_data}
    listed = [h.entry for h in a.hits][:PAGE_SIZE]
    assert len(listed) >= 3
    assert all(any(e.id in str(d) for d in opened) for e in listed)
