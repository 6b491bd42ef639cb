"""The domain words a question is checked against: topic names and keywords, distinctive terms.

Topic words say which part of the article a question is about (a signal, and what a topic-list
question asks for). Distinctive terms (glossary words, topic keywords that few entries use)
let the index tell an entry that never mentions what the question names (低保, 孤儿) from one
that does. Both are small tables rebuilt at every start from the knowledge: not worth caching.
"""

from __future__ import annotations

import math

from bot.knowledge.models import Knowledge, Topic
from bot.knowledge.restore import Restorer
from bot.match.grams import Channel
from bot.understand.normalize import (
    Normalized,
    Normalizer,
    english_words,
    phrase_table,
    phrases_in,
    stem,
)

__all__ = ["TERM_MAX_SHARE", "DomainWords"]

TERM_MAX_SHARE = 0.2  # a term in more entries than this share is not distinctive


class DomainWords:
    """Look-ups of topic words and distinctive terms in a question."""

    def __init__(self, knowledge: Knowledge, normalizer: Normalizer, char: Channel) -> None:
        self.knowledge = knowledge
        self.normalizer = normalizer
        self._topic_by_key: dict[str, str] = {}
        self._topic_en: list[tuple[frozenset[str], str]] = []
        self.topic_names: set[str] = set()
        self._topic_table = self._build_topics()
        self._term_grams: dict[str, tuple[str, ...]] = {}
        self._term_table = self._build_terms(char)

    def _build_topics(self) -> Restorer:
        pairs: list[tuple[str, str]] = []
        for t in self.knowledge.topics.values():
            for k in (t.name, *t.keywords):
                key = self.normalizer.canonical(k)
                if key and key not in self._topic_by_key:
                    self._topic_by_key[key] = t.id
                    pairs.append((key, key))
            self.topic_names.add(self.normalizer.index_text(t.name))
            words = frozenset(english_words(t.name_en))
            if words:
                self._topic_en.append((words, t.id))
        return phrase_table(pairs)

    def _build_terms(self, ch: Channel) -> Restorer:
        """Distinctive domain terms (glossary words, topic keywords) and their bigrams: an entry
        that mentions none of a term's wording is not about what the question names."""
        raw = [g.canonical for p in self.knowledge.packs for g in p.glossary]
        raw += [k for t in self.knowledge.topics.values() for k in t.keywords]
        n_entries = len(self.knowledge.entries)
        n = max(n_entries, 1)
        limit = max(2.0, TERM_MAX_SHARE * n_entries)
        pairs: list[tuple[str, str]] = []
        for w in raw:
            text = self.normalizer.index_text(w)
            if len(text) < 2 or text in self._term_grams:
                continue
            grams = tuple(text[i : i + 2] for i in range(len(text) - 1))
            # Entries holding the term's rarest bigram (read back from its IDF): cheap on a big
            # pack, and an upper bound of the entries holding the whole term.
            df = min((n / math.expm1(ch.idf[ch.ids[g]]) if g in ch.ids else 0.0) for g in grams)
            if 0.5 <= df <= limit:
                self._term_grams[text] = grams
                pairs.append((text, text))
        return phrase_table(pairs)

    def topics_in(self, q: Normalized) -> list[Topic]:
        """Topics whose name or keywords the question uses."""
        seen: list[str] = []
        for k in phrases_in(self._topic_table, q.cleaned):
            tid = self._topic_by_key[k]
            if tid not in seen:
                seen.append(tid)
        words = set(stem(w) for w in q.english)
        for ws, tid in self._topic_en:
            if ws <= words and tid not in seen:
                seen.append(tid)
        return [self.knowledge.topics[t] for t in seen if t in self.knowledge.topics]

    def topic_keys_in(self, q: Normalized) -> list[str]:
        """The topic words themselves, as found in the question (to measure what is left)."""
        return phrases_in(self._topic_table, q.cleaned)

    def terms_in(self, text: str) -> list[tuple[str, ...]]:
        """The bigrams of each distinctive term the text names."""
        return [self._term_grams[t] for t in phrases_in(self._term_table, text)]
