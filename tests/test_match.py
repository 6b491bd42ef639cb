"""The index: candidate pruning and scoring on Chinese, pinyin, English and numbers."""

from __future__ import annotations

import pytest
from fixtures.engine_pack import build_knowledge

from bot.match.index import Index, pinyin_of


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(build_knowledge())


def top(index: Index, question: str) -> str:
    got = index.search(index.normalizer.normalize(question), limit=3)
    return got[0].entry.id if got else ""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("镇江低保标准是多少", "dibao-standard"),
        ("底保标准", "dibao-standard"),  # homophone IME typo
        ("dibao", "dibao-standard"),  # pinyin typed as a word
        ("最低生活保障", "dibao-standard"),  # glossary synonym
        ("养老院有几家", "elderly-institutions"),
        ("养老床位有多少张", "elderly-beds"),
        ("福彩卖了多少钱", "lottery-sales"),
        ("nursing home beds", "elderly-beds"),
        ("how many charities are there", "charity-orgs"),
        ("孤儿每个月补贴多少", "orphan-standard"),
        ("窘境儿童保险", "child-insurance"),  # spun wording restored
        ("句容路径", "jurong-path"),
    ],
)
def test_top_entry(index: Index, question: str, expected: str) -> None:
    assert top(index, question) == expected


def test_number_lookup(index: Index) -> None:
    got = index.search(index.normalizer.normalize("3539是什么数字"))
    assert got[0].entry.id == "vagrant-assistance"
    assert got[0].number_match
    got = index.search(index.normalizer.normalize("12.24万是什么"))
    assert got[0].entry.id == "subsistence-people"


def test_near_antonym_entries_are_separated(index: Index) -> None:
    got = index.search(index.normalizer.normalize("养老机构床位"))
    assert got[0].entry.id == "elderly-beds"
    assert got[0].score - got[1].score >= 10


def test_scope_boosts_named_county(index: Index) -> None:
    got = index.search(index.normalizer.normalize("丹阳殡葬改革"))
    assert got[0].entry.id == "danyang-funeral-reform"
    assert got[0].scope == "match"


def test_nothing_for_unknown_text(index: Index) -> None:
    assert index.search(index.normalizer.normalize("")) == []
    got = index.search(index.normalizer.normalize("量子计算机"))
    assert not got or got[0].score < 40


def test_pinyin_of_keeps_ascii_runs() -> None:
    assert pinyin_of("低保2024年") == ["di", "bao", "2024", "nian"]


def test_segment_pinyin(index: Index) -> None:
    assert index.segment_pinyin("dibao") == ["di", "bao"]
    assert index.segment_pinyin("xyzzy") is None


def test_pinyin_table_reads_like_pypinyin() -> None:
    """The engine reads pypinyin's character table directly (no phrase dictionary in memory);
    it must give what pypinyin itself gives, character by character."""
    from pypinyin import lazy_pinyin

    from bot.knowledge.loader import load_knowledge

    chars = {ch for e in load_knowledge().entries.values() for ch in e.quote + e.title}
    chars |= set("绿嗯呣行长重乐还的了着地得为")
    han = sorted(ch for ch in chars if "\u3400" <= ch <= "\u9fff")
    assert han
    assert pinyin_of("".join(han)) == [lazy_pinyin(ch)[0] for ch in han]


@pytest.mark.parametrize(
    ("unit", "value", "kind"),
    [
        ("元/人·月", "875", "money"),
        ("人次", "12.24万", "people"),
        ("%", "91.85", "percent"),
        ("家", "135", "家"),
        ("张", "1.72万", "张"),
        ("", "第一", "rank"),
        ("", "1+39", "个"),  # a count written as its parts (1+39 standards)
    ],
)
def test_unit_class(unit: str, value: str, kind: str) -> None:
    from bot.knowledge.models import Indicator
    from bot.match.index import unit_class

    e = Indicator(id="x", topic="t", title="t", title_en="t", quote="q", value=value, unit=unit)
    assert unit_class(e) == kind


def test_a_topic_without_entries_adds_no_gram() -> None:
    """Its words are unknown to the index, as they are to every entry (and nothing divides
    by a document frequency of zero)."""
    from dataclasses import replace

    from bot.knowledge.models import Knowledge, Topic

    base = build_knowledge()
    pack = base.packs[0]
    empty = Topic("empty-topic", "空置话题", "zzyzx orbit", pack.topics[0].section, ("空置",))
    extra = Knowledge((replace(pack, topics=(*pack.topics, empty)), *base.packs[1:]))
    a, b = Index(base), Index(extra)
    assert "zzyzx" not in b.ch["en"].ids and "空置" not in b.ch["char"].ids
    for q in ("镇江低保标准是多少", "nursing home beds", "dibao"):
        ra = [(s.entry.id, s.score) for s in a.search(a.normalizer.normalize(q))]
        rb = [(s.entry.id, s.score) for s in b.search(b.normalizer.normalize(q))]
        assert ra == rb, q
