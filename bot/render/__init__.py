"""The render stage: one `Answer` as plain text (console, JSON "reply"), Telegram HTML, or JSON.

All three read the same `Answer`, so they cannot disagree about what was found.
"""

from __future__ import annotations

from bot.knowledge.models import Entry
from bot.render.json import reply_json, to_json
from bot.render.refusals import refusal
from bot.render.reply import (
    city_of,
    entry_html,
    entry_plain,
    render_html,
    render_plain,
    render_reply,
    render_reply_blocks_html,
    render_reply_html,
)
from bot.render.words import WORDS, city_title
from bot.render.words import summary as entry_summary
from bot.render.words import summary_en as entry_summary_en

__all__ = [
    "WORDS",
    "city_of",
    "city_title",
    "entry_html",
    "entry_plain",
    "entry_summary",
    "entry_summary_en",
    "figure",
    "refusal",
    "render_html",
    "render_plain",
    "render_reply",
    "render_reply_blocks_html",
    "render_reply_html",
    "reply_json",
    "to_json",
]


def figure(e: Entry) -> str:
    """Value with its unit, as written: 875元/人·月, 12.24万人次, 91.85%."""
    return e.figure
