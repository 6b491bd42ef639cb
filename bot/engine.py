"""The answer engine: a message in, an `Answer` out, with no I/O and no Telegram.

It only wires the stages, each in its own package:

    understand (bot.understand)  message -> one `Ask` per question
    match      (bot.match)       Ask -> entries ranked by how close their words are
    decide     (bot.decide)      Ask + ranking -> answered / not stated / ambiguous / no match
    compose    (bot.compose)     overviews and questions about the article
    render     (bot.render)      Answer -> plain text, Telegram HTML, JSON (called by the caller)
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.answer import Answer, Hit, Lang, Reply
from bot.compose.context import Context
from bot.compose.conversation import Conversation
from bot.compose.derived import Calculator
from bot.compose.meta import about_article
from bot.compose.overview import Overviews
from bot.decide.thresholds import DEFAULT, Thresholds
from bot.knowledge.models import Knowledge
from bot.match.cache import IndexCache
from bot.match.index import Scored
from bot.parts import build_parts
from bot.understand.ask import Ask
from bot.understand.followup import (
    Turn,
    content,
    echoes,
)
from bot.understand.normalize import Normalized

__all__ = ["Engine", "settle_heap"]

log = logging.getLogger(__name__)

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]+")
_SEARCH_LIMIT = 12
_SEARCH_LIMIT_ONE_PACK = 40  # deeper when the question names a city: others' entries drop out


def settle_heap() -> None:
    """Move everything allocated so far (the loaded knowledge and the index) out of the garbage
    collector's view; call once at process start-up, after building the engine.

    The index is long-lived: walking it on every full (generation 2) collection would land a
    multi-millisecond pause on some unlucky question. A process-wide setting like this belongs to
    the program's entry point, not to a library constructor. Frozen objects are still freed by
    reference counting when an engine is replaced on reload.
    """
    gc.collect()
    gc.freeze()


class Engine:
    """Answers questions about the loaded knowledge. Build once; `ask` is pure CPU."""

    def __init__(
        self,
        knowledge: Knowledge,
        thresholds: Thresholds = DEFAULT,
        *,
        index_cache: IndexCache | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.thresholds = thresholds
        # The build cache (bot.match.cache) is the caller's choice: without one the engine
        # does no I/O. With one, a warm start reads its tables from it (bot.parts).
        parts = build_parts(knowledge, thresholds, index_cache)
        self.normalizer = parts.normalizer
        self.index = parts.index
        self.reader = parts.reader
        self.book = parts.book
        self.decider = parts.decider
        self.overviews = Overviews(knowledge, self.index, self.book)
        self.calculator = Calculator(self.index, self.book, thresholds)
        self.context = Context(self.answer, knowledge, self.book, thresholds)

    # ---- public -----------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """The answer to a message's first question (inline results, curation, tests)."""
        got = self.reply(question).first
        text = question if isinstance(question, str) else ""
        return got if got.question == text else replace(got, question=text)

    def reply(self, message: str) -> Reply:
        """Every question of a message answered on its own, no conversation."""
        return self.converse(message, (), 0.0)[0]

    def conversation(self, **kw: Any) -> Conversation:
        """A new conversation over this engine (console session, `ask --jsonl` chat id)."""
        return Conversation(self, **kw)

    def converse(
        self, message: str, history: Sequence[Turn], now: float
    ) -> tuple[Reply, tuple[Turn, ...]]:
        """The reply to a message in a conversation, and the turns it adds. Never raises: any
        failure becomes a `no_match` answer (and a log line)."""
        text = message if isinstance(message, str) else ""
        try:
            parts: list[Answer] = []
            turns: list[Turn] = []
            asks = self.reader.read(text) or []
            for i, a in enumerate(asks):
                if i and echoes(a, asks[i - 1]):
                    continue  # "…多少个公募项目？是多少": one question, asked twice
                ask, got = self.context.settle(a, [*history, *turns])
                if a.listed and turns and turns[-1].at == now and not got.context:
                    ask, got = self.context.with_neighbour(a, ask, got, turns[-1])
                parts.append(got)
                turn = self._turn(ask, got, now)
                if turn is not None:
                    turns.append(turn)
            if len(parts) > 1:  # "低保标准是多少，谢谢": the thanks is no question of its own
                parts = [p for p in parts if p.reason not in ("chitchat", "empty")] or parts
            if len(parts) == 1 and parts[0].question != text:
                parts[0] = replace(parts[0], question=text)
            return Reply(text, tuple(parts) or (self._failed(text),)), tuple(turns)
        except Exception:  # the bot must keep answering whatever arrives
            log.exception("engine failed on a message of %d characters", len(text))
            return Reply(text, (self._failed(text),)), ()

    def turn_for(self, entry_id: str, now: float) -> Turn | None:
        """A turn standing for an earlier answer about `entry_id` (a reply to that answer)."""
        entry = self.knowledge.entries.get(entry_id)
        if entry is None:
            return None
        asks = self.reader.read(entry.title)
        if not asks:
            return None
        return Turn(asks[0], entry_id, now, self._said_of(entry_id))

    def search(self, question: str, limit: int = 10) -> list[Scored]:
        """Ranked entries without the decision (for inline results and curation)."""
        return self.index.search(self.normalizer.normalize(question), limit=limit)

    def answer(self, a: Ask) -> Answer:
        """The answer to one understood question, in the language it was asked in.

        A question after a story is first read alone; while that is not answered outright, the
        other readings (`Ask.lent`: with the story's subject words lent, …) are tried in turn,
        and one kept if it answers better."""
        got = self._answer(a)
        lent = a.lent
        while lent is not None and not self._outright(got):
            other = self._answer(lent)
            if other.status == "answered" and (
                got.status != "answered" or other.hits[0].score > got.hits[0].score
            ):
                got = replace(other, question=got.question)  # the question as asked
            lent = lent.lent
        if self.language(a.q) == "en":
            got = replace(got, lang="en")
        return got

    def _outright(self, got: Answer) -> bool:
        """Answered with a score that needs no second reading."""
        best = got.hits[0].score if got.hits else 0.0
        return got.status == "answered" and best >= self.thresholds.exact_score

    def language(self, q: Normalized) -> Lang:
        """English ("en") when the question has English words and no Han; pinyin typed in Latin
        letters ("dibao 2024", "guer butie") is Chinese, so its reply stays Chinese.

        Han is looked for in what the user typed (pinyin is spelled into Han during
        normalization); Latin words in the cleaned text, where commands and mentions are gone.
        """
        if _HAN.search(q.raw):
            return "zh"
        for w in _LATIN.findall(q.cleaned):
            if len(w) > 1 and self.normalizer.segment_pinyin(w) is None:
                return "en"
        return "zh"

    # ---- the stages -------------------------------------------------------------------------

    def _said_of(self, entry_id: str) -> str:
        """An entry's own words (title, aliases), cleaned: what a later turn is matched by."""
        return self.book.names(self.knowledge.entries[entry_id])

    def _turn(self, a: Ask, got: Answer, now: float) -> Turn | None:
        """What a later follow-up may continue from: the entry answered, or shown instead."""
        if a.shape in ("chitchat", "empty", "article"):
            return None
        if got.status == "not_stated" and got.reason == "district":
            # The district was what the article has nothing on: a follow-up keeps the subject.
            a = replace(a, places=tuple(p for p in a.places if p.role != "inside"))
        hits = got.hits if got.status == "answered" and not got.overview else got.known_instead
        entry_id = hits[0].entry.id if hits else ""
        said = self._said_of(entry_id) if entry_id else ""
        return Turn(a, entry_id, now, said, overview=got.overview is not None)

    def _failed(self, q: str) -> Answer:
        return Answer(
            question=q,
            normalized="",
            status="no_match",
            reason="low_score",
            suggestions=tuple(self.knowledge.topics.values())[:6],
        )

    def _answer(self, a: Ask) -> Answer:
        d = self.decider
        if a.shape == "chitchat":
            return d.no_match(a, "chitchat")
        if a.shape == "article":
            return about_article(a, self.knowledge)
        elsewhere = d.gates.elsewhere(a)
        if a.shape == "empty" and not elsewhere:
            return d.no_match(a, "empty")
        packs = tuple(dict.fromkeys(p.pack for p in a.places if p.pack and p.role != "province"))
        limit = _SEARCH_LIMIT_ONE_PACK if packs and len(self.knowledge.packs) > 1 else 12
        results = self.index.search(a.q, limit=limit)
        if packs:
            results = [s for s in results if s.entry.pack in packs][:_SEARCH_LIMIT]
        if elsewhere:
            th = self.thresholds
            floor = max(th.answer_score, results[0].score - th.ambiguous_band) if results else 0
            known = [s for s in results if s.score >= floor][:2]
            return d.no_match(a, "other_place", known=known, detail="、".join(elsewhere))
        if d.gates.headcount(a):
            return d.no_match(a, "unknown_metric", detail=f"{a.q.text}总数", suggest=results)
        if a.compute is not None and (a.compute.b or content(a)):  # 平均每家多少张 of what?
            derived = self.calculator.derive(a)
            if derived is not None:
                return derived
        # A computation asked for is one figure, even when it could not be worked out.
        overview = self.overviews.find(a, results) if a.compute is None else None
        if overview is not None:
            return overview
        if not packs and len(self.knowledge.packs) > 1:
            which = self._which_city(a, results)
            if which is not None:
                return which
        got = d.decide(a, results, packs)
        if got.status == "no_match" and got.reason == "low_score":
            got = self.overviews.narrowed(a, results) or got
        return self.calculator.rescue(a, got) or got

    def _which_city(self, a: Ask, results: list[Scored]) -> Answer | None:
        """Packs of several cities answer a question that names no city: ask which is meant."""
        if not results:
            return None
        th = self.thresholds
        best = results[0]
        per_pack: dict[str, Scored] = {}
        for s in results:
            if s.score >= best.score - th.city_band and s.score >= th.answer_score:
                per_pack.setdefault(s.entry.pack, s)
        if len(per_pack) < 2:
            return None
        return Answer(
            question=a.text,
            normalized=a.q.text,
            status="ambiguous",
            reason="which_city",
            hits=tuple(Hit(s.entry, round(s.score, 1)) for s in per_pack.values()),
            context=a.context,
        )
