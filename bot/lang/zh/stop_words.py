"""Words that carry no meaning for matching: question filler, small talk, pinyin function words.

Filler is removed leftmost-longest, so 多少钱 goes as one piece before 多少 and 钱.
"""

from __future__ import annotations

from bot.lang.zh import words

FILLER: tuple[str, ...] = words(
    "的时候 那时候 时候 当时 那会儿 听说 请问一下 请问 请教 麻烦问下 麻烦 请告诉我 告诉我 "
    "我想知道 想知道 我想问问 想问问 问问 我想问 想问 问一下 问下 一下 帮我查 帮我 查下 查查 "
    "你知道 知道 到底 具体 大概 现在 目前的 是多少 有多少 多少钱 多少 是几 有几 是什么 是啥 啥 "
    "什么 怎么样 怎么 怎样 如何 的话 呢 啊 吗 嘛 呀 吧 哦 哈 了 的 是 有 几 我们 给 咱们 我 你们 "
    "这个 那个 一共 总共 总计 多不多 有没有 是不是 能不能 可不可以 这些年 这几年 近几年 近年来 "
    "这么多年 每个月 一个月 每月 月均 都 这块 这一块 这方面 那块 这边 咱这 能拿 能领 花了 花掉 "
    "花费 钱 的地方 地方 们 方面 叫什么名字 叫啥名字 叫什么 叫啥 什么名字 啥名字 名字叫 名字 全称 "
    "名称"
)

# Measure words after 多少/几 are filler too ("多少家", "几个"), as a regular-expression class;
# an order of magnitude may come between ("几百块", "多少万人次", "多少亿").
MEASURE_WORD_PATTERN = (
    r"(?:万人次|人次|场次|块钱|个百分点|百分点|个点|[个家人名元次件场户张亩项岁条所座位份批块])"
)
# 四个机制 / 四项机制: the measure word between a small numeral and a noun varies freely.
SMALL_NUMERALS = "一二三四五六七八九十两"
FREE_CLASSIFIERS = "个项种类条"

CHITCHAT: tuple[str, ...] = words(
    "你好 您好 你们好 大家好 嗨 哈喽 哈啰 喂 谢谢你 谢谢 多谢 感谢 谢了 再见 拜拜 早上好 早安 "
    "上午好 中午好 下午好 晚上好 晚安 好的 好吧 好 嗯嗯 嗯 收到 明白 哈哈哈 哈哈 呵呵 嘿嘿 "
    "在不在 在吗 在 你是谁 你叫 机器人 你能做 你会做 你会干 你会 能做 干嘛 你好吗 吃饭 吃了 "
    "今天 明天 昨天 天气 下雨 讲个笑话 笑话 无聊 测试 试试 回答 帮助 帮忙 你 谁"
)

# Function words a pinyin question may spell out ("cishan zuzhi you duoshao jia"); they never
# count as the content of a match, only let the transliteration cover the whole run.
PINYIN_FUNCTION_WORDS: tuple[str, ...] = words(
    "多少 多少钱 什么 是什么 怎么 怎么样 哪些 哪里 有 是 几 家 个 人 的 吗 呢 了 一个月 每月 标准 "
    "一共 现在 今年 你好 您好 谢谢 再见 在吗"
)


# A clause that tells the asker's own story ("我是丹徒的居民", "家里老人八十多了"): context
# before a question, not part of it.
STORY_MARKERS: tuple[str, ...] = words(
    "我 俺 咱 我们 我家 我们家 家里 家人 亲戚 朋友 邻居 同事 听说 最近 前阵子 前几天 去年 打扰 "
    "老师 麻烦 您好 你好 住在"
)
# What one hears and then asks to confirm ("听说政府给老人买了意外险，是真的吗"): the clause
# before such a question is its content, not a story.
HEARSAY: tuple[str, ...] = words("听说 据说 听人说 网上说 有人说")
CONFIRMATIONS: tuple[str, ...] = words(
    "是真的吗 真的吗 是不是真的 对吗 对不对 是吗 是这样吗 属实吗 有这回事吗 靠谱吗 真的假的 "
    "是真是假 真的还是假的"
)

__all__ = [
    "CHITCHAT",
    "CONFIRMATIONS",
    "FILLER",
    "FREE_CLASSIFIERS",
    "HEARSAY",
    "MEASURE_WORD_PATTERN",
    "PINYIN_FUNCTION_WORDS",
    "SMALL_NUMERALS",
    "STORY_MARKERS",
]
