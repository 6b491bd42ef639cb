"""A question in its conversation: answered on its own, or completed from an earlier turn.

A follow-up that names no subject ("那2019年呢", "它是哪一年的") is completed from the turn it
continues (`bot.understand.followup`); one that names its own is asked on its own, and a topic
switch inherits nothing. This module weighs the two readings against each other; the engine
only calls it with its own `answer`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answer import Answer
from bot.decide.book import FactBook
from bot.decide.thresholds import Thresholds
from bot.knowledge.models import Knowledge
from bot.understand.ask import Ask
from bot.understand.compute import Compute, pair_op
from bot.understand.followup import (
    Turn,
    asked_like,
    content,
    elliptical,
    listed_again,
    merge,
    pick_turn,
    points_back,
    stands_alone,
)

__all__ = ["Context"]

_HEAD = 2  # characters of the head word a group's ellipsis takes from the subject before
_SHORT_ITEM = 6  # characters of its own words an item may have and still lean on the one before
_OWN_NAME = 100.0  # the score of a question that is an entry's own name, word for word


class Context:
    """Settles each question of a conversation between its two readings."""

    def __init__(
        self,
        answer: Callable[[Ask], Answer],
        knowledge: Knowledge,
        book: FactBook,
        thresholds: Thresholds,
    ) -> None:
        self._answer = answer
        self.knowledge = knowledge
        self.book = book
        self.th = thresholds

    def with_neighbour(self, a: Ask, ask: Ask, got: Answer, turn: Turn) -> tuple[Ask, Answer]:
        """A part answered on its own words, but of another topic than the part before it in
        the same message ("福彩销售额、公益金、帮扶人次"): read with that part's subject too, and
        kept so when that answers it from the same topic about as well."""
        before = self.knowledge.entries.get(turn.entry_id)
        if got.status != "answered" or before is None or got.overview or not got.hits:
            return ask, got
        if got.hits[0].entry.topic == before.topic or got.hits[0].score >= _OWN_NAME:
            return ask, got
        if len(content(a)) > _SHORT_ITEM:
            return ask, got  # "社工站和慈善服务中心一体化" names its own subject in full
        merged = merge(a, turn)
        other = self._answer(merged)
        if (
            other.status == "answered"
            and not other.overview
            and other.hits[0].entry.topic == before.topic
            and other.hits[0].score >= got.hits[0].score - self.th.refit_band
        ):
            return merged, other
        return ask, got

    def _own_subject(self, got: Answer, turn: Turn | None) -> Answer:
        """A question answered on its own words (养老床位呢 after 福彩) says it continues the
        earlier one only when its answer is of that one's topic: a switch inherits nothing."""
        if not got.context or turn is None or not got.hits:
            return got
        before = self.knowledge.entries.get(turn.entry_id)
        if before is not None and got.hits[0].entry.topic != before.topic:
            return replace(got, context="")
        return got

    def settle(self, a: Ask, history: Sequence[Turn]) -> tuple[Ask, Answer]:
        """The question answered on its own, or completed from the conversation when it names
        no subject of its own or points back (它, 刚才) without naming one strongly."""
        # An unknown command ("/foo") leaves nothing to continue a conversation with.
        if not history or a.shape in ("article", "chitchat") or not a.q.cleaned.strip():
            return a, self._answer(a)
        again = listed_again(a, history[-1])
        if again is not None:  # "2022年呢" after the list of 2021: the list of 2022
            listed = self._answer(again)
            if listed.overview is not None:
                return again, listed
        pair = self._of_both(a, history)
        if pair is not None:  # "两者差多少" after 孤儿保障标准 and 低保: the two compared
            return pair
        turn = pick_turn(a, history)
        alone: Answer | None = None
        if stands_alone(a):
            if elliptical(a) and turn is not None:
                a = asked_like(a, turn)  # "公益金呢" after a figure question asks a figure
            alone = self._answer(a)
            best = alone.hits[0].score if alone.hits else 0.0
            strong = alone.status == "answered" and best >= self.th.exact_score
            weak = alone.status in ("no_match", "ambiguous")
            if (not points_back(a) and not weak) or strong or a.listing:
                return a, self._own_subject(alone, turn)
        elif a.groups and not points_back(a) and not a.places:
            # Only population words ("流浪乞讨人员呢"): a follow-up, unless they name an entry
            # outright, as that entry's own title does.
            alone = self._answer(a)
            named = alone.status == "answered" and not alone.overview
            if named and alone.hits[0].score >= self.th.exact_score:
                return a, alone
        if turn is None:
            return a, alone if alone is not None else self._answer(a)
        merged = merge(a, turn)
        got = self._answer(merged)
        if got.status == "not_stated" and got.reason == "population" and elliptical(a):
            # "孤儿的呢" after 低保标准: the old subject has no such group, so the group is the
            # new subject, asked the way the question before was (孤儿保障标准 3132元).
            like = asked_like(a, turn)
            head = turn.ask.q.text[-_HEAD:]  # a compound's head is its last word (低保标准)
            if len(turn.ask.q.text) > _HEAD and head not in a.q.text:
                like = replace(like, q=replace(like.q, text=a.q.text + head))  # 孤儿标准
            other = self._answer(like)
            if other.status == "answered" and not other.overview:
                return like, other
        if alone is not None:
            own = content(a)
            said = self._pairs_said(got, own)
            asked_sum = a.compute is not None and got.derived is not None  # 平均每家 is no subject
            # 这个/它 point back in so many words: the words beside them ask about it
            # ("这个是每月还是每年的"), they need not be the entry's own.
            trusted = asked_sum or points_back(a)
            if got.status in ("no_match", "ambiguous") or (said == 0 and not trusted):
                # The conversation does not help, or the old subject would answer words it
                # never says ("镇江地铁有几条线" after 低保): the question as asked.
                return a, alone
            if self._new_subject(a, turn, alone, got):
                return a, alone
            new = [own[i : i + 2] for i in range(len(own) - 1) if own[i : i + 2] not in turn.said]
            if alone.status == "answered" and self._names(alone, new) > self._names(got, new):
                # Pointing back, but at a part the earlier entry is not named by ("之前说的
                # 流浪人员里成功寻亲的有几个"): the entry whose name says the new words.
                return a, alone
        return merged, got

    def _of_both(self, a: Ask, history: Sequence[Turn]) -> tuple[Ask, Answer] | None:
        """A computation asked of the two entries answered last, naming neither."""
        if a.compute is not None:
            return None
        op = pair_op(a.q.cleaned, pointed=not stands_alone(a))
        answered = [t for t in history if t.entry_id]
        if not op or len(answered) < 2 or answered[-1].entry_id == answered[-2].entry_id:
            return None
        old, new = (t.subject for t in answered[-2:])
        first, second = (new, old) if op == "share" else (old, new)  # a share: the later's
        ask = replace(a, compute=Compute(op, a=first, b=second), context=answered[-1].entry_id)
        got = self._answer(ask)
        d = got.derived
        if d is None or (op == "share" and not (0 < d.value <= 100 and len(d.inputs) == 2)):
            return None  # beds "within" institutions is no share of anything
        same = {self.book.facts(e).figure_kind for e in d.inputs}
        return (ask, got) if op != "share" or len(same) == 1 else None

    def _new_subject(self, a: Ask, turn: Turn, alone: Answer, got: Answer) -> bool:
        """Whether the question alone answers better than completed: its group is what the old
        subject lacks ("低保标准多少" -> "那孤儿呢"), or completed it would only answer the old
        entry again ("养老床位多少张" -> "那养老机构呢": the institutions, or a choice of them)."""
        if got.status == "not_stated" and got.reason == "population":
            return alone.status == "answered" and not alone.overview
        again = got.status == "answered" and got.hits and got.hits[0].entry.id == turn.entry_id
        return bool(again) and stands_alone(a) and not points_back(a) and alone.status != "no_match"

    def _pairs_said(self, got: Answer, words: str) -> int:
        """How many pairs of the question's own words the answering entry says (-1: no words
        or no entry to judge by)."""
        entries = [h.entry for h in (*got.hits[:1], *got.known_instead[:1])]
        if got.derived is not None:
            entries = list(got.derived.inputs)
        if len(words) < 2 or not entries:
            return -1
        said = " ".join(self.book.said(e).match_text for e in entries)
        return sum(words[i : i + 2] in said for i in range(len(words) - 1))

    def _names(self, got: Answer, pairs: Sequence[str]) -> int:
        """How many of these word pairs the answering entry's name (title, aliases) says."""
        name = self.book.names(got.hits[0].entry) if got.hits else ""
        return sum(p in name for p in pairs) if name else 0
