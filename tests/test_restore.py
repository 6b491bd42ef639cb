"""The restoration table: one pass, leftmost-longest, never re-scanned, digits untouched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.models import RestorationRow
from bot.knowledge.restore import Restorer, restore, restore_query


def row(spun: str, standard: str, *, queries: bool = True) -> RestorationRow:
    return RestorationRow(spun=spun, standard=standard, confidence="certain", queries=queries)


def test_longest_match_wins_whatever_the_table_order() -> None:
    rows = [row("救济", "救助"), row("姑且救济", "临时救助")]
    result = restore("实施姑且救济,救济流浪人员", rows)
    assert result.text == "实施临时救助,救助流浪人员"
    assert result.fires == (1, 1)


def test_leftmost_match_wins_over_a_longer_later_one() -> None:
    # 成长 starts first, so the longer 长思惟 (starting one later) loses.
    rows = [row("长思惟", "X"), row("成长", "发展"), row("思惟", "思想")]
    result = restore("成长思惟", rows)
    assert result.text == "发展思想"
    assert result.fires == (0, 1, 1)


def test_replacements_are_never_rescanned() -> None:
    rows = [row("延续", "持续"), row("持续", "连续")]
    result = restore("延续发力,持续4年", rows)
    assert result.text == "持续发力,连续4年"
    assert result.fires == (1, 1)


def test_duplicate_phrase_first_row_wins() -> None:
    rows = [row("办事", "服务"), row("办事", "办理")]
    result = restore("办事办事", rows)
    assert result.text == "服务服务"
    assert result.fires == (2, 0)
    assert result.unused() == [1]


def test_fire_counts_and_replaced_spans() -> None:
    rows = [row("奇迹", "事业"), row("成长", "发展"), row("鼎新", "改革")]
    result = restore("民政奇迹高质量成长,慈善奇迹", rows)
    assert result.fires == (2, 1, 0)
    assert result.unused() == [2]
    assert [result.text[a:b] for a, b, _ in result.replaced] == ["事业", "发展", "事业"]
    assert [i for _, _, i in result.replaced] == [0, 1, 0]


def test_empty_table_and_empty_text() -> None:
    assert restore("原文", []).text == "原文"
    assert restore("", [row("a", "b")]).fires == (0,)
    assert Restorer([]).apply("原文") == "原文"


def test_regex_metacharacters_are_literal() -> None:
    rows = [row("1+3+N", "1+3+N机制"), row("(街道)", "（街道）")]
    assert Restorer(rows).apply("镇(街道)的1+3+N") == "镇（街道）的1+3+N机制"


def test_restore_query_skips_rows_unsafe_on_questions() -> None:
    rows = [row("免费", "收费", queries=False), row("救济", "救助")]
    assert restore_query("免费救济", rows) == "免费救助"
    assert restore("免费救济", rows).text == "收费救助"
    # cached per table, and a different table is a different cache entry
    assert restore_query("免费", rows[:1]) == "免费"


# --- properties against a slow, obviously-correct reference ------------------------------------


def reference(text: str, rows: list[RestorationRow]) -> tuple[str, list[int]]:
    """Leftmost-longest by hand: at each position keep the longest row (first on ties)."""
    out: list[str] = []
    fires = [0] * len(rows)
    i = 0
    while i < len(text):
        best = -1
        for k, r in enumerate(rows):
            if (
                r.spun
                and text.startswith(r.spun, i)
                and (best < 0 or len(r.spun) > len(rows[best].spun))
            ):
                best = k
        if best < 0:
            out.append(text[i])
            i += 1
        else:
            out.append(rows[best].standard)
            fires[best] += 1
            i += len(rows[best].spun)
    return "".join(out), fires


ALPHABET = "甲乙丙丁.*+(\\"  # small, so phrases overlap often; metacharacters on purpose
phrases = st.text(ALPHABET, min_size=1, max_size=4)
tables = st.lists(st.tuples(phrases, st.text(ALPHABET, max_size=4)), max_size=8)
texts = st.text(ALPHABET + "0123456789", max_size=60)


@given(tables, texts)
def test_matches_the_reference(table: list[tuple[str, str]], text: str) -> None:
    rows = [row(s, t) for s, t in table]
    result = restore(text, rows)
    assert (result.text, list(result.fires)) == reference(text, rows)
    assert Restorer(rows).apply(text) == result.text


@given(tables, texts)
def test_digits_are_untouched(table: list[tuple[str, str]], text: str) -> None:
    """Rows without digits can never add, drop or change a digit of the text."""
    rows = [row(s, t) for s, t in table]
    assert re.findall(r"\d", restore(text, rows).text) == re.findall(r"\d", text)
