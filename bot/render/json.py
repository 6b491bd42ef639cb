"""The JSON contract of `python -m bot ask --json/--jsonl` (documented in the README).

`status` is answered / not_stated / ambiguous / no_match. `answers` lists the answer and what
follows it (answered) or the candidates (ambiguous); `known_instead` what the article states
when it does not state what was asked; `reason` says why, `verdict` answers a yes/no question;
`figure` is the figure that answers when it is not the entry's own (a duration: 连续4年).
"""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer, Hit, Reply
from bot.knowledge.models import Knowledge
from bot.render.reply import render_plain, render_reply
from bot.understand.numerals import cn_to_number

__all__ = ["reply_json", "to_json"]

_NUMBER = re.compile(r"[0-9]+|[一二三四五六七八九十两]+")


def _entry(h: Hit) -> dict[str, Any]:
    e = h.entry
    value, unit = e.value_unit
    return {
        "id": e.id,
        "kind": e.kind,
        "pack": e.pack,
        "title": e.title,
        "value": value,
        "unit": unit,
        "period": e.period,
        "scope": e.scope,
        "text": e.statement,
        "quote": e.quote,
        "score": max(0, min(100, round(h.score))),
    }


def _figure(text: str) -> dict[str, str]:
    """The figure that answers, when it is not the entry's own ("连续4年": 4 年)."""
    m = _NUMBER.search(text)
    n = cn_to_number(m.group(0)) if m and not m.group(0).isdigit() else None
    value = m.group(0) if m and m.group(0).isdigit() else (f"{n:g}" if n is not None else "")
    return {"text": text, "value": value, "unit": text[m.end() :] if m else ""}


def to_json(answer: Answer, knowledge: Knowledge) -> dict[str, Any]:
    """The stable JSON object of one answer."""
    entries = [*answer.hits, *answer.known_instead]
    pack = next((h.entry.pack for h in entries), answer.pack) or (
        knowledge.packs[0].name if knowledge.packs else ""
    )
    src = knowledge.sources.get(pack)
    out: dict[str, Any] = {
        "question": answer.question,
        "status": answer.status,
        "reason": answer.reason,
        "answers": [_entry(h) for h in answer.hits] if answer.status != "no_match" else [],
        "source": {
            "pack": pack,
            "publisher": src.publisher if src else "",
            "title": src.headline if src else "",
            "date": src.date if src else "",
        },
        "reply": render_plain(answer, knowledge),
    }
    if answer.known_instead:
        out["known_instead"] = [_entry(h) for h in answer.known_instead]
    if answer.detail:
        out["detail"] = answer.detail
    if answer.verdict:
        out["verdict"] = answer.verdict
    if answer.figure:
        out["figure"] = _figure(answer.figure)
    if answer.overview is not None:
        out["overview"] = {"by": answer.overview.by, "key": answer.overview.key}
    if answer.reason == "article":
        out["meta"] = {"field": answer.article_field or "card"}
    if answer.context:
        out["context"] = {"from": answer.context}
    d = answer.derived
    if d is not None:
        out["derived"] = {
            "op": d.op,
            "value": d.value,
            "unit": d.unit,
            "text": d.text,
            "formula": d.formula,
            "label": "computed, not stated in the article",
            "approx": d.approx,
            "note": d.note,
            "inputs": [e.id for e in d.inputs],
        }
    return out


def reply_json(reply: Reply, knowledge: Knowledge) -> dict[str, Any]:
    """The JSON object of a whole reply: its first part's fields, and `parts` when the message
    asked several questions (each part a `to_json` object of its own)."""
    first = to_json(reply.first, knowledge)
    if len(reply.parts) == 1:
        return first
    parts = [to_json(p, knowledge) for p in reply.parts]
    return {
        **first,
        "question": reply.message,
        "reply": render_reply(reply, knowledge),
        "parts": parts,
    }
