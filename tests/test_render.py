"""Plain, Telegram HTML and JSON are three views of one answer."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fixtures.engine_pack import build_knowledge

from bot.engine import Engine
from bot.knowledge.models import QA, Indicator, Knowledge
from bot.render import (
    entry_html,
    entry_plain,
    entry_summary,
    render_html,
    render_plain,
    render_reply_blocks_html,
    render_reply_html,
    to_json,
)
from bot.render.reply import restates

ALLOWED = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_knowledge())


@pytest.fixture(scope="module")
def knowledge(engine: Engine) -> Knowledge:
    return engine.knowledge


class _TagCheck(HTMLParser):
    """Telegram's rules: known tags only, balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.bad.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.bad.append("/" + tag)


def assert_telegram_html(text: str) -> None:
    p = _TagCheck()
    p.feed(text)
    p.close()
    assert not p.bad and not p.stack, (p.bad, p.stack, text)
    # every < or & outside a tag/entity is escaped
    stripped = re.sub(r"</?(?:b|i|u|s|code|pre|a|blockquote)>|<blockquote expandable>", "", text)
    assert "<" not in stripped and ">" not in stripped
    assert not re.search(r"&(?!lt;|gt;|amp;|quot;)", stripped)
    assert 0 < len(text) <= 4096


QUESTIONS = [
    "镇江低保标准是多少",
    "句容路径",
    "养老方面有哪些数据",
    "100%是什么",
    "2025年低保标准",
    "南京低保标准",
    "镇江人口",
    "你好",
    "",
    "<b>低保</b> & <script>",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_html_is_valid_for_telegram(engine: Engine, knowledge: Knowledge, question: str) -> None:
    assert_telegram_html(render_html(engine.ask(question), knowledge))


def test_answer_shows_figure_period_change_quote_source(
    engine: Engine, knowledge: Knowledge
) -> None:
    a = engine.ask("镇江低保标准是多少")
    plain = render_plain(a, knowledge)
    assert "875元/人·月" in plain and "2024年" in plain and "全市" in plain
    assert "较2019年提高16.7%" in plain
    assert "来源：新华日报《镇江：以民政事业高质量发展绘就民生温暖底色》（2025-02-12）" in plain
    html_text = render_html(a, knowledge)
    assert "<b>875元/人·月</b>" in html_text
    assert "<blockquote>2024年全市低保标准" in html_text


def test_refusals_are_labelled(engine: Engine, knowledge: Knowledge) -> None:
    plain = render_plain(engine.ask("2025年低保标准"), knowledge)
    assert plain.startswith("文章没有2025年的数据")
    assert "文章给出的是2024年的数字" in plain and "875元" in plain
    plain = render_plain(engine.ask("南京低保标准"), knowledge)
    assert "没有南京的数据" in plain and "文章给出的是镇江的数字" in plain
    plain = render_plain(engine.ask("今天天气"), knowledge)
    assert "文章涵盖：" in plain and "养老服务" in plain


def test_ambiguous_lists_candidates(engine: Engine, knowledge: Knowledge) -> None:
    plain = render_plain(engine.ask("100%是什么"), knowledge)
    assert plain.startswith("你是想问：")
    assert "困境儿童监护职责履行率" in plain


def test_user_text_is_escaped(engine: Engine, knowledge: Knowledge) -> None:
    data = to_json(engine.ask("<b>x</b>"), knowledge)
    assert data["question"] == "<b>x</b>"
    assert "<b>x</b>" not in render_html(engine.ask("<b>x</b>"), knowledge)


def test_json_schema(engine: Engine, knowledge: Knowledge) -> None:
    for q in QUESTIONS:
        a = engine.ask(q)
        data = to_json(a, knowledge)
        base = {"question", "status", "reason", "answers", "source", "reply"}
        optional = {"known_instead", "detail", "verdict", "overview", "meta", "context"}
        assert base <= set(data) <= base | optional
        assert data["status"] in ("answered", "ambiguous", "not_stated", "no_match")
        assert data["reply"] == render_plain(a, knowledge)
        assert set(data["source"]) == {"pack", "publisher", "title", "date"}
        for item in [*data["answers"], *data.get("known_instead", [])]:
            assert set(item) == {
                "id",
                "kind",
                "pack",
                "title",
                "value",
                "unit",
                "period",
                "scope",
                "text",
                "quote",
                "score",
            }
            assert item["kind"] in ("indicator", "qa")
            assert isinstance(item["score"], int) and 0 <= item["score"] <= 100
        if a.status == "no_match":
            assert data["answers"] == []
    first = to_json(engine.ask("镇江低保标准是多少"), knowledge)["answers"][0]
    assert first["id"] == "dibao-standard" and first["value"] == "875"
    assert first["text"] == "低保标准：875元/人·月（2024年，全市），较2019年提高16.7%"


def test_single_entry_views(knowledge: Knowledge) -> None:
    ind = knowledge.entries["dibao-standard"]
    qa = knowledge.entries["jurong-path"]
    assert isinstance(ind, Indicator) and isinstance(qa, QA)
    assert entry_summary(ind) == "低保标准 875元/人·月（2024年）"
    assert entry_summary(qa) == "林地生态安葬“句容路径”（2021年）"
    assert "句容市" in entry_plain(qa, knowledge)
    assert_telegram_html(entry_html(ind, knowledge))
    assert_telegram_html(entry_html(qa, knowledge))


# ---- English questions: an English frame around the article's own data ----------------------


@pytest.fixture(scope="module")
def real() -> Engine:
    from bot.knowledge.loader import load_knowledge

    return Engine(load_knowledge())


DIBAO_QUOTE = "镇江市困难群众保障标准不断提高,2024年全市低保标准达每人每月875元,较2019年提高16.7%。"
SOURCE_EN = (
    "Source: Xinhua Daily (新华日报), 《镇江：以民政事业高质量发展绘就民生温暖底色》, 2025-02-12"
)


def test_english_answer_has_english_frame_and_verbatim_data(real: Engine) -> None:
    a = real.ask("What is Zhenjiang's minimum living allowance?")
    plain = render_plain(a, real.knowledge)
    lines = plain.split("\n")
    assert lines[:6] == [
        "Minimum living allowance (dibao) standard",
        "875元/人·月 (2024, all of Zhenjiang)",  # the frame in English, the figure as written
        "Change: up 16.7% on 2019",
        f"Source quote: “{DIBAO_QUOTE}”",
        SOURCE_EN,
        lines[5],
    ]
    assert lines[5].startswith("Related: Rise in the dibao standard since 2019: 16.7%")
    assert "来源" not in plain and "原文" not in plain and "相关" not in plain
    html_text = render_html(a, real.knowledge)
    assert_telegram_html(html_text)
    assert html_text.startswith(
        "<b>Minimum living allowance (dibao) standard</b>\n<b>875元/人·月</b>"
    )
    assert f"<blockquote>{DIBAO_QUOTE}</blockquote>" in html_text
    assert f"<i>{SOURCE_EN}</i>" in html_text
    data = to_json(a, real.knowledge)
    assert data["reply"] == plain
    assert data["answers"][0]["quote"] == DIBAO_QUOTE  # the data itself is never translated


def test_chinese_reply_is_unchanged(real: Engine) -> None:
    """The Chinese frame, pinned as it was before English replies existed (the title now
    names its city: 全市低保标准 read alone, in another chat, says nothing of which)."""
    assert render_plain(real.ask("镇江低保标准是多少"), real.knowledge).split("\n")[:5] == [
        "镇江市低保标准",
        "875元/人·月（2024年，全市）",
        "变化：较2019年提高16.7%",
        f"原文：“{DIBAO_QUOTE}”",
        "来源：新华日报《镇江：以民政事业高质量发展绘就民生温暖底色》（2025-02-12）",
    ]
    assert render_plain(real.ask("dibao 2024"), real.knowledge) == render_plain(
        real.ask("镇江低保标准是多少"), real.knowledge
    )


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("What is Zhenjiang's GDP?", "The article gives no figure for “GDP”."),
        ("What was the dibao in 2025?", "The article gives no figures for 2025."),
        (
            "Nanjing dibao standard",
            "The article only covers Zhenjiang (including Danyang, Jurong, Yangzhong and its "
            "districts); it has no figures for Nanjing (南京).",
        ),
        ("hello", "Hello! I only answer questions about the figures and programmes in Xinhua"),
        ("xyzzy plugh", "Nothing in the article matches this question."),
    ],
)
def test_english_refusals_are_english(real: Engine, question: str, head: str) -> None:
    a = real.ask(question)
    assert a.status != "answered" and a.lang == "en"
    plain = render_plain(a, real.knowledge)
    assert plain.startswith(head), plain
    assert "The article covers: Social assistance" in plain
    assert "文章" not in plain and "来源" not in plain
    assert_telegram_html(render_html(a, real.knowledge))


def test_english_refusal_labels_what_is_known_instead(real: Engine) -> None:
    plain = render_plain(real.ask("What was the dibao in 2025?"), real.knowledge)
    assert "Known instead — the figures it gives (2024):" in plain
    assert (
        "• Minimum living allowance (dibao) standard: 875元/人·月 (2024), up 16.7% on 2019" in plain
    )
    assert plain.endswith(SOURCE_EN)


def test_english_topic_list_and_single_entry(real: Engine) -> None:
    plain = render_plain(real.ask("elderly care overview"), real.knowledge)
    assert plain.startswith("Elderly care: the article gives these figures and programmes:")
    assert "• Operating elderly-care institutions: 135家 (as of the report)" in plain
    entry = real.knowledge.entries["dibao-standard-2024"]
    assert entry_plain(entry, real.knowledge, lang="en").startswith(
        "Minimum living allowance (dibao) standard\n875元/人·月"
    )
    assert entry_plain(entry, real.knowledge) == entry_plain(entry, real.knowledge, lang="zh")
    assert_telegram_html(entry_html(entry, real.knowledge, lang="en"))


def test_english_ambiguous_offers_english_titles(real: Engine) -> None:
    a = real.ask("what is 100%")
    assert a.status == "ambiguous" and a.lang == "en"
    plain = render_plain(a, real.knowledge)
    assert plain.startswith("Did you mean:\n1. ")
    assert "Comprehensive liability insurance coverage of elderly-care institutions: 100%" in plain


def test_a_qa_card_does_not_say_its_quote_twice(real: Engine) -> None:
    """33 of 38 Q&A answers restate their quote: the card shows the verbatim quote alone."""
    qas = [e for e in real.knowledge.entries.values() if isinstance(e, QA)]
    for entry in qas:
        plain = entry_plain(entry, real.knowledge)
        if restates(entry.statement, entry.quote):
            assert entry.statement not in plain, entry.id
        assert f"原文：“{entry.quote}”" in plain  # the quote is always there, verbatim
    assert sum(restates(e.statement, e.quote) for e in qas) >= len(qas) * 3 // 4
    assert not restates("镇江市低保标准达到875元", "全省养老服务体系建设走在前列")


def test_a_long_quote_starts_folded(real: Engine) -> None:
    beds = entry_html(real.knowledge.entries["elderly-care-beds"], real.knowledge)
    assert "<blockquote expandable>" in beds
    dibao = entry_html(real.knowledge.entries["dibao-standard-2024"], real.knowledge)
    assert "<blockquote>" in dibao  # a short one is shown whole


def test_reply_blocks_are_the_reply_part_by_part(engine: Engine, knowledge: Knowledge) -> None:
    reply = engine.reply("镇江低保标准是多少？养老床位有多少张？")
    blocks = render_reply_blocks_html(reply, knowledge)
    assert len(blocks) == 2 and "\n\n".join(blocks) == render_reply_html(reply, knowledge)
    for block in blocks:
        assert_telegram_html(block)  # each valid alone, so the Telegram layer can split
    one = engine.reply("镇江低保标准是多少")
    assert render_reply_blocks_html(one, knowledge) == [render_html(one.first, knowledge)]
