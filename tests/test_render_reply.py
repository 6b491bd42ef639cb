"""bot/render/reply.py (with refusals.py and words.py): one `Reply` as plain text and as
Telegram HTML. What the article does not state is said first, and what it states instead is
labelled as such; a computed figure is labelled computed, with its formula and each input's
quote; a reply to several questions keeps every part, in order."""

from __future__ import annotations

from typing import Any

import pytest
from botapi.html import parse_html

from bot.render import render_html, render_plain, render_reply, render_reply_html

KNOWN_LABEL = "文章给出的是（并非所问）："
SOURCE_LINE = "来源：新华日报《镇江：以民政事业高质量发展绘就民生温暖底色》（2025-02-12）"


def telegram(html_text: str) -> str:
    """The text Telegram would show, after checking the HTML the way its parser does."""
    parsed = parse_html(html_text)  # raises on a tag, entity or stray "<" Telegram refuses
    assert {e["type"] for e in parsed.entities} <= {"bold", "italic", "blockquote"}
    assert 0 < len(html_text) <= 4096
    return parsed.text


def _plain(engine: Any, message: str) -> list[str]:
    return render_reply(engine.reply(message), engine.knowledge).split("\n")


# ---- not stated ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("润州区低保标准是多少", "文章没有给出润州区的分项数字，只有全市的。"),
        ("2022年低保标准是多少", "文章没有2022年的这项数字。"),
        ("尊老金是全国率先吗", "文章没有这样说。"),
    ],
)
def test_not_stated_says_what_is_missing_then_labels_what_is_stated(
    engine: Any, question: str, head: str
) -> None:
    lines = _plain(engine, question)
    assert lines[0] == head
    assert lines[1] == KNOWN_LABEL
    assert lines[2].startswith("• ")
    assert lines[-1] == SOURCE_LINE


def test_what_is_stated_instead_is_never_shown_as_the_answer(engine: Any) -> None:
    got = engine.ask("润州区低保标准是多少")
    plain = render_plain(got, engine.knowledge)
    assert plain.index("875元/人·月") > plain.index(KNOWN_LABEL)
    assert "原文：" not in plain  # no answer card
    html_text = render_html(got, engine.knowledge)
    assert "<b>" not in html_text  # no figure in bold, as an answer's would be
    assert telegram(html_text) == plain


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("散居孤儿保障标准是多少", "文章没有单独给出“散居”的数字。"),
        ("养老机构床位花了多少钱", "文章没有给出这一项的金额。"),
        ("江海葬纪念园是哪一年建的", "文章没有说这是哪一年的事。"),
        ("江海葬纪念园是哪个部门建的", "文章没有说是谁（哪个部门）。"),
        ("江海葬纪念园在哪里", "文章没有说具体在哪里。"),
        ("1+3+N里的3个平台是哪三个", "文章没有列出具体是哪些。"),
        ("低保标准全省排第几", "文章没有给出这一项的排名。"),
        ("孤儿保障标准在全国排第几", "文章没有给出这一项在全国的排名。"),
    ],
)
def test_each_reason_has_its_own_opening(real: Any, question: str, head: str) -> None:
    lines = _plain(real, question)
    assert lines[:2] == [head, KNOWN_LABEL]


def test_an_english_not_stated_reply(real: Any) -> None:
    lines = _plain(real, "What is the dibao standard in Runzhou?")
    assert lines[0].startswith("The article gives no separate figure for ")
    assert lines[0].endswith("(润州区), only the citywide one.")
    assert lines[1] == "What the article does state (not the answer to your question):"


# ---- verdicts --------------------------------------------------------------------------------


def test_a_yes_reply_opens_with_yes_then_the_entry(engine: Any) -> None:
    lines = _plain(engine, "低保标准是不是875元")
    assert lines[:3] == ["是的。", "低保标准", "875元/人·月（2024年，全市）"]


def test_a_no_reply_says_so_and_shows_what_the_article_says(engine: Any) -> None:
    lines = _plain(engine, "低保标准是不是900元")
    assert lines[:3] == ["不是。文章说的是：", "低保标准", "875元/人·月（2024年，全市）"]
    html_text = render_reply_html(engine.reply("低保标准是不是900元"), engine.knowledge)
    assert html_text.startswith("<b>不是。文章说的是：</b>\n<b>低保标准</b>")
    telegram(html_text)


# ---- derived ---------------------------------------------------------------------------------


def test_a_derived_reply_is_labelled_computed_with_formula_and_quotes(engine: Any) -> None:
    lines = _plain(engine, "2019年低保标准是多少")
    assert lines == [
        "推算（文章没有直接给出，由文中数字算出）",
        "约750元/人·月",
        "算法：875元/人·月 ÷ (1 + 16.7%) ≈ 749.8元/人·月",
        "说明：2019年的数字由文中的现值和增幅推算",
        "依据（文中原有数字）：",
        "• 低保标准 875元/人·月（2024年），较2019年提高16.7%",
        "原文：“2024年全市低保标准达每人每月875元,较2019年提高16.7%”",
        SOURCE_LINE,
    ]


def test_every_input_of_a_derived_reply_has_its_quote_in_order(engine: Any) -> None:
    got = engine.ask("孤儿保障标准是低保标准的几倍")
    assert got.derived is not None
    plain = render_plain(got, engine.knowledge)
    quotes = [line for line in plain.split("\n") if line.startswith("原文：")]
    assert quotes == [f"原文：“{e.quote}”" for e in got.derived.inputs]
    assert len(quotes) == 2
    html_text = render_html(got, engine.knowledge)
    assert html_text.startswith("<b>推算（文章没有直接给出，由文中数字算出）</b>")
    for e in got.derived.inputs:
        assert f"<blockquote>{e.quote}</blockquote>" in html_text
    telegram(html_text)


# ---- several parts ---------------------------------------------------------------------------


def test_a_multi_part_reply_keeps_every_part_in_order(engine: Any) -> None:
    message = "低保标准是多少？丹阳低保标准是多少？养老机构有几家？"
    reply = engine.reply(message)
    assert [p.status for p in reply.parts] == ["answered", "not_stated", "answered"]
    plain = render_reply(reply, engine.knowledge)
    blocks = plain.split("\n\n")
    assert [b.split("\n")[0] for b in blocks] == [
        "1. 问：低保标准是多少？",
        "2. 问：丹阳低保标准是多少？",
        "3. 问：养老机构有几家？",
    ]
    assert blocks[0].split("\n")[1] == "低保标准"
    assert blocks[1].split("\n")[1:3] == ["文章没有给出丹阳市的分项数字，只有全市的。", KNOWN_LABEL]
    assert "135家" in blocks[2]
    html_text = render_reply_html(reply, engine.knowledge)
    assert html_text.startswith("<b>1. 问：低保标准是多少？</b>\n")
    telegram(html_text)


def test_a_single_part_reply_is_not_numbered(engine: Any) -> None:
    plain = render_reply(engine.reply("低保标准是多少"), engine.knowledge)
    assert not plain.startswith("1.")
    assert plain == render_plain(engine.ask("低保标准是多少"), engine.knowledge)


def test_a_follow_up_reply_says_what_it_continues(engine: Any) -> None:
    conv = engine.conversation(clock=lambda: 0.0)
    conv.reply("低保标准是多少")
    reply = conv.reply("丹阳呢")
    assert render_reply(reply, engine.knowledge).split("\n")[0] == "（接上题：低保标准）"
    assert render_reply_html(reply, engine.knowledge).startswith("<i>（接上题：低保标准）</i>\n")


# ---- Telegram HTML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "低保标准是多少",
        "润州区低保标准是多少",
        "2019年低保标准是多少",
        "平均每家养老机构有多少张床位",
        "低保标准是不是900元",
        "养老方面有哪些数据",
        "这篇文章",
        "100%是什么",
        "南京低保标准",
        "低保标准是多少？丹阳低保标准是多少？",
        "<b>低保</b> & <script>？南京 <i>的</i> 低保呢？",
        "1+3+N是什么 & 5A<级>",
    ],
)
def test_every_reply_is_valid_telegram_html(engine: Any, message: str) -> None:
    telegram(render_reply_html(engine.reply(message), engine.knowledge))


def test_user_text_in_a_multi_part_heading_is_escaped(engine: Any) -> None:
    reply = engine.reply("<b>低保</b>标准是多少？<i>养老机构</i>有几家？")
    assert len(reply.parts) == 2
    html_text = render_reply_html(reply, engine.knowledge)
    assert "&lt;b&gt;低保&lt;/b&gt;" in html_text
    assert "<b>低保</b>" not in html_text
    assert "<b>低保</b>标准" in telegram(html_text)  # shown as typed
