"""Read pack files: size-limited UTF-8 text, and YAML as plain data that keeps line numbers.

YAML is read as libyaml's event stream (when available), whose marks give every mapping
and key its 1-based line, and built straight into `YMap` / list / scalar values, each scalar
typed exactly as PyYAML's safe loader types it. (Composing PyYAML's node graph first and
walking it cost half as much again: 2.0 s of the 3 s a start spends on 122 packs.)

Pack files are data written by hand, so the reader is stricter than YAML:

* no anchors or aliases (``&a`` / ``*a``): nothing in a pack needs them, and refusing them
  up front means a nested "alias bomb" is rejected at its first anchor, never expanded;
* at most `MAX_FILE_BYTES` per file, checked before the file is read;
* one document per file, no duplicate keys, keys are plain words, only the standard tags.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.problems import SYNTAX_ERROR, TOO_BIG, Problem

__all__ = ["FAILED", "MAX_FILE_BYTES", "YMap", "parse_yaml", "read_text", "read_yaml"]

try:  # libyaml's parser is several times faster; the pure-Python one is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# 2 MB: the bundled article's largest file is 34 kB; a pack file 60 times that is a mistake
# (or an attack on a bot that loads whatever lands in KNOWLEDGE_DIR).
MAX_FILE_BYTES = 2 * 1024 * 1024

FAILED = object()  # what read_yaml returns for a file it already reported as broken

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()  # no path resolvers: the implicit ones only
# Only plain scalars starting with one of these can be anything but text (numbers,
# dates, true/false, null); most values here start with a Chinese character.
_MAYBE_TYPED = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


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
    """A mistake PyYAML would accept silently (duplicate key, an alias) or not name."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None after recording why it cannot be read (too big, not UTF-8)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        problems.append(
            Problem(
                str(path),
                0,
                "",
                f"{TOO_BIG}: {size} bytes, a pack file may hold at most {limit} MB"
                " (split entries over indicators-*.yaml / qa-*.yaml)",
            )
        )
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 0, "", f"not UTF-8 text: {exc.reason}"))
        return None


def read_yaml(path: Path, problems: list[Problem]) -> object:
    """Parse one YAML file; when it cannot be read, record why and return `FAILED`."""
    text = read_text(path, problems)
    if text is None:
        return FAILED
    try:
        return parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark is not None else 0
        problems.append(Problem(str(path), line, "", f"{SYNTAX_ERROR}: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), 0, "", f"{SYNTAX_ERROR}: {exc}"))
    return FAILED


def parse_yaml(text: str) -> object:
    """Plain data (YMaps, lists, scalars) from one YAML document; raises MarkedYAMLError.

    Errors come in the order PyYAML's composer and constructor would raise them: anchors
    first, then syntax (anywhere in the file) and a second document, then the first value
    that cannot be built (a duplicate key, a list as a key, an unsupported tag).
    """
    if "&" in text or "*" in text:  # only then can there be an anchor or alias
        _refuse_anchors(text)
    loader = _BaseLoader(text)
    try:
        return _build(loader.get_event)
    finally:
        loader.dispose()


def _build(get: Callable[[], Any]) -> object:
    """The document's value from its events, built as they come (one loop: a call per event
    would cost a tenth of the parse)."""
    stack: list[Any] = []  # open YMaps and lists
    keys: list[tuple[str, int] | None] = []  # the pending key (and its line) per open mapping
    root: object = None
    documents = 0
    failed: Exception | None = None  # the first value that cannot be built: raised at the end
    while True:
        event = get()
        kind = type(event)
        if kind is yaml.StreamEndEvent:
            if failed is not None:
                raise failed
            return root
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _YAMLError("expected one document, found a second", event.start_mark)
            continue
        if failed is not None or kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
            continue  # after a failure only syntax and a second document can still come first
        try:
            parent: Any = stack[-1] if stack else None
            wants_key = type(parent) is YMap and keys[-1] is None
            value: object
            if kind is yaml.ScalarEvent:
                if wants_key:
                    key: str = event.value  # keys stay text, as written
                    if key in parent:
                        raise _YAMLError(
                            f"duplicate key {key!r} (first at line {parent.key_lines[key]})",
                            event.start_mark,
                        )
                    keys[-1] = (key, event.start_mark.line + 1)
                    continue
                value = _scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if wants_key:
                    raise _YAMLError("a key must be a plain word", event.start_mark)
                mapping = kind is yaml.MappingStartEvent
                if event.tag not in (None, "!", _MAP if mapping else _SEQ):
                    raise _YAMLError(f"unsupported tag {event.tag!r}", event.start_mark)
                stack.append(YMap(event.start_mark.line + 1) if mapping else [])
                keys.append(None)
                continue
            else:  # the end of a mapping or sequence
                value = stack.pop()
                keys.pop()
                parent = stack[-1] if stack else None
            if parent is None:
                root = value
            elif type(parent) is list:
                parent.append(value)
            else:
                key, key_line = keys[-1]  # type: ignore[misc]
                parent[key] = value
                parent.key_lines[key] = key_line
                if kind is yaml.ScalarEvent and not isinstance(value, str | None):
                    parent.raw[key] = event.value
                keys[-1] = None
        except Exception as exc:  # a syntax error later in the file is reported first
            failed = exc


def _refuse_anchors(text: str) -> None:
    """Stop at the first anchor or alias, before anything is composed or expanded."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            continue
        sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
        raise _YAMLError(
            f"{'alias' if sign == '*' else 'anchor'} {sign}{anchor}: pack files allow no"
            " anchors or aliases; write the value out",
            event.start_mark,
        )


def _scalar(event: Any) -> object:
    """The value of a scalar, typed exactly as PyYAML's safe loader would type it. Only a
    plain scalar that starts like a number, date or keyword can be anything but text."""
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0] or (value and value[0] not in _MAYBE_TYPED):
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR:
        return value
    construct = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
    if construct is None or tag == "tag:yaml.org,2002:merge":
        raise _YAMLError(f"unsupported tag {tag!r}", event.start_mark)
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    return construct(_CONSTRUCTOR, node)
