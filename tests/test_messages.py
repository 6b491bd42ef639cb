"""UI strings and the HTML splitter: every part valid, under the limit, nothing lost."""

from __future__ import annotations

import re

import pytest
from botapi import parse_html
from fixtures.engine_pack import build_knowledge
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import User

from bot.knowledge.models import Knowledge
from bot.tg import guide, messages
from bot.tg.messages import EN, ZH, lang_of
from bot.tg.splitting import MAX_TEXT, split_html, text_length


def visible(html: str) -> str:
    return parse_html(html).text


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- splitter ------------------------------------------------------------------------------


def test_short_text_is_untouched() -> None:
    html = "<b>低保标准</b>\n875元"
    assert split_html(html) == [html]


def test_blank_text_gives_no_parts() -> None:
    assert split_html("") == []
    assert split_html(" \n\n ") == []


def test_limit_below_a_useful_size_is_refused() -> None:
    with pytest.raises(ValueError):
        split_html("x" * 100, limit=10)


def test_splits_at_line_boundaries() -> None:
    lines = [f"第{i}行：数据{i}" for i in range(100)]
    parts = split_html("\n".join(lines), limit=200)
    assert len(parts) > 1
    for part in parts:
        assert text_length(part) <= 200
        for line in part.split("\n"):
            assert line in lines  # no line was cut


def test_prefers_breaking_outside_tags() -> None:
    head = "\n".join(f"行{i}" for i in range(30))
    quote = "<blockquote>" + "\n".join(f"引文{i}" for i in range(10)) + "</blockquote>"
    parts = split_html(f"{head}\n{quote}\n结尾", limit=len(head) + 20)
    assert any(part.startswith("<blockquote>引文0") for part in parts)
    assert all(part.count("<blockquote>") == part.count("</blockquote>") for part in parts)
    assert sum(part.count("<blockquote>") for part in parts) == 1  # quote kept whole


def test_element_longer_than_a_message_is_closed_and_reopened() -> None:
    quote = '<blockquote expandable><a href="https://example.org/?a=1&amp;b=2">' + (
        "很长的引文，" * 200
    )
    html = f"<b>标题</b>\n{quote}</a></blockquote>\n来源"
    parts = split_html(html, limit=300)
    assert len(parts) > 3
    for part in parts:
        assert text_length(part) <= 300
        parse_html(part)  # raises on unbalanced or unknown tags
    assert parts[1].startswith('<blockquote expandable><a href="https://example.org/?a=1&amp;b=2">')
    assert squash("".join(visible(p) for p in parts)) == squash(visible(html))


def test_entities_are_never_cut() -> None:
    html = "&amp;&lt;&gt;&quot;" * 500
    for part in split_html(html, limit=101):
        assert text_length(part) <= 101
        assert visible(part)  # parses: no half entity at either end
    joined = "".join(visible(p) for p in split_html(html, limit=101))
    assert joined == '&<>"' * 500


def test_a_line_without_break_points_is_still_split() -> None:
    parts = split_html("字" * 9000)
    assert [len(p) for p in parts] == [4000, 4000, 1000] or all(len(p) <= 4096 for p in parts)
    assert "".join(parts) == "字" * 9000


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert text_length("😀") == 2
    parts = split_html("😀" * 3000)
    assert all(text_length(p) <= 4096 for p in parts)
    assert "".join(parts) == "😀" * 3000


ALPHABET = list("镇江低保 875元。,;<>&\"'ab😀")
TAGS = ["b", "i", "u", "s", "code", "blockquote", "tg-spoiler"]


@st.composite
def telegram_html(draw: st.DrawFn) -> str:
    """Random well-formed Telegram HTML: nested allowed tags, escaped text, newlines."""

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["text", "text", "newline", "tag"] if depth < 3 else ["text"]))
        if kind == "newline":
            return "\n"
        if kind == "text":
            raw = draw(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
            return messages.esc(raw)
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 4))))
        return f"<{tag}>{inner}</{tag}>"

    return "".join(node(0) for _ in range(draw(st.integers(1, 40))))


@settings(max_examples=200, deadline=None)
@given(telegram_html(), st.integers(min_value=200, max_value=600))
def test_every_part_is_valid_and_nothing_is_lost(html: str, limit: int) -> None:
    parts = split_html(html, limit=limit)
    for part in parts:
        assert text_length(part) <= limit
        assert visible(part).strip()
    assert squash("".join(visible(p) for p in parts)) == squash(visible(html))


# --- UI strings ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return build_knowledge()


def test_language_follows_the_client() -> None:
    assert lang_of(User(1, "a", False, language_code="en-GB")) == "en"
    assert lang_of(User(1, "a", False, language_code="zh-hans")) == "zh"
    assert lang_of(User(1, "a", False)) == "zh"
    assert lang_of(None) == "zh"


def test_both_languages_define_every_string() -> None:
    for value in (*vars_of(ZH), *vars_of(EN)):
        assert value.strip()


def vars_of(ui: messages.UiText) -> list[str]:
    return [getattr(ui, name) for name in ui.__slots__]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fixed_texts_are_valid_telegram_html(knowledge: Knowledge, lang: messages.Lang) -> None:
    texts = [
        guide.greeting(lang, knowledge),
        guide.help_text(lang, "zj_bot", knowledge),
        guide.help_text(lang, "zj_bot", knowledge, "supergroup"),
        guide.help_text(lang, "zj_bot", knowledge, "channel"),
        guide.mention_usage(lang, "zj_bot", knowledge),
        guide.non_text(lang, knowledge),
        guide.ask_usage(lang, knowledge),
        messages.sections_text(knowledge, lang),
        messages.source_text(knowledge, lang),
        messages.topic_text(knowledge, knowledge.topics["social-assistance"], 0, 2, lang),
        *vars_of(messages.ui(lang)),
    ]
    for text in texts:
        parse_html(text)
        assert text_length(text) <= MAX_TEXT


def test_data_is_escaped(knowledge: Knowledge) -> None:
    text = guide.help_text("zh", "<script>", knowledge)
    assert "&lt;script&gt;" in text
    parse_html(text)


def test_source_says_publication_date_and_restoration(knowledge: Knowledge) -> None:
    text = visible(messages.source_text(knowledge, "zh"))
    assert "新华日报" in text
    assert "2025-02-12" in text
    rows = next(iter(knowledge.packs)).restoration
    assert f"{len(rows)} 条的还原表" in text
    assert "从不改动任何数字" in text
    # Honest about what a quote is: the restored wording, not a scan of the newspaper.
    assert "引文取自还原后的正文" in text and "可能与报纸原文略有出入" in text
    assert "逐字" not in text
    en = visible(messages.source_text(knowledge, "en"))
    assert f"{len(rows)}-row restoration table" in en and "from the restored text" in en


# --- several packs -------------------------------------------------------------------------


def test_one_pack_is_not_labelled(knowledge: Knowledge) -> None:
    pack = knowledge.packs[0]
    for lang in ("zh", "en"):
        assert messages.pack_city(pack, lang) not in messages.sections_text(knowledge, lang)
        assert messages.source_text(knowledge, lang).startswith(messages.ui(lang).source_header)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_several_packs_are_named_by_city_and_source(cities: Knowledge, lang: messages.Lang) -> None:
    topics = messages.sections_text(cities, lang)
    source = messages.source_text(cities, lang)
    parse_html(topics)
    parse_html(source)
    cities_named = [messages.pack_city(p, lang) for p in cities.packs]
    assert len(set(cities_named)) == len(cities.packs) > 1
    at = [visible(topics).index(f"【{city}】") for city in cities_named]
    assert at == sorted(at)  # each pack's block, in pack order
    for pack, city in zip(cities.packs, cities_named, strict=True):
        assert messages.pack_source(pack, lang) in visible(topics)
        assert f"{visible(messages.ui(lang).source_header)} · {city}" in visible(source)
        assert pack.source.headline in visible(source)
        # every section of the pack is listed under its own city
        block = visible(topics).split(f"【{city}】", 1)[1]
        for section in pack.sections:
            assert messages.section_title(section, lang) in block
    if lang == "en":
        assert "Nanjing" in cities_named
