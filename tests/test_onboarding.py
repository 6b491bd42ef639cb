"""The bot's descriptions and group welcome: from the packs, in both languages, within limits."""

from __future__ import annotations

from typing import Any

import pytest
from botapi import parse_html
from fixtures.engine_pack import build_knowledge

from bot.knowledge.models import Knowledge
from bot.tg.onboarding import MAX_DESCRIPTION, MAX_SHORT_DESCRIPTION, descriptions, group_intro


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_descriptions_fit_and_say_what_the_bot_does(lang: Any) -> None:
    long, short = descriptions(build_knowledge(), lang)
    assert 0 < len(long) <= MAX_DESCRIPTION and 0 < len(short) <= MAX_SHORT_DESCRIPTION
    assert ("镇江" if lang == "zh" else "Zhenjiang") in short
    assert ("引文" if lang == "zh" else "quote") in long


def test_several_cities_are_all_named(cities: Knowledge) -> None:
    long, short = descriptions(cities, "zh")
    for pack in cities.packs:
        assert pack.scope is not None and pack.scope.city.aliases[0] in short
    assert len(long) <= MAX_DESCRIPTION and len(short) <= MAX_SHORT_DESCRIPTION


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_group_intro_says_how_to_ask_there_and_is_valid_html(lang: Any) -> None:
    text = group_intro(build_knowledge(), lang, "zj<bot>")
    parse_html(text)
    assert "/ask" in text and "@zj&lt;bot&gt;" in text
