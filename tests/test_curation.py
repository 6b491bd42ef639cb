"""Curation: misses cluster near-duplicates and point at an entry; stats add up."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot import curation
from bot.answer import Answer, Hit
from bot.cli import misses, stats
from bot.curation import cluster_misses, format_stats, parse_since, percentile
from bot.knowledge.models import Indicator, Knowledge, Pack, Source
from bot.match.index import Scored
from bot.qlog import QuestionLog
from bot.qlogread import LoggedQuestion
from bot.reload import build_engine


def row(
    text: str,
    status: str = "no_match",
    *,
    norm: str = "",
    reason: str = "low_score",
    chat_type: str = "private",
    entry_id: str | None = None,
    chat: str | None = "c1",
    latency_ms: float | None = 1.0,
    feedback: int | None = None,
    n: int = 0,
) -> LoggedQuestion:
    return LoggedQuestion(
        id=n, ts=time.time(), chat_type=chat_type, chat=chat, text=text, norm=norm, status=status,
        reason=reason, entry_id=entry_id, score=None, latency_ms=latency_ms, feedback=feedback,
    )  # fmt: skip


def _entry(entry_id: str, title: str) -> Indicator:
    return Indicator(
        id=entry_id, topic="t", title=title, title_en="", quote="q", value="1", pack="p",
        file="knowledge/p/indicators.yaml", line=12,
    )  # fmt: skip


_PACK = Pack(
    name="p",
    source=Source("新华日报", "", "", "", "", ""),
    received_text="",
    restored_text="",
    restoration=(),
    glossary=(),
    sections=(),
    topics=(),
    entries=(_entry("population", "常住人口"), _entry("dibao", "低保标准")),
)


@dataclass
class FakeEngine:
    """Answers from a fixed table; everything else is a miss with no candidate."""

    answers: dict[str, Answer] = field(default_factory=dict)
    knowledge: Knowledge = field(default_factory=lambda: Knowledge((_PACK,)))
    ranked: dict[str, list[Scored]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        self.asked.append(question)
        return self.answers.get(question, Answer(question, question, "no_match"))

    def search(self, question: str, limit: int = 10) -> list[Scored]:
        return self.ranked.get(question, [])[:limit]


# -- clustering --------------------------------------------------------------------


def test_near_duplicates_cluster_and_distinct_questions_do_not() -> None:
    rows = [
        *[row("请问镇江常住人口是多少", norm="常住人口") for _ in range(3)],
        row("镇江人口有多少？", norm="人口"),
        row("镇江市人口数量", norm="人口数量"),
        *[row("养老护理员培训人数", "ambiguous", norm="养老护理员培训人数",
              reason="close_candidates") for _ in range(2)],
        row("养老护理员培训了多少人", norm="养老护理员培训"),
        row("镇江低保", norm="低保"),  # shares 镇江 with the population questions: another topic
        row("镇江gdp多少"),  # nothing survived normalization: clustered by the question itself
    ]  # fmt: skip
    clusters = cluster_misses(rows)
    assert [(c.leader, c.count) for c in clusters] == [
        ("常住人口", 5),
        ("养老护理员培训人数", 3),
        ("低保", 1),
        ("镇江gdp多少", 1),
    ]
    population = clusters[0]
    assert population.wordings == {"常住人口": 3, "人口": 1, "人口数量": 1}
    assert population.examples(2) == ["请问镇江常住人口是多少", "镇江人口有多少？"]
    assert clusters[1].outcomes == {"ambiguous/close_candidates": 2, "no_match/low_score": 1}


def test_clustering_is_independent_of_arrival_order() -> None:
    texts = [
        "镇江人口",
        "镇江常住人口",
        "镇江常住人口",
        "镇江低保标准",
        "低保标准多少钱",
        "低保标准",
    ]
    forward = cluster_misses([row(t) for t in texts])
    backward = cluster_misses([row(t) for t in reversed(texts)])
    assert [(c.leader, c.wordings) for c in forward] == [(c.leader, c.wordings) for c in backward]
    assert len(forward) == 2


def test_nearest_entry_prefers_the_engines_candidate_today() -> None:
    dibao, population = _entry("dibao", "低保标准"), _entry("population", "常住人口")
    engine = FakeEngine(
        answers={
            "低保金额": Answer("低保金额", "低保金额", "ambiguous", hits=(Hit(dibao, 71.0),)),
            "低保标准": Answer("低保标准", "低保标准", "answered", hits=(Hit(dibao, 98.0),)),
        },
        ranked={"人口": [Scored(population, 40.04, 40.04)]},
    )
    ambiguous, ranked, fixed, logged = cluster_misses(  # biggest first, then by wording
        [row("低保金额"), row("低保金额"), row("低保标准"), row("人口"),
         row("火星", entry_id="population")]
    )  # fmt: skip
    assert curation.nearest_entry(ambiguous, engine) == curation.Nearest("dibao", 71.0, False)
    assert curation.nearest_entry(fixed, engine) == curation.Nearest("dibao", 98.0, True)
    # A refusal has no candidate: the engine's ranking names the closest entry.
    assert curation.nearest_entry(ranked, engine) == curation.Nearest("population", 40.0, False)
    # Nothing ranks today: fall back to what the engine logged at the time.
    assert curation.nearest_entry(logged, engine) == curation.Nearest("population", None, False)
    assert curation.nearest_entry(cluster_misses([row("土星")])[0], engine) is None
    assert curation.nearest_entry(logged, None) == curation.Nearest("population", None, False)


def test_format_misses_reads_as_a_to_do_list() -> None:
    dibao = _entry("dibao", "低保标准")
    engine = FakeEngine(
        {"低保金额": Answer("低保金额", "低保金额", "ambiguous", hits=(Hit(dibao, 71.0),))}
    )
    clusters = cluster_misses([row("低保金额"), row("低保金额多少"), row("火星")])
    text = curation.format_misses(clusters, engine, limit=1, header="Misses (all logged)")  # type: ignore[arg-type]
    lines = text.splitlines()
    assert lines[0] == "Misses (all logged): 3 missed questions in 2 clusters (top 1 shown)"
    assert lines[2:] == [
        "  1. ×2  低保金额   [no_match/low_score ×2]",
        "     asked: 低保金额 · 低保金额多少",
        "     nearest: dibao 低保标准 (score 71)  [knowledge/p/indicators.yaml:12]",
        '     → add alias "低保金额" to dibao if that is what it means; otherwise a new entry',
    ]
    assert engine.asked == ["低保金额"]  # only shown clusters cost an engine call


def test_format_misses_says_fixed_tied_or_nothing_close() -> None:
    dibao, population = _entry("dibao", "低保标准"), _entry("population", "常住人口")
    engine = FakeEngine(
        answers={
            "低保": Answer("低保", "低保", "answered", hits=(Hit(dibao, 99.0),)),
            "标准": Answer("标准", "标准", "ambiguous",
                           hits=(Hit(dibao, 60.0), Hit(population, 58.0))),
        },
        ranked={"火星": [Scored(population, 20.0, 20.0)]},
    )  # fmt: skip
    clusters = cluster_misses([row("低保"), row("低保"), row("标准"), row("火星")])
    lines = curation.format_misses(clusters, engine, limit=9, header="h").splitlines()  # type: ignore[arg-type]
    assert lines[
        lines.index("     nearest: dibao 低保标准 (score 99)  [knowledge/p/indicators.yaml:12]") + 1
    ] == ("     ✓ answered by the current knowledge")
    assert "     tied with: population (58)" in lines
    assert lines[-2:] == [
        "     nearest: population 常住人口 (score 20)  [knowledge/p/indicators.yaml:12]",
        "     → nothing close: a new entry if the article states it",
    ]


# -- the misses command ------------------------------------------------------------


def _log(data_dir: Path, *questions: tuple[str, str, str, str]) -> None:
    q = QuestionLog(data_dir)
    for text, status, reason, chat_type in questions:
        q.record(chat_type=chat_type, text=text, status=status, reason=reason, chat_id=1)
    q.close()


def test_misses_command_filters_correct_refusals_and_inline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(misses, "_load_engine", lambda root: FakeEngine())
    _log(
        tmp_path,
        ("镇江常住人口", "no_match", "unknown_metric", "private"),
        ("镇江人口", "no_match", "unknown_metric", "group"),
        ("南京低保", "no_match", "other_place", "private"),  # a correct refusal
        ("你好", "no_match", "chitchat", "private"),
        ("低保标", "ambiguous", "close_candidates", "inline"),  # a keystroke prefix
        ("低保标准", "answered", "", "private"),
    )
    assert misses.main(["--data-dir", str(tmp_path), "--since", "1d"]) == 0
    out = capsys.readouterr().out
    assert "2 missed questions in 1 cluster" in out
    assert (
        "×2  镇江人口" in out
        and "asked: 镇江人口 · 镇江常住人口" in out
        and "南京" not in out
        and "低保标" not in out
    )
    assert "→ nothing close" in out
    assert misses.main(["--data-dir", str(tmp_path), "--all", "--inline"]) == 0
    out = capsys.readouterr().out
    assert "5 missed questions" in out and "南京低保" in out and "低保标" in out


def test_misses_with_the_real_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Questions the article cannot answer, logged as the bot logs them, come back grouped."""
    engine = build_engine()
    questions = [
        "镇江地铁有几条线", "镇江地铁线路多少条", "镇江市地铁几条线路",
        "献血人数多少", "镇江无偿献血人数", "无偿献血多少人",
        "養老護理員培訓了多少人",  # traditional characters: logged simplified
        "镇江低保标准是多少", "你好",  # answered, and chit-chat: neither is a miss
    ]  # fmt: skip
    log = QuestionLog(tmp_path)
    for q in questions:
        log.record_answer(engine.ask(q), chat_type="private", latency_ms=0.5, chat_id=1)
    log.close()
    assert misses.main(["--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "7 missed questions in 3 clusters" in out
    assert "×3  地铁线路" in out and "×3  无偿献血" in out and "×1  养老护理员培训" in out
    assert "asked: 养老护理员培训了多少人" in out
    assert "镇江低保标准是多少" not in out and "你好" not in out
    assert out.count("     → ") == 3  # each cluster ends in a suggestion


def test_misses_and_stats_without_a_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert misses.main(["--data-dir", str(tmp_path / "none")]) == 0
    assert stats.main(["--data-dir", str(tmp_path / "none")]) == 0
    out = capsys.readouterr().out
    assert out.count("No questions logged yet") == 2
    assert not (tmp_path / "none").exists()  # reading never creates the log


def test_bad_since_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        misses.main(["--since", "last tuesday"])
    assert exc.value.code == 2
    assert "expected e.g. 7d" in capsys.readouterr().err


# -- stats -------------------------------------------------------------------------


def test_stats_figures() -> None:
    def dibao(latency_ms: float, feedback: int | None = None) -> LoggedQuestion:
        return row("低保", "answered", reason="", entry_id="dibao", latency_ms=latency_ms,
                   feedback=feedback)  # fmt: skip

    rows = [
        dibao(1.0, feedback=1),
        dibao(2.0, feedback=-1),
        *[dibao(float(i)) for i in range(3, 9)],
        row("人口", "answered", reason="", entry_id="population", chat="c2", latency_ms=20.0),
        row("x", "no_match", chat_type="group", chat="g1", latency_ms=30.0),
        row("y", "ambiguous", chat_type="group", chat="g1", latency_ms=None),
        row("z", "answered", reason="", chat_type="inline", chat=None, entry_id="dibao",
            latency_ms=40.0, feedback=-1),
    ]  # fmt: skip
    text = format_stats(rows, knowledge=FakeEngine().knowledge)
    lines = text.splitlines()
    assert lines[0] == "Questions (all logged): 12 from 3 chats"
    assert lines[1] == "  answered 10 (83.3%) · ambiguous 1 (8.3%) · no_match 1 (8.3%)"
    assert "  private          9  answered 100.0%" in lines
    assert "  group            2  answered 0.0%" in lines
    assert "  inline           1  answered 100.0%" in lines
    # 11 latencies: 1..8, 20, 30, 40 → p50 is the 6th (6.0), p95 the 11th (40.0).
    assert "Latency: p50 6.0 ms · p95 40.0 ms (question in → reply ready)" in lines
    assert "Feedback: 3 rated, 👍 1, 👎 2 (👎 rate 66.7%)" in lines
    top = lines[lines.index("Top entries:") + 1 :]
    assert top == ["       9  dibao  低保标准", "       1  population  常住人口"]


def test_stats_text_reads_the_log(tmp_path: Path) -> None:
    q = QuestionLog(tmp_path)
    qid = q.record(chat_type="private", text="低保", status="answered", entry_id="dibao",
                   latency_ms=0.5, chat_id=5)  # fmt: skip
    q.record(chat_type="group", text="x", status="no_match", latency_ms=1.5, chat_id=-5)
    assert qid is not None and q.record_feedback(qid, up=False)
    q.close()
    text = curation.stats_text(tmp_path)
    assert text.startswith("Questions (all logged): 2 from 2 chats")
    assert "👎 1 (👎 rate 100.0%)" in text and "       1  dibao" in text
    later = time.time() + 60
    assert curation.stats_text(tmp_path, since=later) == (
        f"Questions (since {curation._when(later)}): none."
    )


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0


def test_parse_since() -> None:
    now = 1_700_000_000.0
    assert parse_since("7d", now) == now - 7 * 86400
    assert parse_since("24h", now) == now - 86400
    assert parse_since("2w", now) == now - 14 * 86400
    assert parse_since("30m", now) == now - 1800
    assert parse_since("all", now) is None
    assert parse_since("2025-01-31", now) == curation.dt.datetime(2025, 1, 31).timestamp()
    with pytest.raises(ValueError):
        parse_since("7 days", now)
