"""How-to texts: what works in each kind of chat; examples and publication from the packs."""

from __future__ import annotations

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Knowledge
from bot.tg import guide
from bot.tg.examples import example_question as knowledge_example


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def test_help_says_what_works_in_each_kind_of_chat(knowledge: Knowledge) -> None:
    private = guide.help_text("zh", "zj_bot", knowledge)
    group = guide.help_text("zh", "zj_bot", knowledge, "group")
    channel = guide.help_text("zh", "zj_bot", knowledge, "channel")
    assert "直接发问题" in private and "直接发问题" not in group + channel
    assert "/ask" in group and "@zj_bot" in group and "私聊" in group
    assert "频道" in channel and "私聊" in channel
    english = guide.help_text("en", "zj_bot", knowledge, "supergroup")
    assert english.startswith("<b>Asking me in a group")


def test_examples_and_the_publication_come_from_the_pack(knowledge: Knowledge) -> None:
    example = knowledge_example(knowledge)
    assert example and example in guide.help_text("zh", "zj_bot", knowledge)
    assert example in guide.non_text("en", knowledge)
    source = knowledge.packs[0].source
    greeting = guide.greeting("zh", knowledge)
    assert f"<b>{source.publisher}</b>《{source.headline}》" in greeting
