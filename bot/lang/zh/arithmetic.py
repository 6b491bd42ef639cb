"""How questions ask for a computation over stated figures, as regular-expression sources.

Each pattern names its parts: `a` and `b` are the two subjects compared ("孤儿保障标准" and
"低保标准" in "孤儿保障标准是低保标准的几倍"), `unit` the thing averaged over ("每家养老机构").
`bot.understand.compute` tries them in this order; `bot.compose.derived` finds the figures and
does the arithmetic. Only a question that asks for one of these is ever computed.
"""

from __future__ import annotations

_HOW_MUCH = r"(?:多少|几)"
_UNIT_NOUN = r"(?P<unit>[\u3400-\u9fff]{1,8}?)"
# The way a yes/no comparison is asked ("是不是比孤儿标准高"): its last word of size (多少 ends
# in 少, and asks how much).
ASKED_WAY = (
    r"(?<![多几])(高|多|大|低|少|小|贵|便宜)(?:一些|一点|些)?(?:吗|么|嘛|没有|不|呢)?[？?]*$"
)
# What a unit averaged over was done to ("平均每帮扶一人次"): the unit is the one it names.
DEEDS = "帮扶|救助|服务|资助|惠及|帮助|保障"

# (operation, pattern) — first match wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        # "低保标准年均增长率是多少": the compound yearly rate of a stated change over its years
        "growth_rate",
        r"(?P<a>.+?)(?:的)?(?:年均|平均每年|每年平均|年复合)(?:复合)?(?:的)?(?:增长率|增速|增幅|涨幅|增长幅度|上涨幅度"
        r"|(?:增长|提高|上涨|涨)(?:了)?(?:百分之几|百分之多少|多少个?百分点|几个百分点|率|多少%))",
    ),
    (
        # "孤儿标准里，比2019年新增的部分占多大比例": the new part of a level within it
        "new_share",
        r"(?P<a>.+?)(?:里面|里|当中|之中|中)[，,]?(?:比(?:19|20)?[0-9]{2}年|(?:19|20)?[0-9]{2}年"
        r"(?:以后|以来|之后))?(?:净)?(?:新增|增加|增长|多出|增|新)(?:出来)?的?(?:部分|那部分|那些)?"
        r"(?:占了?|是)(?:多大|多少|几成|百分之几|百分之多少)",
    ),
    ("points", r"(?P<a>.+?)比(?P<b>.+?)(?:高|多|低|少|大|小)了?" + _HOW_MUCH + r"个?百分点"),
    ("ratio", r"(?P<a>.+?)(?:是|为|相当于)(?P<b>.+?)的" + _HOW_MUCH + r"倍"),
    ("ratio", r"(?P<a>.+?)比(?P<b>.+?)(?:多|高|大)?" + _HOW_MUCH + r"倍"),
    (
        "share",
        r"(?P<a>.+?)占(?P<b>.+?)的?(?:比例|比重|百分之几|百分之多少|百分比|几成|多少|份额)",
    ),
    (
        "share",
        r"(?P<a>.+?)(?:相当于|是)(?P<b>.+?)的(?:百分之几|百分之多少|几成|多大比例|百分比)",
    ),
    (
        # "福彩销售额里除了公益金以外的部分占多少比例": 1 − 公益金 ÷ 销售额
        "rest_share",
        r"(?P<b>.+?)(?:里面|里|当中|之中|中)[，,]?除(?:了|去|掉)?(?P<a>.+?)(?:以外|之外|外)的?"
        r"(?:部分|其他|其余|剩下)?的?(?:部分)?(?:占了?|是)(?:多少|多大|几成|百分之几|百分之多少)",
    ),
    (
        # "福彩销售额里公益金以外的部分占百分之几": the same, with no 除 before the part
        "rest_share",
        r"(?P<b>.+?)(?:里面|里|当中|之中|中)[，,]?(?P<a>[^，,]+?)(?:以外|之外)的?"
        r"(?:部分|其他|其余|剩下)?的?(?:部分)?(?:占了?|是)(?:多少|多大|几成|百分之几|百分之多少)",
    ),
    (
        # "福彩销售额里不属于公益金的部分占多少比例": the same, the part negated
        "rest_share",
        r"(?P<b>.+?)(?:里面|里|当中|之中|中)[，,]?(?:不属于|不是|非)(?P<a>[^，,]+?)的?"
        r"(?:部分|其他|其余|剩下)?的?(?:部分)?(?:占了?|是)(?:多少|多大|几成|百分之几|百分之多少)",
    ),
    (
        # "流浪乞讨救助里成功寻亲的比例大概多少": a part of a whole, both stated
        "share",
        r"(?P<b>[^，,]+?)(?:里面|里|当中|之中|中)[，,]?(?:的)?(?P<a>[^，,]+?)的?(?:比例|占比|百分比|比率)"
        r"(?:是|有|大概|大约|约)?(?:多少|几|多大|百分之几|百分之多少)",
    ),
    (
        "difference",
        r"(?P<a>.+?)(?:扣掉|减去|扣除|去掉|除去)(?P<b>.+?)(?:还剩|剩下|剩余|还有|后)?" + _HOW_MUCH,
    ),
    ("difference", r"(?P<a>.+?)(?:和|与|跟)(?P<b>.+?)(?:相差|差距|差了|差)" + _HOW_MUCH),
    (
        "compare",
        r"(?P<a>.+?)(?:和|与|跟|还是|同)(?P<b>.+?)(?:哪个|哪一个|哪项|哪笔|哪样|哪种|谁)(?:的)?"
        r"(?:[\u4e00-\u9fff]{1,3}?)?(?:更)?(?:多|大|高|少|小|低)",  # 哪个人次多, 哪个金额更高
    ),
    (
        "compare",  # "养老机构多还是助餐点多": the larger of two, asked as a choice
        r"(?P<a>.+?)(?:更)?(?:多|大|高|少|小|低)(?:一些|一点|些)?(?:呢)?[，,]?还是"
        r"(?P<b>.+?)(?:更)?(?:多|大|高|少|小|低)(?:一些|一点|些)?(?:呢|啊|呀)?[？?]*$",
    ),
    (
        "compare",  # "低保和孤儿标准，哪个比2019年涨得多": their stated changes compared
        r"(?P<a>.+?)(?:和|与|跟|还是|同)(?P<b>.+?)[，,]?(?:哪个|哪一个|哪项|谁)(?:比(?:19|20)?[0-9]{2}年)?"
        r"(?:的)?(?:涨|增长|提高|增加|上涨|涨幅|增幅|提升)(?:得|的)?(?:更)?(?:多|大|快|高)",
    ),
    (
        "difference",  # "低保标准跟2019年比每月多了多少钱": the base after 跟, the verb after 比
        r"(?P<a>.+?)(?:跟|和|与|同)(?P<b>.+?)(?:比|相比|比较|对比)(?:起来|的话)?[，,]?"
        r"(?:每月|每个月|一个月|每年|一年|一共|总共)?(?:高|多|低|少|贵|便宜|涨|提高|增加|增长|上涨|降|减少)"
        r"(?:领|拿|发|给|得|花|补)?了?" + _HOW_MUCH,
    ),
    (
        "difference",
        r"(?P<a>.+?)比(?P<b>.+?)(?:每月|每年|一共|总共)?"
        r"(?:高|多|低|少|贵|便宜|大|小|涨|提高|增加|增长|上涨|降|减少)"
        r"(?:领|拿|发|给|得|花|补)?了?" + _HOW_MUCH,  # 多领多少钱
    ),
    # "平均每帮扶一人次花多少": the unit is what the money did, counted.
    (
        # "低保标准是不是比孤儿标准高": a comparison asked yes or no (after the ones that ask
        # by how much); the verdict is whether the first is the larger (or the smaller).
        "compare",
        r"(?P<a>.+?)(?:是不是|是否|有没有)?比(?P<b>.+?)(?:还|更|要)*" + ASKED_WAY,
    ),
    (
        "per_unit",
        rf"(?:平均|人均|均)(?:下来)?每(?:{DEEDS})(?:一|1)?"
        r"(?P<unit>人次|个人|人|户|名|位|家)",
    ),
    (
        "per_unit",
        r"(?:平均|人均|均)(?:给|到|分给)?每(?:一)?(?:个|家|名|位|户|张|项)?"
        + _UNIT_NOUN
        + r"(?:平均)?(?:大概|大约|约)?(?:能|可以|的)?"
        r"(?:有|是|投入|投了|保险|服务|帮扶|减免|减了|减|改|花|用|拿"
        r"|分到|能分|开展|实施|完成|举办|办|做|建|运营|支出|筹集|销售|卖|救助|受益)",
    ),
    (
        "per_unit",
        r"平均到每(?:一)?(?:个|家|名|位|户)?" + _UNIT_NOUN + r"(?:大概|大约|约)?(?:是|有)",
    ),
    # "床位平均每家机构多少张": the unit named, then how many, with no verb between.
    (
        "per_unit",
        r"(?:平均|人均|均)每(?:一)?(?:个|家|名|位|户|张|项)" + _UNIT_NOUN + r"(?=有?(?:多少|几))",
    ),
    # "平均一个项目多少钱": one of the unit, averaged
    ("per_unit", r"平均(?:下来)?一(?:个|家|名|位|户|张|项)" + _UNIT_NOUN + r"(?=有?(?:多少|几))"),
    # "平均每家多少张" (a follow-up, or the subject before it): the measure word is the unit.
    ("per_unit", r"(?:平均|人均|均)每(?:一)?(?P<unit>人次|个|家|名|位|户|人)(?=有?(?:多少|几))"),
    ("per_unit", r"每(?:一)?(?:个|家|名|位|户)?" + _UNIT_NOUN + r"平均"),
)
# A change asked in money or in things, with no base named ("这几年涨了多少块"): the absolute
# change of a level stated with its change on a base year (a plain "涨了多少" is its percent).
CHANGE_IN_AMOUNT = (
    r"(?P<a>.+?)(?:这几年|这些年|这五年|五年来|近几年|几年来)?"
    r"(?:涨|提高|增加|新增|净增加|净增|上涨|上调|提升|增长|多)了?"
    r"(?:多少|几)(?:钱|块|元|家|个(?!点|百分点)|张|户|人)"
)
# A change asked as "more" ("这五年每月多了多少", "比2019年多多少", "一年多发了多少"), or per month
# or year: an amount in the level's own unit, not its percent.
MORE_BY = (
    r"(?P<a>.+?)(?:这几年|这些年|这五年|五年来|近几年|几年来)?(?:每月|每个月|每年|一年)?"
    r"(?:多|多出|多出来|多给|多发|多领|多拿)了?(?:多少|几)(?!个?(?:百分点|点|倍|成))"
)
# The verb after a base year that asks an amount (比2019年多/高/贵…), not a percent (涨/提高).
AMOUNT_AFTER_BASE = r"^[年]?(?:每月|每个月|每年|一年|一共|总共)?(?:多|高|贵|少|低|便宜)"
# A question about the part of a whole the article gives only as a share ("非等级养老机构").
NEGATION = r"^(?:非|不是|没有|还没有|还没|尚未|未|不属于|除了|没(?=[评被获享参纳入]))"
# The same asked after the share ("…里还有百分之多少没被统保"): the part left out.
NEGATION_AFTER = (
    r"(?:还有|有)?(?:百分之多少|百分之几|多少比例|几成)(?:的)?(?:人|老人)?"
    r"(?:没有|没|尚未|未|不是)被?"
)
# A count of what is not something, of a whole stated with the share that is ("还有几家养老机构
# 不是等级机构"): what is counted, then what it is not.
NEGATED_COUNT = (
    r"(?:还有|有)?(?:几|多少)(?:家|个|名|位|户|人)(?P<what>[\u4e00-\u9fff]{0,8}?)"
    r"(?:不是|不属于|没有|没|尚未|未)(?:被)?(?P<rest>[\u4e00-\u9fff]{2,})"
)
# Average per year of a total over several years ("适老化改造平均每年改多少户").
PER_YEAR = r"平均每年|每年平均|年均|一年平均|平均一年"
# A level worked back to its base year in so many words ("按涨幅倒推，2019年是多少").
BACK_TO_BASE = r"倒推|反推|往回推|推回去|倒算|反算|倒过来算"
# A year's amount of a monthly figure ("低保一年多少钱").
# Words that say over how many years a total ran: 连续五年, 连续4年, 五年来.
YEARS_SPAN = (
    r"(?:连续|持续)(?P<n>[0-9一二三四五六七八九十]+)年|(?P<m>[0-9一二三四五六七八九十]+)年来"
)

# Words that make a comparison one of changes ("哪个涨得多", "增幅哪个大"): each subject's stated
# percent change is compared, not its level.
GROWTH = r"涨|增长|增幅|涨幅|提高|增加|上涨|提升"
# The word a comparison asks by ("哪个人次多", "谁更低"): the winner is named with it; a word
# of SMALLER names the smaller one.
COMPARED_BY = r"(?:哪个|哪一个|哪项|哪笔|哪样|哪种|谁)[^，。？?,]*?(多|大|高|少|小|低)"
SMALLER = frozenset("少小低")
# The two figures just answered, pointed at together ("两者差多少", "这俩哪个高"), and what is
# asked of them; a share ("占比多少") is of the later one within the earlier one.
BOTH = r"两者|二者|两个数|这两个|那两个|这俩|它俩|两项|两个标准"
PAIR_OPS: tuple[tuple[str, str], ...] = (
    ("ratio", r"几倍|多少倍"),
    ("compare", r"哪个(?:更|要)?(?:高|多|大|低|少|小)|谁(?:更|要)?(?:高|多|大|低|少|小)"),
    ("difference", r"差(?:了|距)?(?:多少|几)|相差|差距"),
    ("share", r"占比|占(?:了)?(?:多少|几成|百分之几|多大)"),
)
# By how much, asked after a comparison ("哪个多，多多少", "差多少").
BY_HOW_MUCH = r"(?:多|高|大|少|低|小|差)(?:了|出)?(?:多少|几)(?:个百分点|个点|个百分比)?"

# A growth asked in tenths ("涨了两成多吗"): 成 is ten percent; 多 asks for more than that.
TENTHS = r"([一二两三四五六七八九])成(多)?"
# A growth asked as a multiple ("翻了一番吗"): the percent increase it means.
MULTIPLES: dict[str, float] = {
    "翻一番": 100.0,
    "翻了一番": 100.0,
    "翻番": 100.0,
    "翻倍": 100.0,
    "翻了一倍": 100.0,
    "增长一倍": 100.0,
    "增加一倍": 100.0,
    "翻两番": 300.0,
    "翻了两番": 300.0,
}

__all__ = [
    "AMOUNT_AFTER_BASE",
    "ASKED_WAY",
    "BACK_TO_BASE",
    "BOTH",
    "BY_HOW_MUCH",
    "CHANGE_IN_AMOUNT",
    "COMPARED_BY",
    "DEEDS",
    "GROWTH",
    "MORE_BY",
    "MULTIPLES",
    "NEGATED_COUNT",
    "NEGATION",
    "NEGATION_AFTER",
    "PAIR_OPS",
    "PATTERNS",
    "PER_YEAR",
    "SMALLER",
    "TENTHS",
    "YEARS_SPAN",
]
