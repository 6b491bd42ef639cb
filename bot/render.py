"""Three forms of one answer: plain text (console, JSON "reply"), Telegram HTML, and JSON.

All three read the same `Answer`, so they cannot disagree about what was found. Figures are shown
exactly as the article writes them (value, unit, period, scope, change vs baseline); nothing is
computed here, so no derived number can pass for a stated one. Everything that comes from users or
data is escaped in the HTML form, which uses only tags Telegram accepts (b, i, blockquote).
"""

from __future__ import annotations

import html
from typing import Any

from bot.answer import Answer, Hit, Lang
from bot.models import QA, Entry, Indicator, Knowledge, Source, Topic
from bot.normalize import pinyin_of

__all__ = [
    "entry_html",
    "entry_plain",
    "entry_statement",
    "entry_summary",
    "entry_summary_en",
    "figure",
    "render_html",
    "render_plain",
    "to_json",
]

MAX_LIST = 12  # entries listed in one topic reply; the Telegram layer pages the rest
SCOPE_NOTE = "文章只报道镇江（含丹阳、句容、扬中及各区）"
SCOPE_NOTE_EN = (
    "The article only covers Zhenjiang (including Danyang, Jurong, Yangzhong and its districts)"
)
# Publishers' English names; the Chinese name is kept beside it so the source can be looked up.
PUBLISHER_EN = {"新华日报": "Xinhua Daily"}
_PLACE_EN = {"江苏全省": "Jiangsu province as a whole", "江苏": "Jiangsu"}


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def figure(e: Indicator) -> str:
    """Value with its unit, as written: 875元/人·月, 12.24万人次, 91.85%."""
    value = e.value.strip()
    unit = e.unit.strip()
    if not unit or value.endswith(unit):
        return value
    return value + unit


def _when_where(e: Entry) -> str:
    parts = [p for p in (e.period.strip(), e.scope.strip()) if p]
    return "，".join(parts)


def entry_summary(e: Entry) -> str:
    """One short line for inline titles and buttons: 低保标准 875元/人·月（2024年）."""
    if isinstance(e, Indicator):
        s = f"{e.title} {figure(e)}"
        return f"{s}（{e.period}）" if e.period else s
    return f"{e.title}（{e.period}）" if e.period else e.title


def entry_statement(e: Entry) -> str:
    """The one-line statement of an entry (JSON answers[].text)."""
    if isinstance(e, Indicator):
        s = f"{e.title}：{figure(e)}"
        ww = _when_where(e)
        if ww:
            s += f"（{ww}）"
        if e.change:
            s += f"，{e.change}"
        return s
    if isinstance(e, QA):
        return e.answer
    return e.title


def _source_of(answer: Answer | None, knowledge: Knowledge) -> Source | None:
    entries: list[Entry] = []
    if answer is not None:
        entries = [h.entry for h in (*answer.hits, *answer.known_instead)]
    for e in entries:
        src = knowledge.sources.get(e.pack)
        if src is not None:
            return src
    return knowledge.packs[0].source if knowledge.packs else None


def _source_line(src: Source | None) -> str:
    if src is None:
        return ""
    return f"来源：{src.publisher}《{src.headline}》（{src.date}）"


def _topics_line(topics: tuple[Topic, ...], knowledge: Knowledge) -> str:
    names = [t.name for t in (topics or tuple(knowledge.topics.values()))]
    return "文章涵盖：" + "、".join(names) if names else ""


# ---- plain text -----------------------------------------------------------------------------


def entry_plain(entry: Entry, knowledge: Knowledge, lang: Lang = "zh") -> str:
    """A single entry in full, as plain text (deep links, console, buttons)."""
    if lang == "en":
        return "\n".join(_entry_lines_en(entry, knowledge, html_form=False))
    lines = [entry.title]
    if isinstance(entry, Indicator):
        ww = _when_where(entry)
        lines.append(figure(entry) + (f"（{ww}）" if ww else ""))
        if entry.change:
            lines.append(f"变化：{entry.change}")
    elif isinstance(entry, QA):
        lines.append(entry.answer)
        ww = _when_where(entry)
        if ww:
            lines.append(f"（{ww}）")
    if entry.quote:
        lines.append(f"原文：“{entry.quote}”")
    src = _source_line(knowledge.sources.get(entry.pack))
    if src:
        lines.append(src)
    return "\n".join(lines)


def _related(answer: Answer) -> list[Entry]:
    return [h.entry for h in answer.hits[1:]]


def _known_lines(known: tuple[Hit, ...]) -> list[str]:
    out: list[str] = []
    for h in known:
        line = f"• {entry_summary(h.entry)}"
        if isinstance(h.entry, Indicator) and h.entry.change:
            line += f"，{h.entry.change}"
        if h.entry.scope and h.entry.scope != "全市":
            line += f"（{h.entry.scope}）"
        out.append(line)
    return out


def _refusal_head(answer: Answer, knowledge: Knowledge) -> list[str]:
    r = answer.reason
    known = answer.known_instead
    if r == "empty":
        return ["请直接输入问题，例如：镇江低保标准是多少？"]
    if r == "chitchat":
        src = _source_of(None, knowledge)
        what = f"{src.publisher}《{src.headline}》" if src else "这篇报道"
        return [f"你好！我只回答{what}里的数字和做法（镇江民政，2019—2024年）。"]
    if r == "other_place":
        head = [f"{SCOPE_NOTE}，没有{answer.detail}的数据。"]
        if known:
            head.append("文章给出的是镇江的数字：")
            head += _known_lines(known)
        return head
    if r == "unknown_year":
        head = [f"文章没有{answer.detail}年的数据。"]
        if known:
            periods = "、".join(dict.fromkeys(h.entry.period for h in known if h.entry.period))
            label = f"文章给出的是{periods}的数字：" if periods else "文章给出的是："
            head.append(label)
            head += _known_lines(known)
        return head
    if r == "unknown_metric":
        head = [f"文章没有给出“{answer.detail}”的数字。"]
        if known:
            head.append("文章说的是：")
            head += _known_lines(known)
        return head
    return ["文章里没有找到与这个问题相关的内容。"]


def render_plain(answer: Answer, knowledge: Knowledge) -> str:
    """The reply a console user sees (and the JSON "reply")."""
    if answer.lang == "en":
        return _render_en(answer, knowledge, html_form=False)
    if answer.status == "answered" and answer.reason == "topic_list" and answer.topic:
        lines = [f"{answer.topic.name}方面，文章给出这些内容："]
        shown = answer.hits[:MAX_LIST]
        lines += [f"• {entry_summary(h.entry)}" for h in shown]
        if len(answer.hits) > len(shown):
            lines.append(f"……共{len(answer.hits)}项")
        src = _source_line(_source_of(answer, knowledge))
        if src:
            lines.append(src)
        return "\n".join(lines)
    if answer.status == "answered" and answer.best is not None:
        text = entry_plain(answer.best, knowledge)
        related = _related(answer)
        if related:
            text += "\n相关：" + "；".join(entry_summary(e) for e in related[:3])
        return text
    if answer.status == "ambiguous":
        lines = ["你是想问："]
        lines += [f"{i}. {entry_summary(h.entry)}" for i, h in enumerate(answer.hits, 1)]
        return "\n".join(lines)
    lines = _refusal_head(answer, knowledge)
    if answer.reason != "empty":
        topics = _topics_line(answer.suggestions, knowledge)
        if topics:
            lines.append(topics)
    src = _source_line(_source_of(answer, knowledge)) if answer.known_instead else ""
    if src:
        lines.append(src)
    return "\n".join(lines)


# ---- Telegram HTML --------------------------------------------------------------------------


def entry_html(entry: Entry, knowledge: Knowledge, lang: Lang = "zh") -> str:
    """A single entry in full, as Telegram HTML."""
    if lang == "en":
        return "\n".join(_entry_lines_en(entry, knowledge, html_form=True))
    lines = [f"<b>{_e(entry.title)}</b>"]
    if isinstance(entry, Indicator):
        ww = _when_where(entry)
        lines.append(f"<b>{_e(figure(entry))}</b>" + (f"（{_e(ww)}）" if ww else ""))
        if entry.change:
            lines.append(f"变化：{_e(entry.change)}")
    elif isinstance(entry, QA):
        lines.append(_e(entry.answer))
        ww = _when_where(entry)
        if ww:
            lines.append(f"（{_e(ww)}）")
    out = "\n".join(lines)
    if entry.quote:
        out += f"\n<blockquote>{_e(entry.quote)}</blockquote>"
    src = _source_line(knowledge.sources.get(entry.pack))
    if src:
        out += f"\n<i>{_e(src)}</i>"
    return out


def render_html(answer: Answer, knowledge: Knowledge) -> str:
    """The reply as Telegram HTML (parse_mode=HTML); every data string is escaped."""
    if answer.lang == "en":
        return _render_en(answer, knowledge, html_form=True)
    if answer.status == "answered" and answer.reason == "topic_list" and answer.topic:
        lines = [f"<b>{_e(answer.topic.name)}</b>方面，文章给出这些内容："]
        shown = answer.hits[:MAX_LIST]
        lines += [f"• {_e(entry_summary(h.entry))}" for h in shown]
        if len(answer.hits) > len(shown):
            lines.append(f"……共{len(answer.hits)}项")
        src = _source_line(_source_of(answer, knowledge))
        if src:
            lines.append(f"<i>{_e(src)}</i>")
        return "\n".join(lines)
    if answer.status == "answered" and answer.best is not None:
        text = entry_html(answer.best, knowledge)
        related = _related(answer)
        if related:
            text += "\n相关：" + "；".join(_e(entry_summary(e)) for e in related[:3])
        return text
    if answer.status == "ambiguous":
        lines = ["你是想问："]
        lines += [f"{i}. {_e(entry_summary(h.entry))}" for i, h in enumerate(answer.hits, 1)]
        return "\n".join(lines)
    lines = [_e(line) for line in _refusal_head(answer, knowledge)]
    if answer.reason != "empty":
        topics = _topics_line(answer.suggestions, knowledge)
        if topics:
            lines.append(_e(topics))
    src = _source_line(_source_of(answer, knowledge)) if answer.known_instead else ""
    if src:
        lines.append(f"<i>{_e(src)}</i>")
    return "\n".join(lines)


# ---- English frame ----------------------------------------------------------------------------
# For English questions the frame (labels, explanations, titles) is English; the data stays exactly
# as the article writes it (875元/人·月, 2024年, 全市, 较2019年提高16.7%, the quote): translating
# figures or quotes would put words in the article's mouth.


def entry_summary_en(e: Entry) -> str:
    """One short English line: Minimum living allowance (dibao) standard: 875元/人·月 (2024年)."""
    title = e.title_en or e.title
    s = f"{title}: {figure(e)}" if isinstance(e, Indicator) else title
    return f"{s} ({e.period})" if e.period else s


def _when_where_en(e: Entry) -> str:
    return ", ".join(p for p in (e.period.strip(), e.scope.strip()) if p)


def _source_line_en(src: Source | None) -> str:
    if src is None:
        return ""
    en = PUBLISHER_EN.get(src.publisher)
    publisher = f"{en} ({src.publisher})" if en else src.publisher
    return f"Source: {publisher}, 《{src.headline}》, {src.date}"


def _topics_line_en(topics: tuple[Topic, ...], knowledge: Knowledge) -> str:
    names = [t.name_en or t.name for t in (topics or tuple(knowledge.topics.values()))]
    return "The article covers: " + ", ".join(names) if names else ""


def _place_en(place: str) -> str:
    """An out-of-scope place in Latin letters (南京 -> Nanjing (南京)): readable in English."""
    if place in _PLACE_EN:
        return _PLACE_EN[place]
    return "".join(pinyin_of(place)).capitalize() + f" ({place})"


def _entry_lines_en(entry: Entry, knowledge: Knowledge, *, html_form: bool) -> list[str]:
    def e(text: str) -> str:
        return _e(text) if html_form else text

    title = entry.title_en or entry.title
    lines = [f"<b>{e(title)}</b>" if html_form else title]
    ww = _when_where_en(entry)
    if isinstance(entry, Indicator):
        fig = f"<b>{e(figure(entry))}</b>" if html_form else figure(entry)
        lines.append(fig + (f" ({e(ww)})" if ww else ""))
        if entry.change:
            lines.append(f"Change: {e(entry.change)}")
    elif isinstance(entry, QA):
        lines.append(f"In the article: {e(entry.answer)}")
        if ww:
            lines.append(f"({e(ww)})")
    if entry.quote:
        if html_form:
            lines.append(f"Source quote:\n<blockquote>{e(entry.quote)}</blockquote>")
        else:
            lines.append(f"Source quote: “{entry.quote}”")
    src = _source_line_en(knowledge.sources.get(entry.pack))
    if src:
        lines.append(f"<i>{e(src)}</i>" if html_form else src)
    return lines


def _known_lines_en(known: tuple[Hit, ...]) -> list[str]:
    out: list[str] = []
    for h in known:
        line = f"• {entry_summary_en(h.entry)}"
        if isinstance(h.entry, Indicator) and h.entry.change:
            line += f", {h.entry.change}"
        if h.entry.scope and h.entry.scope != "全市":
            line += f" ({h.entry.scope})"
        out.append(line)
    return out


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _refusal_head_en(answer: Answer, knowledge: Knowledge) -> list[str]:
    r = answer.reason
    known = answer.known_instead
    if r == "empty":
        return ["Please type a question, e.g. What is Zhenjiang's minimum living allowance?"]
    if r == "chitchat":
        src = _source_of(None, knowledge)
        what = "this report"
        if src is not None:
            en = PUBLISHER_EN.get(src.publisher)
            publisher = f"{en} ({src.publisher})" if en else src.publisher
            what = f"{publisher}'s report 《{src.headline}》"
        return [
            f"Hello! I only answer questions about the figures and programmes in {what} "
            "(civil affairs in Zhenjiang, 2019–2024)."
        ]
    if r == "other_place":
        places = ", ".join(_place_en(p) for p in answer.detail.split("、") if p)
        head = [f"{SCOPE_NOTE_EN}; it has no figures for {places or 'that place'}."]
        if known:
            head.append("Known instead — the article's figures for Zhenjiang:")
            head += _known_lines_en(known)
        return head
    if r == "unknown_year":
        years = answer.detail.replace("、", ", ")
        head = [f"The article gives no figures for {years or 'that year'}."]
        if known:
            periods = ", ".join(dict.fromkeys(h.entry.period for h in known if h.entry.period))
            head.append(
                f"Known instead — the figures it gives ({periods}):"
                if periods
                else "Known instead:"
            )
            head += _known_lines_en(known)
        return head
    if r == "unknown_metric":
        # The detail is what the user asked for, or the matcher's Chinese text for it (老年人总数),
        # which an English reader could not read: then the reply says so without naming it.
        detail = answer.detail
        if detail and not _has_han(detail):
            head = [f"The article gives no figure for “{detail}”."]
        else:
            head = ["The article does not give the figure asked for."]
        if known:
            head.append("Known instead — what the article does say:")
            head += _known_lines_en(known)
        return head
    return ["Nothing in the article matches this question."]


def _render_en(answer: Answer, knowledge: Knowledge, *, html_form: bool) -> str:
    """The English frame of a reply, plain or Telegram HTML (every data string escaped)."""

    def e(text: str) -> str:
        return _e(text) if html_form else text

    def italic(text: str) -> str:
        return f"<i>{e(text)}</i>" if html_form else text

    if answer.status == "answered" and answer.reason == "topic_list" and answer.topic:
        name = answer.topic.name_en or answer.topic.name
        head = f"<b>{e(name)}</b>" if html_form else name
        lines = [f"{head}: the article gives these figures and programmes:"]
        shown = answer.hits[:MAX_LIST]
        lines += [f"• {e(entry_summary_en(h.entry))}" for h in shown]
        if len(answer.hits) > len(shown):
            lines.append(f"… {len(answer.hits)} in all")
        src = _source_line_en(_source_of(answer, knowledge))
        if src:
            lines.append(italic(src))
        return "\n".join(lines)
    if answer.status == "answered" and answer.best is not None:
        lines = _entry_lines_en(answer.best, knowledge, html_form=html_form)
        related = _related(answer)
        if related:
            lines.append("Related: " + "; ".join(e(entry_summary_en(r)) for r in related[:3]))
        return "\n".join(lines)
    if answer.status == "ambiguous":
        lines = ["Did you mean:"]
        lines += [f"{i}. {e(entry_summary_en(h.entry))}" for i, h in enumerate(answer.hits, 1)]
        return "\n".join(lines)
    lines = [e(line) for line in _refusal_head_en(answer, knowledge)]
    if answer.reason != "empty":
        topics = _topics_line_en(answer.suggestions, knowledge)
        if topics:
            lines.append(e(topics))
    src = _source_line_en(_source_of(answer, knowledge)) if answer.known_instead else ""
    if src:
        lines.append(italic(src))
    return "\n".join(lines)


# ---- JSON -----------------------------------------------------------------------------------


def _entry_json(h: Hit) -> dict[str, Any]:
    e = h.entry
    ind = e if isinstance(e, Indicator) else None
    return {
        "id": e.id,
        "kind": e.kind,
        "title": e.title,
        "value": ind.value if ind else "",
        "unit": ind.unit if ind else "",
        "period": e.period,
        "scope": e.scope,
        "text": entry_statement(e),
        "quote": e.quote,
        "score": max(0, min(100, round(h.score))),
    }


def to_json(answer: Answer, knowledge: Knowledge) -> dict[str, Any]:
    """The stable JSON object of `python -m bot ask --json/--jsonl`."""
    src = _source_of(answer, knowledge)
    hits = answer.hits if answer.status != "no_match" else ()
    return {
        "question": answer.question,
        "status": answer.status,
        "answers": [_entry_json(h) for h in hits],
        "source": {
            "publisher": src.publisher if src else "",
            "title": src.headline if src else "",
            "date": src.date if src else "",
        },
        "reply": render_plain(answer, knowledge),
    }
