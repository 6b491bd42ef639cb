"""The reply to a question about the article itself: its source card, or the field asked for."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.knowledge.models import Knowledge, Pack
from bot.render.markup import Plain
from bot.render.words import publisher_en

__all__ = ["article_lines", "series_number"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_NUMBER = re.compile(r"第?([0-9]+)篇")


def series_number(series: str) -> int | None:
    """⑦ in 江苏民政工作高质量发展巡礼⑦镇江篇 -> 7."""
    for i, ch in enumerate(_CIRCLED, 1):
        if ch in series:
            return i
    m = _NUMBER.search(series)
    return int(m.group(1)) if m else None


def _years(pack: Pack) -> tuple[int, int] | None:
    ys = [y for e in pack.entries for y in e.years]
    return (min(ys), max(ys)) if ys else None


def _zh(pack: Pack, field: str) -> list[str]:
    src = pack.source
    n = series_number(src.series)
    lines: dict[str, list[str]] = {
        "title": [f"标题：《{src.headline}》"]
        + ([f"（转载版标题：《{src.headline_received}》）"] if src.headline_received else []),
        "received": [f"转载版标题：《{src.headline_received or src.headline}》"]
        + ([f"来源说明：{src.received_from}"] if src.received_from else []),
        "publisher": [f"刊发：{src.publisher}"],
        "author": [f"作者：{src.author}（{src.publisher}）"],
        "date": [f"日期：{src.date}"] + ([f"（{src.date_note}）"] if src.date_note else []),
        "series": [f"系列：{src.series}" + (f"（第{n}篇）" if n else "")],
        "sections": [f"文章分{len(pack.sections)}部分："]
        + [f"{i}. {s.title}" for i, s in enumerate(pack.sections, 1)],
    }
    span = _years(pack)
    city = pack.scope.city.name if pack.scope else ""
    when = f"{span[0]}—{span[1]}年" if span else ""
    topics = "、".join(t.name for t in pack.topics)
    lines["coverage"] = [
        f"文章报道{city}{when}的民政工作，分{len(pack.sections)}部分："
        + "；".join(s.title for s in pack.sections)
        + "。",
        f"涵盖：{topics}" if topics else "",
    ]
    if field in lines:
        return [x for x in lines[field] if x]
    order = ("title", "publisher", "author", "date", "series", "sections")
    return [x for k in order for x in lines[k] if x]


def _en(pack: Pack, field: str) -> list[str]:
    src = pack.source
    n = series_number(src.series)
    pub = publisher_en(src)
    lines: dict[str, list[str]] = {
        "title": [f"Headline: 《{src.headline}》"]
        + ([f"(as reposted: 《{src.headline_received}》)"] if src.headline_received else []),
        "received": [f"Headline as reposted: 《{src.headline_received or src.headline}》"],
        "publisher": [f"Published by {pub}"],
        "author": [f"Author: {src.author} ({pub})"],
        "date": [f"Date: {src.date}"] + ([f"({src.date_note})"] if src.date_note else []),
        "series": [f"Series: {src.series}" + (f" (part {n})" if n else "")],
        "sections": [f"The article has {len(pack.sections)} sections:"]
        + [f"{i}. {s.title_en or s.title} ({s.title})" for i, s in enumerate(pack.sections, 1)],
    }
    span = _years(pack)
    city = pack.scope.city.en[0].capitalize() if pack.scope and pack.scope.city.en else ""
    when = f" in {span[0]}–{span[1]}" if span else ""
    lines["coverage"] = [
        f"The article reports on civil-affairs work in {city}{when}, in "
        f"{len(pack.sections)} sections: " + "; ".join(s.title_en or s.title for s in pack.sections)
    ]
    if field in lines:
        return lines[field]
    order = ("title", "publisher", "author", "date", "series", "sections")
    return [x for k in order for x in lines[k]]


def article_lines(answer: Answer, knowledge: Knowledge, m: Plain) -> list[str]:
    """The lines of the reply, one pack after another when the question names no city."""
    packs = [p for p in knowledge.packs if not answer.pack or p.name == answer.pack]
    out: list[str] = []
    for pack in packs:
        lines = (_en if answer.lang == "en" else _zh)(pack, answer.article_field)
        if len(packs) > 1 and pack.scope is not None:
            out.append(m.bold(pack.scope.city.name))
        out += [m.esc(x) for x in lines]
    return out
