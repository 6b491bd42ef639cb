"""Measure words and the kind of figure they ask for (多少钱 → money, 几家 → 家, 多少人 → people).

Kinds: money, people, percent, age, rank, years (how long: 连续4年), and for counted things the
classifier itself (家, 张, 项 …). Which kinds answer which is `COMPATIBLE`; the code that reads
questions is `bot.understand.answer_type`.
"""

from __future__ import annotations

from bot.lang.zh import words

# After 多少/几: the measure word names the kind. 个/名/位 defer to the noun that follows.
MEASURE_AFTER: tuple[tuple[str, str], ...] = (
    ("块钱", "money"),
    ("个百分点", "percent"),
    ("百分点", "percent"),
    ("个百分比", "percent"),
    ("个点", "percent"),  # 涨了几个点: percentage points
    ("百分比", "percent"),
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
    ("对", "对"),  # 多少对 (couples): a count no civil-affairs figure here is in
    ("岁", "age"),
    ("个年头", "years"),  # 几个年头, 几年, 多少年: how long, a duration
    ("年", "years"),
    ("亩", "亩"),
    ("级", "级"),
    ("a", "级"),
)
# Nouns for people (多少个孩子, 几名网格员): the count is a head count.
PERSON_NOUN_PATTERN = (
    r"(?:人员|人|孩子|儿童|小孩|娃|孤儿|老人|老年人|群众|网格员|流浪|乞讨|志愿者|"
    r"居民|市民|家庭|对象|群体|学生)"
)
# A counted noun that is a household ("多少低保户", "几户人家"): a count of 户.
HOUSEHOLD_NOUN_PATTERN = r"[\u4e00-\u9fff]{0,4}?户(?![口籍])"
# What may follow a bare 个 at the end of a question ("有几个呀"): no noun, so 个 names no kind.
BARE_COUNT_END = r"个[呀啊呢吗啦吧哈]*[？?！!。.~～]*$"
# Without a measure word, the wording may still name the kind ("花了多少", "覆盖率").
LOOSE_MEASURE: tuple[tuple[str, str], ...] = (
    (
        r"百分之|百分比|%|比例|占比|幅度|涨幅|增幅|覆盖率|[^效]率(?!先|领)|percent|rate\b|share\b",
        "percent",
    ),  # 率先 (first to) is no rate
    (r"多大年纪|多大岁数|多大年龄|年龄|how old|\bage\b", "age"),
    (r"多久|多长时间|多长的时间|how long|how many years", "years"),
    (r"排第几|第几|排名|排位|名次|\brank", "rank"),
    (
        r"钱|资金|经费|费用|花了|花费|投入|投资|造价|支出|金额|总额|善款|捐款额|捐赠额|收费|价格|"
        r"发多少|拿多少|领多少|给多少|花多少|用多少|捐了多少|捐多少|"
        r"补贴|津贴|补助|[金费](?:是|有)?多少|标准(?:是|有)?多少|"
        r"how much money|spen[dt]|cost|funds?\b|funding|money|paid",
        "money",
    ),
    (
        r"人数|人次|受益|惠及|多少人|(?:孩子|儿童|老人|老年人|孤儿|志愿者|网格员|学生)(?:总数|数量|数)",
        "people",
    ),
    (r"床位|\bbeds?\b", "张"),
    # A count named by its classifier ("解决问题件数", "项目个数", "改造户数"): that kind of count.
    (r"件数", "件"),
    (r"户数", "户"),
    (r"场次", "场次"),
    (r"个数", "个"),
    (r"项数", "项"),
    (r"面积|\bacres?\b|\barea\b", "亩"),
)
# Units of a figure, as curated entries write them, and the kind each is.
UNIT_KINDS: tuple[tuple[str, str], ...] = (
    ("元", "money"),
    ("人次", "people"),
    ("万人次", "people"),
    ("人", "people"),
    ("名", "people"),
    ("位", "people"),
    ("%", "percent"),
    ("岁", "age"),
    ("周岁", "age"),
    ("家", "家"),
    ("所", "家"),
    ("座", "家"),
)
COUNT_UNITS = frozenset({"个", "项", "件", "场次", "次", "张", "户", "亩", "级"})
# Counts of things that each have a name (25家慈善组织, 10余项文件): the names asked of such a
# count are those of the things counted, a list.
NAMEABLE = frozenset({"家", "个", "项", "件", "所"})
# Which figure kinds answer which kind of question ("多少家" is answered by 家 or 个 ...).
COMPATIBLE: dict[str, frozenset[str]] = {
    "money": frozenset({"money"}),
    "people": frozenset({"people"}),
    "percent": frozenset({"percent"}),
    "age": frozenset({"age"}),
    "rank": frozenset({"rank"}),
    "years": frozenset({"years"}),  # answered by a stated duration (连续4年), see Facts.duration
    "家": frozenset({"家", "个"}),
    "个": frozenset({"个", "家", "项", "件", "场次", "次", "级"}),
    "count": frozenset({"个", "家", "项", "件", "场次", "次", "级", "张", "户", "亩"}),
    "项": frozenset({"项", "个", "件"}),
    "件": frozenset({"件", "个", "项"}),
    "场次": frozenset({"场次", "次"}),
    "次": frozenset({"次", "场次", "people"}),  # 多少次 is answered by 人次 too
    "张": frozenset({"张"}),
    "户": frozenset({"户"}),
    "亩": frozenset({"亩"}),
    "级": frozenset({"级"}),
}
# Kinds a wrong unit rules out outright; 个 / 项 are loose classifiers ("多少个床位").
STRICT = frozenset({"money", "people", "percent", "age", "years"})
# Counted things whose noun must agree with what the figure counts ("多少个社区" vs 助餐点).
COUNTABLE = frozenset({"个", "家", "项", "件", "张", "户"})
# Nouns that name a measure in a request for a list of its figures ("把资金数目都列出来").
MEASURE_NOUNS: tuple[str, ...] = words(
    "金额 资金 钱数 数目 数额 钱 人数 人次 比例 百分比 占比 百分数 费用 经费"
)
# Which way money went: spent (花, 支出, 投入) or raised (筹集, 募集, 卖). A question asking money
# spent is not answered by money raised ("公益金花掉了多少" of 筹集公益金约1.93亿元).
MONEY_WAYS: tuple[tuple[str, str], ...] = (
    ("花掉", "spent"),
    ("花了", "spent"),
    ("花费", "spent"),
    ("用掉", "spent"),
    ("用了", "spent"),
    ("支出", "spent"),
    ("投入", "spent"),
    ("投了", "spent"),
    ("筹集", "raised"),
    ("募集", "raised"),
    ("筹到", "raised"),
    ("募捐", "raised"),
    ("销售", "raised"),
    ("卖了", "raised"),
)
# Measures whose figures a list may gather (each entry's figure is of exactly one kind).
LISTABLE = frozenset({"money", "people", "percent"})
# How the kind is named in a reply ("文章没有给出……的金额").
KIND_NAMES: dict[str, str] = {
    "money": "金额",
    "people": "人数",
    "percent": "比例",
    "age": "年龄",
    "rank": "排名",
    "years": "持续年数",
    "count": "数量",
}
KIND_NAMES_EN: dict[str, str] = {
    "money": "amount of money",
    "people": "number of people",
    "percent": "percentage",
    "age": "age",
    "rank": "rank",
    "years": "number of years",
    "count": "count",
}
# Per-unit wording: a per-month or per-year figure is asked for.
PER_MONTH = r"每个月|一个月|每月|月均|一月|per month|a month|monthly"
PER_YEAR = r"每年|一年|年均|per year|a year|annual|yearly"
# An average per unit is asked for in so many words ("每千名老人", "人均", "户均").
PER_UNIT_ASK = (
    r"每(?:[一二两三四五六七八九十百千万]+|[0-9]+)(?:名|个|位|户|人|张|家)|人均|户均"
    r"|每(?:个)?人(?!次)|每户|每位|每名"  # 每人保额: per person, not the programme's total
)
# A rate the question names ("入住率"): its stem must be the entry's own words (覆盖 in 全覆盖).
RATE_NAME = r"([\u4e00-\u9fff]{2})率(?!先|领)"  # 率先 (first to) is no rate
# A share of a whole is asked for ("等级机构占多少", "占几成", "占比多少"): a percentage.
SHARE_ASK = r"占(?:了|到)?(?:多少|几成|百分之几|多大比例|比多少|比是多少)|占比(?:是|有)?(?:多少|几)"
# Words that make a stated figure an average per unit (人均, 平均每家, 每人每月, 户均).
PER_UNIT_WORDS = r"人均|户均|平均|每人|每户|每家|每个|每名|每位|均(?:服务|投入)"
# A figure stated as a bound ("80周岁以上", "不超过3天"): a value inside it agrees with it.
# Patterns right after the number (a unit may come between) and right before it.
# Words after the number (a unit of BOUND_UNITS may come between) and words before it.
BOUND_AFTER: tuple[str, ...] = words("以上 以下 以内 之内")
BOUND_UNITS: tuple[str, ...] = words("周岁 岁 元 人 家 个 张 项 天 年 万 亿 %")
BOUND_BEFORE: tuple[str, ...] = words(
    "不低于 不少于 不超过 超过 至少 年满 高于 大于 低于 少于 小于 不到 满"
)
BOUND_LOWER = frozenset({"以上", "不低于", "不少于", "超过", "至少", "年满", "高于", "大于", "满"})
BOUND_STRICT = frozenset({"超过", "高于", "大于", "低于", "少于", "小于", "不到"})  # value excluded

__all__ = [
    "BARE_COUNT_END",
    "BOUND_AFTER",
    "BOUND_BEFORE",
    "BOUND_LOWER",
    "BOUND_STRICT",
    "BOUND_UNITS",
    "COMPATIBLE",
    "COUNTABLE",
    "COUNT_UNITS",
    "HOUSEHOLD_NOUN_PATTERN",
    "KIND_NAMES",
    "KIND_NAMES_EN",
    "LISTABLE",
    "LOOSE_MEASURE",
    "MEASURE_AFTER",
    "MEASURE_NOUNS",
    "MONEY_WAYS",
    "NAMEABLE",
    "PERSON_NOUN_PATTERN",
    "PER_MONTH",
    "PER_UNIT_ASK",
    "PER_UNIT_WORDS",
    "PER_YEAR",
    "RATE_NAME",
    "SHARE_ASK",
    "STRICT",
    "UNIT_KINDS",
]
