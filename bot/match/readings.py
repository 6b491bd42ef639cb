"""The pinyin channel, built apart from the other tables: on a thread, while answers start.

Only a question with a homophone typo or typed pinyin reads it (`bot.match.scoring`), and it is
a quarter of a cold build, so it need not hold up the first answer. It is made from what the
main build already has, each field's match text and how it is read, in the order the build
walks the fields, so its tables are exactly those a single walk made.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.match.grams import Channel, ChannelBuilder, Strings, StringsBuilder
from bot.understand.pinyin import pinyin_of

__all__ = ["NO_READING", "READ", "READ_AND_INDEXED", "Readings", "ReadingsPlan", "build_readings"]

# How a field is read (`ReadingsPlan.reads`): English has no reading; a quote or answer is read
# (its syllables are known to typed pinyin) but not indexed; a title, alias or phrasing is both.
NO_READING, READ, READ_AND_INDEXED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Readings:
    """The pinyin channel's tables."""

    channel: Channel
    field_pinyin: Strings  # per index field: its syllables space-joined ("" outside the channel)
    syllables: frozenset[str]  # every syllable of the index strings (for pinyin input)


@dataclass(frozen=True, slots=True)
class ReadingsPlan:
    """What the main build hands over: plain tables, read only."""

    field_text: Strings  # per index field: its match text
    reads: array[int]  # per index field: NO_READING, READ or READ_AND_INDEXED
    weight: array[float]  # per index field: its kind's weight
    entry_end: array[int]  # per entry: the end of its index fields
    entry_topic: Sequence[str]  # per entry: its topic
    topic_grams: Mapping[str, dict[str, float]]  # per topic: the grams of its words


def build_readings(plan: ReadingsPlan) -> Readings:
    """The pinyin channel of the fields in `plan`: one reading per distinct text."""
    ch = ChannelBuilder("pinyin")
    pinyins = StringsBuilder()
    syllables: set[str] = set()
    joined_of: dict[str, str] = {}  # text -> its syllables joined
    topic_codes: dict[str, str] = {}
    texts, reads, weight = plan.field_text, plan.reads, plan.weight
    start = 0
    for end, topic in zip(plan.entry_end, plan.entry_topic, strict=True):
        for fid in range(start, end):
            how = reads[fid]
            if how == NO_READING:
                pinyins.add("")
                continue
            text = texts[fid]
            joined = joined_of.get(text)
            if joined is None:
                syl = pinyin_of(text)
                joined = joined_of[text] = " ".join(syl)
                syllables.update(syl)  # digits and ASCII runs are dropped below
            else:  # syllables hold no spaces: the joined reading splits back exactly
                syl = joined.split(" ") if joined else []
            if how == READ:
                pinyins.add("")
                continue
            pinyins.add(joined)
            ch.add_field(fid, joined, syl, weight[fid])
        start = end
        # A topic's words are interned when its first entry closes, as in the main build.
        codes = topic_codes.get(topic)
        if codes is None:
            codes = topic_codes[topic] = ch.topic_ids(plan.topic_grams.get(topic, {}))
        ch.end_entry(codes)
    return Readings(
        channel=ch.finish(len(plan.entry_end)),
        field_pinyin=pinyins.finish(),
        syllables=frozenset(s for s in syllables if s.isalpha()),
    )
