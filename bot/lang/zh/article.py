"""Questions about the article itself: who wrote it, where and when it appeared, its title.

Each field has the cue words that ask for it. `ABOUT` are words that make a question about the
article rather than about what it reports ("这篇文章", "报道"); `bot.understand.shape` uses them
to route such questions to the article's source line, never to an entry.
"""

from __future__ import annotations

from bot.lang.zh import words

ABOUT: tuple[str, ...] = words(
    "这篇文章 这篇报道 这篇稿子 这稿子 稿子 这篇 文章 报道 原文 原稿 稿件 新闻 作者 记者 署名 出处 "
    "刊登 刊发 发表 登在 见报 报纸 哪家媒体 媒体 系列 巡礼 标题 题目 栏目 the.article this.article "
    "the.report author journalist headline newspaper published 第一部分 第二部分 第三部分"
)
# Words that hold an article word but are not about the article (工作者 holds 作者, 全覆盖 覆盖).
NOT_ABOUT: tuple[str, ...] = words(
    "社会工作者 工作者 全覆盖 覆盖率 都覆盖 全部覆盖 覆盖全部 覆盖了"
)
FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "author",
        words("作者 记者 谁写 谁写的 谁撰写 撰写 署名 执笔 who.wrote author journalist written.by"),
    ),
    (
        "received",
        words("转载 原来的标题 伪原创 改写 论坛 转帖 转来 转自 转的 repost reposted spun"),
    ),
    (
        "series",
        words("系列 第几篇 第几期 第几个 哪一篇 哪个系列 巡礼 几篇 series which.part number.in"),
    ),
    (
        "sections",
        words(
            "几个部分 哪几个部分 部分 第一部分 第二部分 第三部分 章节 小标题 板块 分几块 结构 "
            "sections parts chapters headings"
        ),
    ),
    (
        "date",
        words(
            "什么时候发 什么时候发表 什么时候 啥时候 何时 哪天发 哪天 发表时间 发布时间 刊发时间 "
            "日期 几号 哪一天 时间 "
            "when.was date published.on"
        ),
    ),
    (
        "publisher",
        words(
            "哪家报纸 哪个报纸 什么报纸 报纸 哪家媒体 媒体 出处 刊登 发在 登在 来源 谁发的 "
            "发的稿子 发的 publisher "
            "newspaper source"
        ),
    ),
    ("title", words("标题 题目 叫什么 名字 headline title")),
    (
        "coverage",
        words(
            "讲了什么 讲什么 说了什么 写了什么 主要内容 内容 讲的是 说的是 报道了什么 关于什么 "
            "讲了啥 哪几年 哪些年份 "
            "主要讲 覆盖 涵盖 what.is.it.about cover covers about"
        ),
    ),
)

__all__ = ["ABOUT", "FIELDS", "NOT_ABOUT"]
