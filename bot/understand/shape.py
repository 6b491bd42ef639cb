"""The shape of a message: where its questions are, and whether it asks about the article.

People write a sentence of context before they ask ("你好，我是丹徒的居民，家里老人八十多了……
全市养老机构床位到底有多少张？"); the question is the sentence that asks, not the preamble.
Several sentences that each ask are several questions. A question about the article itself
(who wrote it, when it appeared) names the article or asks one of its fields without a subject
of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lang.en import BROAD as EN_BROAD
from bot.lang.en import QUESTION_OPENERS as EN_OPENERS
from bot.lang.zh import article as article_words
from bot.lang.zh import question_words as qw
from bot.lang.zh.arithmetic import BY_HOW_MUCH, COMPARED_BY
from bot.lang.zh.claims import OVERVIEW_ATTRIBUTES
from bot.lang.zh.stop_words import CONFIRMATIONS, HEARSAY, STORY_MARKERS
from bot.understand.answer_type import cue_pattern, ends_as_question
from bot.understand.text import has_han

__all__ = [
    "ARTICLE_WORDS",
    "after_lead_in",
    "article_field",
    "asks",
    "attributes_in",
    "clauses",
    "enumerated",
    "is_listing",
    "last_clause",
    "parts_of",
    "question_sentences",
    "without_story",
]

_SENTENCE_END = re.compile(
    r"(?<=[。！？!?；;\n])|(?<=……)|(?<=\.\.\.)|(?<=…)(?!…)"
    r"|(?<=[a-z]\.)(?=\s+[A-Z])"  # an English sentence ends at a full stop before a capital
)
_CLAUSE_SEP = re.compile(r"[，,、]")
# A story typed without punctuation ("您好 我是丹徒的 最近家里办白事 想了解一下…"): a space
# between Han parts its clauses too.
_STORY_SEP = re.compile(r"[，,、]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_LATIN_WORD = re.compile(r"[a-z']+")
_ASKS = cue_pattern((*qw.WH, *qw.YESNO_FORMS, *qw.DATE, *qw.QUANTITY))
_INDEFINITE = cue_pattern(qw.INDEFINITE)
_ABOUT = cue_pattern(article_words.ABOUT)
_FIELDS = tuple((name, cue_pattern(cues)) for name, cues in article_words.FIELDS)
# Every word about the article, to tell "作者是谁" (no subject) from "社会救助的作者…".
ARTICLE_WORDS = cue_pattern(
    (*article_words.ABOUT, *(c for _name, cues in article_words.FIELDS for c in cues), *qw.WH)
)
# Fields whose cue alone asks about the article ("作者是谁"): no subject can own them.
_SELF_EVIDENT = frozenset({"author", "series", "publisher"})
_BROAD = cue_pattern(qw.BROAD)
_WHOM = cue_pattern(qw.WHOM)
_STORY = cue_pattern(STORY_MARKERS)
_ATTRIBUTES = cue_pattern(OVERVIEW_ATTRIBUTES)
_HEARSAY = cue_pattern(HEARSAY)
_CONFIRM = cue_pattern(CONFIRMATIONS)
MAX_PARTS = 6  # questions answered from one message; more is not a chat message any more


def clauses(text: str) -> list[str]:
    """The sentences of a message, each stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip(" \n。！？!?；;…")]


def asks(sentence: str) -> bool:
    """Whether a sentence asks something (a wh-word, a yes/no form, a question mark); a
    wh-word used indefinitely ("前几年", "啥的") does not ask."""
    text = sentence.lower()  # "What is …": English cues are lower case
    if ends_as_question(sentence):
        return True
    if not has_han(text):  # English: a question opens as one
        opener = _LATIN_WORD.match(text.strip(" \"'‘“(—-"))
        return opener is not None and opener.group(0) in EN_OPENERS
    return bool(_ASKS.search(_INDEFINITE.sub(" ", text)))


def question_sentences(text: str) -> list[str]:
    """The sentences of a message that ask, in order; the whole text when none clearly does.

    Greetings and stories before the question are dropped ("你好。我奶奶今年82了……请问…？"),
    but a sentence that only names the subject ("关于低保。") stays with the question after it.
    """
    sentences = clauses(text)
    if len(sentences) <= 1:
        return [text.strip()] if text.strip() else []
    picked = [s for s in sentences if asks(s)]
    return picked[:MAX_PARTS] or [sentences[-1]]


# Clause separators; a space between Han also parts clauses typed without punctuation ("慈善组织
# 有几家 公募项目搞了几个"), and splits only where each side asks.
_PART_SEP = re.compile(r"[，,；;：:、]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff0-9])")
_BY_HOW_MUCH = re.compile(rf"(?:那)?{BY_HOW_MUCH}")
# A quoted name ("‘run only once, no certificates needed’"): its commas part no clauses.
_FIGURE_ASKED = re.compile(r"多少|(?<!哪)几(?!乎)|how many|how much")  # 哪几个部分: which
_MASK = str.maketrans({c: chr(0xE000 + i) for i, c in enumerate(",，;；:：、")})
_UNMASK = {ord(v): chr(k) for k, v in _MASK.items()}
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])")
# "哪个大", "哪个比2019年涨得多": a clause that compares what the one before it named.
_WHICH_FIRST = re.compile(rf"(?:那|那么)?{COMPARED_BY}")
_EACH = re.compile(r"分别|各自|各")
_LIST_SEP = re.compile(r"、")
_PAIR_SEP = re.compile(r"以及|和|与|及")
# What asks for a list of names before it: a phrase ending in a colon ("这几个数："), or a
# request to look up ("帮我分别查下", "麻烦列一下").
_ASK_TO = (
    r"(?:请|麻烦|帮我|帮忙|给我)?(?:分别|都)?"
    r"(?:查下|查一下|查查|说一下|说下|说说|讲一下|讲下|讲讲|介绍一下|列一下|列下|告诉我)"
)
_LEAD_IN = re.compile(r"[^：:、，,？?]{0,12}[：:]\s*|" + _ASK_TO)
# The count word of a lead-in ("的几个数：", "这些数据："), leaving what they are of.
_LEAD_COUNT = re.compile(
    r"(?:的)?(?:这|那)?(?:[几一二三四五六七八九两]个|些|几项)?"
    r"(?:数|数字|数据|指标|情况|问题|百分比|比例|比率)?\s*[：:]?\s*$"
)
# A noun for the figure an item names ("慈善组织数量", "等级机构占比"): it names, not asks.
_FIGURE_NOUN_END = re.compile(r"(?:数量|人数|总数|比例|占比)$")
# A request after a list ("…、受益人次，分别列一下"): it asks nothing of its own.
_AFTER_LIST = re.compile(r"[，,]\s*" + _ASK_TO + r"[。！!？?～~]*$")
_REQUEST = re.compile(_ASK_TO)
# A request after a list with nothing before it ("A、B、C 三个数都给我", "…，都告诉我").
_TRAILING_REQUEST = re.compile(
    r"(?:[，,]|\s+)\s*(?:这|那)?(?:[几一二三四五六七八九两]个(?:数字|数据|数))?(?:都|全)?"
    r"(?:给我|告诉我|发我|说说|说一下|列一下|查一下|讲讲)(?:一下)?[。！!？?～~]*$"
)
_SEMI = re.compile(r"\s*[；;]\s*")  # "列一下：A；B；C": items typed with semicolons
_COUNTED_ITEMS = re.compile(r"这[一二三两几]?(?:笔钱|个|项|些|几项)$|这些$")


def completes_comparison(clause: str) -> bool:
    """Whether a clause only asks by how much ("多多少", "差几个点"): it belongs to the
    comparison asked just before it, in the same sentence or the one before."""
    return bool(_BY_HOW_MUCH.fullmatch(clause.strip().rstrip("？?。！!")))


def parts_of(sentence: str) -> list[str]:
    """The questions of one sentence, in order: clauses that each ask ("养老机构几家，床位多少张")
    or the items of an enumeration ("低保和孤儿保障标准分别提高了多少"). Clauses before the first
    question that do not ask ("殡葬这块：…") stay with each question as its context."""
    listed = enumerated(sentence)
    if listed:
        return listed
    masked = _QUOTED.sub(lambda m: m.group(0).translate(_MASK), sentence)
    clauses = [c.strip().translate(_UNMASK) for c in _PART_SEP.split(masked) if c.strip()]
    for i in range(len(clauses) - 1, 0, -1):
        if _WHICH_FIRST.match(clauses[i]) or completes_comparison(clauses[i]):
            # "A和B，哪个大": the comparison of what the clause before named; "哪个多，多多少":
            # by how much, of the comparison just asked
            clauses[i - 1 : i + 1] = [f"{clauses[i - 1]}，{clauses[i]}"]
    # "听说镇江连续几年给孩子买了保险，一共覆盖了多少孩子": what was heard tells, the
    # question comes after it.
    asking = [
        i
        for i, c in enumerate(clauses)
        if asks(c) and (i == len(clauses) - 1 or not _HEARSAY.match(c) or ends_as_question(c))
    ]
    if len(asking) < 2:
        return [sentence]
    lead = "".join(clauses[: asking[0]])
    return [lead + clauses[i] for i in asking][:MAX_PARTS]


def enumerated(sentence: str) -> list[str]:
    """The items of an enumeration, each a question ("A、B、C分别是多少", "这几个数：A、B、C"),
    or [] when the sentence lists none. Items share their subject's context."""
    each = _EACH.search(sentence)
    if each is not None:
        items = _enumeration(sentence, each.start(), each.end())
        if items:
            return items
    return after_lead_in(sentence)


def after_lead_in(sentence: str) -> list[str]:
    """ "这几个数：A、B、C", "帮我分别查下A、B、C", "列一下：A；B；C": a list of names after a
    lead-in that asks for them, each item a question of its own."""
    if not has_han(sentence):
        return _english_list(sentence)
    if "、" not in sentence and not _SEMI.search(sentence.rstrip("；; ")):
        return []
    m = _LEAD_IN.match(sentence)
    if m is None:
        # "A、B、C 三个数都给我": the request after the list, and no lead-in before it.
        tail = _TRAILING_REQUEST.search(sentence)
        if tail is None and _BARE_LIST.fullmatch(sentence.strip(" ？?。！!")):
            # "福彩销售额、公益金、帮扶人次": names alone, each one asked for
            items = _items(sentence.strip(" ？?。！!"))
            return items[:MAX_PARTS] if not any(map(_asks_itself, items)) else []
        if tail is None or "、" not in sentence[: tail.start()]:
            return []
        items = _items(sentence[: tail.start()].strip(" ，,"))
        return items[:MAX_PARTS] if len(items) >= 2 and not _asking(items) else []
    rest = _AFTER_LIST.sub("", sentence[m.end() :])  # "…、受益人次，分别列一下"
    items = _items(rest.strip(" ？?。！!"))
    if len(items) < 2 or _asking(items):
        return []
    # "家门口慈善的几个数：A、B": what the numbers are of is every item's subject.
    subject = _LEAD_COUNT.sub("", _REQUEST.sub("", sentence[: m.end()].rstrip("：: "))).strip(
        " ，,"
    )
    if len(subject) >= 2 and m.group(0).rstrip().endswith(("：", ":")):
        items = [i if subject in i else subject + i for i in items]
    return items[:MAX_PARTS]


# A message that is only a list of short names ("福彩销售额、公益金、帮扶人次").
_BARE_LIST = re.compile(r"[^、，,。？?！!：:；;\s]{2,12}(?:、[^、，,。？?！!：:；;\s]{2,12})+")
_EN_LEAD_IN = re.compile(r"^[^:]{0,40}:\s*")
_EN_FIGURES = re.compile(r"\b(?:numbers?|figures?|how many|stats?|statistics)\b")
_EN_LIST_SEP = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")


def _english_list(sentence: str) -> list[str]:
    """ "Numbers please: A, B, and C": the names after an English lead-in, each a question."""
    m = _EN_LEAD_IN.match(sentence)
    if m is None or "," not in sentence[m.end() :]:
        return []
    items = [i for i in _EN_LIST_SEP.split(sentence[m.end() :].strip(" ?.!")) if i]
    if len(items) < 2 or any(asks(i) for i in items):
        return []
    if _EN_FIGURES.search(m.group(0).lower()):  # "Numbers please:" asks each item's figure
        items = [f"number of {i}" for i in items]
    return items[:MAX_PARTS]


def _enumeration(sentence: str, start: int, end: int) -> list[str]:
    """ "A、B、C各是多少" -> [A是多少, B是多少, C是多少]; "分别说一下A、B" -> [A, B]."""
    before, after = sentence[:start], sentence[end:]
    if not before.strip(" ，,：:"):  # "分别说一下养老机构数、床位数"
        body = re.sub(r"^(?:说一下|说说|讲讲|列一下|告诉我|是)", "", after.strip(" ，,：:"))
        items = _items(body.strip(" ？?。"))
        return items[:MAX_PARTS] if len(items) >= 2 and not _asking(items) else []
    head = _COUNTED_ITEMS.sub("", before.strip(" ，,"))
    lead = ""
    if "：" in head or ":" in head:
        lead, head = re.split(r"[：:]", head, maxsplit=1)
    items = _shared_tail(_items(head))
    if len(items) < 2 or _asking(items):
        return []
    return [lead + i + after for i in items][:MAX_PARTS]


_YEAR_ITEM = re.compile(r"(?:19|20)[0-9]{2}年?")


def _shared_tail(items: list[str]) -> list[str]:
    """ "镇江和南京的低保标准" -> [镇江的低保标准, 南京的低保标准]: what follows the last item's
    的 (or its leading year, "2019年和2024年低保标准") belongs to every bare item before it."""
    if len(items) < 2:
        return items
    last = items[-1]
    tail = ""
    year = _YEAR_ITEM.match(last)
    if year and year.end() < len(last) and all(_YEAR_ITEM.fullmatch(i) for i in items[:-1]):
        tail = last[year.end() :]
    elif "的" in last and not any("的" in i for i in items[:-1]):
        tail = last[last.index("的") :]
        if len(tail) < 3:  # "哪个的": nothing shared
            tail = ""
    return [i + tail for i in items[:-1]] + [last] if tail else items


def _asking(items: list[str]) -> bool:
    """Items that ask on their own are clauses, not the names of an enumeration."""
    return sum(map(_asks_itself, items)) >= 2


def _asks_itself(item: str) -> bool:
    """Whether a list item asks, beyond a noun naming its figure ("慈善组织数量")."""
    return asks(_FIGURE_NOUN_END.sub("", item))


def _items(text: str) -> list[str]:
    """The items of a list: split on 、, else on ；, else on 和 / 与 / 及."""
    sep = _LIST_SEP if "、" in text else _SEMI if _SEMI.search(text) else _PAIR_SEP
    return [i.strip() for i in sep.split(text) if i.strip()]


def without_story(sentence: str, lend: Callable[[str], str] | None = None) -> list[str]:
    """A sentence without the clauses before its question that tell the asker's own story
    ("你好，我是丹徒的居民，家里老人八十多了，全市养老机构床位到底有多少张"): those name places and
    people that are not what is asked. A story goes on until the question ("我家隔壁王阿姨82了，
    一个人住，子女都在外地，…"); clauses before it that tell none stay ("2023年，镇江…").

    Returns the readings to try, shortest first: each next one gives back the nearest story
    clause dropped, for when the question alone has no subject ("我家老人吃低保的，想问下现在每个月
    能拿多少钱") or points back into the story ("朋友说那边有个婚俗改革宣教中心，那是几A级的").
    `lend` says what a clause given back lends (its subject words); the whole clause by default.
    """
    parts = [p for p in _STORY_SEP.split(sentence) if p.strip()]
    first_ask = next((i for i, p in enumerate(parts) if asks(p)), None)
    if first_ask is None or first_ask == 0:
        return [sentence]
    before = parts[:first_ask]
    opens = next((i for i, p in enumerate(before) if _STORY.search(p)), None)
    story = list(range(opens, len(before))) if opens is not None else []
    if _CONFIRM.fullmatch(parts[first_ask].strip(" ？?。！!")) and story:
        # "听说政府给老人买了意外险，是真的吗": what was heard is what is asked.
        heard = [i for i in story if _HEARSAY.match(before[i].strip())]
        story = [i for i in story if i not in heard[-1:]]
    if not story:
        return [sentence]
    lent = lend or (lambda clause: clause)
    out: list[str] = []
    for n in range(len(story), -1, -1):  # drop all story clauses, then all but the last …
        dropped = set(story[:n])
        kept = [p if i not in story else lent(p) for i, p in enumerate(before) if i not in dropped]
        reading = "，".join(p for p in [*kept, *parts[first_ask:]] if p.strip())
        if reading not in out:
            out.append(reading)
    return out


def last_clause(sentence: str) -> str:
    """The sentence's last clause (after its last comma), stripped."""
    return _CLAUSE_SEP.split(sentence)[-1].strip()


def article_field(text: str, has_subject: bool) -> str:
    """Which field of the article a question asks for ("" = not about the article).

    `text` is the cleaned question; `has_subject` whether it names something the article
    reports on (an entry, a topic, a place), which makes "时间" or "内容" about that instead.
    """
    if has_subject and _FIGURE_ASKED.search(text):
        return ""  # "我是记者…兜底保障投入了多少资金": a figure of what it reports, asked by anyone
    about = bool(_ABOUT.search(text))
    for name, pattern in _FIELDS:
        if pattern.search(text) and (about or (name in _SELF_EVIDENT and not has_subject)):
            return name
    if about and not has_subject and not _BROAD.search(text):
        return "card"  # "这篇文章" alone: the whole source card
    return ""


def is_listing(text: str, english: Sequence[str] = ()) -> bool:
    """Whether the words ask for a list of what the article says (有哪些, 盘点, "figures")."""
    # "覆盖哪些老人" asks whom, not for a list
    return bool(_BROAD.search(_WHOM.sub(" ", text))) or any(
        w.rstrip("s") in EN_BROAD for w in english
    )


def attributes_in(text: str) -> tuple[str, ...]:
    """Overview attributes named (全省率先, 全覆盖, 100% …), longest first, each once."""
    return tuple(dict.fromkeys(m.group(0) for m in _ATTRIBUTES.finditer(text)))
