"""What a question asks for, by the words it asks with (the answer-type cues).

Modelled on the coarse answer types of the classic question-classification taxonomy (Li & Roth,
2002: NUM, DATE, LOC, HUM, ENTY/list, DESC) plus yes/no, adapted to sourced figures. Each tuple is
a list of cue phrases, matched as substrings of the cleaned question; the code that uses them is
`bot.understand.answer_type`.
"""

from __future__ import annotations

from bot.lang.zh import words

# "When": a date or a year. 几年 (how many years) is a count, not a date.
DATE: tuple[str, ...] = words(
    "哪一年 哪年 哪几年 哪些年 哪一天 哪天 几月 几号 什么时候 啥时候 什么时间 啥时间 何时 哪个时候 "
    "哪段时间 多会儿 几几年 when what.year which.year since.when"
)
# A date finer than a year ("每月几号发", "哪天开始"): only an entry that states a month or a day
# answers it.
DATE_FINE: tuple[str, ...] = words(
    "几号 哪天 哪一天 几月 几月份 哪个月 哪月 什么日子 几点 哪一日 what.day which.day which.month"
)
# "Where": a place.
PLACE: tuple[str, ...] = words(
    "哪里 哪儿 在哪 在哪个 在哪一个 什么地方 啥地方 哪个地方 哪些地方 哪个镇 哪个区 哪个县 "
    "哪个村 哪个市 哪些镇 哪些区 哪个街道 什么位置 啥位置 哪个位置 位于 "
    "where which.town which.district which.city"
)
# The level of place a "where" asks for ("在哪个镇"): the entry must name a place of that level.
PLACE_LEVELS: tuple[str, ...] = words("街道 社区 镇 乡 村 区 县")
# "Who": a person or an organisation.
ACTOR: tuple[str, ...] = words(
    "谁 哪个部门 哪些部门 哪两个部门 哪几个部门 什么部门 什么单位 哪个机构 哪些机构 哪个单位 "
    "哪个部委 哪些部委 哪两个部委 哪几个部委 什么部委 哪个部 哪个厅 哪两个部 "
    "哪些单位 哪家单位 哪几个单位 哪两个单位 哪个机关 哪级 由谁 被谁 哪个政府 哪一级 哪家 哪一家 "
    "什么公司 哪个公司 "
    "who whom which.department which.ministry by.whom which.company"
)
# The kind of organisation a "who" question names ("哪家保险公司承保"): only an entry whose actors
# include one of that kind names it.
ACTOR_HEADS: tuple[str, ...] = words("公司 企业 银行 医院 学校 基金会 报社 媒体 company bank")
# "What are they called": the names of the parts (asked of a list, never of a count).
NAMES: tuple[str, ...] = words(
    "叫什么名字 叫什么 名字 名称 分别叫 全称 都是哪几 分别是哪几 是哪几家 是哪几个 都是谁 "
    "what.are.they.called names"
)
# "Which people" ("覆盖哪些老人", "针对哪些家庭的"): whom something is for, which the entry's
# population or bound says (特殊困难老年人家庭, 80周岁以上) — a description, not a list.
WHOM: tuple[str, ...] = tuple(
    f"{which}{who}"
    for which in words("哪些 哪类 哪种 什么样的 什么样 啥样的 什么")
    for who in words("老人 老年人 人群 群体 家庭 对象 孩子 儿童")
)
# Verbs of whom something is for ("针对哪些家庭", "面向谁"): no subject of their own.
SCOPE_VERBS: tuple[str, ...] = words("针对 面向 覆盖 适用 适用于 惠及")
# "Which ones" before a classifier ("靠哪几项机制", "有哪几家"): the items themselves, a list — a
# count is asked by 几 alone ("有几家").
WHICH_ONES: tuple[str, ...] = words("哪几 哪两 哪三 哪四 哪五")
# "What award / honour": only an entry that states one (获评, 表彰, 奖 …) answers it.
HONOUR_ASK: tuple[str, ...] = words(
    "什么奖 啥奖 哪些奖 哪个奖 获过奖 获奖 得过奖 获得过什么 得过什么 获评了什么 获评什么 获评过 "
    "被评为什么 被评了个什么 评了个什么 评上了什么 评上什么 什么荣誉 啥荣誉 哪些荣誉 什么表彰 "
    "啥表彰 哪些表彰 得了什么表彰 受过什么表彰 受到过什么表彰 什么称号 啥称号 what.award "
    "which.award awards honours"
)
# "Also": a yes/no question about one more subject ("丹阳也被评为…了吗"); what the article says of
# another place does not answer it no.
ALSO: tuple[str, ...] = words("也 同样 一样 also too")
# Nouns for the aspect of a figure, not for what it is of ("占比多少", "人数呢", "金额呢"): no
# subject of a follow-up of their own.
ASPECT_NOUNS: tuple[str, ...] = words(
    "占比 比例 比重 百分比 百分之 人数 金额 数额 数量 总数 总量 规模 增幅 涨幅 增速 排名 名次"
)
# How a figure is to be read or worked out ("按文章说的", "照着涨幅…回去算", "大概"): no subject.
AS_SAID: tuple[str, ...] = words("按照 照着 按 照 根据 说 的话 大概 大约 回去 算")
# Nouns that name no subject, only the kind of thing said before ("是哪一年的做法", "这个政策
# 哪年出的"): a follow-up made of them continues the question before.
GENERIC_NOUNS: tuple[str, ...] = words(
    "做法 举措 措施 政策 办法 经验 事情 这事 那事 工作 部门 单位 部委 机关"
)
# What the counted parts of something are ("那39项是什么内容", "四项机制指什么"): asked right
# after a count and its classifier, they ask for a list, not a description.
PARTS_ASKED: tuple[str, ...] = words(
    "是什么 是啥 是哪些 内容 指什么 指的是什么 指的什么 包括什么 包括哪些 有哪些 都有啥 具体是"
)
# Words that make names plural ("都叫啥名字", "分别叫什么", "这些…叫什么"): the names of a list's
# parts; a count with its classifier does too ("四项机制叫什么名字"). Without either, the name
# asked is that of one thing ("那个品牌叫啥名字"), which its entry states.
PLURAL: tuple[str, ...] = words("都 分别 各 这些 那些 哪些 哪几 它们 他们 们 其他 其余 names")
# "Which ones / what are the N": the components of a list.
LIST: tuple[str, ...] = words(
    "都是什么 都是啥 具体都是 各是什么 是哪些 指的是哪 哪些 哪几 分别 都有哪些 都有什么 都有啥 "
    "包括 包含 有哪 具体是 具体有 列举 指哪 指的是哪 是哪几 哪四 哪五 哪三 哪两 which.ones "
    "what.are.the list"
)
# "What / how / why": a description, method or reason.
DESCRIPTION: tuple[str, ...] = words(
    "是什么 什么是 是啥 啥是 什么意思 啥意思 怎么回事 怎么样 怎样 如何 怎么 为什么 为啥 介绍 讲讲 "
    "说说 什么 what.is what's what.does explain tell.me.about how.does how.do why"
)
# "How much / how many": a figure (the measure word says of what).
QUANTITY: tuple[str, ...] = words(
    "多少 几 数量 人数 比例 占比 百分之 多大 多高 多长 how.many how.much number.of percent rate "
    "rank"
)
# Wh-words used indefinitely, in telling rather than asking: "我外公前几年走失过", "装了扶手防滑
# 垫啥的", "老人六十几了" (几 after a numeral: some more). A sentence asks only by a wh-word
# outside these (or by its form).
INDEFINITE: tuple[str, ...] = words(
    "前几年 这几年 近几年 那几年 前几天 这几天 前几个月 好几 啥的 什么的 "
    "没什么 没啥 不怎么 啥都 什么都 十几 百几"
)
# Wh-words: a question with one of these is not a yes/no question ("你知道是多少吗").
WH: tuple[str, ...] = words(
    "多少 几 什么 啥 哪 谁 怎么 如何 为什么 为啥 咋 how what when where who which why"
)
# Yes/no: the question ends in a particle, or asks A-not-A.
YESNO_PARTICLES: tuple[str, ...] = words("吗 么 嘛 不 没 吧 没有 了没 不是 是吧")
YESNO_FORMS: tuple[str, ...] = words(
    "是不是 是否 有没有 有无 对不对 对吗 对么 是吧 是真的吗 真的吗 能不能 可不可以 算不算 "
    "属不属于 是不是真的 真的假的 是真是假 真的还是假的 真假"
)
YESNO_EN_STARTS: tuple[str, ...] = words("is are was were does do did has have can")
# The direction of a change a yes/no question asks about ("是不是比2019年少了").
UP: tuple[str, ...] = words("增加 增长 提高 提升 上涨 上升 涨了 多了 高了 变多 扩大")
DOWN: tuple[str, ...] = words("减少 下降 降低 下调 少了 低了 降了 变少 缩小 跌")
# A change, not a level: 涨了多少, 比2019年提高.
CHANGE: tuple[str, ...] = words(
    "涨 提高 提升 增长 增加 新增 增幅 上调 上升 变化 翻了 多了 高了 较 相比 对比 rise risen rose "
    "increase grew grow growth compared change"
)
# A rank or a distinction relative to others (全省第几, 最高): the province is then a yardstick.
RANKING: tuple[str, ...] = words(
    "排名 排第 排位 名次 第一 第几 最高 最低 前列 领先 率先 方阵 首个 首创 全省最 rank first top "
    "highest lead 排什么位置 排在什么位置 排啥位置 排在哪 排哪 位次 排老几 什么水平 啥水平"
)
# What is left of a rank question once filler has gone ("在全省什么水平" -> 水平), and the
# prepositions around it: no subject of a follow-up.
RANK_LEFTOVERS: tuple[str, ...] = words("水平 位置 位次 在 于")
# Of those, the words that ask for the rank itself ("全省排第几"), not claim one ("全省最高").
RANK_ASK: tuple[str, ...] = words(
    "排第几 第几 排名 名次 排位 排什么位置 排在什么位置 排啥位置 排在哪 排哪 位次 排老几 什么水平 "
    "啥水平 rank"
)
# Words that make a question a request for a list of what the article says ("养老方面有哪些数据").
BROAD: tuple[str, ...] = words(
    "哪些 有什么 都有什么 什么数据 数据 数字 统计 情况 概况 成绩 成就 成效 成果 介绍 总结 都有 "
    "相关 所有 全部 内容 指标 亮点 举措 措施 领域 板块 列一下 列出来 列出 列举 罗列 汇总 盘点 "
    "一览 清单 有啥 干了啥 干了什么 干了些啥 干了些什么 搞了啥 搞了什么 搞了些啥 做了啥 做了些啥 "
    "做了些什么 做过什么 做了什么 做了哪些 都指什么 指什么 都是什么 分别指 "
    "讲了些什么 讲了什么 讲了啥 说了些什么 说了什么 提到了什么 提到哪些 提到了哪些 哪件事 哪些事 "
    "哪项工作 哪些工作"
)
# What may be left of a list request once its subject and markers are gone.
LIST_LEFTOVER: tuple[str, ...] = words(
    "方面 都 这块 这一块 这方面 这边 一下 给我 看看 说说 讲讲 列 出 来 一 下 在 里 文章 文中 报道 "
    "这篇 里面 中 上 和 与 年 的 有 哪 些 项 个 是 获得 实现 获 了 两 这两 各 各自 县级市 事业 "
    "做法 被 到 这一级 这级 一级 级 街道 民政 都干了 干了 搞了 做了 些 啥 那一年 一年 事 "
    "提到 提及 说到 讲到 点名 因为 为什么 因为什么 什么 把 将 创新 进展 新进展 变化 突破 工作 "
    "新举措 动作"
)
# Requests to be told about a subject ("说说社会救助"): of a topic, its list.
TELL_ABOUT: tuple[str, ...] = words("说说 讲讲 聊聊 谈谈 介绍 介绍下 介绍一下")
# A request that opens a message ("说说…吧", "给我列一下…吧"): its 吧 softens it, it asks no
# yes or no.
REQUEST_OPENERS: tuple[str, ...] = (
    *TELL_ABOUT,
    *words("列一下 列下 列举 给我 告诉我 帮我 麻烦 请 总结 汇总 盘点 梳理 了解 了解下 看看"),
)
# Words that point back to something said before ("它是哪一年的", "这个是按人算吗").
DEIXIS: tuple[str, ...] = words("它 它们 这个 那个 这些 那些 这项 那项 该 其 他 她 这 那")
# Which earlier question a follow-up goes back to, by its place in the conversation ("我最开始问
# 的那个", "回到第一个问题"): 0 the first, 1 the second, -1 the one just before.
TURN_POSITIONS: tuple[tuple[str, int], ...] = (
    ("最开始", 0),
    ("一开始", 0),
    ("最早问", 0),
    ("最先问", 0),
    ("第一个问题", 0),
    ("第一个问的", 0),
    ("第一个问", 0),
    ("头一个问题", 0),
    ("头一个问的", 0),
    ("第一个问题问的", 0),
    ("第二个问题", 1),
    ("第二个问的", 1),
    ("上一个问题", -1),
    ("上个问题", -1),
)
# Verbs a "when" asks with ("哪年开始的", "什么时候启动"): they name no subject of their own, so a
# follow-up made of them continues the question before.
WHEN_VERBS: tuple[str, ...] = words("开始 启动 起步 推出 开办 开始实施 开始搞 搞起来")
# Verbs and nouns of an honour ("获得了什么", "那次有奖励吗", "得到谁的认可"): they name no
# subject of their own either.
HONOUR_WORDS: tuple[str, ...] = words(
    "获得 得到 拿到 荣获 获评 评上 评为 拿了 得了 奖励 认可 表彰 评价 荣誉 称号"
)
# A present state: "目前" in an article is the time of the report.
NOW: tuple[str, ...] = words("截至报道时 目前 现有 现在 当前")

__all__ = [
    "ACTOR",
    "ACTOR_HEADS",
    "ALSO",
    "ASPECT_NOUNS",
    "AS_SAID",
    "BROAD",
    "CHANGE",
    "DATE",
    "DATE_FINE",
    "DEIXIS",
    "DESCRIPTION",
    "DOWN",
    "GENERIC_NOUNS",
    "HONOUR_ASK",
    "HONOUR_WORDS",
    "INDEFINITE",
    "LIST",
    "LIST_LEFTOVER",
    "NAMES",
    "NOW",
    "PARTS_ASKED",
    "PLACE",
    "PLACE_LEVELS",
    "PLURAL",
    "QUANTITY",
    "RANKING",
    "RANK_ASK",
    "RANK_LEFTOVERS",
    "REQUEST_OPENERS",
    "SCOPE_VERBS",
    "TELL_ABOUT",
    "TURN_POSITIONS",
    "UP",
    "WH",
    "WHEN_VERBS",
    "WHICH_ONES",
    "WHOM",
    "YESNO_EN_STARTS",
    "YESNO_FORMS",
    "YESNO_PARTICLES",
]
