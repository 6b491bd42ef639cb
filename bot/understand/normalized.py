"""One question (or index string) after normalization: its match text and the signals pulled
out of it. Made by `bot.understand.normalize.Normalizer`; read by every later stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.understand.numerals import ParsedNumber
from bot.understand.places import PlaceRef

__all__ = ["Intent", "Normalized"]

Intent = Literal["quantity", "what", ""]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A question (or index string) after normalization, with the signals pulled out of it."""

    raw: str  # as given
    cleaned: str  # NFKC / case / simplified, commands and mentions removed, spun wording restored
    text: str  # the match text: Han + digits, no filler, no city or other places, no years
    english: tuple[str, ...] = ()  # ASCII words, stopwords and place names removed
    years: tuple[int, ...] = ()  # years asked about (not the base of a comparison)
    year_range: bool = False  # "2019-2024", "2019年以来": a span, not a single year
    places: tuple[str, ...] = ()  # places some pack covers (its city or inside it), canonical
    other_places: tuple[str, ...] = ()  # places no pack covers
    numbers: tuple[ParsedNumber, ...] = ()  # non-year numbers
    chitchat: bool = False  # nothing but greetings / thanks / small talk
    baseline_years: tuple[int, ...] = ()  # 比2019年 / than 2019: the base of a comparison
    measure: str = ""  # the kind of figure asked for: money, people, percent, 家, 张 ...
    measure_named: bool = False  # ... named by a measure word (多少钱, 几家), not just hinted
    counted: str = ""  # the first two characters of the thing counted (多少个社区 -> 社区)
    change: bool = False  # asks how much something changed (涨了多少, risen since)
    per: str = ""  # "月" / "年": a per-month or per-year figure is asked for
    intent: Intent = ""  # quantity (多少, how many) / what (是什么, 怎么) / unknown
    province: bool = False  # a pack's province (or 全省) named
    place_refs: tuple[PlaceRef, ...] = ()  # every place named, with its role

    @property
    def empty(self) -> bool:
        return not self.text and not self.english and not self.numbers and not self.years
