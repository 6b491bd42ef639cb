"""The engine's start-up tables: built from the knowledge, or read back from the build cache.

A cold start reads every entry several times over: the normalizer its vocabulary, the index its
strings, the reader its names, the fact book its facts, the decider its sentences. A warm start
(a valid ``index-<key>.bin``, `bot.match.cache`) reads none of them: the index data and the
others' tables (`extra`, plain JSON values) come from the file, and each part is rebuilt from
them exactly as the build left it. The file is written only by a cold build of the same
knowledge and code; anything in `extra` that does not fit is ignored and rebuilt, never served.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.decide.book import FactBook
from bot.decide.decider import Decider
from bot.decide.thresholds import Thresholds
from bot.knowledge.models import Knowledge
from bot.match.cache import IndexCache, content_key
from bot.match.grams import Strings
from bot.match.index import Index
from bot.understand.normalize import Normalizer
from bot.understand.reader import Reader

__all__ = ["Parts", "build_parts"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Parts:
    normalizer: Normalizer
    index: Index
    reader: Reader
    book: FactBook
    decider: Decider

    def extra(self) -> dict[str, Any]:
        """What a warm start needs besides the index data and the fact book's rows."""
        return {
            "normalizer": self.normalizer.state(),
            "reader": self.reader.state(),
            "programme": self.decider.programme_ids(),
        }


def _fresh(knowledge: Knowledge, thresholds: Thresholds) -> Parts:
    normalizer = Normalizer.for_knowledge(knowledge)
    index = Index(knowledge, normalizer)
    book = FactBook(knowledge, normalizer)
    parts = Parts(
        normalizer,
        index,
        Reader(knowledge, normalizer, known=index.ch["char"].indexed),
        book,
        Decider(knowledge, book, thresholds),
    )
    # The engine can answer now; the pinyin channel (typos, typed pinyin) follows on a thread.
    index.data.readings.start("pinyin-channel")
    return parts


def _from_cache(
    knowledge: Knowledge, thresholds: Thresholds, data: Any, extra: Any, rows: Strings
) -> Parts:
    normalizer = Normalizer.for_knowledge(knowledge, extra["normalizer"])
    book = FactBook(knowledge, normalizer, rows)
    index = Index(knowledge, normalizer, data=data)
    return Parts(
        normalizer,
        index,
        Reader(knowledge, normalizer, extra["reader"], known=index.ch["char"].indexed),
        book,
        Decider(knowledge, book, thresholds, extra["programme"]),
    )


def build_parts(knowledge: Knowledge, thresholds: Thresholds, cache: IndexCache | None) -> Parts:
    """The parts of an engine for `knowledge`: from `cache` when it holds them, else built (and
    saved to `cache`, when there is one)."""
    if cache is None:
        return _fresh(knowledge, thresholds)
    key = content_key(knowledge)
    got = cache.load(key, len(knowledge.entries))
    if got is not None:
        try:
            return _from_cache(knowledge, thresholds, *got)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            cache.last = "corrupt"
            log.warning(
                "cache %s ignored: tables undecodable (%r); rebuilding", cache.path(key), exc
            )
    parts = _fresh(knowledge, thresholds)
    cache.save_later(key, parts.index.data, parts.extra(), list(parts.book.state()))
    return parts
