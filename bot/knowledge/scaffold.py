"""Draft a pack from an article's text: one figure per number, each with its sentence.

Finding every number and copying its sentence verbatim is the slow, error-prone part of
curating an article, so ``python -m bot new-pack`` does it: numbers are read with the
question parser (`bot.understand.numerals.find_numbers`: value, unit, 近/多 as written),
the quote is the sentence of the *restored* text, and the period is guessed from the
dates in it. Whatever no figure states — a date, an ordinal (第7篇) — is found by the
validator's own coverage check (`bot.knowledge.coverage.measure`) and set aside with a
context that matches it alone, so the draft validates except for what a curator decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.coverage import NUMBER_RE, find_all, measure
from bot.knowledge.files.source import EMPTY_SOURCE
from bot.knowledge.models import Indicator, Pack, RestorationRow
from bot.knowledge.restore import restore
from bot.understand.numerals import find_numbers

__all__ = ["Draft", "Figure", "SetAside", "draft", "sentences"]

_END = "。！？!?"
_CLOSE = "”’」"
_YEAR = r"(?:19|20)\d\d"
_RANGE_RE = re.compile(rf"({_YEAR})\s*(?:-|–|—|~|～|至|到)\s*({_YEAR})\s*年")
_SINCE_RE = re.compile(rf"({_YEAR})\s*年以来")
_UNTIL_RE = re.compile(rf"截至\s*({_YEAR})\s*年(?:底|末)?")
_IN_YEAR_RE = re.compile(rf"({_YEAR})\s*年")
_BASELINE_RE = re.compile(rf"(?:较|比|相比|与)\s*({_YEAR})\s*年")
_UNDATED = ("目前", "现有", "现已", "截至目前")


@dataclass(frozen=True, slots=True)
class Figure:
    """One drafted indicator: the number as written and the sentence stating it."""

    quote: str
    value: str
    number: float | None
    unit: str
    period: str = ""
    years: tuple[int, ...] = ()
    baseline: str = ""


@dataclass(frozen=True, slots=True)
class SetAside:
    """A number no figure states, for coverage.yaml: a date, an ordinal, or unread."""

    text: str
    context: str
    reason: str


@dataclass(frozen=True, slots=True)
class Draft:
    restored_text: str
    sentences: int
    figures: tuple[Figure, ...]
    set_aside: tuple[SetAside, ...]


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of each line, ending punctuation included."""
    offset = 0
    for line in text.splitlines(keepends=True):
        start = 0
        for i in range(len(line)):
            if _ends_at(line, i):
                yield from _stripped(offset + start, line[start : i + 1])
                start = i + 1
        yield from _stripped(offset + start, line[start:])
        offset += len(line)


def _ends_at(line: str, i: int) -> bool:
    """A sentence ends at 。！？ — or at the closing quote right after one (…。”)."""
    after = line[i + 1] if i + 1 < len(line) else "\n"
    if line[i] in _END:
        return after not in _END + _CLOSE
    return line[i] in _CLOSE and i > 0 and line[i - 1] in _END


def _stripped(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    body = piece.strip()
    if body:
        yield offset + piece.index(body), body


def draft(received: str, rows: Sequence[RestorationRow] = ()) -> Draft:
    """The figures and set-aside numbers of an article (``rows`` restore it first)."""
    text = restore(received, rows).text
    last_year = max((int(y) for y in re.findall(_YEAR + r"(?=\s*年)", text)), default=0)
    figures: list[Figure] = []
    count = 0
    for _, sentence in sentences(text):
        count += 1
        period, years, baseline = _dating(sentence, last_year)
        for found in find_numbers(sentence):
            if not any(ch.isdigit() for ch in found.text):
                continue  # 五年来, 一项项: numerals as words; the coverage check ignores them
            if _looks_like_date(sentence, found.start, found.end) or _is_ordinal(
                sentence, found.start
            ):
                continue
            value = found.text.removesuffix("%")
            number = None if found.approx else round(found.value, 6)
            figures.append(Figure(sentence, value, number, found.unit, period, years, baseline))
    return Draft(text, count, tuple(figures), tuple(_set_aside(text, received, figures)))


def _dating(sentence: str, last_year: int) -> tuple[str, tuple[int, ...], str]:
    """A guess at (period, years, baseline) from the dates the sentence names."""
    baseline_m = _BASELINE_RE.search(sentence)
    baseline = f"{baseline_m.group(1)}年" if baseline_m else ""
    if m := _RANGE_RE.search(sentence):
        first, last = int(m.group(1)), int(m.group(2))
        return m.group(0).strip(), tuple(range(first, last + 1)), baseline
    if m := _SINCE_RE.search(sentence):
        since = int(m.group(1))
        return m.group(0), tuple(range(since, max(since, last_year) + 1)), baseline
    if m := _UNTIL_RE.search(sentence):
        return m.group(0), (int(m.group(1)),), baseline
    for m in _IN_YEAR_RE.finditer(sentence):
        if baseline_m is None or m.start() != baseline_m.start(1):
            return m.group(0), (int(m.group(1)),), baseline
    if any(word in sentence for word in _UNDATED):
        return "截至报道时", (), baseline  # an undated "now" is the date of the report
    return "", (), baseline


def _looks_like_date(text: str, start: int, end: int) -> bool:
    digits = text[start:end]
    after = text[end : end + 8]
    if re.fullmatch(_YEAR, digits):
        return bool(re.match(rf"\s*(?:年|(?:-|–|—|~|～|至|到)\s*{_YEAR})", after))
    return bool(re.fullmatch(r"\d{1,2}", digits) and re.match(r"\s*[月日]", after))


def _is_ordinal(text: str, start: int) -> bool:
    return text[max(0, start - 1) : start] == "第"


def _set_aside(text: str, received: str, figures: Sequence[Figure]) -> Iterator[SetAside]:
    """Every number the figures leave uncovered, found by the validator's coverage check."""
    entries = tuple(
        Indicator(
            id=f"draft-{i}",
            topic="",
            title="",
            title_en="",
            quote=f.quote,
            value=f.value,
            period=f.period,
            baseline=f.baseline,
        )
        for i, f in enumerate(figures)
    )
    pack = Pack("draft", EMPTY_SOURCE, received, text, (), (), (), (), entries)
    found = measure(Path(), pack)
    for i in found.left():
        m = found.numbers[i]
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _looks_like_date(text, m.start(), m.end()):
            reason = "a date, not a figure (check)"
        elif _is_ordinal(text, m.start()):
            reason = "an ordinal, not a figure (check)"
        else:
            reason = "not read as a figure (check: add an entry if it is one)"
        yield SetAside(m.group(), _context(text, m, line_start), reason)


def _context(text: str, m: re.Match[str], line_start: int) -> str:
    """The shortest piece of the line around the number that occurs once in the text and
    holds the number once, so the ignore row matches this occurrence alone."""
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    for width in range(1, line_end - line_start + 1):
        lo = max(line_start, m.start() - width)
        hi = min(line_end, m.end() + width)
        context = text[lo:hi]
        if len(find_all(text, context)) == 1 and context.count(m.group()) == 1:
            whole = [n for n in NUMBER_RE.finditer(context) if n.group() == m.group()]
            if len(whole) == 1:
                return context
    return text[line_start:line_end]
