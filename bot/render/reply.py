"""One `Answer` as a reply: the card of an answered entry, a list, a verdict, a refusal.

Plain text and Telegram HTML come from the same builder; only the markup differs. Figures are
shown exactly as the article writes them; nothing is computed here. What the article states
instead of an answer is always introduced by its own label, never shown as the answer.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from bot.answer import Answer, Hit, Reply
from bot.knowledge.models import Entry, Knowledge, Topic
from bot.render.article import article_lines
from bot.render.markup import HTML, PLAIN, Plain
from bot.render.refusals import refusal
from bot.render.words import WORDS, Words, city_title

__all__ = [
    "entry_html",
    "entry_plain",
    "render_html",
    "render_plain",
    "render_reply",
    "render_reply_blocks_html",
    "render_reply_html",
]

MAX_LIST = 12  # entries listed in one reply; the Telegram layer pages the rest


def city_of(entry: Entry, knowledge: Knowledge, w: Words) -> str:
    """The city an entry's pack covers, named in the reply's language ("" if unknown)."""
    scope = knowledge.scopes.get(entry.pack)
    if scope is None:
        return ""
    if w is WORDS["en"]:
        return scope.city.en[0].capitalize() if scope.city.en else ""
    return scope.city.name


def restates(statement: str, quote: str) -> bool:
    """Whether a Q&A answer only repeats its quote in other words: the card then shows the
    quote alone, which is verbatim, instead of the same sentence twice."""
    a, b = _bare(statement), _bare(quote)
    return bool(a) and (a in b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8)


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def entry_lines(entry: Entry, knowledge: Knowledge, w: Words, m: Plain) -> list[str]:
    """A single entry in full: title, figure or statement, change, quote, source."""
    city = city_of(entry, knowledge, w)
    title = w.title(entry)
    lines = [m.bold(city_title(title, city) if w is WORDS["zh"] else title)]
    ww = w.when_where(entry, city)
    if entry.figure:
        lines.append(m.bold(entry.figure) + (w.aside.format(m.esc(ww)) if ww else ""))
        if entry.change_note:
            lines.append(w.change + m.esc(w.change_note(entry)))
    else:
        if not restates(entry.statement, entry.quote):
            lines.append(w.qa_answer + m.esc(entry.statement))
        if ww:
            lines.append(w.aside_line.format(m.esc(ww)))
    if entry.quote:
        lines.append(m.quote(entry.quote, w.quote_plain, w.quote_html))
    src = w.source_line(knowledge.sources.get(entry.pack))
    if src:
        lines.append(m.italic(src))
    return lines


def _known_lines(known: tuple[Hit, ...], w: Words) -> list[str]:
    out: list[str] = []
    for h in known:
        line = f"• {w.summary(h.entry)}"
        if h.entry.change_note:
            line += w.comma + w.change_note(h.entry)
        if h.entry.scope and h.entry.scope != "全市":
            line += w.aside.format(h.entry.scope)
        out.append(line)
    return out


def _topics_line(topics: tuple[Topic, ...], knowledge: Knowledge, w: Words) -> str:
    names = [w.topic_name(t) for t in (topics or tuple(knowledge.topics.values()))]
    return w.covers + w.list_sep.join(names) if names else ""


def _source_of(answer: Answer, knowledge: Knowledge) -> str:
    w = WORDS[answer.lang]
    for h in (*answer.hits, *answer.known_instead):
        src = knowledge.sources.get(h.entry.pack)
        if src is not None:
            return w.source_line(src)
    return w.source_line(knowledge.packs[0].source) if knowledge.packs else ""


def _list(answer: Answer, knowledge: Knowledge, w: Words, m: Plain) -> list[str]:
    if answer.topic is not None:
        label = w.topic_name(answer.topic)
    else:
        label = answer.overview.label if answer.overview else ""
    lines = [w.overview_head.format(m.bold(label))]
    shown = answer.hits[:MAX_LIST]
    lines += [f"• {m.esc(w.summary(h.entry))}" for h in shown]
    if len(answer.hits) > len(shown):
        lines.append(w.more.format(len(answer.hits)))
    src = _source_of(answer, knowledge)
    if src:
        lines.append(m.italic(src))
    return lines


def _derived(answer: Answer, knowledge: Knowledge, w: Words, m: Plain) -> list[str]:
    """A computed figure: its label first, the formula, then every input with its quote."""
    d = answer.derived
    assert d is not None
    lines = [m.bold(w.derived), m.bold(d.text), w.formula + m.esc(d.formula)]
    if answer.verdict in ("yes", "no"):  # "A是不是比B高": the comparison answers it
        lines.insert(0, m.bold(w.yes if answer.verdict == "yes" else w.no_computed))
    if d.note:
        lines.append(w.note + m.esc(d.note))
    lines.append(w.basis)
    for e in d.inputs:
        line = f"• {w.summary(e)}"
        if e.change_note:
            line += w.comma + w.change_note(e)
        lines.append(m.esc(line))
        lines.append(m.quote(e.quote, w.quote_plain, w.quote_html))
    src = _source_of(answer, knowledge)
    if src:
        lines.append(m.italic(src))
    return lines


def _lines(answer: Answer, knowledge: Knowledge, m: Plain) -> list[str]:
    w = WORDS[answer.lang]
    if answer.status == "answered" and answer.derived is not None:
        return _derived(answer, knowledge, w, m)
    if answer.status == "answered" and answer.reason == "article":
        return [*article_lines(answer, knowledge, m), m.italic(_source_of(answer, knowledge))]
    if answer.status == "answered" and (answer.topic or answer.overview):
        return _list(answer, knowledge, w, m)
    if answer.status == "answered" and answer.best is not None:
        lines = []
        if answer.verdict == "yes":
            lines.append(m.bold(w.yes))
        elif answer.verdict == "no":
            lines.append(m.bold(w.no))
        if answer.figure:
            lines.append(m.bold(w.lasted.format(m.esc(answer.figure))))
        lines += entry_lines(answer.best, knowledge, w, m)
        related = [h.entry for h in answer.hits[1:4]]
        if related:
            lines.append(w.related + w.related_sep.join(m.esc(w.summary(e)) for e in related))
        return lines
    if answer.status == "ambiguous":
        head = w.which_city if answer.reason == "which_city" else w.did_you_mean
        lines = [head]
        lines += [f"{i}. {m.esc(w.summary(h.entry))}" for i, h in enumerate(answer.hits, 1)]
        return lines
    head, known_label = refusal(answer, knowledge)
    lines = [head]
    if known_label and answer.known_instead:
        lines += [known_label, *_known_lines(answer.known_instead, w)]
    if answer.reason != "empty" and answer.status == "no_match":
        topics = _topics_line(answer.suggestions, knowledge, w)
        if topics:
            lines.append(topics)
    lines = [m.esc(line) for line in lines]
    if answer.known_instead:
        lines.append(m.italic(_source_of(answer, knowledge)))
    return lines


def _render(answer: Answer, knowledge: Knowledge, m: Plain) -> str:
    lines = _lines(answer, knowledge, m)
    if answer.context:
        entry = knowledge.entries.get(answer.context)
        if entry is not None:
            w = WORDS[answer.lang]
            title = w.title(entry)
            if answer.lang == "zh":
                title = city_title(title, city_of(entry, knowledge, w))
            lines.insert(0, m.italic(w.context.format(title)))
    return "\n".join(line for line in lines if line)


def _blocks(reply: Reply, knowledge: Knowledge, m: Plain) -> list[str]:
    """Every part of a reply, in the order asked; a multi-part reply numbers its parts and
    repeats each question, so no part can be mistaken for another's answer."""
    if len(reply.parts) == 1:
        return [_render(reply.first, knowledge, m)]
    blocks = []
    for i, part in enumerate(reply.parts, 1):
        w = WORDS[part.lang]
        head = m.bold(w.part.format(i, part.question))
        blocks.append(head + "\n" + _render(part, knowledge, m))
    return blocks


def _reply(reply: Reply, knowledge: Knowledge, m: Plain) -> str:
    return "\n\n".join(_blocks(reply, knowledge, m))


def render_reply_blocks_html(reply: Reply, knowledge: Knowledge) -> list[str]:
    """A whole reply as Telegram HTML, one block per part, each valid on its own (the
    Telegram layer packs them into as few messages as the length limit allows)."""
    return _blocks(reply, knowledge, HTML)


def render_reply(reply: Reply, knowledge: Knowledge) -> str:
    """A whole reply as plain text (console, `ask`)."""
    return _reply(reply, knowledge, PLAIN)


def render_reply_html(reply: Reply, knowledge: Knowledge) -> str:
    """A whole reply as Telegram HTML (the Telegram layer splits it by part when too long)."""
    return _reply(reply, knowledge, HTML)


def entry_plain(entry: Entry, knowledge: Knowledge, lang: str = "zh") -> str:
    """A single entry in full, as plain text (deep links, console, buttons)."""
    return "\n".join(entry_lines(entry, knowledge, WORDS[lang], PLAIN))


def entry_html(entry: Entry, knowledge: Knowledge, lang: str = "zh") -> str:
    """A single entry in full, as Telegram HTML."""
    return "\n".join(entry_lines(entry, knowledge, WORDS[lang], HTML))


def render_plain(answer: Answer, knowledge: Knowledge) -> str:
    """The reply a console user sees (and the JSON "reply")."""
    return _render(answer, knowledge, PLAIN)


def render_html(answer: Answer, knowledge: Knowledge) -> str:
    """The reply as Telegram HTML (parse_mode=HTML); every data string is escaped."""
    return _render(answer, knowledge, HTML)
