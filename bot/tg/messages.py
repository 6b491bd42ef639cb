"""Fixed UI wording (Chinese and English) and the texts built from it.

Answers themselves come from `bot.render`, and long messages are split by
`bot.tg.splitting`; this module only holds the chrome around them (greeting, help,
source note, hints), so wording can be reviewed in one place. Every piece of data
interpolated here is HTML-escaped: Telegram rejects a whole message ("can't parse
entities") for one stray `<` or `&`.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from telegram import User

from bot.answer import Lang as Lang  # re-exported: the UI speaks the same two languages
from bot.knowledge.models import Entry, Knowledge, Pack, Section, Topic


def lang_of(user: User | None) -> Lang:
    """English chrome for clients set to English, Chinese for everyone else."""
    code = (user.language_code or "") if user else ""
    return "en" if code.lower().startswith("en") else "zh"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class UiText:
    """All fixed strings of one language. HTML-safe as written (no data inside)."""

    greeting: str
    greeting_examples: str
    help_private: str
    help_followup: str
    help_group: str  # /help in a group: {bot}
    help_channel: str  # /help in a channel
    help_inline: str
    topics_header: str
    topic_page: str  # {topic} {section} {page} {pages} {count}
    back_to_sections: str
    back_to_topic: str
    prev_page: str
    next_page: str
    non_text: str
    ask_usage: str
    mention_usage: str
    unknown_command: str
    unknown_link: str
    entry_gone: str
    feedback_thanks: str
    feedback_same: str  # the same vote pressed again: nothing changes
    feedback_unsaved: str
    copy_figures: str
    opened_already: str  # a button pressed twice on the same message
    opened_privately: str  # someone else's button in a group: opened in a private chat
    too_fast: str
    inline_not_found: str  # the results button when nothing matches
    inline_not_asked: str  # title tag of a card that is not what was asked
    inline_computed: str  # title of a computed answer's card, before the result
    apology: str
    late_note: str  # before an answer that comes over a minute after the question
    inline_button: str
    inline_open: str
    source_header: str
    source_curation: str  # {rows} {certain} {likely} {guess} {entries} {examples}
    source_received: str  # {site}
    cmd_start: str
    cmd_help: str
    cmd_topics: str
    cmd_source: str
    cmd_ask: str


ZH = UiText(
    greeting="你好！我回答{about}里的数字和做法，每个回答都附原文引文和出处。",
    greeting_examples="直接发问题就行，或点下面的例子：",
    help_private=(
        "<b>怎么用</b>\n"
        "• 直接发问题，例如：{example}\n"
        "• /topics 按栏目浏览全部数据\n"
        "• /source 出处，以及数据是怎样整理的\n"
        "• /ask 问题 —— 与直接发问题相同"
    ),
    help_followup="• 可以接着问：“那2019年呢？”；回复我的某条回答，就接着那一条问",
    help_group=(
        "<b>在群里这样问我</b>\n"
        "• /ask 问题，例如：/ask {example}\n"
        "• @{bot} 加问题\n"
        "• 回复我的回答接着问，例如：那2019年呢？\n"
        "• 回答下的按钮只对提问的人有效；其他人点按钮，会在和我的私聊里打开\n"
        "平时的聊天我不会插话。"
    ),
    help_channel=(
        "<b>在频道里</b>\n"
        "• 管理员发 /ask 问题，我在频道里回答，附原文引文和出处\n"
        "• 订阅者点回答下的按钮，会在和我的私聊里打开，不会在频道里多发消息\n"
        "• 👍/👎 每人一票，可以改"
    ),
    help_inline="• 在任何聊天的输入框里输入 @{bot} 低保，就能把带出处的数字发出去。",
    topics_header="<b>按栏目浏览</b>（点主题查看数据）",
    topic_page="<b>{topic}</b> · {section}\n第 {page}/{pages} 页，共 {count} 条",
    back_to_sections="« 全部栏目",
    back_to_topic="« {topic}",
    prev_page="‹ 上一页",
    next_page="下一页 ›",
    non_text="我只读文字问题（图片请把问题写在说明里）。试试发送：{example}",
    ask_usage="用法：/ask 问题，例如 /ask {example}",
    mention_usage="请在 @{bot} 后面写上问题，例如：@{bot} {example}",
    unknown_command="没有这个命令。发送 /help 查看用法。",
    unknown_link="这个链接指向的条目不存在（可能已更新）。直接发问题试试吧。",
    entry_gone="该条目已不存在",
    feedback_thanks="谢谢反馈！",
    feedback_same="你已经选过这一项了",
    feedback_unsaved="暂时记不下反馈，请稍后再试",
    copy_figures="复制数字与出处",
    opened_already="已经在下面打开了",
    opened_privately="这是别人的提问：已在和我的私聊里为你打开",
    too_fast="点得太快了，请稍等几秒",
    inline_not_found="没有找到相关内容 · 在私聊里提问",
    inline_not_asked="【并非所问】",
    inline_computed="推算：",
    apology="抱歉，处理这条消息时出错了，已记录下来。请稍后再试。",
    late_note="<i>抱歉，回复晚了。</i>\n",
    inline_button="使用帮助 · 在私聊里提问",
    inline_open="在机器人里查看",
    source_header="<b>出处</b>",
    source_curation=(
        "<b>数据是怎样整理的</b>\n"
        "我们收到的是一份转载稿，正文经过机器“洗稿”（同义词替换），例如 {examples}。"
        "我们用一张 {rows} 条的还原表把措辞恢复为标准用语"
        "（确定 {certain} 条、较可能 {likely} 条、推测 {guess} 条），还原从不改动任何数字。"
        "回答里的引文取自还原后的正文：“较可能”“推测”处的措辞可能与报纸原文略有出入，"
        "数字则与收到的稿件一字不差。共整理 {entries} 条数据和问答，机器人只转述文章说过的内容。"
    ),
    source_received="转载来源：{site}",
    cmd_start="开始 · 示例问题",
    cmd_help="使用帮助",
    cmd_topics="按栏目浏览数据",
    cmd_source="出处与整理说明",
    cmd_ask="提问，例如 /ask 低保标准",
)

EN = UiText(
    greeting=(
        "Hi! I answer questions about the figures and programmes in {about}. "
        "Every answer quotes the article."
    ),
    greeting_examples="Just send a question (Chinese works best), or tap an example:",
    help_private=(
        "<b>How to use</b>\n"
        "• Send a question, e.g. {example} or “minimum living allowance”\n"
        "• /topics browse every figure by section\n"
        "• /source the publication and how the figures were curated\n"
        "• /ask question, same as sending the question"
    ),
    help_followup=(
        "• Follow up: “那2019年呢？” (and 2019?); reply to one of my answers to go on from it"
    ),
    help_group=(
        "<b>Asking me in a group</b>\n"
        "• /ask question, e.g. /ask {example}\n"
        "• mention @{bot} with a question\n"
        "• reply to one of my answers to follow up, e.g. 那2019年呢？\n"
        "• the buttons under an answer work for whoever asked; anyone else gets the same in a "
        "private chat with me\n"
        "I stay out of ordinary chatter."
    ),
    help_channel=(
        "<b>In a channel</b>\n"
        "• an admin posts /ask question; I answer in the channel, quoting the article\n"
        "• subscribers' taps on the buttons open a private chat with me: nothing more is "
        "posted in the channel\n"
        "• 👍/👎: one vote each, which can be changed"
    ),
    help_inline="• In any chat, type @{bot} 低保 in the message field to share a sourced figure.",
    topics_header="<b>Browse by section</b> (tap a topic)",
    topic_page="<b>{topic}</b> · {section}\npage {page}/{pages}, {count} entries",
    back_to_sections="« All sections",
    back_to_topic="« {topic}",
    prev_page="‹ Previous",
    next_page="Next ›",
    non_text="I only read text questions (or a photo's caption). Try: {example}",
    ask_usage="Usage: /ask question, e.g. /ask {example}",
    mention_usage="Put your question after @{bot}, e.g. @{bot} {example}",
    unknown_command="Unknown command. Send /help to see what I can do.",
    unknown_link="That link points to an entry that no longer exists. Try asking a question.",
    entry_gone="This entry no longer exists",
    feedback_thanks="Thanks for the feedback!",
    feedback_same="You already chose that",
    feedback_unsaved="Could not record that just now; please try again later",
    copy_figures="Copy the figures and source",
    opened_already="Already opened below",
    opened_privately="Someone else asked this: opened for you in a private chat with me",
    too_fast="Too fast: please wait a few seconds",
    inline_not_found="Nothing found · ask me in a private chat",
    inline_not_asked="[Not what you asked] ",
    inline_computed="Computed: ",
    apology="Sorry, something went wrong with that message. It has been logged; please retry.",
    late_note="<i>Sorry for the delay.</i>\n",
    inline_button="Help · ask me in a private chat",
    inline_open="Open in the bot",
    source_header="<b>Source</b>",
    source_curation=(
        "<b>How the figures were curated</b>\n"
        "The copy we received is a repost whose wording was machine-spun (synonym swaps, "
        "e.g. {examples}). A {rows}-row restoration table puts the standard wording back "
        "({certain} certain, {likely} likely, {guess} guessed); it never changes a number. "
        "Quotes in answers come from the restored text, so where a row is only likely or "
        "guessed the wording may differ slightly from the printed article; the figures are "
        "exactly as received. {entries} figures and answers were curated; the bot only "
        "repeats what the article says."
    ),
    source_received="Received from: {site}",
    cmd_start="Start · example questions",
    cmd_help="How to use the bot",
    cmd_topics="Browse the figures by section",
    cmd_source="Source and curation note",
    cmd_ask="Ask, e.g. /ask minimum living allowance",
)


def ui(lang: Lang) -> UiText:
    return EN if lang == "en" else ZH


def section_title(section: Section, lang: Lang) -> str:
    return section.title_en if lang == "en" and section.title_en else section.title


def topic_name(topic: Topic, lang: Lang) -> str:
    return topic.name_en if lang == "en" and topic.name_en else topic.name


def entry_title(entry: Entry, lang: Lang) -> str:
    return entry.title_en if lang == "en" and entry.title_en else entry.title


def sections_text(knowledge: Knowledge, lang: Lang) -> str:
    """The /topics overview: every section with its topics, as a table of contents; with
    several packs, grouped by pack under its city and source."""
    lines = [ui(lang).topics_header]
    several = len(knowledge.packs) > 1
    names = "、" if lang == "zh" else ", "
    for pack in knowledge.packs:
        if several:
            lines += ["", f"<b>【{esc(pack_city(pack, lang))}】</b> {esc(pack_source(pack, lang))}"]
        for section in pack.sections:
            topics = [t for t in pack.topics if t.section == section.id]
            if not topics:
                continue
            lines.append("")
            lines.append(f"<b>{esc(section_title(section, lang))}</b>")
            lines.append(esc(names.join(topic_name(t, lang) for t in topics)))
    return "\n".join(lines)


def pack_city(pack: Pack, lang: Lang) -> str:
    """The city a pack covers, from its scope.yaml (the folder name for packs built in code)."""
    scope = pack.scope
    if scope is None or not scope.city.name:
        return pack.name
    if lang == "en" and scope.city.en:
        return scope.city.en[0].title()
    return scope.city.name


def pack_source(pack: Pack, lang: Lang) -> str:
    """One line naming the publication: 新华日报《…》（2025-02-12）."""
    src = pack.source
    date = (f"（{src.date}）" if lang == "zh" else f" ({src.date})") if src.date else ""
    return f"{src.publisher}《{src.headline}》{date}"


def topic_text(knowledge: Knowledge, topic: Topic, page: int, pages: int, lang: Lang) -> str:
    section = next((s for s in knowledge.sections if s.id == topic.section), None)
    return ui(lang).topic_page.format(
        topic=esc(topic_name(topic, lang)),
        section=esc(section_title(section, lang)) if section else "",
        page=page + 1,
        pages=pages,
        count=len(knowledge.topic_entries(topic.id)),
    )


def source_text(knowledge: Knowledge, lang: Lang) -> str:
    """/source: publication facts from the pack, then how the figures were curated."""
    t = ui(lang)
    blocks: list[str] = []
    several = len(knowledge.packs) > 1
    for pack in knowledge.packs:
        src = pack.source
        lines = [t.source_header + (f" · {esc(pack_city(pack, lang))}" if several else "")]
        lines.append(f"{esc(src.publisher)} · {esc(src.series)}")
        lines.append(f"《{esc(src.headline)}》")
        byline = " · ".join(x for x in (src.author, src.date) if x)
        if byline:
            lines.append(esc(byline))
        if src.date_note:
            lines.append(f"<i>{esc(src.date_note)}</i>")
        if src.received_from:
            lines.append(esc_fmt(t.source_received, site=src.received_from))
        confidences = Counter(row.confidence for row in pack.restoration)
        examples = "、" if lang == "zh" else ", "
        shown = [r for r in pack.restoration if r.confidence == "certain"][:3]
        lines.append("")
        lines.append(
            esc_fmt(
                t.source_curation,
                rows=str(len(pack.restoration)),
                certain=str(confidences["certain"]),
                likely=str(confidences["likely"]),
                guess=str(confidences["guess"]),
                entries=str(len(pack.entries)),
                examples=examples.join(f"{r.spun}→{r.standard}" for r in shown) or "—",
            )
        )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def esc_fmt(template: str, **values: str) -> str:
    """`str.format` with every value escaped; templates are trusted, values are not."""
    return template.format(**{k: esc(v) for k, v in values.items()})
