"""A JSON section is written in pieces, and reads back as the value: the same text as one
``json.dumps``, for small values and for large dicts and lists nested in each other."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from bot.cachefile import Writer, open_verified

MAGIC = b"TESTJSON"
SCALARS: list[Any] = [0, -7, 10**6, 0.1, '低保 "q" \\', None, True, ""]


def _list(n: int) -> list[Any]:
    return [SCALARS[i % len(SCALARS)] for i in range(n)]


def _dict(n: int, value: Any = 1) -> dict[str, Any]:
    return {f"键{i}": value for i in range(n)}


VALUES: list[Any] = [
    {},
    [],
    _list(3),
    _list(256),  # one batch
    _list(257),  # a batch and one more
    _dict(700, [1, 2]),
    {"sounds": _dict(600, ["di", "bao"]), "pairs": _list(1000), "n": 3},
    [_list(300), 5, _dict(2), _dict(300, _list(2))] * 100,  # large items among small ones
    _dict(300, _list(300)),  # every item large
    {"normalizer": {"speller": {"sounds": _dict(2000, ["di"]), "n": 1}}, "reader": [1]},  # deep
    [_list(100), _list(100), _list(100), 1],  # items that fill a batch together
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_a_json_section_is_the_text_of_json_dumps(value: Any) -> None:
    out = io.BytesIO()
    w = Writer(out, MAGIC)
    w.json("v", value)
    w.finish(1, "k")
    r = open_verified(io.BytesIO(out.getvalue()), MAGIC, 1, "k")
    assert r.text("v") == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert r.json("v") == value
