"""The files of a drafted pack, as YAML text a curator edits: values filled in where the
article gives them, blanks (which ``validate`` reports) where a curator must decide."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

from bot.knowledge.discovery import (
    ARTICLE,
    COVERAGE,
    INDICATORS,
    QAS,
    RESTORATION,
    SCOPE,
    SOURCE,
    TOPICS,
)
from bot.knowledge.models import Source
from bot.knowledge.scaffold import Draft, Figure

__all__ = ["id_stem", "render_coverage", "render_indicators", "write_pack"]

CHECK = "  # check"

_SOURCE_HINTS = {
    "publisher": "the newspaper or site, e.g. 人民日报",
    "series": "the series and part, e.g. 民政工作巡礼③某市篇",
    "headline": "the headline in standard (restored) wording",
    "author": "the byline",
    "date": 'ISO date of the copy you have, quoted: "2025-02-12"',
    "date_note": "what the date means, e.g. 转载日期；原文发表于该日或更早",
    "received_from": "where the copy came from (site; whether it was spun)",
}

_SCOPE = """\
# The city the article covers, its places and province (see knowledge/README.md).
city:
  name:  # the city's full name, e.g. 南京市
  level: city
  aliases: []  # other written forms, e.g. 南京
  en: []  # lower case, e.g. nanjing
province:
  name:  # e.g. 浙江省
  level: province
  aliases: []
  en: []
places: []  # districts, county-level cities, towns ...: {name: 鼓楼区, level: district}
absent_metrics: []  # things people ask about that the article does not contain
populations: []  # population groups the figures distinguish
"""

_TOPICS = """\
# The article's sections (its own headings) and topics; reuse the topic ids of the other
# packs where they fit, defined identically (see knowledge/README.md).
sections: []
#  - id: livelihood
#    title: 基本民生保障能力明显增强
#    title_en: Basic livelihood protection
#    topics:
#      - id: social-assistance
#        name: 社会救助
#        name_en: Social assistance
#        keywords: [救助, 低保]
"""

_QA = """\
# One entry per programme, reform, brand, mechanism or award (see knowledge/README.md).
entries: []
#  - id: <city>-some-programme
#    topic:
#    title:
#    title_en:
#    answer:
#    quote:  # verbatim from `python -m bot validate --restored <pack>`
"""


def id_stem(folder_name: str) -> str:
    """A slug prefix for draft ids from the folder name (``nanjing-2019-2024``)."""
    stem = re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")[:40].strip("-")
    return stem if len(stem) >= 2 else "draft"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: float | None) -> str:
    if value is None:
        return "null  # approximate in the text"
    return str(int(value)) if float(value).is_integer() else repr(value)


def _years(figure: Figure) -> str:
    years = figure.years
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return _q(f"{years[0]}-{years[-1]}")
    return "[" + ", ".join(str(y) for y in years) + "]"


def render_indicators(draft: Draft, stem: str) -> str:
    lines = [
        "# Drafted by `python -m bot new-pack`: one entry per number the article writes in",
        "# digits, its sentence (of the restored text) as the quote. For each entry: rename the",
        "# id after what it measures (ids become links), pick a topic from topics.yaml, write",
        "# title and title_en, check every line marked `# check`; delete entries that are no",
        "# figure (and list their number in coverage.yaml); merge those that state one twice.",
        "entries:" if draft.figures else "entries: []",
    ]
    for n, f in enumerate(draft.figures, 1):
        lines += [
            "",
            f"  - id: {stem}-{n:02d}",
            "    topic:",
            "    title:",
            "    title_en:",
            f"    value: {_q(f.value)}",
            f"    number: {_number(f.number)}",
            f"    unit: {_q(f.unit)}",
        ]
        if f.period:
            lines.append(f"    period: {_q(f.period)}{CHECK}")
        if f.years:
            lines.append(f"    years: {_years(f)}{CHECK}")
        if f.baseline:
            lines.append(f"    baseline: {_q(f.baseline)}{CHECK}")
        lines.append(f"    quote: {_q(f.quote)}")
    return "\n".join(lines) + "\n"


def render_coverage(draft: Draft) -> str:
    lines = [
        "# Numbers in the text that no entry states: dates, ordinals ... Each row ignores the",
        "# number inside `context` (verbatim, found once in the restored text). Remove a row",
        "# when an entry comes to state its number (validate says which).",
        "ignore:" if draft.set_aside else "ignore: []",
    ]
    for row in draft.set_aside:
        lines += [
            f"  - text: {_q(row.text)}",
            f"    context: {_q(row.context)}",
            f"    reason: {_q(row.reason)}",
        ]
    return "\n".join(lines) + "\n"


def _render_source() -> str:
    lines = ["# Where the article comes from (see knowledge/README.md); fill in every field."]
    for f in dataclasses.fields(Source):
        hint = _SOURCE_HINTS.get(f.name, "")
        lines.append(f"{f.name}:" + (f"  # {hint}" if hint else ""))
    return "\n".join(lines) + "\n"


def write_pack(
    folder: Path, article: Path, draft: Draft, restoration: Path | None = None
) -> list[Path]:
    """Write the drafted pack into ``folder`` (created); the article is copied byte for byte."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(article, folder / ARTICLE)
    if restoration is not None:
        shutil.copyfile(restoration, folder / RESTORATION)
    files = {
        SOURCE: _render_source(),
        SCOPE: _SCOPE,
        TOPICS: _TOPICS,
        INDICATORS: render_indicators(draft, id_stem(folder.name)),
        QAS: _QA,
        COVERAGE: render_coverage(draft),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())
