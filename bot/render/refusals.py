"""Why not: the opening line of a reply that does not answer, and the label of what the article
states instead. Chinese and English; the places and the article's reach come from the packs."""

from __future__ import annotations

from bot.answer import Answer
from bot.knowledge.models import Knowledge, Scope, Source
from bot.lang.zh.claims import LEVELS
from bot.lang.zh.measures import KIND_NAMES, KIND_NAMES_EN
from bot.render.english import period_en
from bot.render.words import publisher_en
from bot.understand.pinyin import pinyin_of
from bot.understand.text import has_han

__all__ = ["refusal"]


def _source(answer: Answer, knowledge: Knowledge) -> Source | None:
    for h in (*answer.hits, *answer.known_instead):
        src = knowledge.sources.get(h.entry.pack)
        if src is not None:
            return src
    return knowledge.packs[0].source if knowledge.packs else None


def _scope(answer: Answer, knowledge: Knowledge) -> Scope | None:
    for h in (*answer.hits, *answer.known_instead):
        scope = knowledge.scopes.get(h.entry.pack)
        if scope is not None:
            return scope
    return next(iter(knowledge.scopes.values()), None)


def scope_note(knowledge: Knowledge, lang: str) -> str:
    """What the loaded articles cover: "文章只报道镇江（含丹阳、句容、扬中及各区）"."""
    notes: list[str] = []
    for scope in knowledge.scopes.values():
        cities = [p for p in scope.places if p.level in ("county_city", "county")]
        city = scope.city.aliases[0] if scope.city.aliases else scope.city.name
        if lang == "en":
            name = (scope.city.en[0] if scope.city.en else city).capitalize()
            parts = ", ".join((p.en[0] if p.en else p.name).capitalize() for p in cities)
            notes.append(f"{name} (including {parts} and its districts)" if parts else name)
        else:
            parts = "、".join(p.aliases[0] if p.aliases else p.name for p in cities)
            notes.append(f"{city}（含{parts}及各区）" if parts else city)
    if lang == "en":
        return "The article only covers " + " and ".join(notes) if notes else ""
    return "文章只报道" + "和".join(notes) if notes else ""


def _place_en(place: str, knowledge: Knowledge | None = None) -> str:
    """A place in Latin letters: its English name from a pack's scope, else its pinyin."""
    for scope in knowledge.scopes.values() if knowledge is not None else ():
        for p in scope.all_places():
            if place in p.names and p.en:
                return p.en[0].capitalize() + f" ({place})"
    return "".join(pinyin_of(place)).capitalize() + f" ({place})"


# A rank asked at a level the entry's rank is not at ("在全国排第几"): its level word.
_LEVEL_WORDS = {w: {"province": "provincial"}.get(lv, lv) for w, lv in LEVELS}


def _not_stated_zh(answer: Answer) -> str:
    r, d = answer.reason, answer.detail
    if r == "district":
        return f"文章没有给出{d}的分项数字，只有全市的。"
    if r == "population":
        return f"文章没有单独给出“{d}”的数字。"
    if r == "measure":
        if d == "per_year":
            return "文章给出的是每月的标准，没有给出全年的数字。"
        if d == "per_unit":
            return "文章没有给出平均到每个的数字，也无法由文中数字算出。"
        if d == "yearly":
            return "文章给出的是几年的合计，没有说是几年、也没有给出平均每年的数字。"
        name = KIND_NAMES.get(d, "具体数字")
        return f"文章没有给出这一项的{name}。"
    if r == "date":
        if d == "day":
            return "文章没有说具体是哪月哪天。"
        return f"文章没有{d}年的这项数字。" if d else "文章没有说这是哪一年的事。"
    if r == "detail":
        return {
            "actor": "文章没有说是谁（哪个部门）。",
            "place": "文章没有说具体在哪里。",
            "list": "文章没有列出具体是哪些。",
            "change": "文章没有给出这一项的变化。",
        }.get(d, "文章没有给出这个细节。")
    if r == "claim":
        if d in _LEVEL_WORDS:
            return f"文章没有给出这一项在{d}的排名。"
        if d == "honour":
            return "文章没有说这一项获过什么奖或荣誉。"
        return "文章没有给出这一项的排名。" if d == "rank" else "文章没有这样说。"
    return "文章没有说。"


def _not_stated_en(answer: Answer, knowledge: Knowledge) -> str:
    r, d = answer.reason, answer.detail
    if r == "district":
        return (
            f"The article gives no separate figure for {_place_en(d, knowledge)}, "
            "only the citywide one."
        )
    if r == "population":
        return f"The article gives no separate figure for “{d}”."
    if r == "measure":
        if d == "per_year":
            return "The article gives the monthly standard, not a figure for the whole year."
        if d == "per_unit":
            return "The article gives no average per unit, and none can be worked out from it."
        if d == "yearly":
            return "The article gives a total over several years, not how many or a yearly average."
        return f"The article does not give the {KIND_NAMES_EN.get(d, 'figure')} for this."
    if r == "date":
        if d == "day":
            return "The article does not give the month or day."
        return f"The article gives no figure for {d}." if d else "The article does not say when."
    if r == "detail":
        return {
            "actor": "The article does not say who.",
            "place": "The article does not say where.",
            "list": "The article does not list them.",
            "change": "The article gives no change for this.",
        }.get(d, "The article does not give this detail.")
    if r == "claim":
        if d in _LEVEL_WORDS:
            return f"The article gives no {_LEVEL_WORDS[d]} rank for this."
        if d == "rank":
            return "The article gives no rank for this."
        if d == "honour":
            return "The article names no award or honour for this."
        return "The article does not say so."
    return "The article does not say."


def refusal(answer: Answer, knowledge: Knowledge) -> tuple[str, str]:
    """(opening line, label before what the article states instead) of a reply that does not
    answer; the label is "" when no known-instead entries are shown for the reason."""
    en = answer.lang == "en"
    if answer.status == "not_stated":
        head = _not_stated_en(answer, knowledge) if en else _not_stated_zh(answer)
        label = (
            "What the article does state (not the answer to your question):"
            if en
            else "文章给出的是（并非所问）："
        )
        return head, label
    r, known, src = answer.reason, answer.known_instead, _source(answer, knowledge)
    scope = _scope(answer, knowledge)
    city = (scope.city.aliases or (scope.city.name,))[0] if scope else ""
    if en:
        city_en = (scope.city.en[0].capitalize() if scope and scope.city.en else city) or "it"
        if r == "empty":
            return "Please type a question, e.g. What is the minimum living allowance?", ""
        if r == "chitchat":
            what = f"{publisher_en(src)}'s report 《{src.headline}》" if src else "this report"
            return f"Hello! I only answer questions about the figures and programmes in {what}.", ""
        if r == "other_place":
            places = ", ".join(_place_en(p, knowledge) for p in answer.detail.split("、") if p)
            return (
                f"{scope_note(knowledge, 'en')}; it has no figures for {places or 'that place'}.",
                f"Known instead — the article's figures for {city_en}:",
            )
        if r == "unknown_year":
            years = answer.detail.replace("、", ", ")
            periods = ", ".join(
                dict.fromkeys(period_en(h.entry.period) for h in known if h.entry.period)
            )
            label = f"Known instead — the figures it gives ({periods}):" if periods else "Known:"
            return f"The article gives no figures for {years or 'that year'}.", label
        if r == "unknown_metric":
            d = answer.detail
            head = (
                f"The article gives no figure for “{d}”."
                if d and not has_han(d)
                else "The article does not give the figure asked for."
            )
            return head, "Known instead — what the article does say:"
        return "Nothing in the article matches this question.", ""
    if r == "empty":
        return "请直接输入问题，例如：低保标准是多少？", ""
    if r == "chitchat":
        what = f"{src.publisher}《{src.headline}》" if src else "这篇报道"
        return f"你好！我只回答{what}里的数字和做法。", ""
    if r == "other_place":
        return f"{scope_note(knowledge, 'zh')}，没有{answer.detail}的数据。", (
            f"文章给出的是{city}的数字：" if city else "文章给出的是："
        )
    if r == "unknown_year":
        periods = "、".join(dict.fromkeys(h.entry.period for h in known if h.entry.period))
        label = f"文章给出的是{periods}的数字：" if periods else "文章给出的是："
        return f"文章没有{answer.detail}年的数据。", label
    if r == "unknown_metric":
        return f"文章没有给出“{answer.detail}”的数字。", "文章说的是："
    return "文章里没有找到与这个问题相关的内容。", ""
