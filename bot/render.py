"""Three forms of one answer: plain text (console, JSON "reply"), Telegram HTML, and JSON.

All three read the same `Answer`, so they cannot disagree about what was found. Figures are shown
exactly as the article writes them (value, unit, period, scope, change vs baseline); nothing is
computed here, so no derived number can pass for a stated one. Everything that comes from users or
data is escaped in the HTML form, which uses only tags Telegram accepts (b, i, blockquote).

One function builds each reply structure; what varies is the frame's language (`_Words`: labels
and wording, Chinese or English) and the markup (`_Plain` or `_Html`: escaping, bold, italic,
quote). For English questions only the frame is English: the data stays exactly as the article
writes it (875元/人·月, 2024年, 全市, 较2019年提高16.7%, the quote), since translating figures or
quotes would put words in the article's mouth.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.answer import Answer, Hit, Lang
from bot.knowledge.models import QA, Entry, Indicator, Knowledge, Source, Topic
from bot.understand.normalize import pinyin_of

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
    return "，".join(p for p in (e.period.strip(), e.scope.strip()) if p)


def _when_where_en(e: Entry) -> str:
    return ", ".join(p for p in (e.period.strip(), e.scope.strip()) if p)


def entry_summary(e: Entry) -> str:
    """One short line for inline titles and buttons: 低保标准 875元/人·月（2024年）."""
    if isinstance(e, Indicator):
        s = f"{e.title} {figure(e)}"
        return f"{s}（{e.period}）" if e.period else s
    return f"{e.title}（{e.period}）" if e.period else e.title


def entry_summary_en(e: Entry) -> str:
    """One short English line: Minimum living allowance (dibao) standard: 875元/人·月 (2024年)."""
    title = e.title_en or e.title
    s = f"{title}: {figure(e)}" if isinstance(e, Indicator) else title
    return f"{s} ({e.period})" if e.period else s


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


def _publisher_en(src: Source) -> str:
    en = PUBLISHER_EN.get(src.publisher)
    return f"{en} ({src.publisher})" if en else src.publisher


def _source_line(src: Source | None) -> str:
    if src is None:
        return ""
    return f"来源：{src.publisher}《{src.headline}》（{src.date}）"


def _source_line_en(src: Source | None) -> str:
    if src is None:
        return ""
    return f"Source: {_publisher_en(src)}, 《{src.headline}》, {src.date}"


def _place_en(place: str) -> str:
    """An out-of-scope place in Latin letters (南京 -> Nanjing (南京)): readable in English."""
    if place in _PLACE_EN:
        return _PLACE_EN[place]
    return "".join(pinyin_of(place)).capitalize() + f" ({place})"


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


# ---- refusals: the wording of why not, per language ------------------------------------------
# Each returns the opening line and the label that introduces what the article says instead
# ("" when known-instead entries are not listed for this reason).


def _refusal_zh(answer: Answer, knowledge: Knowledge) -> tuple[str, str]:
    r, known = answer.reason, answer.known_instead
    if r == "empty":
        return "请直接输入问题，例如：镇江低保标准是多少？", ""
    if r == "chitchat":
        src = _source_of(None, knowledge)
        what = f"{src.publisher}《{src.headline}》" if src else "这篇报道"
        return f"你好！我只回答{what}里的数字和做法（镇江民政，2019—2024年）。", ""
    if r == "other_place":
        return f"{SCOPE_NOTE}，没有{answer.detail}的数据。", "文章给出的是镇江的数字："
    if r == "unknown_year":
        periods = "、".join(dict.fromkeys(h.entry.period for h in known if h.entry.period))
        label = f"文章给出的是{periods}的数字：" if periods else "文章给出的是："
        return f"文章没有{answer.detail}年的数据。", label
    if r == "unknown_metric":
        return f"文章没有给出“{answer.detail}”的数字。", "文章说的是："
    return "文章里没有找到与这个问题相关的内容。", ""


def _refusal_en(answer: Answer, knowledge: Knowledge) -> tuple[str, str]:
    r, known = answer.reason, answer.known_instead
    if r == "empty":
        return "Please type a question, e.g. What is Zhenjiang's minimum living allowance?", ""
    if r == "chitchat":
        src = _source_of(None, knowledge)
        what = f"{_publisher_en(src)}'s report 《{src.headline}》" if src else "this report"
        return (
            f"Hello! I only answer questions about the figures and programmes in {what} "
            "(civil affairs in Zhenjiang, 2019–2024).",
            "",
        )
    if r == "other_place":
        places = ", ".join(_place_en(p) for p in answer.detail.split("、") if p)
        return (
            f"{SCOPE_NOTE_EN}; it has no figures for {places or 'that place'}.",
            "Known instead — the article's figures for Zhenjiang:",
        )
    if r == "unknown_year":
        years = answer.detail.replace("、", ", ")
        periods = ", ".join(dict.fromkeys(h.entry.period for h in known if h.entry.period))
        label = "Known instead:"
        if periods:
            label = f"Known instead — the figures it gives ({periods}):"
        return f"The article gives no figures for {years or 'that year'}.", label
    if r == "unknown_metric":
        # The detail is what the user asked for, or the matcher's Chinese text for it (老年人总数),
        # which an English reader could not read: then the reply says so without naming it.
        detail = answer.detail
        if detail and not _has_han(detail):
            head = f"The article gives no figure for “{detail}”."
        else:
            head = "The article does not give the figure asked for."
        return head, "Known instead — what the article does say:"
    return "Nothing in the article matches this question.", ""


# ---- the frame of a reply, per language --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """Everything a reply says in its own words, in one language; data is never translated."""

    title: Callable[[Entry], str]
    summary: Callable[[Entry], str]  # one short line per entry
    when_where: Callable[[Entry], str]  # period and scope, joined
    source_line: Callable[[Source | None], str]
    topic_name: Callable[[Topic], str]
    refusal: Callable[[Answer, Knowledge], tuple[str, str]]
    aside: str  # "{}" in parentheses after a figure or summary
    aside_line: str  # "{}" in parentheses on a line of its own
    comma: str  # before a change in known-instead lines
    list_sep: str  # between topic names
    change: str  # label before an indicator's change
    qa_answer: str  # label before a QA entry's answer
    quote_plain: str  # label before the quote in plain text
    quote_html: str  # label before the <blockquote> in HTML
    related: str  # label before related entries
    related_sep: str
    topic_head: str  # "{}" is the topic's name
    more: str  # "{}" is the number of entries in the topic
    did_you_mean: str
    covers: str  # label before the topics the article covers


_ZH = _Words(
    title=lambda e: e.title,
    summary=entry_summary,
    when_where=_when_where,
    source_line=_source_line,
    topic_name=lambda t: t.name,
    refusal=_refusal_zh,
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
    topic_head="{}方面，文章给出这些内容：",
    more="……共{}项",
    did_you_mean="你是想问：",
    covers="文章涵盖：",
)

_EN = _Words(
    title=lambda e: e.title_en or e.title,
    summary=entry_summary_en,
    when_where=_when_where_en,
    source_line=_source_line_en,
    topic_name=lambda t: t.name_en or t.name,
    refusal=_refusal_en,
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
    topic_head="{}: the article gives these figures and programmes:",
    more="… {} in all",
    did_you_mean="Did you mean:",
    covers="The article covers: ",
)

_WORDS: dict[Lang, _Words] = {"zh": _ZH, "en": _EN}


# ---- markup: plain text or Telegram HTML ---------------------------------------------------------


class _Plain:
    """Plain text: data as it is, no emphasis."""

    def esc(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def italic(self, text: str) -> str:
        return text

    def quote(self, text: str, w: _Words) -> str:
        return f"{w.quote_plain}“{text}”"


class _Html(_Plain):
    """Telegram HTML (parse_mode=HTML): every data string escaped, only b, i and blockquote."""

    def esc(self, text: str) -> str:
        return _e(text)

    def bold(self, text: str) -> str:
        return f"<b>{_e(text)}</b>"

    def italic(self, text: str) -> str:
        return f"<i>{_e(text)}</i>"

    def quote(self, text: str, w: _Words) -> str:
        return f"{w.quote_html}<blockquote>{_e(text)}</blockquote>"


_PLAIN = _Plain()
_HTML = _Html()


# ---- the reply structures ------------------------------------------------------------------------


def _entry_lines(entry: Entry, knowledge: Knowledge, w: _Words, m: _Plain) -> list[str]:
    """A single entry in full: title, figure or answer, change, quote, source."""
    lines = [m.bold(w.title(entry))]
    ww = w.when_where(entry)
    if isinstance(entry, Indicator):
        lines.append(m.bold(figure(entry)) + (w.aside.format(m.esc(ww)) if ww else ""))
        if entry.change:
            lines.append(w.change + m.esc(entry.change))
    elif isinstance(entry, QA):
        lines.append(w.qa_answer + m.esc(entry.answer))
        if ww:
            lines.append(w.aside_line.format(m.esc(ww)))
    if entry.quote:
        lines.append(m.quote(entry.quote, w))
    src = w.source_line(knowledge.sources.get(entry.pack))
    if src:
        lines.append(m.italic(src))
    return lines


def _known_lines(known: tuple[Hit, ...], w: _Words) -> list[str]:
    out: list[str] = []
    for h in known:
        line = f"• {w.summary(h.entry)}"
        if isinstance(h.entry, Indicator) and h.entry.change:
            line += w.comma + h.entry.change
        if h.entry.scope and h.entry.scope != "全市":
            line += w.aside.format(h.entry.scope)
        out.append(line)
    return out


def _topics_line(topics: tuple[Topic, ...], knowledge: Knowledge, w: _Words) -> str:
    names = [w.topic_name(t) for t in (topics or tuple(knowledge.topics.values()))]
    return w.covers + w.list_sep.join(names) if names else ""


def _render(answer: Answer, knowledge: Knowledge, m: _Plain) -> str:
    """The reply in the answer's language and the given markup."""
    w = _WORDS[answer.lang]
    if answer.status == "answered" and answer.reason == "topic_list" and answer.topic:
        lines = [w.topic_head.format(m.bold(w.topic_name(answer.topic)))]
        shown = answer.hits[:MAX_LIST]
        lines += [f"• {m.esc(w.summary(h.entry))}" for h in shown]
        if len(answer.hits) > len(shown):
            lines.append(w.more.format(len(answer.hits)))
        src = w.source_line(_source_of(answer, knowledge))
        if src:
            lines.append(m.italic(src))
        return "\n".join(lines)
    if answer.status == "answered" and answer.best is not None:
        lines = _entry_lines(answer.best, knowledge, w, m)
        related = [h.entry for h in answer.hits[1:4]]
        if related:
            lines.append(w.related + w.related_sep.join(m.esc(w.summary(e)) for e in related))
        return "\n".join(lines)
    if answer.status == "ambiguous":
        lines = [w.did_you_mean]
        lines += [f"{i}. {m.esc(w.summary(h.entry))}" for i, h in enumerate(answer.hits, 1)]
        return "\n".join(lines)
    head, known_label = w.refusal(answer, knowledge)
    lines = [head]
    if known_label and answer.known_instead:
        lines += [known_label, *_known_lines(answer.known_instead, w)]
    if answer.reason != "empty":
        topics = _topics_line(answer.suggestions, knowledge, w)
        if topics:
            lines.append(topics)
    lines = [m.esc(line) for line in lines]
    src = w.source_line(_source_of(answer, knowledge)) if answer.known_instead else ""
    if src:
        lines.append(m.italic(src))
    return "\n".join(lines)


# ---- public: plain text and Telegram HTML --------------------------------------------------------


def entry_plain(entry: Entry, knowledge: Knowledge, lang: Lang = "zh") -> str:
    """A single entry in full, as plain text (deep links, console, buttons)."""
    return "\n".join(_entry_lines(entry, knowledge, _WORDS[lang], _PLAIN))


def entry_html(entry: Entry, knowledge: Knowledge, lang: Lang = "zh") -> str:
    """A single entry in full, as Telegram HTML."""
    return "\n".join(_entry_lines(entry, knowledge, _WORDS[lang], _HTML))


def render_plain(answer: Answer, knowledge: Knowledge) -> str:
    """The reply a console user sees (and the JSON "reply")."""
    return _render(answer, knowledge, _PLAIN)


def render_html(answer: Answer, knowledge: Knowledge) -> str:
    """The reply as Telegram HTML (parse_mode=HTML); every data string is escaped."""
    return _render(answer, knowledge, _HTML)


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
