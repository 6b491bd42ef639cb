"""Turn what a user typed into what the matcher compares.

Questions arrive from phones: full-width characters, traditional characters, @mentions, /ask
prefixes, emoji, zero-width characters, filler (请问 / 是多少 / 呢), spun wording pasted from the
repost, homophone typos from the input method (姑儿 for 孤儿), pinyin typed without tones
("guer butie"), and synonyms (最低生活保障 for 低保). The index strings go through the *same*
pipeline, so both sides converge on one form instead of the scorer having to bridge the gap.

Years, places, numbers and the kind of figure asked for (钱 / 人 / 家 ...) are pulled out as
signals before the text is stripped: they decide whether a question is in scope at all (2025年,
南京) and which of two sibling figures it wants, so they must not be lost as "filler".

Every phrase table here (restoration rows, glossary, filler, places) is a
`bot.knowledge.restore.Restorer`: one pass, leftmost-longest, replaced text never re-scanned —
the same rules the article is restored with, so a question and the article cannot disagree
about what a phrase becomes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.knowledge.models import GlossaryTerm, Knowledge, RestorationRow
from bot.knowledge.restore import Restorer
from bot.understand.numerals import ParsedNumber, find_numbers

__all__ = [
    "ENGLISH_STOPWORDS",
    "LOCAL_PLACES",
    "OTHER_PLACES",
    "Intent",
    "Normalized",
    "Normalizer",
    "clean",
    "counted_noun",
    "english_words",
    "phrase_table",
    "phrases_in",
    "pinyin_of",
    "stem",
    "words",
]

MAX_QUESTION_CHARS = 1000  # longer input is not a question; cap the work it can cause
MAX_TYPO_FIX_CHARS = 200  # homophone repair is per character window: typed questions only

Intent = Literal["quantity", "what", ""]


def words(text: str) -> tuple[str, ...]:
    """A word list written as text, one space apart: long lists stay readable and reviewable."""
    return tuple(text.split())


# 镇江 and its county-level cities and districts: the article's scope.
LOCAL_PLACES: tuple[str, ...] = words(
    "镇江新区 镇江市 镇江 丹阳市 丹阳 句容市 句容 扬中市 扬中 京口区 京口 润州区 润州 "
    "丹徒区 丹徒 新区 白兔镇 古煌村"
)
_LOCAL_EN = {
    "zhenjiang": "镇江",
    "danyang": "丹阳",
    "jurong": "句容",
    "yangzhong": "扬中",
    "jingkou": "京口",
    "runzhou": "润州",
    "dantu": "丹徒",
}
# Places the article has no figures for. A list, not a pattern: "X市" also matches 全市/超市.
OTHER_PLACES: tuple[str, ...] = words(
    "南京 苏州 无锡 常州 扬州 泰州 南通 盐城 淮安 宿迁 连云港 徐州 昆山 江阴 常熟 张家港 泰兴 "
    "仪征 上海 北京 天津 重庆 广州 深圳 杭州 宁波 温州 武汉 成都 西安 合肥 济南 青岛 郑州 长沙 "
    "南昌 福州 厦门 昆明 贵阳 南宁 海口 沈阳 大连 长春 哈尔滨 石家庄 太原 呼和浩特 兰州 西宁 "
    "银川 乌鲁木齐 拉萨 香港 澳门 台湾 台北 浙江 安徽 山东 广东 河南 河北 湖南 湖北 四川 福建 "
    "江西 云南 贵州 广西 辽宁 吉林 黑龙江 山西 陕西 甘肃 海南 新疆 西藏 内蒙古 宁夏 青海 美国 "
    "日本 韩国 英国 德国 法国 俄罗斯"
)
_OTHER_EN = {
    "nanjing": "南京",
    "suzhou": "苏州",
    "wuxi": "无锡",
    "changzhou": "常州",
    "yangzhou": "扬州",
    "taizhou": "泰州",
    "nantong": "南通",
    "yancheng": "盐城",
    "huaian": "淮安",
    "suqian": "宿迁",
    "lianyungang": "连云港",
    "xuzhou": "徐州",
    "shanghai": "上海",
    "beijing": "北京",
    "tianjin": "天津",
    "chongqing": "重庆",
    "guangzhou": "广州",
    "shenzhen": "深圳",
    "hangzhou": "杭州",
    "wuhan": "武汉",
    "chengdu": "成都",
    "hefei": "合肥",
    "london": "伦敦",
    "tokyo": "东京",
    "zhejiang": "浙江",
    "shandong": "山东",
    "guangdong": "广东",
}
# The province: the article compares 镇江 with it ("全省第一") but gives no provincial figure.
_PROVINCE = re.compile(r"江苏|全省|jiangsu|province|provincial")
_PROVINCE_STRIP = ("江苏省", "江苏")

# Words that carry no meaning for matching. Leftmost-longest, so 多少钱 goes as one piece.
FILLER: tuple[str, ...] = words(
    "请问一下 请问 请教 麻烦问下 麻烦 请告诉我 告诉我 我想知道 想知道 我想问问 想问问 问问 我想问 "
    "想问 问一下 问下 一下 帮我查 帮我 查下 查查 你知道 知道 到底 具体 大概 现在 目前的 是多少 "
    "有多少 多少钱 多少 是几 有几 是什么 是啥 啥 什么 怎么样 怎么 怎样 如何 的话 呢 啊 吗 嘛 呀 "
    "吧 哦 哈 了 的 是 有 几 我们 给 咱们 我 你们 这个 那个 一共 总共 总计 多不多 有没有 是不是 "
    "能不能 可不可以 这些年 这几年 近几年 近年来 这么多年 每个月 一个月 每月 月均 都 这块 这一块 "
    "这方面 那块 这边 咱这 能拿 能领 花了 花掉 花费 钱 的地方 地方 们"
)
# Measure words right after 多少/几 are filler too ("多少家", "几个"); handled by regex.
# An order of magnitude may come between ("几百块", "多少万人次", "多少亿").
_MEASURE_WORDS = r"(?:万人次|人次|场次|块钱|[个家人名元次件场户张亩项岁条所座位份批块])"
_FILLER_MEASURE = re.compile(rf"(?:多少|几)(?:[十百千万亿]+{_MEASURE_WORDS}?|{_MEASURE_WORDS})")
# 四个机制 / 四项机制: the measure word between a small numeral and a noun varies freely.
_NUMERAL_MEASURE = re.compile(r"(?<=[一二三四五六七八九十两])[个项种类条]")

ENGLISH_STOPWORDS = frozenset(
    words(
        "a an the of in on at to for from by with "
        "and or is are was were be been being do does did "
        "what whats which who whom how much many when where why there "
        "their its it this that these those please tell me about can "
        "could would should you your i we our us my any some "
        "get got has have had as into per s than then so "
        "if not no yes give show know number figure data"
    )
)

CHITCHAT: tuple[str, ...] = words(
    "你好 您好 你们好 大家好 嗨 哈喽 哈啰 喂 谢谢你 谢谢 多谢 感谢 谢了 再见 拜拜 早上好 早安 "
    "上午好 中午好 下午好 晚上好 晚安 好的 好吧 好 嗯嗯 嗯 收到 明白 哈哈哈 哈哈 呵呵 嘿嘿 在不在 "
    "在吗 在 你是谁 你叫 名字 机器人 你能做 你会做 你会干 你会 能做 干嘛 你好吗 吃饭 吃了 今天 "
    "明天 昨天 天气 下雨 讲个笑话 笑话 无聊 测试 试试 回答 帮助 帮忙 你 谁"
)
_CHITCHAT_EN = frozenset(
    words(
        "hi hello hey thanks thank thx bye goodbye ok okay morning evening "
        "night good who are you what can do how weather joke test "
        "lol haha"
    )
)
# Function words a pinyin question may spell out ("cishan zuzhi you duoshao jia"); they never
# count as the content of a match, only let the transliteration cover the whole run.
_PINYIN_FUNCTION_WORDS: tuple[str, ...] = words(
    "多少 多少钱 什么 是什么 怎么 怎么样 哪些 哪里 有 是 几 家 个 人 的 吗 呢 了 一个月 每月 标准 "
    "一共 现在 今年 你好 您好 谢谢 再见 在吗"
)

# ---- the kind of figure a question asks for --------------------------------------------------

# After 多少/几: the measure word names it. 个/名/位 defer to the noun that follows.
_ASK = re.compile(r"(?:多少|几)([十百千万亿]*)")
_MEASURE_AFTER: tuple[tuple[str, str], ...] = (
    ("块钱", "money"),
    ("人次", "people"),
    ("个人", "people"),
    ("场次", "场次"),
    ("a级", "级"),
    ("元", "money"),
    ("块", "money"),
    ("钱", "money"),
    ("人", "people"),
    ("口", "people"),
    ("家", "家"),
    ("所", "家"),
    ("座", "家"),
    ("张", "张"),
    ("户", "户"),
    ("件", "件"),
    ("场", "场次"),
    ("次", "次"),
    ("项", "项"),
    ("岁", "age"),
    ("亩", "亩"),
    ("级", "级"),
    ("a", "级"),
)
_PERSON_NOUN = re.compile(
    r"[^，。？！,.?!]{0,3}?(?:人员|人|孩子|儿童|小孩|孤儿|老人|老年人|群众|网格员|流浪|乞讨|志愿者|"
    r"居民|市民|家庭|对象|群体|学生)"
)
_ASK_EN = re.compile(r"how many((?: [a-z][a-z\-]*){1,3})")
_EN_PEOPLE = frozenset(
    words(
        "people persons person residents citizens children kids child orphans seniors "
        "families households beneficiaries recipients workers volunteers vagrants"
    )
)
# Without a measure word, the wording still names the kind ("花了多少", "覆盖率").
_LOOSE_MEASURE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"百分之|百分比|%|比例|占比|幅度|涨幅|增幅|覆盖率|[^效]率|percent|rate\b|share\b"
        ),
        "percent",
    ),
    (re.compile(r"多大年纪|多大岁数|多大年龄|年龄|how old|\bage\b"), "age"),
    (re.compile(r"排第几|第几|排名|排位|名次|\brank"), "rank"),
    (
        re.compile(
            r"钱|资金|经费|费用|花了|花费|投入|支出|金额|收费|价格|发多少|拿多少|领多少|给多少|"
            r"补贴|津贴|补助|[金费](?:是|有)?多少|标准(?:是|有)?多少|"
            r"how much money|spen[dt]|cost|funds?\b|funding|money|paid"
        ),
        "money",
    ),
    (re.compile(r"人数|人次|受益|惠及|多少人"), "people"),
    (re.compile(r"床位|\bbeds?\b"), "张"),
    (re.compile(r"面积|\bacres?\b|\barea\b"), "亩"),
)
_QUANTITY = re.compile(
    r"多少|几|数量|人数|比例|占比|百分之|多大|how many|how much|number of|percent|\brate\b|rank"
)
_WHAT = re.compile(
    r"什么是|是什么|是啥|啥是|什么意思|啥意思|怎么回事|怎么样|怎样|如何|怎么|为什么|介绍|哪些|有啥|"
    r"什么|what is|what's|what are|what does|explain|tell me about|how does|how do"
)
# A change asked about: 涨了多少, 比2019年提高, risen since 2019.
_CHANGE = re.compile(
    r"涨|提高|提升|增长|增加|增幅|上调|上升|变化|翻了|多了|高了|(?<!占)比(?!例|较)|较|相比|对比|"
    r"\brise|\brisen|\brose|increase|\bgr[eo]w|growth|compared|\bchange"
)
_PER_MONTH = re.compile(r"每个月|一个月|每月|月均|一月|per month|a month|monthly")
_PER_YEAR = re.compile(r"每年|一年|年均|per year|a year|annual|yearly")

# ---- character classes and patterns -----------------------------------------------------------

# Anything outside these ranges may be a control, format, private-use or unassigned character
# and is checked one by one; ordinary text (ASCII, Latin, CJK, full-width forms) skips the loop.
_MAYBE_CONTROL = re.compile(
    "[^\u0020-\u007e\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205e"
    "\u2070-\u2fff\u3000-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef]"
)
_CONTROL_CATS = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_COMMAND = re.compile(r"^\s*/[a-z_]+(?:@[a-z0-9_]+)?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@[a-z0-9_]{3,}", re.IGNORECASE)
_YEAR = re.compile(
    r"(?<![0-9.])(19[5-9][0-9]|20[0-4][0-9])(?![0-9.%])"
    r"(?!\s*[元人名个家次件场户张亩项万亿多余])(\s*年(?:度)?)?"
)
# A year named only as the base of a comparison: 比2019年, 较2019年, 与2019年相比, than 2019.
_BASELINE = re.compile(
    r"(?:比|较|相比|相较|对比|同比)(?:于)?\s*((?:19|20)[0-9]{2})(?![0-9])\s*年?"
    r"|(?:与|和|跟|同)\s*((?:19|20)[0-9]{2})(?![0-9])\s*年?\s*(?:相比|相较|对比|比)"
    r"|(?:than|compared (?:with|to)|versus|vs\.?)\s+((?:19|20)[0-9]{2})(?![0-9])"
)
# The same, relative: 比五年前, 和以前比. Taken out of the match text (the change is a signal).
_RELATIVE_BASE = re.compile(
    r"(?:比|较|相比|相较|对比|和|跟|与)(?:于)?(?:[五几两三四]年前|以前|之前|过去|当初|原来|从前)"
    r"(?:相比|比)?"
)
_CN_YEAR_HINT = re.compile(r"[〇○零一二三四五六七八九]{4}\s*年")
_SHORT_YEAR = re.compile(r"(?<![0-9.])([12][0-9])年(?![0-9])")
_RANGE_SEP = re.compile(r"(19|20)[0-9]{2}\s*(?:-|–|—|~|至|到)\s*(19|20)?[0-9]{2}")
_SPAN_WORDS = ("以来", "至今", "期间", "这几年", "这些年", "五年来", "since", "from")
_EN_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?")
_ASCII_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")
# Kept in the match text: CJK, ASCII letters/digits, and the few symbols names use (1+3+N, 5A, %).
_KEEP = re.compile(r"[^\u3400-\u9fff\uf900-\ufaffa-z0-9+%.]+")
_STRAY_DOT = re.compile(r"(?<![0-9])\.|\.(?![0-9])")
_HAN_LO, _HAN_HI = "\u3400", "\u9fff"


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """One OpenCC converter for the process: building it reads its dictionaries."""
    import opencc

    return opencc.OpenCC("t2s")


def clean(text: str) -> str:
    """NFKC, drop control/zero-width/bidi characters, case fold, traditional -> simplified."""
    if not text:
        return ""
    text = text[: MAX_QUESTION_CHARS * 2]
    text = unicodedata.normalize("NFKC", text)
    if _MAYBE_CONTROL.search(text):
        text = "".join(
            " " if ch in "\t\n\r\v\f" else ch
            for ch in text
            if ch in "\t\n\r\v\f" or unicodedata.category(ch) not in _CONTROL_CATS
        )
    text = text.casefold()
    try:
        converted = _t2s().convert(text)
    except Exception:  # a converter failure must never stop an answer
        converted = text
    return str(converted)[:MAX_QUESTION_CHARS]


# ---- pinyin and English words -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's single-character table (code point -> "lǜ,lù"), read from its data file.

    Not through ``import pypinyin``: the package import also loads its phrase dictionary, about
    190,000 objects and a tenth of a second, which per-character look-ups never use and every
    full garbage collection would then walk. An empty table means "use pypinyin itself".
    """
    try:
        spec = importlib.util.find_spec("pypinyin")
        for loc in (spec.submodule_search_locations or []) if spec else []:
            path = Path(loc) / "pinyin_dict.json"
            if path.is_file():
                raw = json.loads(path.read_text(encoding="utf-8"))
                return {int(k): str(v) for k, v in raw.items()}
    except (OSError, ValueError, ImportError):
        pass
    return {}


def _toneless(reading: str) -> str:
    """ "lǜ" -> "lv", "ḿ" -> "m": pypinyin's NORMAL style, without its import."""
    for v in "üǖǘǚǜ":
        reading = reading.replace(v, "v")
    return "".join(
        c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c)
    )


_CHAR_PINYIN: dict[str, str] = {}  # per character, filled on first use (strings only: untracked)


def _char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character (its most common reading), memoized per character.

    Per character rather than per word, so both sides of a comparison read a polyphonic
    character the same way whatever surrounds it.
    """
    got = _CHAR_PINYIN.get(ch)
    if got is not None:
        return got
    if _HAN_LO <= ch <= _HAN_HI:
        table = _pinyin_table()
        if table:
            reading = table.get(ord(ch))
            got = _toneless(reading.split(",", 1)[0]) if reading else ch
        else:  # pragma: no cover - pypinyin without its data file
            from pypinyin import lazy_pinyin

            out = lazy_pinyin(ch)
            got = out[0] if out else ch
    else:
        got = ch
    _CHAR_PINYIN[ch] = got
    return got


def _pinyin_tuple(text: str) -> tuple[str, ...]:
    """Syllables of Han characters; runs of ASCII letters/digits stay whole."""
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if _HAN_LO <= ch <= _HAN_HI:
            if run:
                out.append("".join(run))
                run = []
            out.append(_char_pinyin(ch))
        elif ch.isascii() and ch.isalnum():
            run.append(ch)
        elif run:
            out.append("".join(run))
            run = []
    if run:
        out.append("".join(run))
    return tuple(out)


def pinyin_of(text: str) -> list[str]:
    """Syllables of Han characters; runs of ASCII letters/digits stay whole."""
    return list(_pinyin_tuple(text))


def stem(w: str) -> str:
    """Plural to singular, roughly: enough for "charities"/"charity", "beds"/"bed"."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    if len(w) > 5 and w.endswith("ed") and not w.endswith("eed"):
        return w[:-2]  # "helped" / "assisted" meet "help" / "assist"
    return w


def english_words(text: str) -> list[str]:
    """Lower-case English words without stopwords, lightly stemmed."""
    words: list[str] = []
    cur: list[str] = []
    for ch in clean(text) + " ":
        if ch.isascii() and (ch.isalnum() or ch == "'"):
            cur.append(ch)
        else:
            if cur:
                w = "".join(cur).strip("'").removesuffix("'s")
                if w and w not in ENGLISH_STOPWORDS and not w.isdigit():
                    words.append(stem(w))
                cur = []
    return words


# ---- phrase tables ------------------------------------------------------------------------------


def phrase_table(pairs: Iterable[tuple[str, str]]) -> Restorer:
    """A `Restorer` over (phrase, replacement) pairs: one pass, leftmost-longest, table order."""
    return Restorer(RestorationRow(src, dst, "certain") for src, dst in pairs if src)


def phrases_in(table: Restorer, text: str) -> list[str]:
    """The table's phrases found in `text` (leftmost-longest, non-overlapping), in order."""
    if not text or not table.rows:
        return []
    rows = table.rows
    return [rows[i].spun for _s, _e, i in table.restore(text).replaced]


_LOCAL_TABLE = phrase_table((p, p) for p in LOCAL_PLACES)
_OTHER_TABLE = phrase_table((p, p) for p in OTHER_PLACES)
_PLACE_STRIP = phrase_table(
    [("镇江新区", "镇江新区"), ("镇江市", ""), ("镇江", ""), ("全市", "")]
    + [(p, "") for p in (*_PROVINCE_STRIP, *OTHER_PLACES)]
)
_FILLER_TABLE = phrase_table((f, "") for f in FILLER)
_CHITCHAT_TABLE = phrase_table((c, "") for c in CHITCHAT)


def _canonical_place(p: str) -> str:
    return p[:-1] if len(p) > 2 and p[-1] in "市区" else p


@dataclass(frozen=True, slots=True)
class Normalized:
    """A question (or index string) after normalization, with the signals pulled out of it."""

    raw: str  # as given
    cleaned: str  # NFKC / case / simplified, commands and mentions removed, spun wording restored
    text: str  # the match text: Han + digits, no filler, no 镇江, no years, no spaces
    english: tuple[str, ...] = ()  # ASCII words, stopwords and place names removed
    years: tuple[int, ...] = ()  # years asked about (not the base of a comparison)
    year_range: bool = False  # "2019-2024", "2019年以来": a span, not a single year
    places: tuple[str, ...] = ()  # local places named: 镇江, 丹阳, 句容 ...
    other_places: tuple[str, ...] = ()  # places outside the article's scope
    numbers: tuple[ParsedNumber, ...] = ()  # non-year numbers
    chitchat: bool = False  # nothing but greetings / thanks / small talk
    baseline_years: tuple[int, ...] = ()  # 比2019年 / than 2019: the base of a comparison
    measure: str = ""  # the kind of figure asked for: money, people, percent, 家, 张 ...
    measure_named: bool = False  # ... named by a measure word (多少钱, 几家), not just hinted
    counted: str = ""  # the first two characters of the thing counted (多少个社区 -> 社区)
    change: bool = False  # asks how much something changed (涨了多少, risen since)
    per: str = ""  # "月" / "年": a per-month or per-year figure is asked for
    intent: Intent = ""  # quantity (多少, how many) / what (是什么, 怎么) / unknown
    province: bool = False  # 江苏 / 全省 named

    @property
    def empty(self) -> bool:
        return not self.text and not self.english and not self.numbers and not self.years


class Normalizer:
    """The pack-aware pipeline: restoration rows, glossary and vocabulary come from the knowledge.

    `vocabulary` (entry titles, aliases, topic words, glossary terms) is what homophone typos are
    repaired towards and what pinyin input is spelled back into; `english_vocabulary` keeps a
    pinyin-looking word that the entries use in English ("dibao") as English; `phrases` (the
    entries' question phrasings) only help tell real wording from a typo.
    """

    def __init__(
        self,
        restoration: Iterable[RestorationRow] = (),
        glossary: Iterable[GlossaryTerm] = (),
        vocabulary: Iterable[str] = (),
        english_vocabulary: Iterable[str] = (),
        phrases: Iterable[str] = (),
    ) -> None:
        self._restore = Restorer(
            replace(r, spun=clean(r.spun), standard=clean(r.standard))
            for r in restoration
            if r.queries and r.spun.strip()
        )
        gloss: list[tuple[str, str]] = []
        words: list[str] = []
        synonyms: list[str] = []
        for term in glossary:
            canonical = clean(term.canonical)
            if not canonical:
                continue
            gloss.append((canonical, canonical))
            words.append(canonical)
            for s in term.synonyms:
                if s.strip():
                    gloss.append((clean(s), canonical))
                    synonyms.append(clean(s))
        self._glossary = phrase_table(gloss)
        self._index_cache: dict[str, str] = {}
        # Homophone repair and pinyin spelling: syllables -> the vocabulary words that sound so.
        self._sounds: dict[str, tuple[str, ...]] = {}
        self._spell: dict[str, str] = {}
        self._syllables: set[str] = set()
        vocab = [self._restore.apply(clean(w)) for w in vocabulary]
        # Typos are repaired towards the entries' own words and the glossary's canonical terms;
        # the everyday synonyms are only spelled from pinyin (志工 is no repair for 职工).
        for w in (*words, *vocab):
            self._add_sound(w, content=True)
        for w in (*synonyms, *_PINYIN_FUNCTION_WORDS):
            self._add_sound(w, content=False)
        self._max_sound = max((k.count(" ") + 1 for k in self._spell), default=0)
        # Character pairs that occur in real wording (the vocabulary, the entries' question
        # phrasings, filler): a character that pairs with its neighbour outside the window
        # (低保|现在, 干部|职工) belongs to a correct word, not to a typo to repair.
        self._pairs: set[str] = set()
        for w in (*words, *synonyms, *vocab, *FILLER, *CHITCHAT, *(clean(p) for p in phrases)):
            self._pairs.update(w[i : i + 2] for i in range(len(w) - 1))
        self._english = frozenset(stem(w) for w in english_vocabulary)

    def _add_sound(self, word: str, *, content: bool) -> None:
        han = "".join(ch for ch in word if _HAN_LO <= ch <= _HAN_HI)
        if han != word or not 1 <= len(han) <= 8 or (content and len(han) < 2):
            return
        syl = _pinyin_tuple(han)
        key = " ".join(syl)
        self._syllables.update(syl)
        self._spell.setdefault(key, han)
        if content:
            got = self._sounds.get(key, ())
            if han not in got:
                self._sounds[key] = (*got, han)

    @classmethod
    def for_knowledge(cls, knowledge: Knowledge) -> Normalizer:
        vocab: list[str] = []
        english: list[str] = []
        for e in knowledge.entries.values():
            vocab.append(e.title)
            vocab.extend(e.aliases)
            english.extend(english_words(e.title_en))
            for a in e.aliases_en:
                english.extend(english_words(a))
        for t in knowledge.topics.values():
            vocab.append(t.name)
            vocab.extend(t.keywords)
            english.extend(english_words(t.name_en))
        return cls(
            restoration=[r for p in knowledge.packs for r in p.restoration],
            glossary=[g for p in knowledge.packs for g in p.glossary],
            vocabulary=vocab,
            english_vocabulary=english,
            phrases=[q for e in knowledge.entries.values() for q in e.questions],
        )

    def canonical(self, text: str) -> str:
        """Cleaned, restored and glossary-mapped text (no stripping): for keyword look-ups."""
        return self._glossary.apply(self._restore.apply(clean(text)))

    def index_text(self, text: str) -> str:
        """The match text of an index string (title, alias, question ...), cached."""
        got = self._index_cache.get(text)
        if got is None:
            got = self.normalize(text, index=True).text
            self._index_cache[text] = got
        return got

    # ---- typo repair ------------------------------------------------------------------------

    def segment_pinyin(self, word: str) -> list[str] | None:
        """Split "dibao" into known syllables (fewest pieces), or None if it is not pinyin."""
        return segment_syllables(word, self._syllables)

    def _spell_words(self, words: list[str]) -> str | None:
        """Han for a run of pinyin words ("guer butie" -> 孤儿补贴), or None if it is not one.

        The whole run must be spelled by known words, one of them two syllables or more:
        English words rarely spell a sequence of known Chinese words.
        """
        if len(words) == 1 and stem(words[0]) in self._english:
            return None  # "dibao" is also an English word of the entries
        syl: list[str] = []
        for w in words:
            seg = self.segment_pinyin(w)
            if seg is None:
                return None
            syl.extend(seg)
        out: list[str] = []
        word = False
        i = 0
        while i < len(syl):
            for n in range(min(self._max_sound, len(syl) - i), 0, -1):
                han = self._spell.get(" ".join(syl[i : i + n]))
                if han is not None:
                    word = word or n >= 2
                    out.append(han)
                    i += n
                    break
            else:
                return None
        return "".join(out) if word else None

    def _spell_pinyin(self, text: str) -> str:
        """Spell runs of pinyin words in Han, so they meet the glossary and the index as Chinese."""
        if not self._spell or not _ASCII_WORD.search(text):
            return text
        groups: list[list[re.Match[str]]] = []
        for m in _ASCII_WORD.finditer(text):
            w = m.group(0)
            if w in _LOCAL_EN or w in _OTHER_EN or self.segment_pinyin(w) is None:
                groups.append([])
                continue
            last = groups[-1] if groups else []
            if last and not text[last[-1].end() : m.start()].strip(" '-"):
                last.append(m)
            else:
                groups.append([m])
        out: list[str] = []
        pos = 0
        for g in groups:
            if not g:
                continue
            han = self._spell_words([m.group(0) for m in g])
            if han is not None:
                out.append(text[pos : g[0].start()])
                out.append(han)
                pos = g[-1].end()
        out.append(text[pos:])
        return "".join(out)

    def _fix_homophones(self, text: str) -> str:
        """Repair input-method typos: a window that sounds like a vocabulary word and shares at
        least half its characters with it becomes that word (姑儿 -> 孤儿, 养劳院 -> 养老院)."""
        if not self._sounds or len(text) > MAX_TYPO_FIX_CHARS:
            return text
        n = len(text)
        syl = [_char_pinyin(ch) if _HAN_LO <= ch <= _HAN_HI else "" for ch in text]
        out: list[str] = []
        i = 0
        longest = min(self._max_sound, 8)
        while i < n:
            if not syl[i]:
                out.append(text[i])
                i += 1
                continue
            took = 0
            for size in range(min(longest, n - i), 1, -1):
                if not syl[i + size - 1]:
                    continue
                window = text[i : i + size]
                cands = self._sounds.get(" ".join(syl[i : i + size]))
                if not cands:
                    continue
                if window in cands:
                    out.append(window)
                    took = size
                    break
                best = max(cands, key=lambda c: sum(a == b for a, b in zip(c, window, strict=True)))
                if self._is_typo(text, i, window, best):
                    out.append(best)
                    took = size
                    break
            if took:
                i += took
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    def _is_typo(self, text: str, start: int, window: str, word: str) -> bool:
        """Whether `window` (at `start` in `text`) is a mistyped `word`: half its characters
        right, and the wrong ones not part of real wording (职工 is no typo of 志工)."""
        same = sum(a == b for a, b in zip(word, window, strict=True))
        if same < (len(window) + 1) // 2:
            return False
        pairs = self._pairs
        end = start + len(window)
        if window[0] != word[0] and start > 0 and text[start - 1 : start + 1] in pairs:
            return False
        return not (window[-1] != word[-1] and end < len(text) and text[end - 1 : end + 1] in pairs)

    # ---- the pipeline -----------------------------------------------------------------------

    def leftover(self, text: str) -> tuple[str, tuple[str, ...]]:
        """What is left of already-normalized text (`Normalized.cleaned` minus some words) once
        years, places and filler are gone: (Han match text, English words)."""
        english = tuple(
            w
            for w in (m.removesuffix("'s") for m in _EN_WORD.findall(text))
            if w not in ENGLISH_STOPWORDS and w not in _LOCAL_EN and w not in _OTHER_EN
        )
        _y, _r, _b, text = _extract_years(text)
        han = _STRAY_DOT.sub("", _KEEP.sub("", _PLACE_STRIP.apply(_EN_WORD.sub(" ", text))))
        han = _FILLER_TABLE.apply(_FILLER_MEASURE.sub("", han))
        return _NUMERAL_MEASURE.sub("", han), english

    def normalize(self, question: str, *, index: bool = False) -> Normalized:
        """Normalize a question; `index=True` skips the signals and repairs only questions need."""
        raw = question if isinstance(question, str) else ""
        text = clean(raw)
        text = _COMMAND.sub("", text, count=1)
        text = _MENTION.sub(" ", text)
        if not index:
            text = self._spell_pinyin(text)
        text = self._restore.apply(text)
        if not index:
            text = self._fix_homophones(text)
        text = self._glossary.apply(text)

        # English words (and pinyin typed as words) come out first; Han text is matched by grams.
        english: list[str] = []
        places: list[str] = []
        other: list[str] = []
        for w in _EN_WORD.findall(text):
            w = w.removesuffix("'s")
            if w in _LOCAL_EN:
                places.append(_LOCAL_EN[w])
            elif w in _OTHER_EN:
                other.append(_OTHER_EN[w])
            elif w not in ENGLISH_STOPWORDS and not w.isdigit():
                english.append(w)

        years, year_range, baseline, text_wo_years = _extract_years(text)
        if index:
            han = _EN_WORD.sub(" ", text_wo_years)
            han = _STRAY_DOT.sub("", _KEEP.sub("", _PLACE_STRIP.apply(han)))
            han = _FILLER_TABLE.apply(_FILLER_MEASURE.sub("", han))
            return Normalized(raw=raw, cleaned=text, text=_NUMERAL_MEASURE.sub("", han))
        numbers = tuple(n for n in find_numbers(text_wo_years) if n.value > 0 or n.text)

        for p in phrases_in(_LOCAL_TABLE, text_wo_years):
            cp = _canonical_place(p)
            if cp not in places:
                places.append(cp)
        for p in phrases_in(_OTHER_TABLE, text_wo_years):
            if p not in other:
                other.append(p)

        han = _EN_WORD.sub(" ", text_wo_years)
        han = _PLACE_STRIP.apply(han)
        han = _STRAY_DOT.sub("", _KEEP.sub("", han))
        chitchat = False
        if han or english or not places:
            rest = _FILLER_TABLE.apply(_CHITCHAT_TABLE.apply(han))
            en_all = [w.removesuffix("'s") for w in _EN_WORD.findall(text_wo_years)]
            en_rest = [w for w in en_all if w not in _CHITCHAT_EN and w not in ENGLISH_STOPWORDS]
            had_chat = bool(phrases_in(_CHITCHAT_TABLE, han)) or bool(en_all)
            chitchat = had_chat and not rest and not en_rest and not numbers and not years
        han = _FILLER_MEASURE.sub("", han)
        han = _NUMERAL_MEASURE.sub("", _FILLER_TABLE.apply(han))
        measure, named = _measure(text)
        counted = _counted(text) if named and measure in _COUNTABLE else ""
        intent: Intent = ""
        if named or numbers or _QUANTITY.search(text):
            intent = "quantity"
        elif _WHAT.search(text):
            intent = "what"  # "一床难求怎么解决": a hint (床位) does not make it "how many"
        elif measure:
            intent = "quantity"
        return Normalized(
            raw=raw,
            cleaned=text,
            text=han,
            english=tuple(english),
            years=years,
            year_range=year_range,
            places=tuple(places),
            other_places=tuple(other),
            numbers=numbers,
            chitchat=chitchat,
            baseline_years=baseline,
            measure=measure,
            measure_named=named,
            counted=counted,
            change=bool(baseline) or bool(_CHANGE.search(text)),
            per="月" if _PER_MONTH.search(text) else "年" if _PER_YEAR.search(text) else "",
            intent=intent,
            province=bool(_PROVINCE.search(text)),
        )


def _measure(text: str) -> tuple[str, bool]:
    """The kind of figure asked for, and whether a measure word names it (多少钱, 几家, how many
    beds) rather than the wording hinting at it (花了, 覆盖率)."""
    for m in _ASK.finditer(text):
        rest = text[m.end() : m.end() + 10]
        for word, kind in _MEASURE_AFTER:
            if rest.startswith(word):
                return kind, True
        if "亿" in m.group(1) and not (rest[:1] and _HAN_LO <= rest[:1] <= _HAN_HI):
            return "money", True  # "花了多少亿": a civil-affairs figure in 亿 is an amount of money
        if rest[:1] in ("个", "名", "位"):
            if _PERSON_NOUN.match(rest, 1) or rest[:1] != "个":
                return "people", True
            nxt = rest[1:2]
            if nxt and _HAN_LO <= nxt <= _HAN_HI:
                return "个", True
            continue
        if _PERSON_NOUN.match(rest):
            return "people", True
    for m in _ASK_EN.finditer(text):
        phrase: list[str] = []
        for w in m.group(1).split():
            if w in ENGLISH_STOPWORDS:
                break
            phrase.append(w)
        if any(w in _EN_PEOPLE for w in phrase):
            return "people", True
        if any(stem(w) == "bed" for w in phrase):
            return "张", True
        if phrase:
            return "count", True  # things, English names no measure word: any countable unit
    for pattern, kind in _LOOSE_MEASURE:
        if pattern.search(text):
            return kind, False
    return "", False


# Things counted by 个/家/张 ... ("多少个社区"); people and money are checked by their unit alone.
_COUNTABLE = frozenset({"个", "家", "项", "件", "张", "户"})
_COUNTED = re.compile(r"(?:多少|几)(?:[个家项件张户所座])([\u3400-\u9fff]{2})")


def counted_noun(text: str) -> str:
    """The noun an entry's own question phrasing counts ("出台了几项制度" -> 制度): the thing its
    figure counts may be called so even when its title words it otherwise."""
    if "多少" not in text and "几" not in text and "幾" not in text:
        return ""  # most phrasings count nothing: skip the conversion
    return _counted(clean(text))


def _counted(text: str) -> str:
    """The noun right after 多少/几 and its measure word, as a bigram, when there is one."""
    m = _COUNTED.search(text)
    if m is None:
        return ""
    got = _FILLER_TABLE.apply(m.group(1))
    return got if len(got) == 2 else ""


def _extract_years(text: str) -> tuple[tuple[int, ...], bool, tuple[int, ...], str]:
    """Years asked about, whether they form a span, comparison bases, and the text without them."""
    years: list[int] = []
    baseline: list[int] = []

    def take_base(m: re.Match[str]) -> str:
        y = int(next(g for g in m.groups() if g))
        if y not in baseline:
            baseline.append(y)
        return " "

    text = _RELATIVE_BASE.sub(" ", _BASELINE.sub(take_base, text))
    year_range = bool(_RANGE_SEP.search(text))

    def take(m: re.Match[str]) -> str:
        y = int(m.group(1))
        if y not in years:
            years.append(y)
        return " "

    out = _YEAR.sub(take, text)
    # Chinese-numeral years: 二〇二四年
    for n in find_numbers(out) if _CN_YEAR_HINT.search(out) else ():
        if n.text and n.unit == "" and 1950 <= n.value <= 2049 and n.value == int(n.value):
            tail = out[n.end : n.end + 1]
            if tail == "年" and not any(ch in n.text for ch in "十百千万"):
                y = int(n.value)
                if y not in years:
                    years.append(y)
                out = out[: n.start] + " " * (n.end - n.start + 1) + out[n.end + 1 :]
    m2 = _SHORT_YEAR.search(out)
    while m2 is not None:
        y = 2000 + int(m2.group(1))
        if 2015 <= y <= 2029 and y not in years:
            years.append(y)
        out = out[: m2.start()] + " " * (m2.end() - m2.start()) + out[m2.end() :]
        m2 = _SHORT_YEAR.search(out)
    if years and any(k in out for k in _SPAN_WORDS):
        year_range = True
    if len(years) >= 2 and year_range:
        lo, hi = min(years), max(years)
        if hi - lo <= 30:
            years = list(range(lo, hi + 1))
    return tuple(years), year_range, tuple(baseline), out


def segment_syllables(word: str, syllables: Container[str], min_len: int = 1) -> list[str] | None:
    """Split a Latin word into the fewest known pinyin syllables, or None if it is not pinyin.

    Shared by the question side (spelling "guer butie" back into Han) and the index side
    (matching typed pinyin against entries), so both read pinyin the same way.
    """
    n = len(word)
    if n < min_len or n > 40 or not word.isalpha():
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            s = word[i:j]
            if s in syllables:
                cand = [*cur, s]
                prev = best[j]
                if prev is None or len(cand) < len(prev):
                    best[j] = cand
    return best[n]
