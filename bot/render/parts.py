"""A reply of several parts ("低保标准是多少？养老床位有多少张？"): one block per question asked.

Each block is the full, sourced answer to its part, in the order asked. With more than one
part each block opens with the question it answers, so a reader on a phone sees which
answer belongs to which question without scrolling back; a one-part reply is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer import Answer
from bot.knowledge.models import Knowledge
from bot.render.markup import HTML, PLAIN, Plain
from bot.render.reply import render_html, render_plain

__all__ = ["part_header", "render_parts_html", "render_parts_plain"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def part_header(number: int, answer: Answer, m: Plain = HTML) -> str:
    """ "① 镇江低保标准是多少？": the part's number and the question it answers."""
    mark = _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else f"{number}."
    question = " ".join(answer.question.split())
    return f"{mark} {m.italic(question)}" if question else mark


def render_parts_html(answers: Sequence[Answer], knowledge: Knowledge) -> list[str]:
    """Telegram HTML, one block per part (each valid on its own, so they can be split)."""
    if len(answers) == 1:
        return [render_html(answers[0], knowledge)]
    return [
        f"{part_header(i, a, HTML)}\n{render_html(a, knowledge)}" for i, a in enumerate(answers, 1)
    ]


def render_parts_plain(answers: Sequence[Answer], knowledge: Knowledge) -> list[str]:
    """Plain text, one block per part (the console prints them a blank line apart)."""
    if len(answers) == 1:
        return [render_plain(answers[0], knowledge)]
    return [
        f"{part_header(i, a, PLAIN)}\n{render_plain(a, knowledge)}"
        for i, a in enumerate(answers, 1)
    ]
