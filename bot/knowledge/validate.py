"""Check the knowledge the way a careful editor would, and say exactly what is wrong.

``python -m bot validate`` runs ``main_validate``: it loads every pack, runs the
checks below and prints either a one-line summary (exit 0) or one line per
problem, ``file:line: entry-id: what is wrong`` (exit 2).

Beyond the structural checks done while loading (YAML syntax, missing fields,
wrong types, bad ids), this module checks what needs the whole pack:

* ids are unique across all packs; topics and related ids exist;
* every quote occurs verbatim in the restored text, every value inside its quote;
* every restoration row fires, keeps the digits, and leaves no spun phrase behind;
* coverage: every number in the restored body is covered by an entry (its quote
  spans the number and the number is in the entry's value, change, baseline or
  period) or listed, with a reason, in coverage.yaml's ignore list.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.loader import (
    ARTICLE,
    COVERAGE,
    GLOSSARY,
    RESTORATION,
    TOPICS,
    KnowledgeError,
    Problem,
    parse_knowledge,
    parse_pack,
    sort_problems,
)
from bot.knowledge.models import QA, Entry, Indicator, Pack
from bot.knowledge.restore import Restoration, Restorer
from bot.paths import knowledge_dir

__all__ = [
    "NUMBER_RE",
    "KnowledgeError",
    "Problem",
    "Report",
    "check_packs",
    "entry_numbers",
    "main_validate",
    "report",
    "validate",
]

# A number as the coverage check counts it: 875, 12.24, 2019 (each part of 1+39 separately).
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_PLAIN_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
_DIGITS_RE = re.compile(r"\d")


@dataclass
class Report:
    """Problems plus the figures the summary line prints."""

    problems: list[Problem] = field(default_factory=list)
    packs: int = 0
    indicators: int = 0
    qas: int = 0
    rows: int = 0
    rows_fired: int = 0
    numbers: int = 0
    covered: int = 0
    ignored: int = 0

    @property
    def entries(self) -> int:
        return self.indicators + self.qas

    def summary(self) -> str:
        fired = "all fire" if self.rows_fired == self.rows else f"{self.rows_fired} fire"
        packs = f"{self.packs} pack{'s' if self.packs != 1 else ''}"
        return (
            f"knowledge OK: {packs}, {self.entries} entries ({self.indicators} indicators,"
            f" {self.qas} Q&A), {self.rows} restoration rows ({fired}), {self.numbers} numbers"
            f" in the text: {self.covered} covered, {self.ignored} ignored"
        )


def validate(root: Path | None = None) -> list[Problem]:
    """Every problem in the knowledge under ``root`` (default: ``knowledge_dir()``)."""
    return report(root).problems


def report(root: Path | None = None) -> Report:
    """Parse and check everything under ``root``; never raises on bad data."""
    packs, problems = parse_knowledge(root)
    result = check_packs(packs)
    result.problems = sort_problems(problems + result.problems)
    return result


def main_validate(argv: Sequence[str] | None = None) -> int:
    """`python -m bot validate [FOLDER]`: 0 and a summary, or 2 and one line per problem."""
    parser = argparse.ArgumentParser(
        prog="python -m bot validate",
        description="Check every knowledge pack: structure, quotes, restoration and coverage.",
    )
    parser.add_argument(
        "root",
        nargs="?",
        type=Path,
        help=f"knowledge folder (default: $KNOWLEDGE_DIR or {knowledge_dir()})",
    )
    parser.add_argument(
        "--restored",
        metavar="PACK",
        help="print the restored text of PACK (to copy quotes from) and exit",
    )
    args = parser.parse_args(argv)
    if args.restored:
        return _print_restored(args.root, args.restored)
    result = report(args.root)
    if result.problems:
        for problem in result.problems:
            print(problem)
        n = len(result.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; the bot will not start on this knowledge")
        return 2
    print(result.summary())
    return 0


def _print_restored(root: Path | None, name: str) -> int:
    """Quotes must come from the restored text, which exists only in memory: show it."""
    folder = (knowledge_dir() if root is None else root) / name
    if not (folder / ARTICLE).is_file():
        print(f"{folder / ARTICLE}: missing file", file=sys.stderr)
        return 2
    pack, _ = parse_pack(folder)  # shown even while the pack has problems
    print(pack.restored_text, end="" if pack.restored_text.endswith("\n") else "\n")
    return 0


# --- the checks -------------------------------------------------------------------------------


def check_packs(packs: Sequence[tuple[Path, Pack]]) -> Report:
    """Run every content check on parsed packs (each given with its folder)."""
    result = Report(packs=len(packs))
    problems = result.problems
    _check_ids(packs, problems)
    _check_topics_across(packs, problems)
    all_ids = {e.id for _, pack in packs for e in pack.entries}
    for folder, pack in packs:
        result.indicators += sum(isinstance(e, Indicator) for e in pack.entries)
        result.qas += sum(isinstance(e, QA) for e in pack.entries)
        restorer = Restorer(pack.restoration)
        _check_restoration(folder, pack, restorer, result)
        _check_topics(folder, pack, problems)
        _check_glossary(folder, pack, problems)
        ids = ({t.id for t in pack.topics}, all_ids)
        for entry in pack.entries:
            _check_entry(entry, pack, restorer, ids, problems)
        _check_coverage(folder, pack, result)
    return result


def _check_ids(packs: Sequence[tuple[Path, Pack]], problems: list[Problem]) -> None:
    first: dict[str, Entry] = {}
    for _, pack in packs:
        for entry in pack.entries:
            if not entry.id:
                continue
            if entry.id in first:
                other = first[entry.id]
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        entry.id,
                        f"duplicate id (first defined at {_at(other.file, other.line)})",
                    )
                )
            else:
                first[entry.id] = entry


def _at(file: str, line: int) -> str:
    """``file:line`` as a Problem would print it."""
    return str(Problem(file, line, "", "")).removesuffix(": ")


def _check_topics_across(packs: Sequence[tuple[Path, Pack]], problems: list[Problem]) -> None:
    """Packs may share topic ids (every city has social assistance) but must agree on them."""
    seen: dict[str, tuple[Path, Pack]] = {}
    for folder, pack in packs:
        for topic in pack.topics:
            if topic.id not in seen:
                seen[topic.id] = (folder, pack)
                continue
            other_folder, other_pack = seen[topic.id]
            other_topics = other_folder / TOPICS
            if other_pack is pack:
                continue  # duplicates inside one pack are reported by _check_topics
            other = next(t for t in other_pack.topics if t.id == topic.id)
            if (topic.name, topic.name_en, topic.section, topic.keywords) != (
                other.name,
                other.name_en,
                other.section,
                other.keywords,
            ):
                problems.append(
                    Problem(
                        str(folder / TOPICS),
                        topic.line,
                        topic.id,
                        f"topic differs from the one at {_at(str(other_topics), other.line)};"
                        " a shared topic id must be defined identically in every pack",
                    )
                )


def _check_topics(folder: Path, pack: Pack, problems: list[Problem]) -> None:
    file = str(folder / TOPICS)
    seen: dict[str, int] = {}
    items = [("section", s.id, s.line) for s in pack.sections]
    items += [("topic", t.id, t.line) for t in pack.topics]
    for kind, item_id, item_line in items:
        key = f"{kind}:{item_id}"
        if key in seen:
            problems.append(
                Problem(
                    file, item_line, item_id, f"duplicate {kind} id (first at line {seen[key]})"
                )
            )
        seen.setdefault(key, item_line)
    used = {e.topic for e in pack.entries}
    for topic in pack.topics:
        if topic.id not in used:
            problems.append(
                Problem(
                    file,
                    topic.line,
                    topic.id,
                    "topic has no entries (users would see an empty page)",
                )
            )


def _check_glossary(folder: Path, pack: Pack, problems: list[Problem]) -> None:
    file = str(folder / GLOSSARY)
    seen: dict[str, int] = {}
    for term in pack.glossary:
        if term.canonical in seen:
            problems.append(
                Problem(
                    file,
                    term.line,
                    term.canonical,
                    f"duplicate glossary term (first at line {seen[term.canonical]})",
                )
            )
        seen.setdefault(term.canonical, term.line)


def _check_entry(
    entry: Entry,
    pack: Pack,
    restorer: Restorer,
    ids: tuple[set[str], set[str]],
    problems: list[Problem],
) -> None:
    """``ids``: the topic ids of the entry's pack, and the entry ids of all packs."""

    def problem(message: str) -> None:
        problems.append(Problem(entry.file, entry.line, entry.id, message))

    topics, all_ids = ids
    if entry.topic and entry.topic not in topics:
        problem(f"unknown topic {entry.topic!r} (topics.yaml has: {', '.join(sorted(topics))})")

    text = pack.restored_text
    if entry.quote and entry.quote not in text:
        problem(_quote_hint(entry.quote, pack, restorer))

    if isinstance(entry, Indicator):
        if entry.value and entry.value not in entry.quote:
            problem(f"value {entry.value!r} not found in its quote")
        if (
            entry.number is not None
            and _PLAIN_NUMBER_RE.match(entry.value)
            and float(entry.value) != entry.number
        ):
            problem(f"number {entry.number:g} does not match value {entry.value!r}")

    for rid in entry.related:
        if rid == entry.id:
            problem("related lists the entry itself")
        elif rid not in all_ids:
            problem(f"unknown related id {rid!r}")


def _quote_hint(quote: str, pack: Pack, restorer: Restorer) -> str:
    """Say *where* a quote departs from the text: curators fix it in seconds, not minutes."""
    base = "quote not found verbatim in the restored text"
    if quote in pack.received_text:
        fixed = restorer.apply(quote)
        return f"{base}: it is the received (spun) wording; the restored wording is 「{fixed}」"
    text = pack.restored_text
    lo, hi = 0, len(quote)  # longest prefix of the quote that occurs in the text
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"{base} (not even its first character)"
    at = text.find(quote[:lo]) + lo
    there = text[at : at + 8].split("\n", 1)[0]
    there = f"「{there}…」" if there else "the end of the paragraph"
    return (
        f"{base}: it matches up to 「…{quote[max(0, lo - 8) : lo]}」, then the quote has"
        f" 「{quote[lo : lo + 8]}…」 where the text has {there}"
    )


def _check_restoration(folder: Path, pack: Pack, restorer: Restorer, result: Report) -> None:
    file = str(folder / RESTORATION)
    problems = result.problems
    restoration = restorer.restore(pack.received_text)
    result.rows += len(pack.restoration)
    result.rows_fired += sum(1 for n in restoration.fires if n)
    first_line: dict[str, int] = {}
    for row, fires in zip(pack.restoration, restoration.fires, strict=True):

        def problem(message: str, row_line: int = row.line, spun: str = row.spun) -> None:
            problems.append(Problem(file, row_line, spun, message))

        if row.spun == row.standard:
            problem("restoration row changes nothing (spun equals standard)")
        if _DIGITS_RE.findall(row.spun) != _DIGITS_RE.findall(row.standard):
            problem(f"restoration row changes digits: 「{row.spun}」 -> 「{row.standard}」")
        if fires == 0:
            if row.spun in first_line:
                problem(
                    "restoration row never fires: duplicate of the row at line"
                    f" {first_line[row.spun]}, which wins"
                )
            elif row.spun in pack.received_text:
                problem(
                    "restoration row never fires: every occurrence is inside a longer"
                    " spun phrase of another row"
                )
            else:
                problem(f"restoration row never fires: 「{row.spun}」 does not occur in {ARTICLE}")
        else:
            left = _left_behind(row.spun, restoration)
            if left >= 0:
                line = restoration.text.count("\n", 0, left) + 1
                problem(
                    f"spun phrase still present in the restored text ({ARTICLE} line {line}),"
                    " outside any replacement: overlapping rows left it or formed it again"
                )
        first_line.setdefault(row.spun, row.line)
    if NUMBER_RE.findall(pack.received_text) != NUMBER_RE.findall(restoration.text):
        problems.append(
            Problem(file, 0, "", "restoration changes the numbers of the text (digits merged?)")
        )


def _left_behind(spun: str, restoration: Restoration) -> int:
    """Offset of an occurrence of ``spun`` that is not inside one replacement, else -1.

    An occurrence wholly inside a replacement is another row's standard wording
    (延续->持续 while 持续->连续) and is correct, because replacements are never
    re-scanned. Anything else was missed: it overlaps text that was copied unchanged.
    """
    starts = [start for start, _, _ in restoration.replaced]
    for at in _find_all(restoration.text, spun):
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or restoration.replaced[k][1] < at + len(spun):
            return at
    return -1


def entry_numbers(entry: Entry) -> set[str]:
    """The numbers an entry states as data: the ones its quote may cover.

    A Q&A answer may repeat the numbers of its sentence, but only a figure's
    value/change/baseline or a period makes a number answerable as such.
    """
    fields = [entry.period]
    if isinstance(entry, Indicator):
        fields += [entry.value, entry.change, entry.baseline]
    return {m for f in fields for m in NUMBER_RE.findall(f)}


def _find_all(text: str, sub: str) -> list[int]:
    out: list[int] = []
    at = text.find(sub)
    while sub and at >= 0:
        out.append(at)
        at = text.find(sub, at + 1)
    return out


def _check_coverage(folder: Path, pack: Pack, result: Report) -> None:
    text = pack.restored_text
    matches = list(NUMBER_RE.finditer(text))
    starts = [m.start() for m in matches]
    covered: dict[int, str] = {}  # match index -> id of the first entry covering it
    quoted_by: dict[int, str] = {}  # spanned by a quote, whether or not the entry states it

    def inside(begin: int, end: int) -> range:
        """Indexes of the numbers that start in [begin, end) (callers check the end)."""
        return range(bisect.bisect_left(starts, begin), bisect.bisect_left(starts, end))

    for entry in pack.entries:
        stated = entry_numbers(entry)
        for at in _find_all(text, entry.quote):
            end = at + len(entry.quote)
            for i in inside(at, end):
                m = matches[i]
                if m.end() > end:
                    continue
                quoted_by.setdefault(i, entry.id)
                if m.group() in stated:
                    covered.setdefault(i, entry.id)

    ignored: set[int] = set()
    file = str(folder / COVERAGE)
    for row in pack.ignored_numbers:
        hits: list[int] = []
        for at in _find_all(text, row.context):
            end = at + len(row.context)
            hits += [
                i
                for i in inside(at, end)
                if matches[i].end() <= end and matches[i].group() == row.text
            ]
        if not hits:
            where = (
                "its context is the received (spun) wording; use the restored wording"
                if row.context in pack.received_text
                else f"context 「{row.context}」 not found in the restored text"
            )
            if row.context in text:
                where = f"no number {row.text!r} inside 「{row.context}」"
            result.problems.append(
                Problem(file, row.line, row.text, f"ignore row matches nothing: {where}")
            )
            continue
        for i in hits:
            if i in covered:
                result.problems.append(
                    Problem(
                        file,
                        row.line,
                        row.text,
                        f"ignore row hides a covered number: entry {covered[i]!r} states it;"
                        " remove the ignore row",
                    )
                )
                break
        ignored.update(hits)

    result.numbers += len(matches)
    result.covered += len(covered)
    result.ignored += len(ignored - covered.keys())
    article = str(folder / ARTICLE)
    for i, m in enumerate(matches):
        if i in covered or i in ignored:
            continue
        line = text.count("\n", 0, m.start()) + 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        snippet = text[max(line_start, m.start() - 12) : min(line_end, m.end() + 12)]
        hint = (
            f"entry {quoted_by[i]!r} quotes it but does not state {m.group()} in its value,"
            " change, baseline or period"
            if i in quoted_by
            else "add an entry whose quote spans it, or an ignore row in coverage.yaml"
        )
        result.problems.append(
            Problem(article, line, "", f"uncovered number {m.group()} in 「{snippet}」: {hint}")
        )
