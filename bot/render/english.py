"""The English frame around a figure: its period, scope and stated change in English words.

Only the curated frame is translated ("截至报道时" -> "as of the report", "较2019年提高16.7%" ->
"up 16.7% on 2019"); figures and quotes stay exactly as the article writes them. A phrase no
rule covers is shown as written rather than guessed at: a Chinese phrase in an English reply
is better than a wrong translation.
"""

from __future__ import annotations

import re

__all__ = ["change_en", "period_en", "scope_en"]

_NUMBERS = dict(zip("两二三四五六七八九十", (2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
_PERIODS = {
    "截至报道时": "as of the report",
    "目前": "at present",
    "累计": "in total",
    "年均": "a year on average",
    "连续多年": "for many years running",
    "先后出台": "over the years",
}
_YEAR = re.compile(r"^(\d{4})年(底|末|初)?$")
_SPAN = re.compile(r"^(\d{4})\s*[—–-]\s*(\d{4})年$")
_SINCE = re.compile(r"^(\d{4})年以来$")
_VERSUS = re.compile(r"^(\d{4})年较(\d{4})年$")
_RUNNING = re.compile(r"^连续(\d+|[两二三四五六七八九十])年$")
_PAST = re.compile(r"^(\d+|[两二三四五六七八九十])年来$")
_CHANGE = re.compile(
    r"^较(\d{4})年(提高|增长|上升|增加|下降|减少|降低)(了)?([\d.]+%|[\d.]+个百分点)$"
)
_DOWN = frozenset({"下降", "减少", "降低"})


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


def _years(n: int) -> str:
    return f"{_WORDS.get(n, str(n))} years"


def period_en(period: str) -> str:
    """A period in English where a rule covers it, else as written."""
    p = period.strip()
    if not p:
        return ""
    if p in _PERIODS:
        return _PERIODS[p]
    if m := _YEAR.match(p):
        edge = {"底": "end of ", "末": "end of ", "初": "start of "}.get(m[2] or "", "")
        return f"{edge}{m[1]}"
    if m := _SPAN.match(p):
        return f"{m[1]}–{m[2]}"
    if m := _SINCE.match(p):
        return f"since {m[1]}"
    if m := _VERSUS.match(p):
        return f"{m[1]} vs {m[2]}"
    if m := _RUNNING.match(p):
        return f"{_years(_count(m[1]))} running"
    if m := _PAST.match(p):
        return f"over the past {_years(_count(m[1]))}"
    parts = re.split(r"[；;]", p)
    if len(parts) > 1:
        return "; ".join(period_en(x) for x in parts)
    return p


def scope_en(scope: str, city: str = "") -> str:
    """All of the city (named, when known), or the place as written."""
    s = scope.strip()
    if s == "全市":
        return f"all of {city}" if city else "citywide"
    return s


def change_en(change: str) -> str:
    """A stated change in English ("up 16.7% on 2019"), or as written."""
    c = change.strip()
    m = _CHANGE.match(c)
    if m is None:
        return c
    direction = "down" if m[2] in _DOWN else "up"
    amount = m[4].replace("个百分点", " percentage points")
    return f"{direction} {amount} on {m[1]}"
