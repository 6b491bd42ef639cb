"""Words of distinction an article states and a yes/no question asks about.

A claim is a predicate (率先, 第一, 全覆盖, 推广 …) at a level (全国, 全省, 全市). An entry's claims
are read from its quote; a question's from its wording; `bot.decide.claims` compares the two:
the same predicate at the same level supports, the same predicate at another level contradicts
("获评镇江市十佳" asked as 全省十佳), a predicate the entry never states is not stated.
"""

from __future__ import annotations

from bot.lang.zh import words

# Levels, general words only; a pack adds its own city and province names (scope.yaml).
LEVELS: tuple[tuple[str, str], ...] = (
    ("全国", "national"),
    ("国家级", "national"),
    ("国家", "national"),
    ("中央", "national"),
    ("民政部", "national"),
    ("全省", "province"),
    ("省级", "province"),
    ("省政府", "province"),
    ("省民政厅", "province"),
    ("省", "province"),
    ("全市", "city"),
    ("市级", "city"),
    ("县级", "county"),
)
# Predicates, longest first within a family; a family's members mean the same thing.
# 第一方阵 (the top tier) is not 第一 (first): a separate family, so one never supports the other.
PREDICATES: tuple[tuple[str, str], ...] = (
    ("第一方阵", "top_tier"),
    ("第一批", "first_batch"),
    ("第一个", "pioneer"),
    ("第一", "first"),
    ("排名第一", "first"),
    ("最高", "highest"),
    ("最低", "lowest"),
    ("率先", "pioneer"),
    ("首个", "pioneer"),
    ("首创", "pioneer"),
    ("领先", "leading"),
    ("前列", "leading"),
    ("全覆盖", "full_coverage"),
    ("100%", "full_coverage"),
    ("推广", "promoted"),
    ("认可", "recognised"),
    ("表彰", "honoured"),
    ("获评", "honoured"),
    ("评为", "honoured"),
    ("荣誉", "honoured"),
    ("十佳", "top_ten"),
    ("十大", "top_ten"),
    ("试点", "pilot"),
    ("优秀", "excellent"),
    ("先进", "excellent"),
    ("创新成果", "innovation"),
    ("奖", "award"),
    ("免申即享", "no_application"),
    ("无需申请", "no_application"),
    ("自动发放", "no_application"),
)
# The families that are an award or honour ("获过什么奖" is answered by any of them).
HONOURS = frozenset({"honoured", "top_ten", "excellent", "innovation", "award"})
# Families a question may use for each other ("是不是最好的" ~ 第一 / 最高 / 领先).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "最好": ("first", "highest", "leading"),
    "第一名": ("first",),
    "领头": ("leading", "pioneer"),
    "带头": ("pioneer",),
    "最早": ("pioneer",),
    "先行": ("pioneer",),
    "覆盖全部": ("full_coverage",),
    "都有": ("full_coverage",),
    "每个": ("full_coverage",),
    "所有": ("full_coverage",),
    "全都是": ("full_coverage",),
    "全部是": ("full_coverage",),
    "全部都是": ("full_coverage",),
    "全部覆盖": ("full_coverage",),
    "都覆盖": ("full_coverage",),
    "全部": ("full_coverage",),  # "是不是政府全部统保了"
    "全都": ("full_coverage",),
    "奖励": ("award",),
    "得奖": ("award", "honoured"),
    "获奖": ("award", "honoured"),
    # Paid without applying (免申即享), and its opposite asked ("是不是还得自己去申请"). Of two
    # words read, the shorter inside the longer does not count (不用自己申请 holds 自己申请).
    "不用申请": ("no_application",),
    "不需要申请": ("no_application",),
    "不用自己申请": ("no_application",),
    "不用去申请": ("no_application",),
    "免申请": ("no_application",),
    "自动发": ("no_application",),
    "自动打": ("no_application",),
    "自动到账": ("no_application",),
    "还得申请": ("needs_application",),
    "还要申请": ("needs_application",),
    "需要申请": ("needs_application",),
    "要申请": ("needs_application",),
    "得申请": ("needs_application",),
    "自己申请": ("needs_application",),
    "自己去申请": ("needs_application",),
    "去申请": ("needs_application",),
}
# Families that hold at no level: how a thing is done, not a distinction (全国 in a question
# about 免申即享 belongs to another claim).
UNLEVELLED = frozenset({"no_application", "needs_application"})
# Families that say the opposite of each other: an entry stating one answers "no" to the other.
OPPOSITES: dict[str, str] = {
    "no_application": "needs_application",
    "needs_application": "no_application",
}
# Attributes an overview may ask for ("哪些是全省率先的", "哪些实现了全覆盖").
OVERVIEW_ATTRIBUTES: tuple[str, ...] = words(
    "全省率先 全国率先 率先 全省第一 全国第一 第一 全覆盖 100% 全国推广 推广 获评 获奖 表彰 "
    "创新成果 优秀成果 十佳 首个 首创 试点 最高 奖 国家级荣誉 全国荣誉 省级荣誉 全省荣誉 哪些荣誉 "
    "什么荣誉 荣誉称号"
)

# How an attribute asked in one word is named in the reply's heading.
ATTRIBUTE_LABELS: dict[str, str] = {
    "奖": "获奖和荣誉",
    "哪些荣誉": "获奖和荣誉",
    "什么荣誉": "获奖和荣誉",
    "荣誉称号": "获奖和荣誉",
}

__all__ = [
    "ATTRIBUTE_LABELS",
    "HONOURS",
    "LEVELS",
    "OPPOSITES",
    "OVERVIEW_ATTRIBUTES",
    "PREDICATES",
    "SYNONYMS",
    "UNLEVELLED",
]
