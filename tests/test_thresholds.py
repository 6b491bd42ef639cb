"""bot/decide/thresholds.py: the margin a best needs over its runner-up grows as its score falls."""

from __future__ import annotations

import math

import pytest

from bot.decide.thresholds import DEFAULT, Thresholds


def test_margin_at_and_above_the_answer_score() -> None:
    assert DEFAULT.margin_needed(DEFAULT.answer_score) == DEFAULT.margin
    assert DEFAULT.margin_needed(100.0) == DEFAULT.margin


def test_margin_at_the_dominant_score() -> None:
    assert DEFAULT.margin_needed(DEFAULT.dominant_score) == pytest.approx(DEFAULT.dominant_margin)


def test_margin_in_between_falls_linearly_and_never_below_the_plain_margin() -> None:
    mid = (DEFAULT.answer_score + DEFAULT.dominant_score) / 2
    expected = (DEFAULT.margin + DEFAULT.dominant_margin) / 2
    assert DEFAULT.margin_needed(mid) == pytest.approx(expected)
    span = int(DEFAULT.answer_score - DEFAULT.dominant_score)
    scores = [DEFAULT.dominant_score + i for i in range(span + 1)]
    needed = [DEFAULT.margin_needed(x) for x in scores]
    assert needed == sorted(needed, reverse=True)
    assert min(needed) >= DEFAULT.margin


def test_below_the_dominant_score_a_best_never_answers_alone() -> None:
    assert math.isinf(DEFAULT.margin_needed(DEFAULT.dominant_score - 0.1))


def test_custom_thresholds() -> None:
    th = Thresholds(answer_score=60, margin=5, dominant_score=40, dominant_margin=25)
    assert th.margin_needed(50) == pytest.approx(15)
    assert th.margin_needed(70) == 5
