"""The answer engine: one question in, one `Answer` out, with no I/O and no Telegram.

The decision is deliberately separate from matching: `bot.match.index` ranks entries, this module
decides whether the best one is *the* answer. As in Rasa's ambiguity threshold, a score threshold
and a margin over the runner-up calibrate it; the margin asked for grows as the score falls
(`MARGIN` at `ANSWER_SCORE`, `DOMINANT_MARGIN` at `DOMINANT_SCORE`). Out-of-scope questions
(another city, the province, a year the article gives no figure for, a metric it does not contain,
chit-chat) are refused before or after ranking, and the refusal carries what the article does say
(`known_instead`).

A figure and the programme it belongs to often quote the same sentence (the indicator "近2万名
网格员" and the Q&A "小网格+大救助"). They are not rivals: the kind of question picks one
("多少" a figure, "是什么" a programme) and the other follows it as related, instead of a needless
"did you mean".
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer import Answer, Hit, Lang, Reason
from bot.knowledge.models import Entry, Indicator, Knowledge, Topic
from bot.match.cache import IndexCache
from bot.match.index import Index, Scored
from bot.understand.normalize import Normalized, Normalizer, words

__all__ = ["ANSWER_SCORE", "MARGIN", "Engine", "settle_heap"]

log = logging.getLogger(__name__)

ANSWER_SCORE = 58.0  # at or above (with MARGIN over the runner-up): answered
MARGIN = 6.0
DOMINANT_SCORE = 42.0  # a weaker best is still the answer when it leads by DOMINANT_MARGIN
DOMINANT_MARGIN = 18.0
MIN_SCORE = 36.0  # below: nothing close enough
AMBIGUOUS_BAND = 15.0  # candidates within this many points of the best are offered
EXACT_SCORE = 80.0  # text score that counts as "the question names this entry"
FOLD_BAND = 15.0  # a same-sentence entry of the wanted kind this close takes over
WHAT_FOLD_BAND = 20.0  # ... wider when the wording asks outright for the programme (怎么办, 是什么)
NAMED_LEAD = 5.0  # text lead of the entry a question names over a best that only fits the unit

# Metrics people ask about that a civil-affairs article does not contain. A question naming one
# is refused unless it names an entry almost exactly.
OUT_OF_SCOPE_METRICS: tuple[str, ...] = words(
    "人口 户籍 gdp 生产总值 经济增长 房价 房租 工资 收入 财政 税收 失业 "
    "就业 物价 cpi 面积 高考 中考 医院 学校 地铁 高铁 交通 旅游 "
    "景点 气温 疫情 出生率 离婚 股票 材料 电话 地址 上班 门票 预约 怎么走 联系方式 "
    "办公时间 养老保险 养老金 社保 医保 公积金 退休 医疗救助 教育救助 住房救助 就业救助 "
    "受灾 残疾 体育彩票 体彩 低保边缘 低收入 特困 population salary income housing price "
    "weather unemployment pension"
)
# Groups of people: "有多少X" asks for a head count, which is not a figure of the article.
POPULATION: tuple[str, ...] = words(
    "老年人 老人 老龄人口 儿童 孤儿 困境儿童 留守儿童 未成年人 困难群众 残疾人 居民 市民 "
    "常住人口 户籍人口 人口 家庭 独居老人 空巢老人"
)
# Words that make a question a request for a topic's list ("养老方面有哪些数据").
BROAD_MARKERS: tuple[str, ...] = words(
    "方面 哪些 有什么 都有什么 什么数据 数据 数字 统计 情况 概况 成绩 成就 "
    "成效 介绍 总结 都有 相关 所有 全部 内容 指标 亮点 举措 措施 "
    "工作 领域 板块 讲了 说了 做了 列一下 列出来 列出 列举 罗列 汇总 "
    "盘点 一览 清单"
)
# What may be left of a topic-list question once topic words and markers are gone.
_LIST_LEFTOVER = words("都 这块 这一块 这方面 这边 一下 给我 看看 说说 讲讲 列 出 来 一 下")
_BROAD_EN = frozenset(
    ["overview", "figure", "statistic", "stat", "data", "summary", "list", "everything", "all"]
)
_PROVINCE = re.compile(r"江苏|全省|jiangsu|province")
# A province named as the yardstick of a ranking is about 镇江, not about the province.
_RANKING = re.compile(
    r"排名|排第|排位|名次|第一|第几|最高|最低|前列|领先|率先|方阵|首个|首创|全省最|"
    r"rank|first|top|highest|lead"
)
_NOW = ("截至报道时", "目前", "现有", "现在", "当前")
_COMPARE = re.compile(r"比|较|相比|对比|提高|增长|增加|上涨|涨了|变化|以来|多了|翻")
# An amount asked for outright: a programme that states no figure cannot answer it.
_ASKS_AMOUNT = re.compile(r"多少|(?<!第)几(?!乎)|how much|how many")  # 第几 asks a rank
# Kinds of figure a wrong unit rules out; 个 / 项 are loose classifiers ("多少个床位").
_STRICT_MEASURES = frozenset({"money", "people", "percent", "age"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]+")


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


def _margin_needed(score: float) -> float:
    """The lead over the runner-up that makes `score` an answer: MARGIN at ANSWER_SCORE and
    above, growing linearly to DOMINANT_MARGIN at DOMINANT_SCORE; below that, never."""
    if score >= ANSWER_SCORE:
        return MARGIN
    if score < DOMINANT_SCORE:
        return float("inf")
    slope = (DOMINANT_MARGIN - MARGIN) / (ANSWER_SCORE - DOMINANT_SCORE)
    return DOMINANT_MARGIN - (score - DOMINANT_SCORE) * slope


def _topic_hits(entries: Sequence[Entry]) -> tuple[Hit, ...]:
    return tuple(Hit(e, 100.0) for e in entries)


def _same_sentence(a: Entry, b: Entry) -> bool:
    """Whether two entries quote the same sentence of the article (one quote contains the other)."""
    qa, qb = a.quote.strip(), b.quote.strip()
    return bool(qa and qb) and (qa in qb or qb in qa)


class Engine:
    """Answers questions about the loaded knowledge. Build once; `ask` is pure CPU."""

    def __init__(self, knowledge: Knowledge, *, index_cache: IndexCache | None = None) -> None:
        self.knowledge = knowledge
        self.normalizer = Normalizer.for_knowledge(knowledge)
        # The build cache (bot.match.cache) is the caller's choice: the engine itself does no I/O.
        self.index = (
            index_cache.index(knowledge, self.normalizer)
            if index_cache is not None
            else Index(knowledge, self.normalizer)
        )
        years = [y for e in knowledge.entries.values() for y in e.years]
        self.first_year = min(years) if years else 0
        self.last_year = max(years) if years else 0
        self._topics = tuple(knowledge.topics.values())
        self._population = frozenset(self.normalizer.index_text(w) for w in POPULATION) - {""}
        # The programme (Q&A) whose sentence states each figure: it answers for tied figures.
        self._programme: dict[str, Entry] = {}
        qas = [e for e in knowledge.entries.values() if e.kind == "qa" and e.quote.strip()]
        by_quote: dict[str, list[str]] = {}
        for e in knowledge.entries.values():
            if e.kind == "indicator" and e.quote.strip():
                by_quote.setdefault(e.quote.strip(), []).append(e.id)
        for quote, ids in by_quote.items():
            qa = next((x for x in qas if quote in x.quote), None)
            if qa is not None:
                self._programme.update(dict.fromkeys(ids, qa))

    # ---- public -----------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """Never raises: any failure becomes a `no_match` answer (and a log line)."""
        q = question if isinstance(question, str) else ""
        try:
            return self._ask(q)
        except Exception:  # the bot must keep answering whatever arrives
            log.exception("engine failed on a question of %d characters", len(q))
            return Answer(
                question=q,
                normalized="",
                status="no_match",
                reason="low_score",
                suggestions=self._topics[:6],
            )

    def search(self, question: str, limit: int = 10) -> list[Scored]:
        """Ranked entries without the decision (for inline results and curation)."""
        return self.index.search(self.normalizer.normalize(question), limit=limit)

    # ---- decision ---------------------------------------------------------------------------

    def _no_match(
        self,
        question: str,
        q: Normalized,
        reason: Reason,
        *,
        known: Sequence[Scored] = (),
        suggestions: Sequence[Topic] = (),
        detail: str = "",
    ) -> Answer:
        return Answer(
            question=question,
            normalized=q.text,
            status="no_match",
            reason=reason,
            known_instead=tuple(Hit(s.entry, round(s.score, 1)) for s in known),
            suggestions=tuple(suggestions) or self._topics,
            detail=detail,
        )

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

    def _ask(self, question: str) -> Answer:
        q = self.normalizer.normalize(question)
        answer = self._decide(question, q)
        if self.language(q) == "en":
            answer = replace(answer, lang="en")
        return answer

    def _decide(self, question: str, q: Normalized) -> Answer:
        if q.chitchat:
            return self._no_match(question, q, "chitchat")
        if q.empty and not q.other_places:
            return self._no_match(question, q, "empty")

        if q.other_places and not q.places:
            found = self.index.search(q, limit=3)
            floor = max(ANSWER_SCORE, found[0].score - AMBIGUOUS_BAND) if found else 0.0
            known = [s for s in found if s.score >= floor][:2]
            return self._no_match(
                question, q, "other_place", known=known, detail="、".join(q.other_places)
            )

        if (
            q.intent == "quantity"
            and q.text in self._population
            and not q.numbers
            and q.measure in ("", "people")
        ):
            # "镇江有多少老年人": a head count of a group, which the article never gives (its
            # figures count what programmes did), and not a request for the topic's list either.
            return self._no_match(
                question,
                q,
                "unknown_metric",
                detail=f"{q.text}总数",
                suggestions=self._suggest(self.index.search(q, limit=5)),
            )
        topic_answer = self._topic_list(question, q)
        if topic_answer is not None:
            return topic_answer

        results = self.index.search(q, limit=12)
        oos = self._out_of_scope_metric(q)
        best = results[0] if results else None
        if oos and (best is None or best.text_score < EXACT_SCORE):
            return self._no_match(
                question, q, "unknown_metric", detail=oos, suggestions=self._suggest(results)
            )
        if best is None or best.score < MIN_SCORE:
            return self._no_match(question, q, "low_score", suggestions=self._suggest(results))
        # "尊老金有多少": an amount of money asked of a programme that states none.
        asks_amount = q.measure_named or (
            q.measure == "money" and bool(_ASKS_AMOUNT.search(q.cleaned))
        )
        figureless = self.index.figureless[self.index.entry_index(best.entry.id) or 0]
        if (
            asks_amount
            and figureless
            and not best.number_match
            and not self._states_the_figure(best, results)
        ):
            # "高龄津贴每月多少钱": the programme is in the article, the figure asked for is not.
            return self._no_match(
                question,
                q,
                "unknown_metric",
                known=[best],
                detail=q.text or best.entry.title,
                suggestions=self._suggest(results),
            )
        named = self._named_without_figure(q, best, results)
        if named is not None:
            # "临时救助标准是多少钱": the programme named is in the article, but its figure is a
            # head count; a lesser match that happens to have the unit is not the answer.
            return self._no_match(
                question,
                q,
                "unknown_metric",
                known=[named],
                detail=q.text or named.entry.title,
                suggestions=self._suggest(results),
            )
        if self._about_province(q, best):
            floor = max(ANSWER_SCORE, best.score - AMBIGUOUS_BAND)
            known = [s for s in results if s.score >= floor][:2]
            return self._no_match(question, q, "other_place", known=known, detail="江苏全省")

        if q.years or q.baseline_years:
            fitted = [(s, self._year_fit(s.entry, q)) for s in results]
            ok = [s for s, fit in fitted if fit in ("match", "neutral")]
            if fitted[0][1] not in ("match", "neutral"):
                alt = ok[0] if ok else None
                if alt is None or alt.score < max(MIN_SCORE, best.score - 10.0):
                    floor = max(MIN_SCORE, best.score - AMBIGUOUS_BAND)
                    known = [s for s, fit in fitted if fit != "mismatch" or s is best]
                    known = [s for s in known if s.score >= floor][:2] or [best]
                    years = "、".join(str(y) for y in self._asked_years(q))
                    return self._no_match(question, q, "unknown_year", known=known, detail=years)
            results = ok
            if not results:  # pragma: no cover - guarded above
                return self._no_match(question, q, "low_score")

        results, folded = self._fold_same_sentence(q, results)
        best = results[0]
        # A figure and the programme stating it are not rivals: the other one follows as related
        # (when the best is a good match on its own, not a weak one propped up by its partner).
        partners = [
            s.entry
            for s in results[1:]
            if best.score >= ANSWER_SCORE
            and s.entry.kind != best.entry.kind
            and s.score >= best.score - AMBIGUOUS_BAND
            and _same_sentence(s.entry, best.entry)
        ]
        if partners:
            folded.setdefault(best.entry.id, []).extend(partners)
        partner_ids = {e.id for e in partners}
        second = next(
            (
                s
                for s in results[1:]
                if s.entry.id != best.entry.id and s.entry.id not in partner_ids
            ),
            None,
        )
        s2 = second.score if second is not None else 0.0
        clear = best.score - s2 >= _margin_needed(best.score)
        if not clear and second is not None:
            programme = self._programme_for_tie(question, q, results)
            if programme is not None:
                return programme
        if clear:
            reason: Reason = ""
            if best.number_match and best.text_score < ANSWER_SCORE:
                reason = "number_lookup"
            hits = [Hit(best.entry, round(best.score, 1))]
            by_id = {s.entry.id: s for s in results}
            seen = {best.entry.id}
            for e in (*folded.get(best.entry.id, ()), *self._related(best.entry)):
                if e.id not in seen:
                    seen.add(e.id)
                    rs = by_id.get(e.id)
                    hits.append(Hit(e, round(rs.score, 1) if rs else 0.0))
            return Answer(
                question=question,
                normalized=q.text,
                status="answered",
                reason=reason,
                hits=tuple(hits),
            )
        if best.score < DOMINANT_SCORE and s2 < DOMINANT_SCORE and not best.number_match:
            return self._no_match(question, q, "low_score", suggestions=self._suggest(results))
        floor = max(MIN_SCORE, best.score - AMBIGUOUS_BAND)
        cands = [s for s in results if s.score >= floor][:5]
        return Answer(
            question=question,
            normalized=q.text,
            status="ambiguous",
            reason="close_candidates",
            hits=tuple(Hit(s.entry, round(s.score, 1)) for s in cands),
        )

    # ---- helpers ----------------------------------------------------------------------------

    def _programme_for_tie(
        self, question: str, q: Normalized, results: list[Scored]
    ) -> Answer | None:
        """Two figures of one sentence tie ("镇江人捐款多不多，在江苏排名怎么样": total and per
        capita): the programme that states the sentence answers both, the figures follow."""
        best = results[0]
        qa = self._programme.get(best.entry.id)
        if qa is None or best.score < DOMINANT_SCORE or best.unit_fit < 0:
            return None
        family = [s for s in results if self._programme.get(s.entry.id) is qa and s.unit_fit >= 0]
        rivals = [s for s in results if s not in family and s.entry.id != qa.id]
        if len(family) < 2:
            return None
        if rivals and best.score - rivals[0].score < _margin_needed(best.score):
            return None
        floor = best.score - AMBIGUOUS_BAND
        hits = [Hit(qa, round(best.score, 1))]
        hits += [Hit(s.entry, round(s.score, 1)) for s in family if s.score >= floor]
        return Answer(
            question=question,
            normalized=q.text,
            status="answered",
            hits=tuple(hits),
        )

    def _states_the_figure(self, best: Scored, results: Sequence[Scored]) -> bool:
        """Whether a figure of the best programme's own sentence, of the kind asked, is close
        behind it: the fold will answer with that figure, so the programme is no dead end."""
        return any(
            s.entry.kind == "indicator"
            and s.unit_fit >= 0
            and s.score >= best.score - FOLD_BAND
            and _same_sentence(s.entry, best.entry)
            for s in results
        )

    def _named_without_figure(
        self, q: Normalized, best: Scored, results: Sequence[Scored]
    ) -> Scored | None:
        """The entry the question names best, when its figure is not the kind asked for (and no
        figure of its sentence is) while a weaker text match with the right unit leads."""
        if not q.measure_named or q.measure not in _STRICT_MEASURES or best.number_match:
            return None
        named = max(results, key=lambda s: s.text_score)
        if named is best or named.unit_fit >= 0 or named.number_match:
            return None
        if named.text_score < best.text_score + NAMED_LEAD:
            return None
        if _same_sentence(named.entry, best.entry):
            return None
        return named

    def _related(self, entry: Entry) -> list[Entry]:
        got = (self.knowledge.entries.get(rid) for rid in entry.related)
        return [e for e in got if e is not None and e.id != entry.id]

    def _fold_same_sentence(
        self, q: Normalized, results: list[Scored]
    ) -> tuple[list[Scored], dict[str, list[Entry]]]:
        """Merge a figure and a programme that quote the same sentence into one candidate.

        "多少 / 几 / how many" (or a number) wants the figure, anything else the programme. An
        entry of the other kind steps aside for the wanted-kind entries of its sentence, lending
        them its score (all by the same amount, so rival figures of that sentence stay rivals),
        and is listed as related to the one that wins.
        """
        wanted = "indicator" if q.intent == "quantity" else "qa"
        band = WHAT_FOLD_BAND if q.intent == "what" else FOLD_BAND
        scores = {s.entry.id: s.score for s in results}
        folded: dict[str, list[Entry]] = {}
        gone: set[str] = set()
        for s in results:
            if s.entry.kind == wanted or s.entry.id in gone:
                continue
            partners = [
                t
                for t in results
                if t.entry.kind == wanted
                and t.unit_fit >= 0
                and t.entry.id not in gone
                and t.score >= s.score - band
                and _same_sentence(s.entry, t.entry)
            ]
            if not partners:
                continue
            top = max(partners, key=lambda t: scores[t.entry.id])
            lift = max(0.0, s.score - scores[top.entry.id])
            for t in partners:
                scores[t.entry.id] = min(100.0, scores[t.entry.id] + lift)
            gone.add(s.entry.id)
            folded.setdefault(top.entry.id, []).append(s.entry)
        if not gone:
            return results, folded
        kept = [
            replace(s, score=scores[s.entry.id]) if scores[s.entry.id] != s.score else s
            for s in results
            if s.entry.id not in gone
        ]
        order = {s.entry.id: i for i, s in enumerate(results)}
        kept.sort(key=lambda s: (-s.score, order[s.entry.id]))
        return kept, folded

    def _suggest(self, results: Sequence[Scored]) -> tuple[Topic, ...]:
        seen: list[Topic] = []
        for s in results[:5]:
            t = self.knowledge.topics.get(s.entry.topic)
            if t is not None and t not in seen and s.score >= 20:
                seen.append(t)
        return tuple(seen) or self._topics

    def _out_of_scope_metric(self, q: Normalized) -> str:
        hay = q.cleaned
        for term in OUT_OF_SCOPE_METRICS:
            if term in hay:
                as_typed = re.search(re.escape(term), q.raw, re.IGNORECASE)
                return as_typed.group(0) if as_typed else term  # "GDP", not "gdp"
        return ""

    def _about_province(self, q: Normalized, best: Scored) -> bool:
        """A provincial figure is asked for ("江苏全省低保标准"), which the article does not give;
        "全省排第几" / "全省最高" only use the province as a yardstick for 镇江."""
        if not q.province or q.places or _RANKING.search(q.cleaned):
            return False
        e = best.entry
        own = self.normalizer.canonical(" ".join((e.title, *e.aliases)))
        return not _PROVINCE.search(own)

    def _topic_list(self, question: str, q: Normalized) -> Answer | None:
        topics = self.index.topics_in(q)
        if not topics or len({t.id for t in topics}) != 1:
            return None
        topic = topics[0]
        rest = q.cleaned
        for k in self.index.topic_keys_in(q):
            rest = rest.replace(k, "")
        broad = False
        for m in sorted(BROAD_MARKERS, key=len, reverse=True):
            if m in rest:
                broad = True
                rest = rest.replace(m, "")
        if any(w.rstrip("s") in _BROAD_EN for w in q.english):
            broad = True
        leftover, rest_en = self.normalizer.leftover(rest)
        for p in ("镇江", "全市", "市", "里", "上", "中", "和", "与", *_LIST_LEFTOVER):
            leftover = leftover.replace(p, "")
        en_left = [w for w in rest_en if w.rstrip("s") not in _BROAD_EN and len(w) > 2]
        en_topic = set()
        for w in topic.name_en.lower().split():
            en_topic.add(w.rstrip("s"))
        en_left = [w for w in en_left if w.rstrip("s") not in en_topic]
        if leftover or en_left or q.numbers:
            return None
        # A bare topic word ("养老", "殡葬") lists the topic unless an entry is named by it.
        # ... and a question for one figure ("社会救助花了多少钱") is not a request for a list.
        if not broad and (q.text in self.index.exact or q.years or q.intent == "quantity"):
            return None
        entries = self.knowledge.topic_entries(topic.id)
        if not entries:
            return None
        if q.years:
            entries = [e for e in entries if self._year_fit(e, q) in ("match", "neutral")]
            if not entries:
                return None
        return Answer(
            question=question,
            normalized=q.text,
            status="answered",
            reason="topic_list",
            hits=_topic_hits(entries),
            topic=topic,
        )

    def _asked_years(self, q: Normalized) -> list[int]:
        return list(q.years) or list(q.baseline_years)

    def _baseline_fit(self, e: Entry, q: Normalized) -> str:
        """Whether the entry can answer a comparison with the question's base year."""
        bys = set(q.baseline_years)
        if self.last_year and any(y > self.last_year or y < self.first_year for y in bys):
            return "mismatch"
        stated = {int(m) for m in re.findall(r"(?:19|20)\d\d", getattr(e, "baseline", ""))}
        if stated:
            return "match" if bys <= stated else "mismatch"
        if all(str(y) in e.quote for y in bys):
            return "neutral"
        return "mismatch" if isinstance(e, Indicator) else "partial"

    def _year_fit(self, e: Entry, q: Normalized) -> str:
        """match / neutral / partial (inside a multi-year span) / mismatch."""
        if q.baseline_years:
            base = self._baseline_fit(e, q)
            if base not in ("match", "neutral") or not q.years:
                return base
        qs = set(q.years)
        if not qs:
            return "neutral"
        outside = any(y > self.last_year or y < self.first_year for y in qs)
        open_span = q.year_range and len(qs) == 1 and min(qs) <= self.last_year
        if self.last_year and outside and not open_span:
            return "mismatch"
        ys = set(e.years)
        if not ys:
            # An undated figure is the present state (目前) or a total over the years (累计): it
            # answers for the article's latest year at most, not for "2022年".
            if q.year_range or (qs == {self.last_year} and e.period.strip() in _NOW):
                return "neutral"
            return "partial"
        if q.year_range:
            lo = min(qs)
            hi = max(qs) if len(qs) > 1 else self.last_year or lo
            return "match" if any(lo <= y <= hi for y in ys) else "mismatch"
        baseline_years = {int(m) for m in re.findall(r"(?:19|20)\d\d", getattr(e, "baseline", ""))}
        if qs <= baseline_years:
            # The baseline year is stated only as a comparison ("较2019年提高16.7%"): it answers
            # "2019年以来提高了多少", not "2019年的标准是多少".
            return "match" if q.change or _COMPARE.search(q.cleaned) else "partial"
        if not qs <= ys:
            return "mismatch"
        if len(ys) == 1:
            return "match"
        named = " ".join((e.period, e.title, *e.aliases, *e.questions))
        if all(str(y) in named for y in qs):
            return "match"
        return "partial"
