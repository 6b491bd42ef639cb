"""No input crashes the engine or the renderers: every result is a valid outcome."""

from __future__ import annotations

import pytest
from fixtures.engine_pack import build_knowledge
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.render import render_html, render_plain, to_json

ENGINE = Engine(build_knowledge())

emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), max_size=50)
controls = st.text(
    alphabet=st.sampled_from(["\x00", "\x07", "\u200b", "\u200e", "\u202e", "\ufeff", "\n", "\t"]),
    max_size=200,
)
digits = st.text(alphabet="0123456789.%万亿", max_size=60)
han = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=80)
mixed = st.lists(
    st.sampled_from(["低保", "2024年", "南京", "镇江", "875", "？", "/ask", "@bot", "dibao", " "]),
    max_size=30,
).map("".join)
anything = st.text(max_size=5000)


def check(question: str) -> None:
    a = ENGINE.ask(question)
    assert a.status in ("answered", "ambiguous", "not_stated", "no_match")
    assert a.question == question
    if a.status == "answered":
        assert a.hits or a.reason == "article"  # the article's own card cites no entry
    if a.status == "ambiguous":
        assert len(a.hits) >= 1
    for h in (*a.hits, *a.known_instead):
        assert 0 <= h.score <= 100
    knowledge = ENGINE.knowledge
    assert render_plain(a, knowledge)
    assert render_html(a, knowledge)
    data = to_json(a, knowledge)
    assert data["status"] == a.status


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(anything, emoji, controls, digits, han, mixed))
def test_any_input_gives_a_valid_answer(question: str) -> None:
    check(question)


@pytest.mark.parametrize(
    "question",
    ["", " ", "😀" * 100, "9" * 5000, "\x00" * 100, "\u202e" * 50, "低" * 5000, "?" * 4096],
)
def test_extremes(question: str) -> None:
    check(question)
