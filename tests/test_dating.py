"""bot/decide/dating.py: a year dates what follows it in its sentence, not what came before."""

from __future__ import annotations

from bot.decide.dating import dates_subject

QUOTE = "持续开展“爱心一日捐”等募集活动,捐款总量连续五年位列全省前列,2024年人均捐款位列全省第一。"


def test_a_year_dates_the_words_after_it() -> None:
    assert dates_subject("人均捐款哪一年全省第一", QUOTE) is True


def test_a_year_does_not_date_what_its_sentence_named_before_it() -> None:
    assert dates_subject("爱心一日捐是从哪年开始办的", QUOTE) is False


def test_a_baseline_year_dates_nothing() -> None:
    quote = "2024年底全市慈善组织25家。累计开展项目74个,较2019年增长66.7%。"
    assert dates_subject("项目增长是哪一年", quote) is False


def test_a_year_heading_its_sentence_dates_it() -> None:
    quote = "2023年,全市在全省率先建立尊老金自动发放机制,该项工作被列入试点。"
    assert dates_subject("尊老金自动发放是什么时候建立的", quote) is True


def test_a_year_in_another_sentence_does_not_count() -> None:
    quote = "建成全市首个纪念园。2019年以来,累计减免丧葬费1.78亿元。"
    assert dates_subject("纪念园哪年建成的", quote) is False


def test_no_words_in_common_cannot_tell() -> None:
    assert dates_subject("它是哪一年的", QUOTE) is None


def test_a_quote_without_a_year_cannot_tell() -> None:
    # The year of its period was curated from the sentence around the quote.
    assert dates_subject("四项机制是哪一年建立的", "通过自律自查等“四项机制”规范收费") is None
