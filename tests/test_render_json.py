"""bot/render/json.py: the JSON contract of `ask --json/--jsonl`.

status, reason, answers, known_instead, detail, verdict, overview, meta, context, derived{op,
value, unit, text, formula, label, approx, note, inputs}, and parts for a message that asked
several questions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.render import render_plain, render_reply, reply_json, to_json

BASE = {"question", "status", "reason", "answers", "source", "reply"}
OPTIONAL = {
    "known_instead",
    "detail",
    "verdict",
    "overview",
    "meta",
    "context",
    "derived",
    "figure",
}


def _json(engine: Any, question: str) -> dict[str, Any]:
    got = engine.ask(question)
    data = to_json(got, engine.knowledge)
    assert BASE <= set(data) <= BASE | OPTIONAL
    assert data["reply"] == render_plain(got, engine.knowledge)
    json.dumps(data, ensure_ascii=False)  # serialisable as it is
    return data


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [i["id"] for i in items]


def test_answered(engine: Any) -> None:
    data = _json(engine, "低保标准是多少")
    assert (data["status"], data["reason"]) == ("answered", "")
    assert _ids(data["answers"])[0] == "dibao-standard"
    assert data["answers"][0]["value"] == "875" and data["answers"][0]["unit"] == "元/人·月"
    assert "known_instead" not in data and "verdict" not in data and "derived" not in data
    assert data["source"]["publisher"] == "新华日报"


def test_not_stated_has_no_answers_and_says_what_is_known_instead(engine: Any) -> None:
    data = _json(engine, "润州区低保标准是多少")
    assert (data["status"], data["reason"], data["detail"]) == ("not_stated", "district", "润州区")
    assert data["answers"] == []
    assert _ids(data["known_instead"]) == ["dibao-standard"]
    assert data["known_instead"][0]["quote"].startswith("2024年全市低保标准")


def test_no_match_has_no_answers(engine: Any) -> None:
    data = _json(engine, "南京低保标准是多少")
    assert (data["status"], data["reason"], data["detail"]) == ("no_match", "other_place", "南京")
    assert data["answers"] == []
    assert _ids(data["known_instead"]) == ["dibao-standard"]


@pytest.mark.parametrize(
    ("question", "status", "verdict"),
    [
        ("低保标准是不是875元", "answered", "yes"),
        ("低保标准是不是900元", "answered", "no"),
        ("尊老金是全国率先吗", "not_stated", "not_stated"),
    ],
)
def test_verdict(engine: Any, question: str, status: str, verdict: str) -> None:
    data = _json(engine, question)
    assert (data["status"], data["verdict"]) == (status, verdict)


def test_no_verdict_for_a_question_that_is_not_yes_no(engine: Any) -> None:
    assert "verdict" not in _json(engine, "低保标准是多少")


def test_derived(engine: Any) -> None:
    data = _json(engine, "孤儿保障标准是低保标准的几倍")
    assert (data["status"], data["reason"]) == ("answered", "derived")
    d = data["derived"]
    assert set(d) == {"op", "value", "unit", "text", "formula", "label", "approx", "note", "inputs"}
    assert (d["op"], d["unit"]) == ("ratio", "倍")
    assert d["value"] == pytest.approx(3132 / 875, abs=0.005)
    assert d["formula"] == "3132元/人·月 ÷ 875元/人·月 ≈ 3.58"
    assert d["label"] == "computed, not stated in the article"
    assert d["inputs"] == ["orphan-standard", "dibao-standard"]
    assert d["approx"] is False
    assert _ids(data["answers"]) == d["inputs"]  # each input, with its own quote


def test_derived_approx_and_note(engine: Any) -> None:
    d = _json(engine, "2019年低保标准是多少")["derived"]
    assert d["op"] == "base_year" and d["approx"] is True
    assert d["note"] and "2019" in d["note"]


def test_overview_and_meta(engine: Any) -> None:
    data = _json(engine, "丹阳在文章里有什么")
    assert data["overview"] == {"by": "place", "key": "丹阳市"}
    data = _json(engine, "作者是谁")
    assert (data["reason"], data["meta"]) == ("article", {"field": "author"})
    assert data["answers"] == []
    data = _json(engine, "这篇文章")
    assert data["meta"] == {"field": "card"}


def test_context_of_a_follow_up(engine: Any) -> None:
    conv = engine.conversation(clock=lambda: 0.0)
    first = reply_json(conv.reply("低保标准是多少"), engine.knowledge)
    assert "context" not in first
    data = reply_json(conv.reply("丹阳呢"), engine.knowledge)
    assert data["context"] == {"from": "dibao-standard"}
    assert (data["status"], data["reason"]) == ("not_stated", "district")


def test_parts_of_a_message_that_asked_several_questions(engine: Any) -> None:
    message = "低保标准是多少？丹阳低保标准是多少？"
    reply = engine.reply(message)
    data = reply_json(reply, engine.knowledge)
    assert data["question"] == message
    assert data["reply"] == render_reply(reply, engine.knowledge)
    assert [(p["question"], p["status"]) for p in data["parts"]] == [
        ("低保标准是多少？", "answered"),
        ("丹阳低保标准是多少？", "not_stated"),
    ]
    assert data["parts"][1]["reason"] == "district"
    assert data["status"] == data["parts"][0]["status"]  # the first part's fields on top
    assert data["parts"][0] == to_json(reply.parts[0], engine.knowledge)
    json.dumps(data, ensure_ascii=False)


def test_one_question_has_no_parts(engine: Any) -> None:
    data = reply_json(engine.reply("低保标准是多少"), engine.knowledge)
    assert "parts" not in data
    assert data == to_json(engine.reply("低保标准是多少").first, engine.knowledge)


def test_scores_are_integers_from_0_to_100(engine: Any) -> None:
    for q in ("低保标准是多少", "100%是什么", "润州区低保标准是多少"):
        data = _json(engine, q)
        for item in [*data["answers"], *data.get("known_instead", [])]:
            assert isinstance(item["score"], int) and 0 <= item["score"] <= 100


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("镇爱童享连续做了多少年", {"text": "连续4年", "value": "4", "unit": "年"}),
        ("适老化改造搞了多久", {"text": "连续五年", "value": "5", "unit": "年"}),  # 五 is 5
    ],
)
def test_a_duration_asked_is_the_figure_that_answers(
    real: Any, question: str, figure: dict[str, str]
) -> None:
    data = _json(real, question)
    assert data["status"] == "answered" and data["figure"] == figure
    assert "figure" not in _json(real, "低保标准是多少")
