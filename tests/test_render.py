"""Plain, Telegram HTML and JSON are three views of one answer."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fixtures.engine_pack import build_knowledge

from bot.engine import Engine
from bot.models import QA, Indicator, Knowledge
from bot.render import (
    entry_html,
    entry_plain,
    entry_summary,
    render_html,
    render_plain,
    to_json,
)

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
    stripped = re.sub(r"</?(?:b|i|u|s|code|pre|a|blockquote)>", "", text)
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
        assert set(data) == {"question", "status", "answers", "source", "reply"}
        assert data["status"] in ("answered", "ambiguous", "no_match")
        assert data["reply"] == render_plain(a, knowledge)
        assert set(data["source"]) == {"publisher", "title", "date"}
        for item in data["answers"]:
            assert set(item) == {
                "id",
                "kind",
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
