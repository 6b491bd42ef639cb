"""The frame of a reply, in Chinese or English: labels and wording, never the data.

For English questions only the frame is English: figures, periods and quotes stay exactly as
the article writes them (875元/人·月, 2024年, the quote), since translating them would put words
in the article's mouth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.knowledge.models import Entry, Source, Topic
from bot.render.english import change_en, period_en, scope_en

__all__ = ["EN", "WORDS", "ZH", "Words", "city_title", "source_line", "summary"]


def _when_where(e: Entry, sep: str) -> str:
    return sep.join(p for p in (e.period.strip(), e.scope.strip()) if p)


def _when_where_en(e: Entry, city: str) -> str:
    """The period and scope in English words: (2024, citywide (Zhenjiang))."""
    return ", ".join(p for p in (period_en(e.period), scope_en(e.scope, city)) if p)


def city_title(title: str, city: str) -> str:
    """A title that says which city it is about: 全市低保标准 -> 镇江市低保标准."""
    return city + title[2:] if city and title.startswith("全市") else title


def summary(e: Entry) -> str:
    """One short line for lists, inline titles and buttons: 低保标准 875元/人·月（2024年）."""
    s = f"{e.title} {e.figure}" if e.figure else e.title
    return f"{s}（{e.period}）" if e.period else s


def summary_en(e: Entry) -> str:
    """One short English line: Minimum living allowance (dibao) standard: 875元/人·月 (2024年)."""
    title = e.title_en or e.title
    s = f"{title}: {e.figure}" if e.figure else title
    return f"{s} ({period_en(e.period)})" if e.period else s


def publisher_en(src: Source) -> str:
    return f"{src.publisher_en} ({src.publisher})" if src.publisher_en else src.publisher


def source_line(src: Source | None) -> str:
    if src is None:
        return ""
    return f"来源：{src.publisher}《{src.headline}》（{src.date}）"


def source_line_en(src: Source | None) -> str:
    if src is None:
        return ""
    return f"Source: {publisher_en(src)}, 《{src.headline}》, {src.date}"


@dataclass(frozen=True, slots=True)
class Words:
    """Everything a reply says in its own words, in one language."""

    title: Callable[[Entry], str]
    summary: Callable[[Entry], str]
    when_where: Callable[[Entry, str], str]  # the entry, and its city's name in this language
    change_note: Callable[[Entry], str]
    source_line: Callable[[Source | None], str]
    topic_name: Callable[[Topic], str]
    aside: str  # "{}" in parentheses after a figure or summary
    aside_line: str  # "{}" in parentheses on a line of its own
    comma: str
    list_sep: str
    change: str  # label before an indicator's change
    qa_answer: str  # label before a statement's answer
    quote_plain: str
    quote_html: str
    related: str
    related_sep: str
    overview_head: str  # "{}" is what is listed (a topic's name, a place, a year …)
    more: str  # "{}" is the number of entries listed
    did_you_mean: str
    which_city: str
    covers: str
    yes: str
    no: str
    lasted: str  # the duration that answers "几年了" ({} is 连续4年)
    no_computed: str  # "no" to a comparison asked yes or no, before the computation
    known_label: str  # before what the article states instead, on a not-stated answer
    context: str  # "{}" the entry a follow-up continued from
    derived: str  # the label of a computed figure: never mistaken for a stated one
    formula: str
    basis: str  # before the stated figures a computation used
    note: str
    part: str  # "{0}" the number of a part of a multi-part reply, "{1}" its question


ZH = Words(
    title=lambda e: e.title,
    summary=summary,
    when_where=lambda e, city: _when_where(e, "，"),
    change_note=lambda e: e.change_note,
    source_line=source_line,
    topic_name=lambda t: t.name,
    aside="（{}）",
    aside_line="（{}）",
    comma="，",
    list_sep="、",
    change="变化：",
    qa_answer="",
    quote_plain="原文：",
    quote_html="",
    related="相关：",
    related_sep="；",
    overview_head="{}，文章给出这些内容：",
    more="……共{}项",
    did_you_mean="你是想问：",
    which_city="文章有好几个城市的数字，你问的是哪个城市？",
    covers="文章涵盖：",
    yes="是的。",
    no="不是。文章说的是：",
    lasted="{}（文中所说的持续时间）",
    no_computed="不是。",
    known_label="文章给出的是：",
    context="（接上题：{}）",
    derived="推算（文章没有直接给出，由文中数字算出）",
    formula="算法：",
    basis="依据（文中原有数字）：",
    note="说明：",
    part="{0}. 问：{1}",
)

EN = Words(
    title=lambda e: e.title_en or e.title,
    summary=summary_en,
    when_where=_when_where_en,
    change_note=lambda e: change_en(e.change_note),
    source_line=source_line_en,
    topic_name=lambda t: t.name_en or t.name,
    aside=" ({})",
    aside_line="({})",
    comma=", ",
    list_sep=", ",
    change="Change: ",
    qa_answer="In the article: ",
    quote_plain="Source quote: ",
    quote_html="Source quote:\n",
    related="Related: ",
    related_sep="; ",
    overview_head="{}: the article gives these figures and programmes:",
    more="… {} in all",
    did_you_mean="Did you mean:",
    which_city="Several cities' articles have this figure — which city do you mean?",
    covers="The article covers: ",
    yes="Yes.",
    no="No — the article says:",
    lasted="{} (how long, as the article says)",
    no_computed="No.",
    known_label="What the article does state (not the answer to your question):",
    context="(Following on from: {})",
    derived="Computed — not stated in the article, worked out from its figures",
    formula="Formula: ",
    basis="From these figures the article states:",
    note="Note: ",
    part="{0}. Q: {1}",
)

WORDS = {"zh": ZH, "en": EN}
