"""`python -m bot validate` on broken copies of a tiny pack: exit 2 and a precise file:line.

Each case breaks the valid fixture pack (tests/fixtures/minipack) in one way and
asserts the *exact* list of problems, so a check that starts reporting follow-on
noise, or the wrong line, fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli.validate import main as main_validate
from bot.knowledge.loader import KnowledgeError, Problem, load_knowledge, report, validate

FIXTURE = Path(__file__).parent / "fixtures" / "minipack"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A knowledge folder holding one valid copy of the fixture pack."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, knowledge / "minipack")
    return knowledge


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def line_of(path: Path, needle: str) -> int:
    lines = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} must be on exactly one line of {path.name}"
    return lines[0]


def test_fixture_pack_is_valid(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_validate([str(root)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "knowledge OK: 1 pack, 3 entries (2 indicators, 1 Q&A), 6 restoration rows (all fire),"
        " 6 numbers in the text: 5 covered, 1 ignored\n"
    )


def test_problem_format() -> None:
    assert str(Problem("k/p/qa.yaml", 7, "some-id", "what is wrong")) == (
        "k/p/qa.yaml:7: some-id: what is wrong"
    )
    assert str(Problem("k/p/qa.yaml", 7, "", "what is wrong")) == "k/p/qa.yaml:7: what is wrong"
    assert str(Problem("k/p/source.yaml", 0, "", "missing file")) == "k/p/source.yaml: missing file"


# Each case: break the pack; expect (file, line or needle on that line, entry id, message).
Expected = tuple[str, int | str, str, str]
Case = Callable[[Path], list[Expected]]


def bad_yaml(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "title: 养老机构数量", "title: 养老机构数量: 多少")
    return [
        (
            "indicators.yaml",
            "养老机构数量: 多少",
            "",
            # libyaml and the pure-Python parser word the rest differently
            "YAML syntax error: mapping values are not allowed ...",
        )
    ]


def duplicate_yaml_key(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "    quote: 临时", "    title: 又一个\n    quote: 临时")
    first = line_of(pack / "qa.yaml", "    title: 临时救助")
    return [
        (
            "qa.yaml",
            "又一个",
            "",
            f"YAML syntax error: duplicate key 'title' (first at line {first})",
        )
    ]


def duplicate_id(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "id: temporary-assistance", "id: elderly-institutions")
    first = line_of(pack / "indicators.yaml", "id: elderly-institutions")
    return [
        (
            "qa.yaml",
            "id: elderly-institutions",
            "elderly-institutions",
            f"duplicate id (first defined at {pack / 'indicators.yaml'}:{first})",
        )
    ]


def quote_not_in_text(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "quote: 临时救助服务持续优化", "quote: 临时救助服务不断优化")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "quote not found verbatim in the restored text: it matches up to 「…临时救助服务」,"
            " then the quote has 「不断优化…」 where the text has 「持续优化。…」",
        )
    ]


def quote_is_spun(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "quote: 临时救助服务持续优化", "quote: 姑且救济办事延续优化")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "quote not found verbatim in the restored text: it is the received (spun) wording;"
            " the restored wording is 「临时救助服务持续优化」",
        )
    ]


def value_not_in_quote(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "value: 135", "value: 135所")
    return [
        (
            "indicators.yaml",
            "id: elderly-institutions",
            "elderly-institutions",
            "value '135所' not found in its quote",
        )
    ]


def missing_field(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "    title_en: Temporary assistance\n", "")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "missing required field 'title_en'",
        )
    ]


def missing_answer(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "    answer: 临时救助服务持续优化。\n", "")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "missing required field 'answer'",
        )
    ]


def unknown_topic(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "topic: social-assistance", "topic: social-asistance")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "unknown topic 'social-asistance' (topics.yaml has: elderly-care, social-assistance)",
        )
    ]


def unused_row(pack: Path) -> list[Expected]:
    append(
        pack / "restoration.yaml", "  - spun: 鼎新\n    standard: 改革\n    confidence: likely\n"
    )
    return [
        (
            "restoration.yaml",
            "spun: 鼎新",
            "鼎新",
            "restoration row never fires: 「鼎新」 does not occur in article.txt",
        )
    ]


def shadowed_row(pack: Path) -> list[Expected]:
    append(
        pack / "restoration.yaml", "  - spun: 救济\n    standard: 救助\n    confidence: likely\n"
    )
    return [
        (
            "restoration.yaml",
            "spun: 救济",
            "救济",
            "restoration row never fires: every occurrence is inside a longer spun phrase"
            " of another row",
        )
    ]


def uncovered_number(pack: Path) -> list[Expected]:
    edit(pack / "article.txt", "(记者)", "全市累计救助3539人次。\n\n(记者)")
    return [
        (
            "article.txt",
            "3539",
            "",
            "uncovered number 3539 in 「全市累计救助3539人次。」: add an entry whose quote"
            " spans it, or an ignore row in coverage.yaml",
        )
    ]


def quoted_but_not_stated(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "    change: 较2019年提高16.7%\n", "")
    return [
        (
            "article.txt",
            "16.7",
            "",
            "uncovered number 16.7 in 「75元,较2019年提高16.7%。」: entry 'dibao-standard-2024'"
            " quotes it but does not state 16.7 in its value, change, baseline or period",
        )
    ]


def ignore_row_matches_nothing(pack: Path) -> list[Expected]:
    append(pack / "coverage.yaml", "  - text: '9'\n    context: 第9篇\n    reason: none\n")
    return [
        (
            "coverage.yaml",
            "text: '9'",
            "9",
            "ignore row matches nothing: context 「第9篇」 not found in the restored text",
        )
    ]


def ignore_row_spun_context(pack: Path) -> list[Expected]:
    edit(pack / "coverage.yaml", "context: 巡礼第7篇", "context: 成长巡礼第7篇")
    return [
        (
            "coverage.yaml",
            "- text:",
            "7",
            "ignore row matches nothing: its context is the received (spun) wording;"
            " use the restored wording",
        ),
        ("article.txt", "第7篇", "", "uncovered number 7 in 「民政事业发展巡礼第7篇」: ..."),
    ]


def ignore_row_part_of_a_number(pack: Path) -> list[Expected]:
    append(pack / "coverage.yaml", "  - text: '4'\n    context: 2024年全市\n    reason: x\n")
    return [
        (
            "coverage.yaml",
            "text: '4'",
            "4",
            "ignore row matches nothing: no number '4' inside 「2024年全市」",
        )
    ]


def duplicate_topic(pack: Path) -> list[Expected]:
    append(
        pack / "topics.yaml",
        "      - id: elderly-care\n        name: 养老服务\n        name_en: Elderly care\n",
    )
    lines = [
        i
        for i, line in enumerate((pack / "topics.yaml").read_text("utf-8").splitlines(), 1)
        if "id: elderly-care" in line
    ]
    return [
        ("topics.yaml", lines[1], "elderly-care", f"duplicate topic id (first at line {lines[0]})")
    ]


def duplicate_glossary_term(pack: Path) -> list[Expected]:
    append(pack / "glossary.yaml", "  - canonical: 最低生活保障\n    synonyms: [低保线]\n")
    first = line_of(pack / "glossary.yaml", "低保金") - 1  # the line of `- canonical:`
    return [
        (
            "glossary.yaml",
            line_of(pack / "glossary.yaml", "低保线") - 1,
            "最低生活保障",
            f"duplicate glossary term (first at line {first})",
        )
    ]


def ignore_row_hides_figure(pack: Path) -> list[Expected]:
    append(pack / "coverage.yaml", "  - text: '135'\n    context: 机构135家\n    reason: x\n")
    return [
        (
            "coverage.yaml",
            "text: '135'",
            "135",
            "ignore row hides a covered number: entry 'elderly-institutions' states it;"
            " remove the ignore row",
        )
    ]


def row_changes_digit(pack: Path) -> list[Expected]:
    edit(pack / "restoration.yaml", "standard: 服务", "standard: 服务1")
    return [
        (
            "restoration.yaml",
            "spun: 办事",
            "办事",
            "restoration row changes digits: 「办事」 -> 「服务1」",
        ),
        (
            "restoration.yaml",
            0,
            "",
            "restoration changes the numbers of the text (digits merged?)",
        ),
        (
            "article.txt",
            "姑且救济办事",
            "",
            "uncovered number 1 in 「构135家,临时救助服务1持续优化。」: add an entry whose quote"
            " spans it, or an ignore row in coverage.yaml",
        ),
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "quote not found verbatim in the restored text: it matches up to 「…临时救助服务」,"
            " then the quote has 「持续优化…」 where the text has 「1持续优化。…」",
        ),
    ]


def spun_left_behind(pack: Path) -> list[Expected]:
    # 奇迹->事业 and 成长->发展 make 事业发展 in the heading, which contains the new row's 业发.
    append(
        pack / "restoration.yaml", "  - spun: 业发\n    standard: 业的发\n    confidence: guess\n"
    )
    edit(pack / "article.txt", "(记者)", "事业发展。\n\n(记者)")
    return [
        (
            "restoration.yaml",
            "spun: 业发",
            "业发",
            "spun phrase still present in the restored text (article.txt line 1), outside any"
            " replacement: overlapping rows left it or formed it again",
        )
    ]


def bad_id(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "id: temporary-assistance", "id: Temporary_Assistance")
    return [
        (
            "qa.yaml",
            "id: Temporary_Assistance",
            "Temporary_Assistance",
            "bad id 'Temporary_Assistance': use 2-48 characters of a-z, 0-9 and '-',"
            " starting with a letter or digit",
        )
    ]


def wrong_type(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "years: [2024]", "years: soon")
    return [
        (
            "indicators.yaml",
            "years: soon",
            "dibao-standard-2024",
            "wrong type for 'years': expected a list of years or a range like \"2019-2024\","
            " got 'soon'",
        )
    ]


def wrong_list_type(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "aliases: [低保]", "aliases: 低保")
    return [
        (
            "indicators.yaml",
            "aliases: 低保",
            "dibao-standard-2024",
            "wrong type for 'aliases': expected a list, got str",
        )
    ]


def unknown_field(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "    answer:", "    anwser: 错字\n    answer:")
    return [
        (
            "qa.yaml",
            "anwser",
            "temporary-assistance",
            "unknown field 'anwser' (allowed: actors, aliases, aliases_en, answer, components, id,"
            " note, period, questions, quote, related, scope, title, title_en, topic, years)",
        )
    ]


def unknown_related(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "related: [elderly-institutions]", "related: [elderly-homes]")
    return [
        (
            "indicators.yaml",
            "id: dibao-standard-2024",
            "dibao-standard-2024",
            "unknown related id 'elderly-homes'",
        )
    ]


def bad_confidence(pack: Path) -> list[Expected]:
    edit(pack / "restoration.yaml", "confidence: guess", "confidence: maybe")
    return [
        (
            "restoration.yaml",
            "confidence: maybe",
            "延续",
            "wrong type for 'confidence': 'maybe' is not one of certain, likely, guess",
        )
    ]


def number_mismatch(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "number: 875", "number: 857")
    return [
        (
            "indicators.yaml",
            "id: dibao-standard-2024",
            "dibao-standard-2024",
            "number 857 does not match value '875'",
        )
    ]


def empty_topic(pack: Path) -> list[Expected]:
    edit(pack / "indicators.yaml", "topic: elderly-care", "topic: social-assistance")
    return [
        (
            "topics.yaml",
            "id: elderly-care",
            "elderly-care",
            "topic has no entries (users would see an empty page)",
        )
    ]


def missing_source(pack: Path) -> list[Expected]:
    (pack / "source.yaml").unlink()
    return [
        ("source.yaml", 0, "", "missing file: the folder is not loaded"),
        ("..", 0, "", "no packs found (no */source.yaml)"),
    ]


def unknown_file(pack: Path) -> list[Expected]:
    shutil.copy(pack / "qa.yaml", pack / "qas.yaml")
    return [
        (
            "qas.yaml",
            0,
            "",
            "unknown file: a pack holds source.yaml, article.txt, restoration.yaml,"
            " glossary.yaml, topics.yaml, indicators.yaml, qa.yaml, coverage.yaml, scope.yaml"
            " (entries may also be split into indicators-*.yaml / qa-*.yaml)",
        )
    ]


def missing_scope(pack: Path) -> list[Expected]:
    (pack / "scope.yaml").unlink()
    return [("scope.yaml", 0, "", "missing file: every pack needs one")]


def scope_without_city(pack: Path) -> list[Expected]:
    edit(
        pack / "scope.yaml", "city: {name: 测试市, level: city, aliases: [测试], en: [ceshi]}\n", ""
    )
    return [("scope.yaml", "province:", "", "missing required field 'city'")]


def scope_bad_level(pack: Path) -> list[Expected]:
    edit(pack / "scope.yaml", "level: district", "level: borough")
    return [
        (
            "scope.yaml",
            "borough",
            "东城区",
            "wrong type for 'level': 'borough' is not one of province, city, district,"
            " county_city, county, town, village",
        )
    ]


def scope_duplicate_place(pack: Path) -> list[Expected]:
    edit(
        pack / "scope.yaml",
        "  - {name: 东湖镇",
        "  - {name: 东城镇, level: town, aliases: [东城]}\n  - {name: 东湖镇",
    )
    first = line_of(pack / "scope.yaml", "name: 东城区")
    return [
        (
            "scope.yaml",
            "name: 东城镇",
            "东城镇",
            f"duplicate place name '东城' (first at line {first})",
        )
    ]


def scope_unknown_within(pack: Path) -> list[Expected]:
    edit(pack / "scope.yaml", "within: 东城区", "within: 西城区")
    return [("scope.yaml", "西城区", "东湖镇", "within names an unknown place '西城区'")]


def scope_within_alias(pack: Path) -> list[Expected]:
    edit(pack / "scope.yaml", "within: 东城区", "within: 东城")
    return [
        (
            "scope.yaml",
            "within: 东城",
            "东湖镇",
            "within names an unknown place '东城'; write its name '东城区'",
        )
    ]


def scope_en_not_lower_case(pack: Path) -> list[Expected]:
    edit(pack / "scope.yaml", "en: [dongcheng]", "en: [Dongcheng]")
    return [("scope.yaml", "Dongcheng", "东城区", "en name 'Dongcheng' must be lower case")]


def component_not_in_quote(pack: Path) -> list[Expected]:
    edit(
        pack / "indicators.yaml",
        "    related: [elderly-institutions]\n",
        "    related: [elderly-institutions]\n    components: [低保标准, 特困标准]\n",
    )
    return [
        (
            "indicators.yaml",
            "id: dibao-standard-2024",
            "dibao-standard-2024",
            "components item '特困标准' not found verbatim in its quote",
        )
    ]


def actor_not_in_quote(pack: Path) -> list[Expected]:
    edit(pack / "qa.yaml", "    quote: 临时", "    actors: [民政部]\n    quote: 临时")
    return [
        (
            "qa.yaml",
            "id: temporary-assistance",
            "temporary-assistance",
            "actors item '民政部' not found verbatim in its quote",
        )
    ]


CASES: list[Case] = [
    bad_yaml,
    duplicate_yaml_key,
    duplicate_id,
    quote_not_in_text,
    quote_is_spun,
    value_not_in_quote,
    missing_field,
    missing_answer,
    unknown_topic,
    unused_row,
    shadowed_row,
    uncovered_number,
    quoted_but_not_stated,
    ignore_row_matches_nothing,
    ignore_row_spun_context,
    ignore_row_part_of_a_number,
    ignore_row_hides_figure,
    duplicate_topic,
    duplicate_glossary_term,
    row_changes_digit,
    spun_left_behind,
    bad_id,
    wrong_type,
    wrong_list_type,
    unknown_field,
    unknown_related,
    bad_confidence,
    number_mismatch,
    empty_topic,
    missing_source,
    unknown_file,
    missing_scope,
    scope_without_city,
    scope_bad_level,
    scope_duplicate_place,
    scope_unknown_within,
    scope_within_alias,
    scope_en_not_lower_case,
    component_not_in_quote,
    actor_not_in_quote,
]


def _resolve(pack: Path, expected: list[Expected]) -> list[Problem]:
    out = []
    for name, where, entry_id, message in expected:
        path = pack.parent if name == ".." else pack / name
        line = line_of(path, where) if isinstance(where, str) else where
        out.append(Problem(str(path), line, entry_id, message))
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_broken_pack(root: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    pack = root / "minipack"
    expected = _resolve(pack, case(pack))
    assert_same(validate(root), expected)

    assert main_validate([str(root)]) == 2
    out = capsys.readouterr().out.splitlines()
    for problem in expected:
        assert any(line.startswith(str(problem).split("\n")[0].removesuffix("...")) for line in out)
    assert out[-1].startswith(f"{len(expected)} problem")

    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert_same(info.value.problems, expected)


def assert_same(problems: list[Problem], expected: list[Problem]) -> None:
    """Equal lists (any order); an expected message ending in '...' is a prefix."""
    assert len(problems) == len(expected), "\n".join(map(str, problems))
    for want in expected:
        assert any(
            (got.file, got.line, got.entry_id) == (want.file, want.line, want.entry_id)
            and (
                got.message.startswith(want.message.removesuffix("..."))
                if want.message.endswith("...")
                else got.message == want.message
            )
            for got in problems
        ), f"missing: {want}\ngot:\n" + "\n".join(map(str, problems))


def test_duplicate_ids_across_packs(root: Path) -> None:
    shutil.copytree(root / "minipack", root / "otherpack")
    problems = validate(root)
    other = root / "otherpack"
    assert [(Path(p.file).name, p.entry_id) for p in problems] == [
        ("indicators.yaml", "dibao-standard-2024"),
        ("indicators.yaml", "elderly-institutions"),
        ("qa.yaml", "temporary-assistance"),
    ]
    assert all(Path(p.file).parent == other for p in problems)
    assert problems[0].message == (
        f"duplicate id (first defined at {root / 'minipack' / 'indicators.yaml'}:2)"
    )


def test_shared_topic_must_agree(root: Path) -> None:
    other = root / "otherpack"
    shutil.copytree(root / "minipack", other)
    for name in ("indicators.yaml", "qa.yaml"):  # fresh ids: only the topic differs
        text = (other / name).read_text("utf-8")
        for old in ("dibao-standard-2024", "elderly-institutions", "temporary-assistance"):
            text = text.replace(old, f"b-{old}")
        (other / name).write_text(text, "utf-8")
    edit(other / "topics.yaml", "name: 养老服务", "name: 养老")
    problems = validate(root)
    line = line_of(other / "topics.yaml", "id: elderly-care")
    assert problems == [
        Problem(
            str(other / "topics.yaml"),
            line,
            "elderly-care",
            f"topic differs from the one at {root / 'minipack' / 'topics.yaml'}:{line};"
            " a shared topic id must be defined identically in every pack",
        )
    ]


def test_several_problems_sorted_by_file_and_line(root: Path) -> None:
    pack = root / "minipack"
    edit(pack / "qa.yaml", "topic: social-assistance", "topic: nowhere")
    edit(pack / "indicators.yaml", "value: 135", "value: 136")
    problems = validate(root)
    assert [(Path(p.file).name, p.line) for p in problems] == sorted(
        (Path(p.file).name, p.line) for p in problems
    )
    assert len(problems) == 3  # unknown topic, value not in quote, 135 uncovered


def test_folder_without_packs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_validate([str(tmp_path)]) == 2
    assert f"{tmp_path}: no packs found (no */source.yaml)" in capsys.readouterr().out
    assert main_validate([str(tmp_path / "nowhere")]) == 2
    assert "knowledge folder not found" in capsys.readouterr().out


def test_hidden_and_underscore_folders_are_ignored(root: Path) -> None:
    shutil.copytree(root / "minipack", root / "_template")
    (root / "_template" / "source.yaml").unlink()
    assert validate(root) == []


def test_report_counts(root: Path) -> None:
    result = report(root)
    assert (result.packs, result.indicators, result.qas, result.rows, result.rows_fired) == (
        1,
        2,
        1,
        6,
        6,
    )
    assert (result.numbers, result.covered, result.ignored) == (6, 5, 1)


def test_print_restored_text(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_validate([str(root), "--restored", "minipack"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("民政事业发展巡礼第7篇\n")
    assert "临时救助服务持续优化" in out
    assert main_validate([str(root), "--restored", "nopack"]) == 2


def test_python_m_bot_validate_exit_codes(root: Path) -> None:
    """The real command, as CI and curators run it."""

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "validate", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )

    ok = run()
    assert (ok.returncode, ok.stdout.startswith("knowledge OK: 1 pack")) == (0, True), ok.stderr
    pack = root / "minipack"
    (expected,) = _resolve(pack, unused_row(pack))
    broken = run()
    assert broken.returncode == 2
    assert broken.stdout.splitlines()[0] == str(expected)
