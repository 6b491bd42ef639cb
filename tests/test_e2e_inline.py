"""Inline mode through the real Application: the caveats travel with the card.

Whoever receives an inline card in another chat never saw the question, so a card for
another city, another year or a figure the article does not give must say so itself, and
what the article does state comes after it, labelled. The results of a query depend on its
text only, so Telegram may cache them for everyone without one client's language leaking.
"""

from __future__ import annotations

from typing import Any

from conftest import RunningBot

from bot.tg.messages import ui

JSON = dict[str, Any]


async def _results(bot: RunningBot, query: str, language_code: str = "zh-hans") -> JSON:
    server = bot.server
    server.send_inline_query(server.user(language_code=language_code), query)
    call = await server.wait_for("answerInlineQuery")
    assert call.ok, call.describe()
    return call.params


def _text(result: JSON) -> str:
    return str(result["input_message_content"]["message_text"])


async def test_other_city_card_says_so_before_what_the_article_states(
    running_bot: RunningBot,
) -> None:
    params = await _results(running_bot, "北京低保")
    first, *rest = params["results"]
    assert first["id"] == "_caveat"
    assert "北京" in first["title"] and "没有北京的数据" in first["title"]
    assert "没有北京的数据" in _text(first) and "875" in _text(first)  # labelled as known
    assert "文章给出的是镇江的数字" in _text(first)
    assert rest, "what the article does state follows"
    card = rest[0]
    assert card["id"] == "dibao-standard"
    assert card["title"].startswith("【并非所问】")
    assert "没有北京的数据" in card["description"]
    text = _text(card)
    assert text.index("没有北京的数据") < text.index("875")  # the caveat comes first
    assert "新华日报" in text  # and the card carries its source


async def test_other_year_and_not_stated_cards_carry_the_caveat(running_bot: RunningBot) -> None:
    year = await _results(running_bot, "2025年低保")
    assert year["results"][0]["title"].startswith("文章没有2025年的数据")
    assert all("2025" in _text(r) for r in year["results"])
    district = await _results(running_bot, "丹阳低保标准是多少")
    first = district["results"][0]
    assert "丹阳" in first["title"] and "只有全市的" in _text(first)
    assert district["results"][1]["title"].startswith("【并非所问】")


async def test_an_answered_card_names_its_city(running_bot: RunningBot) -> None:
    params = await _results(running_bot, "低保")
    assert params["results"][0]["title"].startswith("镇江 · 低保标准 875元/人·月")


async def test_nothing_found_shows_a_button_instead_of_nothing(running_bot: RunningBot) -> None:
    params = await _results(running_bot, "量子计算机")
    assert params["results"] == []
    assert params["button"]["text"].startswith("没有找到")
    assert params["button"]["start_parameter"] == "help"
    english = await _results(running_bot, "xyzzy plugh")
    assert english["results"] == [] and english["button"]["text"].startswith("Nothing found")


async def test_cached_results_follow_the_query_not_the_client(running_bot: RunningBot) -> None:
    zh = await _results(running_bot, "北京低保", "zh-hans")
    en = await _results(running_bot, "北京低保", "en")
    assert zh["is_personal"] is False and zh["cache_time"] > 0
    assert zh["results"] == en["results"] and zh["button"] == en["button"]
    english = await _results(running_bot, "Beijing dibao", "zh-hans")
    assert english["results"][0]["title"].startswith("The article only covers")
    assert english["button"]["text"] == ui("en").inline_button  # the query's language


async def test_empty_query_is_personal_in_the_clients_language(running_bot: RunningBot) -> None:
    en = await _results(running_bot, "", "en")
    assert en["is_personal"] is True and en["results"]
    assert en["button"]["text"] == ui("en").inline_button
    opens = {r["reply_markup"]["inline_keyboard"][0][0]["text"] for r in en["results"]}
    assert opens == {ui("en").inline_open}
