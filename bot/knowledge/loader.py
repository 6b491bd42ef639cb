"""Load knowledge packs from YAML into the frozen models, keeping line numbers.

Every record remembers the 1-based line it came from, so a curator's mistake is
reported as ``file:line: entry-id: what is wrong`` instead of a stack trace. The
loader collects every structural problem it can find (syntax, missing fields,
wrong types, bad ids) before giving up, so one run shows them all; the checks that
need the whole pack (quotes, coverage, restoration) live in ``bot.knowledge.validate`` and
run from ``load_knowledge`` too, so the bot never serves a pack that fails them.

Layout of a pack folder (see knowledge/README.md)::

    source.yaml  article.txt  restoration.yaml  glossary.yaml  topics.yaml
    indicators.yaml  qa.yaml  coverage.yaml
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from bot.knowledge.models import (
    QA,
    Confidence,
    Entry,
    GlossaryTerm,
    IgnoredNumber,
    Indicator,
    Knowledge,
    Pack,
    Place,
    RestorationRow,
    Scope,
    Section,
    Source,
    Topic,
)
from bot.knowledge.restore import restore
from bot.paths import knowledge_dir

__all__ = [
    "ARTICLE",
    "ENTRY_FILES",
    "PACK_FILES",
    "SLUG_RE",
    "SOURCE",
    "KnowledgeError",
    "Problem",
    "load_for_serving",
    "load_knowledge",
    "load_pack",
    "pack_folders",
    "parse_knowledge",
    "parse_pack",
    "readable",
    "sort_problems",
]

try:  # libyaml's parser is several times faster; the pure-Python one is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

SOURCE = "source.yaml"
ARTICLE = "article.txt"
RESTORATION = "restoration.yaml"
GLOSSARY = "glossary.yaml"
TOPICS = "topics.yaml"
COVERAGE = "coverage.yaml"
SCOPE = "scope.yaml"  # parsed by the knowledge package rewrite (issue 12); listed so it is known
INDICATORS = "indicators.yaml"
QAS = "qa.yaml"
# Entries may be split over several files (indicators-elderly.yaml, qa-funeral.yaml ...).
ENTRY_FILES = ("indicators", "qa")
PACK_FILES = (SOURCE, ARTICLE, RESTORATION, GLOSSARY, TOPICS, INDICATORS, QAS, COVERAGE, SCOPE)

SYNTAX_ERROR = "YAML syntax error"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
_YEARS_RE = re.compile(r"^\s*(\d{4})\s*(?:-|–|—|~|～|至|到)\s*(\d{4})\s*年?\s*$")
_CONFIDENCE: tuple[Confidence, ...] = ("certain", "likely", "guess")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the knowledge, located for the curator."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    entry_id: str  # the entry, row, topic or number concerned; "" when none
    message: str

    def __str__(self) -> str:
        """One line per problem, whatever the message holds (grep- and editor-friendly)."""
        where = _display_path(self.file)
        if self.line:
            where = f"{where}:{self.line}"
        message = self.message.replace("\n", "\\n")
        if self.entry_id:
            return f"{where}: {self.entry_id}: {message}"
        return f"{where}: {message}"


class KnowledgeError(Exception):
    """The knowledge cannot be served; ``problems`` says exactly why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        lines = [f"invalid knowledge: {n} problem{'s' if n != 1 else ''}"]
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File by file, top to bottom: the order a curator fixes them in."""
    return sorted(problems, key=lambda p: (p.file, p.line))


def _display_path(file: str) -> str:
    """Paths under the working directory are shown relative: shorter, clickable."""
    try:
        rel = os.path.relpath(file)
    except ValueError:  # pragma: no cover - other drive on Windows
        return file
    return file if rel.startswith("..") else rel


# --- YAML with line numbers -------------------------------------------------------------------


class YMap(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its keys came from."""

    __slots__ = ("key_lines", "line", "raw")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        # Source text of non-string scalars: `value: 3.10` must stay "3.10", not 3.1.
        self.raw: dict[str, str] = {}


class _YAMLError(yaml.MarkedYAMLError):
    """A structural mistake PyYAML would accept silently (duplicate key) or not name."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)


_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Only plain scalars starting with one of these can be anything but text (numbers,
# dates, true/false, null); most values here start with a Chinese character.
_MAYBE_TYPED = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


def _scalar(event: Any) -> object:
    """The value of a scalar, typed exactly as PyYAML's safe loader would type it."""
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        plain = event.implicit[0]
        if not plain or (value and value[0] not in _MAYBE_TYPED):
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR:
        return value
    construct = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
    if construct is None or tag == "tag:yaml.org,2002:merge":
        raise _YAMLError(f"unsupported tag {tag!r}", event.start_mark)
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    return construct(_CONSTRUCTOR, node)


def _parse_events(text: str) -> object:
    """Build plain data (YMaps, lists, scalars) straight from libyaml's events.

    Going through PyYAML's node graph (``yaml.compose``) and constructor costs
    about twice as much, and loading must stay well under 50 ms.
    """
    loader = _BaseLoader(text)
    try:
        get: Callable[[], Any] = loader.get_event  # events are untyped in the stubs
        stack: list[YMap | list[object]] = []
        keys: list[tuple[str, int] | None] = []  # pending key (and its line) per open mapping
        anchors: dict[str, object] = {}
        root: object = None
        documents = 0
        while True:
            event = get()
            kind = type(event)
            value: object
            if kind is yaml.ScalarEvent:
                if stack and keys[-1] is None and type(stack[-1]) is YMap:
                    keys[-1] = (event.value, event.start_mark.line + 1)  # keys stay text
                    continue
                value = _scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                container: YMap | list[object] = (
                    YMap(event.start_mark.line + 1) if kind is yaml.MappingStartEvent else []
                )
                if event.anchor:
                    anchors[event.anchor] = container
                stack.append(container)
                keys.append(None)
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()
                keys.pop()
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise _YAMLError(f"unknown alias {event.anchor!r}", event.start_mark)
                value = anchors[event.anchor]
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _YAMLError("expected one document, found a second", event.start_mark)
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            else:  # stream start, document end
                continue
            if kind is yaml.ScalarEvent and event.anchor:
                anchors[event.anchor] = value
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if type(parent) is list:
                parent.append(value)
                continue
            assert isinstance(parent, YMap)
            pending = keys[-1]
            if pending is None:  # a mapping or list used as a key
                raise _YAMLError("a key must be a plain word", event.start_mark)
            key, key_line = pending
            if key in parent:
                raise _YAMLError(
                    f"duplicate key {key!r} (first at line {parent.key_lines[key]})",
                    yaml.Mark("", 0, key_line - 1, 0, "", 0),
                )
            parent[key] = value
            parent.key_lines[key] = key_line
            if kind is yaml.ScalarEvent and value is not None and not isinstance(value, str):
                parent.raw[key] = event.value
            keys[-1] = None
    finally:
        loader.dispose()


_FAILED = object()  # what _read_yaml returns for a file it already reported as broken


def _read_yaml(path: Path, problems: list[Problem]) -> object:
    """Parse one YAML file; on a syntax error record it and return _FAILED."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 0, "", f"not UTF-8 text: {exc.reason}"))
        return _FAILED
    try:
        return _parse_events(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark is not None else 0
        problems.append(Problem(str(path), line, "", f"{SYNTAX_ERROR}: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), 0, "", f"{SYNTAX_ERROR}: {exc}"))
    return _FAILED


# --- typed field access -----------------------------------------------------------------------


class _Record:
    """Typed, located reads from one YAML mapping; every mistake becomes a Problem."""

    def __init__(self, data: YMap, file: str, problems: list[Problem], label: str = "") -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.label = label  # entry id (or row phrase) for messages

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.data.line)

    def problem(self, key: str | None, message: str) -> None:
        line = self.data.line if key is None else self.line_of(key)
        self.problems.append(Problem(self.file, line, self.label, message))

    def _missing(self, key: str) -> None:
        self.problem(None, f"missing required field '{key}'")

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self._missing(key)
            return default
        if isinstance(value, str):
            return value.strip()
        if key in self.data.raw:  # a bare number or date written where text is expected
            return self.data.raw[key].strip()
        self.problem(key, f"wrong type for '{key}': expected text, got {_kind(value)}")
        return default

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(key, f"wrong type for '{key}': expected a list, got {_kind(value)}")
            return ()
        out: list[str] = []
        for item in value:
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            elif isinstance(item, int | float) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.problem(key, f"wrong type for '{key}': list item {item!r} is not text")
        return tuple(out)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(key, f"wrong type for '{key}': expected true or false, got {value!r}")
        return default

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.problem(key, f"wrong type for '{key}': expected a number or null, got {value!r}")
        return None

    def years(self, key: str) -> tuple[int, ...]:
        value = self.data.get(key)
        if value is None or value == []:
            return ()
        years: list[int] = []
        if isinstance(value, int) and not isinstance(value, bool):
            years = [value]
        elif isinstance(value, str) and (m := _YEARS_RE.match(value)):
            years = list(range(int(m.group(1)), int(m.group(2)) + 1))
            if not years:
                self.problem(key, f"wrong type for '{key}': empty range {value!r}")
        elif isinstance(value, list) and all(
            isinstance(y, int) and not isinstance(y, bool) for y in value
        ):
            years = list(value)
        else:
            self.problem(
                key,
                f"wrong type for '{key}': expected a list of years or a range like"
                f' "2019-2024", got {value!r}',
            )
            return ()
        if any(not 1900 <= y <= 2100 for y in years):
            self.problem(key, f"wrong type for '{key}': {value!r} is not a calendar year")
            return ()
        return tuple(years)

    def only(self, allowed: frozenset[str]) -> None:
        """Unknown keys are almost always typos (qoute:, alias:) that would be silently lost."""
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def _items(
    doc: object, key: str, file: str, problems: list[Problem], *, required: bool = False
) -> Iterator[YMap]:
    """The mappings listed under ``key`` at the top of a file (``rows:``, ``entries:`` ...)."""
    if doc is _FAILED:
        return
    if doc is None:
        if required:
            problems.append(Problem(file, 0, "", f"missing required field '{key}'"))
        return
    if not isinstance(doc, YMap):
        problems.append(Problem(file, 1, "", f"wrong type: expected a mapping with '{key}:'"))
        return
    rec = _Record(doc, file, problems)
    rec.only(frozenset({key}))
    if key not in doc:
        if required:
            rec.problem(None, f"missing required field '{key}'")
        return
    value = doc[key]
    if value is None:
        return
    if not isinstance(value, list):
        rec.problem(key, f"wrong type for '{key}': expected a list, got {_kind(value)}")
        return
    for i, item in enumerate(value):
        if isinstance(item, YMap):
            yield item
        else:
            problems.append(
                Problem(
                    file,
                    doc.key_lines[key],
                    "",
                    f"wrong type for '{key}' item {i + 1}: expected a mapping, got {_kind(item)}",
                )
            )


# --- one file at a time ------------------------------------------------------------------------

_SOURCE_FIELDS = frozenset(
    {
        "publisher",
        "series",
        "headline",
        "publisher_en",
        "headline_received",  # the spun headline as received; for the record only
        "author",
        "date",
        "date_note",
        "received_from",
        "note",
    }
)


def _parse_source(path: Path, problems: list[Problem]) -> Source:
    doc = _read_yaml(path, problems)
    if not isinstance(doc, YMap):
        if doc is not _FAILED:
            problems.append(Problem(str(path), 1, "", "wrong type: expected a mapping of fields"))
        return Source("", "", "", "", "", "")
    rec = _Record(doc, str(path), problems)
    rec.only(_SOURCE_FIELDS)
    return Source(
        publisher=rec.text("publisher", required=True),
        series=rec.text("series", required=True),
        headline=rec.text("headline", required=True),
        author=rec.text("author", required=True),
        date=rec.text("date", required=True),
        date_note=rec.text("date_note", required=True),
        received_from=rec.text("received_from"),
        headline_received=rec.text("headline_received"),
        publisher_en=rec.text("publisher_en"),
    )


def _parse_scope(path: Path, problems: list[Problem]) -> Scope | None:
    """Interim reader of scope.yaml (the knowledge-package rewrite replaces it)."""
    doc = _read_yaml(path, problems)
    if not isinstance(doc, YMap):
        return None
    rec = _Record(doc, str(path), problems)

    def place(item: object, level: str = "") -> Place:
        if not isinstance(item, YMap):
            return Place("", "city")
        r = _Record(item, str(path), problems)
        lv = r.text("level", default=level)
        return Place(
            name=r.text("name", required=True),
            level=lv if lv in _LEVELS else "city",  # type: ignore[arg-type]
            aliases=r.texts("aliases"),
            en=tuple(w.lower() for w in r.texts("en")),
            within=r.text("within"),
            line=item.line,
        )

    places = doc.get("places")
    return Scope(
        city=place(doc.get("city"), "city"),
        province=place(doc.get("province"), "province"),
        places=tuple(place(p) for p in places) if isinstance(places, list) else (),
        absent_metrics=rec.texts("absent_metrics"),
        populations=rec.texts("populations"),
        line=doc.line,
    )


_LEVELS = frozenset({"province", "city", "district", "county_city", "county", "town", "village"})


_ROW_FIELDS = frozenset({"spun", "standard", "confidence", "note", "queries"})


def _parse_restoration(path: Path, problems: list[Problem]) -> list[RestorationRow]:
    rows: list[RestorationRow] = []
    for item in _items(_read_yaml(path, problems), "rows", str(path), problems, required=True):
        spun = item.get("spun")
        rec = _Record(item, str(path), problems, spun if isinstance(spun, str) else "")
        rec.only(_ROW_FIELDS)
        spun_text = rec.text("spun", required=True)
        standard_text = rec.text("standard", required=True)
        confidence = rec.text("confidence", required=True)
        if confidence and confidence not in _CONFIDENCE:
            rec.problem(
                "confidence",
                f"wrong type for 'confidence': {confidence!r} is not one of certain, likely, guess",
            )
        note = rec.text("note")
        queries = rec.flag("queries", True)
        for key, phrase in (("spun", spun_text), ("standard", standard_text)):
            if "\n" in phrase:
                rec.problem(key, f"'{key}' must be on one line (phrases never span paragraphs)")
        rows.append(
            RestorationRow(
                spun=spun_text,
                standard=standard_text,
                confidence=cast(Confidence, confidence),
                note=note,
                queries=queries,
                line=item.line,
            )
        )
    return rows


_TERM_FIELDS = frozenset({"canonical", "synonyms", "note"})


def _parse_glossary(path: Path, problems: list[Problem]) -> list[GlossaryTerm]:
    terms: list[GlossaryTerm] = []
    for item in _items(_read_yaml(path, problems), "terms", str(path), problems, required=True):
        canonical = item.get("canonical")
        rec = _Record(item, str(path), problems, canonical if isinstance(canonical, str) else "")
        rec.only(_TERM_FIELDS)
        term = GlossaryTerm(
            canonical=rec.text("canonical", required=True),
            synonyms=rec.texts("synonyms"),
            line=item.line,
        )
        if not term.synonyms and "synonyms" not in item:
            rec.problem(None, "missing required field 'synonyms'")
        elif not term.synonyms:
            rec.problem("synonyms", "a term needs at least one synonym")
        terms.append(term)
    return terms


_SECTION_FIELDS = frozenset({"id", "title", "title_en", "topics"})
_TOPIC_FIELDS = frozenset({"id", "name", "name_en", "keywords"})


def _parse_topics(path: Path, problems: list[Problem]) -> tuple[list[Section], list[Topic]]:
    """Sections with their topics (each topic knows its section)."""
    sections: list[Section] = []
    topics: list[Topic] = []
    file = str(path)
    for item in _items(_read_yaml(path, problems), "sections", file, problems, required=True):
        rec = _Record(item, file, problems, _id_label(item))
        rec.only(_SECTION_FIELDS)
        section_id = _slug(rec)
        section = Section(
            id=section_id,
            title=rec.text("title", required=True),
            title_en=rec.text("title_en", required=True),
            line=item.line,
        )
        topic_items = item.get("topics")
        if not isinstance(topic_items, list) or not topic_items:
            rec.problem("topics" if "topics" in item else None, "a section needs a list of topics")
            topic_items = []
        for t_item in topic_items:
            if not isinstance(t_item, YMap):
                rec.problem("topics", f"wrong type for 'topics' item: got {_kind(t_item)}")
                continue
            t_rec = _Record(t_item, file, problems, _id_label(t_item))
            t_rec.only(_TOPIC_FIELDS)
            topic = Topic(
                id=_slug(t_rec),
                name=t_rec.text("name", required=True),
                name_en=t_rec.text("name_en", required=True),
                section=section_id,
                keywords=t_rec.texts("keywords"),
                line=t_item.line,
            )
            topics.append(topic)
        sections.append(section)
    return sections, topics


def _id_label(item: YMap) -> str:
    value = item.get("id")
    return value if isinstance(value, str) else ""


def _slug(rec: _Record) -> str:
    value = rec.text("id", required=True)
    if value and not SLUG_RE.match(value):
        rec.problem(
            "id",
            f"bad id {value!r}: use 2-48 characters of a-z, 0-9 and '-', starting with a letter"
            " or digit",
        )
    return value


_COMMON_FIELDS = frozenset(
    {
        "id",
        "topic",
        "title",
        "title_en",
        "aliases",
        "aliases_en",
        "questions",
        "period",
        "years",
        "scope",
        "quote",
        "related",
        "components",
        "actors",
        "note",
    }
)
_INDICATOR_FIELDS = _COMMON_FIELDS | {"value", "number", "unit", "change", "baseline"}
_QA_FIELDS = _COMMON_FIELDS | {"answer"}


def _parse_entries(path: Path, pack: str, kind: str, problems: list[Problem]) -> list[Entry]:
    entries: list[Entry] = []
    file = str(path)
    for item in _items(_read_yaml(path, problems), "entries", file, problems, required=True):
        rec = _Record(item, file, problems, _id_label(item))
        common: dict[str, Any] = {
            "id": _slug(rec),
            "topic": rec.text("topic", required=True),
            "title": rec.text("title", required=True),
            "title_en": rec.text("title_en", required=True),
            "aliases": rec.texts("aliases"),
            "aliases_en": rec.texts("aliases_en"),
            "questions": rec.texts("questions"),
            "period": rec.text("period"),
            "years": rec.years("years"),
            "scope": rec.text("scope", default="全市"),
            "quote": rec.text("quote", required=True),
            "related": rec.texts("related"),
            "components": rec.texts("components"),
            "actors": rec.texts("actors"),
            "pack": pack,
            "file": file,
            "line": item.line,
        }
        entry: Entry
        if kind == "indicators":
            rec.only(_INDICATOR_FIELDS)
            entry = Indicator(
                **common,
                value=rec.text("value", required=True),
                number=rec.number("number"),
                unit=rec.text("unit"),
                change=rec.text("change"),
                baseline=rec.text("baseline"),
            )
        else:
            rec.only(_QA_FIELDS)
            entry = QA(**common, answer=rec.text("answer", required=True))
        entries.append(entry)
    return entries


_IGNORE_FIELDS = frozenset({"text", "context", "reason"})


def _parse_coverage(path: Path, problems: list[Problem]) -> list[IgnoredNumber]:
    ignored: list[IgnoredNumber] = []
    for item in _items(_read_yaml(path, problems), "ignore", str(path), problems):
        text = item.get("text")
        rec = _Record(item, str(path), problems, text if isinstance(text, str) else "")
        rec.only(_IGNORE_FIELDS)
        row = IgnoredNumber(
            text=rec.text("text", required=True),
            context=rec.text("context", required=True),
            reason=rec.text("reason", required=True),
            line=item.line,
        )
        if row.text and row.context and row.text not in row.context:
            rec.problem("context", f"'context' must contain the number {row.text!r}")
        ignored.append(row)
    return ignored


# --- packs -------------------------------------------------------------------------------------


def _entry_files(folder: Path) -> list[tuple[str, Path]]:
    """indicators.yaml then indicators-*.yaml, then the same for qa: a stable order."""
    out: list[tuple[str, Path]] = []
    for kind in ENTRY_FILES:
        main = folder / f"{kind}.yaml"
        if main.is_file():
            out.append((kind, main))
        out += [(kind, p) for p in sorted(folder.glob(f"{kind}-*.yaml")) if p.is_file()]
    return out


def parse_pack(folder: Path) -> tuple[Pack, list[Problem]]:
    """Read one pack folder into a Pack plus the problems found on the way.

    The Pack holds every record, including those with problems (a missing field
    becomes ""), so that ``validate`` can run the content checks too without a
    cascade of follow-on errors (an entry dropped for a missing ``title`` would
    otherwise leave its numbers "uncovered"). Only a problem-free Pack is served.
    """
    problems: list[Problem] = []
    folder = Path(folder)
    entry_files = _entry_files(folder) if folder.is_dir() else []
    known = {*PACK_FILES, *(path.name for _, path in entry_files)}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.suffix in (".yaml", ".yml") and path.name not in known:
            problems.append(
                Problem(
                    str(path),
                    0,
                    "",
                    f"unknown file: a pack holds {', '.join(PACK_FILES)}"
                    " (entries may also be split into indicators-*.yaml / qa-*.yaml)",
                )
            )

    source_path = folder / SOURCE
    source = Source("", "", "", "", "", "")
    if source_path.is_file():
        source = _parse_source(source_path, problems)
    else:
        problems.append(Problem(str(source_path), 0, "", "missing file: every pack needs one"))

    article_path = folder / ARTICLE
    received = ""
    if article_path.is_file():
        try:
            received = article_path.read_text(encoding="utf-8-sig")
            if not received.strip():
                problems.append(Problem(str(article_path), 0, "", "the article text is empty"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(article_path), 0, "", f"not UTF-8 text: {exc.reason}"))
    else:
        problems.append(Problem(str(article_path), 0, "", "missing file: every pack needs one"))

    def optional(name: str, parse: Callable[[Path, list[Problem]], list[Any]]) -> list[Any]:
        path = folder / name
        return parse(path, problems) if path.is_file() else []

    rows: list[RestorationRow] = optional(RESTORATION, _parse_restoration)
    glossary: list[GlossaryTerm] = optional(GLOSSARY, _parse_glossary)
    ignored: list[IgnoredNumber] = optional(COVERAGE, _parse_coverage)

    topics_path = folder / TOPICS
    sections: list[Section] = []
    topics: list[Topic] = []
    if topics_path.is_file():
        sections, topics = _parse_topics(topics_path, problems)
    else:
        problems.append(Problem(str(topics_path), 0, "", "missing file: every pack needs one"))

    scope_path = folder / SCOPE
    scope = _parse_scope(scope_path, problems) if scope_path.is_file() else None

    entries: list[Entry] = []
    for kind, path in entry_files:
        entries += _parse_entries(path, folder.name, kind, problems)

    pack = Pack(
        name=folder.name,
        source=source,
        received_text=received,
        restored_text=restore(received, rows).text,
        restoration=tuple(rows),
        glossary=tuple(glossary),
        sections=tuple(sections),
        topics=tuple(topics),
        entries=tuple(entries),
        ignored_numbers=tuple(ignored),
        scope=scope,
    )
    return pack, problems


def pack_folders(root: Path) -> list[Path]:
    """Every sub-folder holding a source.yaml is a pack; sorted by name for a stable order."""
    return sorted(p.parent for p in Path(root).glob(f"*/{SOURCE}") if p.parent.is_dir())


def parse_knowledge(root: Path | None = None) -> tuple[list[tuple[Path, Pack]], list[Problem]]:
    """Parse every pack under ``root`` (default: ``knowledge_dir()``), collecting problems.

    Packs with a YAML syntax error are left out of the returned list (their problems
    are kept): checking half a pack would report every entry of the broken file as
    missing.
    """
    root = knowledge_dir() if root is None else Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(str(root), 0, "", "knowledge folder not found")]
    folders = pack_folders(root)
    for sub in sorted(root.iterdir()):
        # A folder with pack files but no source.yaml would be skipped silently: say so.
        looks_like_pack = sub.is_dir() and ((sub / ARTICLE).exists() or any(sub.glob("*.yaml")))
        if looks_like_pack and sub not in folders and not sub.name.startswith((".", "_")):
            problems.append(
                Problem(str(sub / SOURCE), 0, "", "missing file: the folder is not loaded")
            )
    if not folders:
        problems.append(Problem(str(root), 0, "", f"no packs found (no */{SOURCE})"))
    packs: list[tuple[Path, Pack]] = []
    for folder in folders:
        pack, pack_problems = parse_pack(folder)
        problems += pack_problems
        if readable(pack_problems):
            packs.append((folder, pack))
    return packs, problems


def readable(problems: list[Problem]) -> bool:
    """False if a file of the pack did not parse: content checks would only add noise."""
    return not any(p.message.startswith(SYNTAX_ERROR) for p in problems)


def load_pack(folder: Path) -> Pack:
    """Load and fully check one pack folder; raise KnowledgeError listing every problem."""
    from bot.knowledge.validate import check_packs  # deferred: validate builds on this module

    pack, problems = parse_pack(Path(folder))
    if readable(problems):
        problems += check_packs([(Path(folder), pack)]).problems
    if problems:
        raise KnowledgeError(sort_problems(problems))
    return pack


def load_knowledge(root: Path | None = None) -> Knowledge:
    """Load and fully check every pack; raise KnowledgeError listing every problem.

    The full check runs on every load (start-up and reload) because it is cheap
    (a few milliseconds) and a broken pack must never be served.
    """
    from bot.knowledge.validate import check_packs  # deferred: validate builds on this module

    packs, problems = parse_knowledge(root)
    problems += check_packs(packs).problems
    if problems:
        raise KnowledgeError(sort_problems(problems))
    return Knowledge(tuple(pack for _, pack in packs))


def load_for_serving(root: Path | None = None) -> Knowledge | None:
    """Start-up load: None (every problem printed to stderr) rather than serve a bad pack."""
    try:
        return load_knowledge(root)
    except KnowledgeError as exc:
        print(f"knowledge pack is invalid, not starting:\n{exc}", file=sys.stderr)
        return None
