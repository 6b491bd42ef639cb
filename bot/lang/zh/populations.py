"""Groups of people and the words that narrow them (散居, 农村, 高龄 …).

A figure about 全市集中供养孤儿 does not answer a question about 散居孤儿; a citywide figure does
not answer one about 农村 only. `QUALIFIERS` are the narrowing words; `GROUPS` the groups a
question may ask a head count of ("镇江有多少老年人"), which an article about programmes rarely
gives. A pack lists its own groups in scope.yaml.
"""

from __future__ import annotations

from bot.lang.zh import words

QUALIFIERS: tuple[str, ...] = words(
    "分散供养 事实无人抚养 散居 集中供养 社会散居 农村 乡村 城镇 城市 城区 市区 城乡 残疾 失能 "
    "半失能 失智 高龄 独居 空巢 留守 困境 特困 低收入 低保边缘 退役 孤寡 重度 男性 女性 外地 "
    "外来 户籍 公办 民办 公立 私立 民营 国有 普惠型 护理型 医养结合"
)
# A qualifier the entry's own wording covers: 城乡 covers both 城镇 and 农村.
COVERED_BY: dict[str, tuple[str, ...]] = {
    "农村": ("城乡",),
    "乡村": ("城乡",),
    "城镇": ("城乡",),
    "城市": ("城乡",),
    "城区": ("城乡",),
    "市区": ("城乡",),
    "社会散居": ("散居",),
}
GROUPS: tuple[str, ...] = words(
    "老年人 老人 老龄人口 儿童 孤儿 困境儿童 留守儿童 未成年人 困难群众 残疾人 居民 市民 常住人口 "
    "户籍人口 人口 家庭 独居老人 空巢老人"
)

# Groups that narrow what a figure is about: a figure that never mentions the group (or a
# word for it) is not about that group ("兜底保障里有多少是老年人"). 居民 / 家庭 do not narrow.
NARROWING: tuple[str, ...] = words(
    "老年人 老人 长者 儿童 孩子 小孩 孤儿 困境儿童 留守儿童 未成年人 残疾人 学生 妇女 青少年"
)
# Words for the same group: an entry saying 老年人 speaks of 老人.
SAME_GROUP: dict[str, tuple[str, ...]] = {
    "老人": ("老年人", "老龄", "长者"),
    "老年人": ("老人", "老龄", "长者"),
    "长者": ("老人", "老年人"),
    "孩子": ("儿童", "未成年人", "孤儿"),
    "小孩": ("儿童", "未成年人", "孤儿", "孩子"),
    "儿童": ("孤儿", "未成年人"),
    "青少年": ("未成年人", "儿童"),
}

# People a question may count by name ("有多少名志愿者"): the figure must count them, in its own
# clause or its name — 1.87万人次 受益群众 is no count of the volunteers beside it.
COUNTED_PEOPLE: tuple[str, ...] = words(
    "志愿者 网格员 社工 社会工作者 学生 孤儿 老人 老年人 孩子 儿童 小孩 残疾人 流浪乞讨人员 "
    "困难群众 群众 居民 困境儿童 留守儿童"
)

# Words that leave a group out ("困境儿童（不是孤儿）"): a figure of that group is no answer.
EXCLUDING: tuple[str, ...] = words("不是 不包括 不含 不算 除了 除去 非")

__all__ = [
    "COUNTED_PEOPLE",
    "COVERED_BY",
    "EXCLUDING",
    "GROUPS",
    "NARROWING",
    "QUALIFIERS",
    "SAME_GROUP",
]
