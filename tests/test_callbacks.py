"""Callback data and deep-link payloads: ASCII, ≤ 64 bytes, readable back, forged data rejected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.qlog import FeedbackRef
from bot.tg.callbacks import (
    MAX_CALLBACK_BYTES,
    Feedback,
    OpenEntry,
    OpenSections,
    OpenTopic,
    deep_link,
    entry_data,
    feedback_data,
    parse_callback,
    parse_start,
    start_payload,
    topic_data,
)

LONG_ID = "a" + "-b" * 23 + "c"  # 48 characters: the longest id the loader accepts
REF = FeedbackRef(42, "AbC-_09xyZ")


def test_round_trips() -> None:
    assert parse_callback("s") == OpenSections()
    assert parse_callback(entry_data("dibao-standard")) == OpenEntry("dibao-standard")
    assert parse_callback(topic_data("elderly-care", 3)) == OpenTopic("elderly-care", 3)
    assert parse_callback(feedback_data(REF, True)) == Feedback(REF, True)
    assert parse_callback(feedback_data(REF, False)) == Feedback(REF, False)


def test_longest_ids_fit_in_64_bytes() -> None:
    assert len(entry_data(LONG_ID).encode()) <= MAX_CALLBACK_BYTES
    assert len(topic_data(LONG_ID, 999).encode()) <= MAX_CALLBACK_BYTES
    longest = feedback_data(FeedbackRef(10**18 - 1, "-" * 10), False)
    assert longest.isascii() and len(longest.encode()) <= 40  # well under the 64-byte limit


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "x",
        "e:",
        "e:低保",
        "e:../../etc",
        "e:a b",
        "t:big",
        "t:big:-1",
        "t:big:1000",
        "t:big:1:2",
        "f:1:x",
        "f:abc:u",
        "f:1:u",  # the old, unsigned format
        "f:1:u:short",
        "f:1:u:AbC-_09xyZ0",  # tag too long
        "f:1:u:AbC+/09xyZ",  # not base64url
        "f:-1:u:AbC-_09xyZ",
        "s:extra",
        "E:big-00",
        "e:" + "a" * 63,
        "<b>hi</b>",
    ],
)
def test_forged_data_is_rejected(data: str | None) -> None:
    assert parse_callback(data) is None


@given(st.text(max_size=80))
def test_parser_never_crashes(data: str) -> None:
    result = parse_callback(data)
    if result is not None:
        assert data.isascii()


@pytest.mark.parametrize("bad", ["低保", "has space", "x" * 60])
def test_building_unusable_data_fails_loudly(bad: str) -> None:
    with pytest.raises(ValueError):
        entry_data(bad)


@pytest.mark.parametrize(
    "action",
    [OpenEntry("dibao-standard"), OpenTopic("elderly-care", 2), OpenSections(), OpenEntry(LONG_ID)],
)
def test_deep_links_open_the_same_thing_in_private(action: object) -> None:
    payload = start_payload(action)  # type: ignore[arg-type]
    assert 1 <= len(payload) <= 64 and payload.replace("-", "").replace("_", "").isalnum()
    assert parse_start(payload) == action
    link = deep_link("zj_bot", action)  # type: ignore[arg-type]
    assert link == f"https://t.me/zj_bot?start={payload}"


@pytest.mark.parametrize("payload", ["", "t_", "t_x_", "t_x_y", "../x", "低保", "a b", "x" * 65])
def test_other_payloads_open_nothing(payload: str) -> None:
    assert parse_start(payload) is None
