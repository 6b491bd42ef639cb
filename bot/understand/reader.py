"""The understand stage: a message in, its questions out, each one an `Ask`.

Runs once per message, before matching, and is the only place that reads question words: the
later stages read the `Ask`. It finds the sentences that ask (dropping greetings and stories
before them), normalizes each, and classifies what it asks for and what narrows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.knowledge.facts import read_claims
from bot.knowledge.models import Knowledge
from bot.lang.en import CLAIMS as CLAIMS_EN
from bot.lang.en import LEVELS as LEVELS_EN
from bot.lang.zh import question_words as qw
from bot.lang.zh.arithmetic import BACK_TO_BASE
from bot.lang.zh.article import NOT_ABOUT
from bot.lang.zh.claims import PREDICATES
from bot.lang.zh.claims import SYNONYMS as CLAIM_SYNONYMS
from bot.lang.zh.populations import EXCLUDING, NARROWING, QUALIFIERS
from bot.lang.zh.question_words import DEIXIS
from bot.understand import shape
from bot.understand.answer_type import aspect_of, classify, cue_pattern, direction_of, is_yesno
from bot.understand.ask import Ask, Shape
from bot.understand.compute import compute_of
from bot.understand.normalize import Normalized, Normalizer
from bot.understand.numbered import numbered_items, numbered_lead
from bot.understand.phrases import phrase_table, phrases_in

__all__ = ["Reader"]

_DEIXIS = cue_pattern(DEIXIS)
# A list item that asks in words of its own ("2. 床位有多少张"), not a bare name ("2. 床位数量").
_ASKS_ITSELF = cue_pattern((*qw.WH, *qw.YESNO_FORMS, *qw.DATE, *qw.YESNO_PARTICLES))
# Any claim word at all: most questions have none, and need no claim reading.
_CLAIMS_EN = [(re.compile(rf"\b{re.escape(w)}\b"), f) for w, f in CLAIMS_EN.items()]
_LEVELS_EN = [(re.compile(rf"\b{re.escape(w)}\b"), level) for w, level in LEVELS_EN]
_CLAIM_WORDS = cue_pattern((*(w for w, _f in PREDICATES), *CLAIM_SYNONYMS))
_EXCLUDING = "(?:" + "|".join(EXCLUDING) + ")"
_MIN_SUBJECT = 2  # Han characters of match text that make a clause a question of its own
# Words that name no subject: the aspect of a figure, how to work it out, a saying verb.
_NAMES_NOTHING = re.compile("|".join((*qw.ASPECT_NOUNS, *qw.AS_SAID, BACK_TO_BASE)))
_MIN_LENT = 2  # characters of known words a story clause lends (one character says nothing)


class Reader:
    """Reads messages for one loaded knowledge (its places, levels and population groups)."""

    def __init__(
        self,
        knowledge: Knowledge,
        normalizer: Normalizer,
        state: list[str] | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> None:
        """`state`: the words a reader built before for the same knowledge and code kept
        (`state()`, from the build cache): the vocabulary is then not read again. `known`: whether
        the knowledge has a two-character gram (the index's), to tell a story's subject words
        from its people and places."""
        self.normalizer = normalizer
        self._known = known
        groups = [*NARROWING, *(g for s in knowledge.scopes.values() for g in s.populations)]
        self._groups = phrase_table((g, g) for g in dict.fromkeys(groups))
        self._qualifiers = phrase_table((w, w) for w in QUALIFIERS)
        levels: list[tuple[str, str]] = []
        for scope in knowledge.scopes.values():
            levels += [(n, "city") for n in scope.city.names]
            levels += [(n, "province") for n in scope.province.names]
        self.levels = tuple(levels)
        # Vocabulary words that contain a word about the article (社会工作者 holds 作者): read
        # whole, they are the subject, not a question about the article.
        self._holders = state if state is not None else self._article_word_holders(knowledge)
        self._not_about = phrase_table(
            [(v, " ") for v in self._holders] + [(w, " ") for w in NOT_ABOUT]
        )

    def _article_word_holders(self, knowledge: Knowledge) -> list[str]:
        canonical = self.normalizer.canonical
        words = dict.fromkeys(v for e in knowledge.entries.values() for v in (e.title, *e.aliases))
        words.update(dict.fromkeys(k for t in knowledge.topics.values() for k in t.keywords))
        vocab = {canonical(v) for v in words}  # each word once, however many packs repeat it
        return sorted(v for v in vocab if shape.ARTICLE_WORDS.search(v) and len(v) > 2)

    def state(self) -> list[str]:
        """The vocabulary words holding a word about the article, for the build cache."""
        return list(self._holders)

    def read(self, message: str) -> list[Ask]:
        """The questions of a message, in the order asked (at least one)."""
        # Numbered items are questions each, bare noun phrases too ("2.兜底保障人次").
        numbered = numbered_items(message)
        sentences = numbered or shape.question_sentences(message) or [message]
        if not numbered and len(shape.after_lead_in(message)) > 1:
            sentences = [message]  # "列一下：A；B；C": the list is one sentence, not three
        lead = numbered_lead(message) if numbered else ""
        head = self.ask(lead) if lead else None
        if head is not None and (head.answer.kind or head.q.measure or head.aspect != "level"):
            # "三个涨幅分别是多少：1. 低保 2. …": an item that names only its subject asks what
            # the lead-in asks ("低保涨幅是多少").
            sentences = [s if _ASKS_ITSELF.search(s) else s + lead for s in sentences]
            head = None
        for i in range(len(sentences) - 1, 0, -1):
            if shape.completes_comparison(sentences[i]):  # "哪个涨得多？多几个点？"
                sentences[i - 1 : i + 1] = [sentences[i - 1] + sentences[i]]
        every = shape.clauses(message)
        asks: list[Ask] = []
        for i, sentence in enumerate(sentences):
            at = every.index(sentence) if sentence in every else 0
            pointed = ""  # the sentence read with the one its 它 / 这种 points back into
            if at > 0 and _DEIXIS.search(sentence) and not shape.asks(every[at - 1]):
                # "……有个婚俗改革宣教中心。请问它是什么级别的？": 它 is in the sentence before.
                # Read alone as well, for a deixis that names its noun again ("…楼下开了个老年
                # 助餐点，我爸天天去吃…。有多少个这样的助餐点").
                sentence, pointed = every[at - 1] + sentence, sentence
            listed = shape.after_lead_in(sentence)  # "麻烦列一下：A、B、C": before any story
            if len(listed) > 1:
                asks.extend(replace(self.ask(p), listed=True) for p in listed)
                continue
            readings = shape.without_story(sentence, self._lend)
            parts = shape.parts_of(readings[0])
            if len(parts) > 1:
                items = bool(shape.enumerated(readings[0]))
                # The story's words, lent to each part as a second reading ("…尊老金自己就打到
                # 卡上了…。这是个啥政策啊，哪年开始的？").
                fullest, alone = readings[-1], readings[0]
                story = fullest[: len(fullest) - len(alone)] if fullest.endswith(alone) else ""
                for p in parts:
                    a = replace(self.ask(p), listed=items)  # may follow up
                    if story:  # read with the story's words, qualified as the part alone
                        a = replace(a, lent=self._first_with_subject([story + p], like=a))
                    asks.append(a)
                continue
            if len(readings) > 1 and _DEIXIS.match(shape.last_clause(readings[0])):
                # "朋友说那边有个婚俗改革宣教中心，那是几A级的": it is in the story
                a = self._first_with_subject(readings[1:], like=self.ask(readings[0]))
            else:
                a = self._first_with_subject(readings)
                if len(readings) > 1 and a.text == readings[0]:
                    a = replace(a, lent=self._first_with_subject(readings[1:], like=a))
            if pointed:
                a = a.or_else(self.ask(pointed))
            if not self._names_own(a) and i == 0 and len(sentences) < len(every):
                # "关于低保。每个月多少钱？": the subject is in the sentence before the question;
                # a story before it lends its known words ("我家是低保户…。按涨幅倒推，2019年
                # 大概是多少" asks the 低保 standard, worked back).
                told = "，".join(filter(None, map(self._lend, every[:at])))
                lent = self._first_with_subject([f"{told}，{sentence}"], like=a) if told else a
                whole = self._first_with_subject(shape.without_story(message, self._lend))
                if self._names_own(lent):
                    a = lent
                elif self._has_subject(whole):
                    a = whole
            asks.append(a)
        if head is not None:  # "2024年的情况：1. 低保标准 2. …": the lead-in's year
            asks = [self._dated_as(a, head) for a in asks]
        return asks[: shape.MAX_PARTS]

    @staticmethod
    def _dated_as(a: Ask, head: Ask) -> Ask:
        """An item of a numbered list, of the year the lead-in names unless it names its own."""
        if a.q.years or a.q.baseline_years or not (head.q.years or head.q.baseline_years):
            return a
        q = replace(a.q, years=head.q.years, baseline_years=head.q.baseline_years)
        return replace(a, q=q)

    def _first_with_subject(self, readings: list[str], like: Ask | None = None) -> Ask:
        """The first reading of a clause that has a subject (else the fullest one).

        A story clause given back for its subject ("我家老人吃低保的，…每个月能拿多少钱") lends
        only its words: the people and places of the story are not what is asked about, so the
        qualifiers stay those of the question alone (`like`, else the first reading).
        """
        a = self.ask(readings[0])
        first = like or a
        for text in readings[1:]:
            if self._has_subject(a):
                break
            a = self.ask(text)
        if a is first:
            return a
        return replace(a, qualifiers=first.qualifiers, groups=first.groups, places=first.places)

    def _lend(self, clause: str) -> str:
        """What a story clause lends its question: the runs of it the knowledge has words for
        ("朋友说那边有个婚俗改革宣教中心挺有特色" -> 婚俗改革宣教中心), not the story's people."""
        if self._known is None:
            return clause
        text, known = self.normalizer.normalize(clause).text, self._known
        runs: list[str] = []
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or not known(text[i - 1 : i + 1]):
                if i - start >= _MIN_LENT:
                    runs.append(text[start:i])
                start = i
        return " ".join(runs)

    def _names_own(self, a: Ask) -> bool:
        """Whether a question names a subject beyond words about the article, the aspect of a
        figure and how to work it out ("按文章说的涨幅倒推，2019年大概是多少" names none)."""
        if not self._has_subject(a):
            return False
        rest = _NAMES_NOTHING.sub("", shape.ARTICLE_WORDS.sub("", a.q.text))
        return len(rest) >= _MIN_SUBJECT or bool(a.q.english) or bool(a.q.place_refs)

    @staticmethod
    def _has_subject(a: Ask) -> bool:
        q = a.q
        return (
            len(q.text) >= _MIN_SUBJECT or bool(q.english) or bool(q.numbers) or bool(q.place_refs)
        )

    def ask(self, text: str) -> Ask:
        """One question, understood."""
        q = self.normalizer.normalize(text)
        cleaned = q.cleaned
        claims = read_claims(cleaned, self.levels) if _CLAIM_WORDS.search(cleaned) else ()
        said = [w for w in CLAIM_SYNONYMS if w in cleaned]
        said = [w for w in said if not any(w in longer and w != longer for longer in said)]
        claims += tuple(
            (family, "")
            for word in said
            for family in CLAIM_SYNONYMS[word]
            if not any(c[0] == family for c in claims)
        )
        if q.english:
            level = next((lv for pattern, lv in _LEVELS_EN if pattern.search(cleaned)), "")
            claims += tuple(
                (family, level)
                for pattern, families in _CLAIMS_EN
                if pattern.search(cleaned)
                for family in families
                if not any(c[0] == family for c in claims)
            )
        groups = tuple(phrases_in(self._groups, cleaned))
        excluded = tuple(g for g in groups if re.search(_EXCLUDING + re.escape(g), cleaned))
        yesno = is_yesno(cleaned, q, has_claim=bool(claims))
        answer = classify(cleaned, q, yesno=yesno)
        has_subject = len(q.text) >= _MIN_SUBJECT and not self._only_article_words(q)
        about = has_subject or bool(q.numbers)
        field = shape.article_field(self._not_about.apply(cleaned), about)
        if field in ("coverage", "card") and (
            any(p.role != "city" for p in q.place_refs) or q.years
        ):
            field = ""  # "丹阳在这篇文章里有什么内容", "what happened in 2022": an overview
        kind: Shape = "single"
        if field:
            kind = "article"
        elif q.chitchat:
            kind = "chitchat"
        elif q.empty and not q.place_refs:
            kind = "empty"
        return Ask(
            text=text,
            q=q,
            shape=kind,
            answer=answer,
            aspect=aspect_of(cleaned, q, answer),
            places=q.place_refs,
            qualifiers=tuple(phrases_in(self._qualifiers, cleaned)),
            groups=tuple(g for g in groups if g not in excluded),
            excluded=excluded,
            claims=claims if yesno else (),
            direction=direction_of(cleaned) if yesno else "",
            listing=shape.is_listing(cleaned, q.english),
            attributes=shape.attributes_in(cleaned),
            article_field=field,
            compute=compute_of(cleaned) if kind == "single" else None,
        )

    def _only_article_words(self, q: Normalized) -> bool:
        """Whether the match text is nothing but words about the article ("作者", "标题")."""
        rest, english = self.normalizer.leftover(shape.ARTICLE_WORDS.sub(" ", q.cleaned))
        rest = _DEIXIS.sub("", rest)  # "这是第几篇": 这 points at the article itself
        return len(rest) < _MIN_SUBJECT and not english
