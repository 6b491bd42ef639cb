"""Read pack files: size-limited UTF-8 text, and YAML as plain data that keeps line numbers.

YAML is composed into PyYAML's node graph (libyaml's C composer when available), whose
marks give every mapping and key its 1-based line; the nodes are then turned into
`YMap` / list / scalar values, each scalar typed exactly as PyYAML's safe loader types it.

Pack files are data written by hand, so the reader is stricter than YAML:

* no anchors or aliases (``&a`` / ``*a``): nothing in a pack needs them, and refusing them
  up front means a nested "alias bomb" is rejected at its first anchor, never expanded;
* at most `MAX_FILE_BYTES` per file, checked before the file is read;
* one document per file, no duplicate keys, keys are plain words, only the standard tags.
"""

from __future__ import annotations

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
# Only plain scalars starting with one of these can be anything but text (numbers,
# dates, true/false, null); most values here start with a Chinese character.
_MAYBE_TYPED = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class _Loader(_BaseLoader):
    """The safe loader with tag resolution cut short: pack files register no path
    resolvers, and a scalar that cannot start a number, date or keyword is text. Same
    tags as PyYAML's, at half the cost (resolution dominated composing time)."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in _MAYBE_TYPED):
                return _STR
            return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
        return _MAP if kind is yaml.MappingNode else _SEQ


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
    """Plain data (YMaps, lists, scalars) from one YAML document; raises MarkedYAMLError."""
    if "&" in text or "*" in text:  # only then can there be an anchor or alias
        _refuse_anchors(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if exc.problem == "but found another document":
                raise _YAMLError("expected one document, found a second", exc.problem_mark) from exc
            raise
    finally:
        loader.dispose()
    return None if node is None else _value(node)


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


def _value(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _YAMLError(f"unsupported tag {node.tag!r}", node.start_mark)
        return [_value(item) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    if node.tag != _MAP:
        raise _YAMLError(f"unsupported tag {node.tag!r}", node.start_mark)
    out = YMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # a mapping or list used as a key
            raise _YAMLError("a key must be a plain word", key_node.start_mark)
        key: str = key_node.value  # keys stay text, as written
        key_line = key_node.start_mark.line + 1
        if key in out:
            raise _YAMLError(
                f"duplicate key {key!r} (first at line {out.key_lines[key]})",
                key_node.start_mark,
            )
        value = _value(value_node)
        out[key] = value
        out.key_lines[key] = key_line
        if isinstance(value_node, yaml.ScalarNode) and not isinstance(value, str | None):
            out.raw[key] = value_node.value
    return out


def _scalar(node: yaml.ScalarNode) -> object:
    """The value of a scalar, typed exactly as PyYAML's safe loader would type it."""
    if node.tag == _STR:
        return node.value
    construct = yaml.constructor.SafeConstructor.yaml_constructors.get(node.tag)
    if construct is None or node.tag == "tag:yaml.org,2002:merge":
        raise _YAMLError(f"unsupported tag {node.tag!r}", node.start_mark)
    return construct(_CONSTRUCTOR, node)
