"""Places a question names, and whose they are: a pack's city, a place inside it, its province,
or somewhere no pack covers.

The general gazetteer (`bot/lang/zh/gazetteer.txt`) knows China's provinces and cities; each
pack's scope.yaml claims its city, the districts and towns inside it and its province. A name in
a pack's own vocabulary wins over the gazetteer: 安康 is a city, 安康关爱行动 a programme.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from bot.knowledge.models import Knowledge, Place
from bot.understand.phrases import phrase_table, phrases_in
from bot.understand.pinyin import pinyin_of

__all__ = ["Gazetteer", "PlaceRef", "Role", "general_places"]

# city: the city a pack covers; inside: a district, county-level city, town of it; province: the
# province of a pack (a yardstick, never given figures of); other: no pack covers it.
Role = Literal["city", "inside", "province", "other"]
_GAZETTEER = Path(__file__).resolve().parent.parent / "lang" / "zh" / "gazetteer.txt"
_SUFFIXES = ("省", "市", "区", "县", "镇", "村")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]{3,}")


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """One place named in a question."""

    name: str  # canonical written form: 丹阳市, 南京
    role: Role
    pack: str = ""  # the pack whose scope names it ("" for other places and shared provinces)
    level: str = ""  # PlaceLevel for a pack's places; province / city / foreign otherwise
    within: str = ""  # enclosing place inside the city, if any
    names: tuple[str, ...] = ()  # every written form of it (for matching entries' scopes)

    @property
    def short(self) -> str:
        """丹阳市 -> 丹阳: how people say it (display)."""
        n = self.name
        return n[:-1] if len(n) > 2 and n.endswith(_SUFFIXES) else n


@lru_cache(maxsize=1)
def general_places() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, level, English names) of every place in the gazetteer file."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    seen: set[str] = set()

    def add(name: str, level: str, en: Sequence[str] = ()) -> None:
        if name in seen or not name:
            return
        seen.add(name)
        auto = "".join(pinyin_of(name))
        out.append((name, level, tuple(dict.fromkeys((*en, auto)))))

    extra_en: dict[str, list[str]] = {}
    for raw in _GAZETTEER.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):  # "= 陕西 = shaanxi": an English name for a listed place
            name, _, en = line[1:].partition("=")
            extra_en.setdefault(name.strip(), []).append(en.strip())
        elif line.startswith("-"):
            name, _, en = line[1:].partition("=")
            add(name.strip(), "foreign", [en.strip()] if en.strip() else [])
        else:
            province, _, cities = line.partition(":")
            province = province.strip()
            names = cities.split()
            # A municipality is listed as its own only city.
            add(province, "city" if names == [province] else "province")
            for city in names:
                add(city, "city")
    return tuple((n, lv, tuple(dict.fromkeys((*extra_en.get(n, ()), *en)))) for n, lv, en in out)


class Gazetteer:
    """Every place name the bot knows, with its role for the loaded knowledge."""

    def __init__(self, knowledge: Knowledge, shields: Iterable[str] = ()) -> None:
        refs: dict[str, PlaceRef] = {}  # written form -> place
        english: dict[str, PlaceRef] = {}
        provinces: dict[str, list[str]] = {}  # province name -> packs in it

        def claim(p: Place, role: Role, pack: str, within: str = "") -> PlaceRef:
            ref = PlaceRef(p.name, role, pack, p.level, within, p.names)
            for n in p.names:
                refs[n] = ref
            for en in p.en:
                english[en] = ref
            return ref

        for name, scope in knowledge.scopes.items():
            claim(scope.city, "city", name)
            for p in scope.places:
                claim(p, "inside", name, p.within)
            provinces.setdefault(scope.province.name, []).append(name)
        for scope in knowledge.scopes.values():
            prov = scope.province
            if prov.name in refs and refs[prov.name].role != "province":
                continue
            packs = provinces[prov.name]
            pack = packs[0] if len(packs) == 1 else ""
            ref = PlaceRef(prov.name, "province", pack, "province", "", prov.names)
            for n in prov.names:
                refs.setdefault(n, ref)
            for en in prov.en:
                english.setdefault(en, ref)
        for name, level, ens in general_places():
            covered = refs.get(name) or next(
                (refs[n] for n in (name + "市", name + "省") if n in refs), None
            )
            if covered is not None:
                for en in ens:
                    english.setdefault(en, covered)
                continue
            suffixed = name + {"city": "市", "province": "省"}.get(level, "")
            forms = tuple(dict.fromkeys((name, suffixed)))
            ref = PlaceRef(name, "other", "", level, "", forms)
            for form in forms:
                refs.setdefault(form, ref)
            for en in ens:
                english.setdefault(en, ref)
        self._refs = refs
        self._english = english
        # Runs of vocabulary words that contain another place's name but are not about it
        # (安康关爱行动): matched whole, they keep the name from being read as a place.
        others = [n for n, r in refs.items() if r.role == "other"]
        runs = {run for s in shields for run in _HAN_RUN.findall(s)}
        shield = sorted(r for r in runs if r not in refs and any(n in r for n in others))
        self._shields = frozenset(shield)
        self._table = phrase_table([(n, n) for n in refs] + [(s, s) for s in shield])
        self.cities = tuple(refs[s.city.name] for s in knowledge.scopes.values())

    def find(self, text: str) -> list[PlaceRef]:
        """Places written in Han in `text` (cleaned), in order, each once."""
        out: list[PlaceRef] = []
        for phrase in phrases_in(self._table, text):
            if phrase in self._shields:
                continue
            ref = self._refs[phrase]
            if ref not in out:
                out.append(ref)
        return out

    def english(self, word: str) -> PlaceRef | None:
        """The place a Latin word names ("nanjing", "jiangsu"), if any."""
        return self._english.get(word)

    def is_place_word(self, word: str) -> bool:
        return word in self._english

    def names(self) -> list[str]:
        """Every written form, for the strip table of the match text."""
        return list(self._refs)

    @property
    def shields(self) -> frozenset[str]:
        """Vocabulary runs that contain a place name but are not about it."""
        return self._shields

    def ref(self, name: str) -> PlaceRef | None:
        return self._refs.get(name)

    def role(self, name: str) -> Role | None:
        ref = self._refs.get(name)
        return ref.role if ref is not None else None
