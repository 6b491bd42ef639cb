"""Knowledge records as plain values and back: what the caches hash and store.

`plain` turns a record (or a tuple of them) into nested tuples of str, int, float, bool and
None — labelled with the record's class — which ``marshal`` hashes at C speed and JSON stores.
`unplain` builds the records back from such values (lists standing for tuples, as JSON gives
them back), and only records of this package's own classes: a label it does not know is an
error, never an import. ``unplain(plain(x)) == x`` for every record of a loaded pack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, get_args, get_origin, get_type_hints

from bot.knowledge import models

__all__ = ["RECORDS", "plain", "unplain"]

# Every record class a pack is made of, by label.
RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        models.Pack,
        models.Source,
        models.RestorationRow,
        models.GlossaryTerm,
        models.Section,
        models.Topic,
        models.Place,
        models.Scope,
        models.Indicator,
        models.QA,
        models.IgnoredNumber,
    )
}


def plain(value: Any) -> Any:
    """A knowledge record (or a tuple of them) as nested tuples of plain values. Per record
    class, only the fields whose type can hold a record are walked in Python; the rest (every
    field of an entry, the bulk of a large knowledge base) come out of one ``attrgetter``."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _CONVERTERS[type(value)] = _converter(type(value))
    return convert(value)


_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def _layout(cls: type) -> tuple[list[str], list[str]]:
    """The record's field names without records in them, and those with (in field order)."""
    hints = get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    nested = [n for n in names if _may_hold_record(hints[n])]
    return [n for n in names if n not in nested], nested


def _converter(cls: type) -> Callable[[Any], Any]:
    if cls is tuple:
        return lambda v: tuple(map(plain, v))
    if not dataclasses.is_dataclass(cls):
        return lambda v: v  # str, int, float, bool, None: marshal refuses anything else
    flat_names, nested = _layout(cls)
    flat = attrgetter(*flat_names, "__class__")
    label = cls.__name__
    if not nested:
        return lambda v: (label, flat(v)[:-1])
    return lambda v: (label, flat(v)[:-1], *(plain(getattr(v, n)) for n in nested))


def _may_hold_record(hint: Any) -> bool:
    if dataclasses.is_dataclass(hint):
        return True
    return any(_may_hold_record(a) for a in get_args(hint))


# Per label: the class, its flat field names, those of them that come back from a list
# (with how), and its fields that may hold records.
_Layout = tuple[type, list[str], list[tuple[str, Callable[[Any], Any]]], list[str]]
_LAYOUTS: dict[str, _Layout] = {}


def unplain(value: Any) -> Any:
    """The record (or tuple of records) `plain` gave `value` for; ValueError or TypeError
    when `value` is not such a thing."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise TypeError(f"not a record: {type(value).__name__}")
    if value and isinstance(value[0], str):  # [label, flat values, nested values ...]
        return _record(value)
    return tuple(map(unplain, value))  # a tuple of records


def _record(value: Any) -> Any:
    label = value[0]
    layout = _LAYOUTS.get(label)
    if layout is None:
        cls = RECORDS.get(label)
        if cls is None:
            raise ValueError(f"unknown record {label!r}")
        hints = get_type_hints(cls)
        flat, nested = _layout(cls)
        lists = [(n, _back(hints[n])) for n in flat if get_origin(hints[n]) is tuple]
        layout = _LAYOUTS[label] = (cls, flat, lists, nested)
    cls, flat, lists, nested = layout
    if len(value) != 2 + len(nested) or len(value[1]) != len(flat):
        raise ValueError(f"a {label} of another shape")
    kw = dict(zip(flat, value[1], strict=True))  # scalars as they are: most of the fields
    for name, back in lists:
        kw[name] = back(kw[name])
    kw.update(zip(nested, map(unplain, value[2:]), strict=True))
    return cls(**kw)


def _back(hint: Any) -> Callable[[Any], Any]:
    """How a tuple field's JSON list becomes its value again: a tuple of scalars at once,
    anything deeper list by list."""
    args = [a for a in get_args(hint) if a is not Ellipsis]
    if all(get_origin(a) is None and a in (str, int, float, bool) for a in args):
        return tuple
    return _tuples


def _tuples(value: Any) -> Any:
    """Lists back to tuples, all the way down (the records hold no lists)."""
    return tuple(map(_tuples, value)) if isinstance(value, list) else value
