"""One channel as `ChannelBuilder` freezes it holds what its definition says, gram by gram.

The builder works on strings of gram codes and counts in bulk; this checks its tables against
the plain definitions on a few entries that repeat texts and share grams: postings (the fields
holding a gram, ascending), document frequency (the *entries* holding it, topic words
included), each entry's grams, and each field's IDF-weighted size.
"""

from __future__ import annotations

import math

from bot.match.grams import ChannelBuilder, char_grams

# Entries as (fields, topic words); 低保 repeats within and across entries, a text repeats.
ENTRIES = [
    (["低保标准", "低保", "城乡低保标准"], "民生保障"),
    (["低保标准", "特困供养"], "民生保障"),
    (["养老床位", "养老"], "养老服务"),
    ([], "养老服务"),  # an entry with no field in this channel: its topic words only
]


def build() -> tuple[ChannelBuilder, list[tuple[int, str]]]:
    b = ChannelBuilder("char")
    fields: list[tuple[int, str]] = []  # (entry, text) per field
    for i, (texts, topic) in enumerate(ENTRIES):
        for t in texts:
            b.add_field(len(fields), t, t, 1.0)
            fields.append((i, t))
        b.end_entry(b.topic_ids(char_grams(topic)))
    return b, fields


def test_the_tables_follow_their_definitions() -> None:
    b, fields = build()
    c = b.finish(len(ENTRIES))
    n = len(ENTRIES)
    grams = {g for _e, t in fields for g in char_grams(t)}
    has = [set(char_grams(t)) for _e, t in fields]
    owned = [
        {g for e, t in fields if e == i for g in char_grams(t)} | set(char_grams(topic))
        for i, (_texts, topic) in enumerate(ENTRIES)
    ]
    for g in grams:
        gid = c.ids[g]
        assert list(c.postings(g) or []) == [f for f, h in enumerate(has) if g in h], g
        df = sum(g in o for o in owned)
        assert c.idf[gid] == math.log(1.0 + n / df), g
    for i, o in enumerate(owned):
        assert set(c.entry_rows[i]) == {chr(c.ids[g]) for g in o}, i
    for f, (_e, t) in enumerate(fields):
        weights = char_grams(t)
        total = 0.0
        for g, w in weights.items():
            total += w * c.idf[c.ids[g]]
        assert c.field_total[f] == total, t
        assert set(c.field_rows[f]) == {chr(c.ids[g]) for g in weights}


def test_a_topic_word_no_field_has_is_known_but_posts_nothing() -> None:
    b, _fields = build()
    c = b.finish(len(ENTRIES))
    assert "服务" in c.ids and not c.indexed("服务")
    assert c.indexed("养老") and not c.indexed("务服")
