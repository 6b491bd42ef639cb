"""What kind of answer a question asks for, from the words it asks with.

The cue words are language data (`bot.lang.zh.question_words`); the order in which they are
tried is the classification: names before dates, dates before figures ("哪一年" is not "几"),
"which ones" before figures ("有哪几家" asks for them, "有几家" counts them), figures before other
lists, a yes/no form only when no wh-word is there ("你知道是多少吗" asks a figure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.lang.zh import question_words as qw
from bot.understand.ask import AnswerKind, AnswerType, Aspect
from bot.understand.normalize import Normalized

__all__ = [
    "aspect_of",
    "classify",
    "cue_pattern",
    "direction_of",
    "ends_as_question",
    "is_yesno",
]


def cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """One alternation over cue phrases, longest first; "." in a cue stands for a space, and an
    English cue matches whole words only. 几 asks a number, 几乎 does not.

    An English cue's leading word boundary is checked after its first letter, as a look-behind
    (the same test: that letter is a word character): every alternative then starts with a
    literal, so ``re`` skips the positions no cue starts at. A leading ``\\b`` made it try every
    alternative at every position, 5-15x slower on a question."""
    han = [c for c in cues if not c[:1].isalpha() or not c[:1].isascii()]
    en = [c.replace(".", " ") for c in cues if c[:1].isalpha() and c[:1].isascii()]
    parts = ["几(?!乎)" if c == "几" else re.escape(c) for c in sorted(han, key=len, reverse=True)]
    parts += [_english_word(c) for c in sorted(en, key=len, reverse=True)]
    return re.compile("|".join(parts) or r"(?!x)x")


def _english_word(cue: str) -> str:
    """``\\bcue\\b`` with the first boundary after the first letter (see `cue_pattern`)."""
    return re.escape(cue[0]) + r"(?<!\w\w)" + re.escape(cue[1:]) + r"\b"


_NAMES = cue_pattern(qw.NAMES)
_PLURAL = cue_pattern(qw.PLURAL)
_WHICH_ONES = cue_pattern(qw.WHICH_ONES)
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)[余多几]?[项个类条种家]")
_DATE = cue_pattern(qw.DATE)
_ACTOR = cue_pattern(qw.ACTOR)
_PLACE = cue_pattern(qw.PLACE)
_QUANTITY = cue_pattern(qw.QUANTITY)
_LIST = cue_pattern(qw.LIST)
_DESCRIPTION = cue_pattern(qw.DESCRIPTION)
_WH = cue_pattern(qw.WH)
_WHOM = cue_pattern(qw.WHOM)
_YESNO_FORM = cue_pattern(qw.YESNO_FORMS)
_RANKING = cue_pattern(qw.RANKING)
_UP = cue_pattern(qw.UP)
_DOWN = cue_pattern(qw.DOWN)
_PARTICLE_END = re.compile(
    "(?:"
    + "|".join(re.escape(p) for p in sorted(qw.YESNO_PARTICLES, key=len, reverse=True))
    + r")[\s?？!！。.~～…；;]*$"
)
_REQUEST_BA = re.compile(
    r"^(?:你|那|就|再|先|我想|想|我先)?(?:"
    + "|".join(qw.REQUEST_OPENERS)
    + r").*吧[\s!！。.~～…]*$"
)
_QUESTION_MARK_END = re.compile(r"[?？][\s!！；;]*$")
_NE_END = re.compile(r"呢[\s?？!！。.~～…；;]*$")  # 呢 ends a question, but not a yes/no one
_EN_START = re.compile(r"^\s*(?:" + "|".join(qw.YESNO_EN_STARTS) + r")\b")
_RANK_ASK = cue_pattern(qw.RANK_ASK)
# A count and its classifier, then what its parts are ("那39项是什么内容", "四项机制指什么").
_COUNTED_PARTS = re.compile(
    r"(?:\d+|[一二两三四五六七八九十]+)[项个类条种大][\u4e00-\u9fff\u201c\u201d\u0022']{0,5}?(?:"
    + cue_pattern(qw.PARTS_ASKED).pattern
    + ")"
)


def ends_as_question(text: str) -> bool:
    """Whether a sentence ends the way a question does: a particle (吗, 呢, 不 …) or "？"."""
    if _QUESTION_MARK_END.search(text) or _NE_END.search(text):
        return True
    return bool(_PARTICLE_END.search(text)) and not _REQUEST_BA.search(text.strip())


def is_yesno(text: str, q: Normalized, *, has_claim: bool = False) -> bool:
    """Whether a question asks yes or no: a yes/no form and no wh-word."""
    if _WH.search(_YESNO_FORM.sub(" ", text)):
        return False
    if _YESNO_FORM.search(text) or _EN_START.search(text):
        return True
    if _PARTICLE_END.search(text):
        return not _REQUEST_BA.search(text.strip())  # "说说社会救助的数据吧": a request
    # "听说慈善捐赠是全省第一？", "细则是2023年出台的？": a statement asked back, about a
    # claim, a number or a year.
    if _NE_END.search(q.raw):
        return False  # "那2019年呢？": a follow-up, not a statement asked back
    return bool(_QUESTION_MARK_END.search(q.raw)) and (has_claim or bool(q.numbers or q.years))


def classify(text: str, q: Normalized, *, yesno: bool) -> AnswerType:
    """The answer type of a question (`text` is its cleaned form)."""
    kind: AnswerKind = ""
    named, actor = _NAMES.search(text), _ACTOR.search(text)
    if named and actor and named.start() < actor.end() and actor.start() < named.end():
        kind = "actor"  # "是哪几个单位评的": which bodies, of which 是哪几个 is a part
    elif _WHOM.search(text) and not yesno:
        kind = "description"  # "覆盖哪些老人": whom, as the entry's population says
    elif _NAMES.search(text) and not (_PLURAL.search(text) or _COUNTED.search(text)):
        kind = "description"  # the name of one thing: what its entry states
    elif _NAMES.search(text) or _COUNTED_PARTS.search(text):
        kind = "list"
    elif _DATE.search(text):
        kind = "date"
    elif _ACTOR.search(text):
        kind = "actor"
    elif _PLACE.search(text) and not _RANK_ASK.search(text):  # 排在什么位置: a rank
        kind = "place"
    elif _WHICH_ONES.search(text):
        kind = "list"  # "靠哪几项机制", "有哪几家": which ones, not how many
    elif q.measure_named or _QUANTITY.search(text):
        kind = "figure"
    elif _LIST.search(text):
        kind = "list"
    elif _DESCRIPTION.search(text) and not yesno:
        kind = "description"
    elif yesno:
        kind = "yesno"
    # A measure only hinted at (收费, 价格 in a name) does not make a figure question.
    measure = q.measure if kind in ("figure", "yesno", "") else ""
    if kind == "figure" and not measure and _RANK_ASK.search(text):
        measure = "rank"
    names = bool(_NAMES.search(text))
    return AnswerType(kind, measure, named=q.measure_named, yesno=yesno, names=names)


def aspect_of(text: str, q: Normalized, answer: AnswerType) -> Aspect:
    """Whether the level, the change or the rank of a figure is asked for."""
    if answer.measure == "rank" or (_RANKING.search(text) and _RANK_ASK.search(text)):
        return "rank"
    if q.change and not answer.yesno:
        return "change"
    return "level"


def direction_of(text: str) -> str:
    """ "up" / "down": the direction of a change a question names (变少了, 提高了)."""
    if _DOWN.search(text):
        return "down"
    if _UP.search(text):
        return "up"
    return ""
