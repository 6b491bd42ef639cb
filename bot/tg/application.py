"""Build and run the python-telegram-bot Application.

Usage (what `python -m bot` does when TELEGRAM_BOT_TOKEN is set)::

    from bot.config import Settings
    from bot.tg.application import run
    raise SystemExit(run(Settings.from_env()))

Tests build the same Application with `build_application(settings, engine)`
and a `TELEGRAM_BASE_URL` pointing at a local Bot API stand-in, so the code
under test is exactly the production code.

Handler map. Group -1 (bot.tg.admin): /reload, /stats from ADMIN_IDS in private;
from anyone else, anywhere, they are swallowed without a reply. Group 0, first
match wins (see `register_handlers`):

    update                              where                          handler
    /start [payload]                    private                        handlers.start
    /help  /topics  /source             private, groups                handlers.help_command,
                                                                       .topics, .source
    /help                               channel posts                  handlers.help_command
    /ask (new, edited, channel post)    any chat; /ask@otherbot no     handlers.ask
    text (new or edited)                private, not a command         handlers.private_question
    text (new or edited)                groups, mentions/replies to    handlers.group_question
                                        this bot
    media with a caption                private; groups as text        handlers.caption_question
    any other /command                  private                        handlers.unknown_command
    sticker, photo, voice ...           private                        handlers.non_text
    callback query                      any                            buttons.on_callback
    inline query                        -                              inline.inline_query
    the bot added to / removed from     groups, channels               onboarding.on_my_chat_member
    a chat (my_chat_member)
    exception in any handler            -                              errors.on_error

Everything else, ordinary group chatter above all, gets no reply.
"""

from __future__ import annotations

import importlib.util
import logging
import secrets
from collections.abc import Callable, Coroutine
from typing import Any, cast
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram._utils.types import JSONDict
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings, configure_logging, protect_token
from bot.engine import Engine, settle_heap
from bot.journal import UpdateJournal
from bot.knowledge.loader import load_for_serving, load_knowledge
from bot.match.cache import index_cache
from bot.qlog import QuestionLog
from bot.redact import protect
from bot.tg import errors, handlers, inline, onboarding
from bot.tg.addressing import ADDRESSED_TO_BOT
from bot.tg.admin import register_admin
from bot.tg.context import CONTEXT_TYPES, BotApplication
from bot.tg.durable import DurableProcessor, DurableQueue, replay_pending
from bot.tg.links import AnswerLinks
from bot.tg.memory import register_housekeeping
from bot.tg.messages import Lang, ui
from bot.tg.retry import RetryingLimiter, RetryPolicy
from bot.tg.startup import serve
from bot.tg.throttle import Throttle
from bot.votes import Votes

logger = logging.getLogger(__name__)

RETRIES_AFTER_FLOOD = 3  # how often AIORateLimiter re-sends after a 429 (honouring retry_after)
BOOTSTRAP_RETRIES = 3  # start-up attempts when the Bot API is briefly unreachable
TELEGRAM_OVERALL_PER_SECOND = 30  # Bot API flood limits (core.telegram.org/bots/faq)
TELEGRAM_GROUP_PER_MINUTE = 20
# Exactly the update types the handlers use. Update.ALL_TYPES would opt in to chat_member,
# reactions, polls ... that nobody handles: traffic (and getUpdates slots) for nothing.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CHANNEL_POST,
    Update.EDITED_CHANNEL_POST,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,  # added to a group: introduce the bot
]
# Questions sent while the bot was down are still questions: answer them after a restart.
DROP_PENDING_UPDATES = False


class ActionsFirst(AIORateLimiter):
    """Telegram's flood limits count messages, not chat actions: "typing…" skips the queue,
    so a chat sees it while its answer waits for the group's limit (bot.tg.sending)."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def file_url(base_url: str) -> str:
    """The file endpoint that goes with a Bot API endpoint (`…/bot` -> `…/file/bot`)."""
    root, _, last = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{last}"


def build_application(
    settings: Settings,
    engine: Engine | None = None,
    *,
    rate_limit: bool = True,
    log_questions: bool = True,
    retry: RetryPolicy | None = None,
) -> BotApplication:
    """The Application with handlers, defaults and rate limiting; not started.

    Without `engine`, the knowledge pack is loaded (KNOWLEDGE_DIR or the bundled
    one); `KnowledgeError` propagates. `rate_limit=False` exists for the load
    benchmark, which measures the bot itself rather than Telegram's flood limits;
    `log_questions=False` keeps tests from writing a question log under DATA_DIR
    (and with it the update journal, which lives in the same database). Sends are
    retried per `retry` (`bot.tg.retry`), rate limited or not.
    """
    if not settings.has_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    if engine is None:
        engine = Engine(
            load_knowledge(settings.knowledge_dir),
            index_cache=index_cache(settings.index_cache_dir),
        )
    protect_token(settings.token)
    qlog = (
        QuestionLog(settings.data_dir, retention_days=settings.log_retention_days)
        if log_questions
        else None
    )
    journal = UpdateJournal(qlog) if qlog is not None else None
    builder = (
        ApplicationBuilder()
        .context_types(CONTEXT_TYPES)
        .job_queue(None)
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(file_url(settings.base_url))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                # A reply to a question deleted meanwhile is still worth sending.
                allow_sending_without_reply=True,
            )
        )
        # Every update is journaled as it is queued, before Telegram is told (bot.tg.durable).
        .update_queue(DurableQueue(journal))
        # Handle updates concurrently, so a group waiting on its flood limit
        # does not hold up answers in every other chat; finish each in the journal.
        .concurrent_updates(DurableProcessor(journal))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    flood: BaseRateLimiter[None] | None = None
    if rate_limit:
        # Typed as taking no per-call arguments (we never pass rate_limit_args), which keeps
        # the bot an ExtBot[None] and every handler's context a BotContext.
        flood = cast(
            "BaseRateLimiter[None]",
            ActionsFirst(
                # aiolimiter's leaky bucket lets a full bucket burst on top of the steady
                # rate, so (just under) half of Telegram's limits keeps every window under
                # the real ones (measured by tests/loadrun.py --phases flood).
                overall_max_rate=TELEGRAM_OVERALL_PER_SECOND // 2 - 1,
                group_max_rate=TELEGRAM_GROUP_PER_MINUTE // 2,
                max_retries=RETRIES_AFTER_FLOOD,
            ),
        )
    builder = builder.rate_limiter(RetryingLimiter(flood, retry))
    app: BotApplication = builder.build()

    state = app.bot_data
    state.engine = engine
    state.settings = settings
    state.throttle = Throttle(*settings.group_throttle) if settings.group_throttle else None
    state.qlog = qlog
    if qlog is not None:  # votes and answer links live beside the log, in its database
        state.votes = Votes(qlog)
        state.links = AnswerLinks(qlog)
    register_handlers(app)
    # /reload, /stats and SIGHUP (bot.tg.admin), in a handler group ahead of group 0.
    register_admin(app, settings)
    register_housekeeping(app)  # bounded memory per chat (bot.tg.memory)
    return app


def register_handlers(app: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    chats = filters.ChatType.PRIVATE | filters.ChatType.GROUPS
    new = filters.UpdateType.MESSAGE  # not edits: an edited /start should not greet again
    messages = filters.UpdateType.MESSAGES  # new and edited
    text = filters.TEXT & ~filters.COMMAND

    app.add_handlers(
        [
            CommandHandler("start", handlers.start, filters=private & new),
            CommandHandler("help", handlers.help_command, filters=chats & new),
            CommandHandler("help", handlers.help_command, filters=filters.UpdateType.CHANNEL_POST),
            CommandHandler("topics", handlers.topics, filters=chats & new),
            CommandHandler("source", handlers.source, filters=chats & new),
            CommandHandler(
                "ask", handlers.ask, filters=messages | filters.UpdateType.CHANNEL_POSTS
            ),
            MessageHandler(private & messages & text, handlers.private_question),
            MessageHandler(
                filters.ChatType.GROUPS & messages & text & ADDRESSED_TO_BOT,
                handlers.group_question,
            ),
            MessageHandler(private & messages & filters.CAPTION, handlers.caption_question),
            MessageHandler(
                filters.ChatType.GROUPS & messages & filters.CAPTION & ADDRESSED_TO_BOT,
                handlers.caption_question,
            ),
            MessageHandler(private & new & filters.COMMAND, handlers.unknown_command),
            MessageHandler(
                private & new & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.non_text
            ),
            CallbackQueryHandler(handlers.callback),
            InlineQueryHandler(inline.inline_query),
            ChatMemberHandler(onboarding.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        ]
    )
    app.add_error_handler(errors.on_error)


def bot_commands(lang: Lang, private: bool) -> list[BotCommand]:
    t = ui(lang)
    if private:
        return [
            BotCommand("start", t.cmd_start),
            BotCommand("topics", t.cmd_topics),
            BotCommand("source", t.cmd_source),
            BotCommand("ask", t.cmd_ask),
            BotCommand("help", t.cmd_help),
        ]
    return [
        BotCommand("ask", t.cmd_ask),
        BotCommand("topics", t.cmd_topics),
        BotCommand("source", t.cmd_source),
        BotCommand("help", t.cmd_help),
    ]


async def post_init(app: BotApplication) -> None:
    """Command menus per scope and the bot's descriptions: Chinese by default, English for
    English-language clients."""
    languages: tuple[tuple[str | None, Lang], ...] = ((None, "zh"), ("en", "en"))
    for language_code, lang in languages:
        for scope, private in (
            (BotCommandScopeAllPrivateChats(), True),
            (BotCommandScopeAllGroupChats(), False),
        ):
            try:
                await app.bot.set_my_commands(
                    bot_commands(lang, private), scope=scope, language_code=language_code
                )
            except TelegramError as exc:  # a missing menu is cosmetic: keep starting
                logger.warning("setMyCommands failed: %s", exc.message)
    engine = app.bot_data.engine
    if engine is not None:
        await onboarding.describe(app.bot, engine.knowledge)
    entries = len(engine.knowledge.entries) if engine is not None else 0
    logger.info("bot @%s ready with %d entries", app.bot.username, entries)
    queue = app.update_queue
    if isinstance(queue, DurableQueue) and queue.journal is not None:
        await replay_pending(queue, queue.journal, app.bot)


async def post_shutdown(app: BotApplication) -> None:
    qlog = app.bot_data.qlog
    if qlog is not None:
        qlog.close()


def run(settings: Settings) -> int:
    """Run until SIGINT/SIGTERM (PTB's default stop signals); returns the exit code."""
    configure_logging(settings)
    knowledge = load_for_serving(settings.knowledge_dir)
    if knowledge is None:
        return 2
    engine = Engine(knowledge, index_cache=index_cache(settings.index_cache_dir))
    app = build_application(settings, engine)
    settle_heap()  # after the index and the Application exist: keep them out of GC passes
    if settings.use_webhook and importlib.util.find_spec("tornado") is None:
        logger.error("webhook mode needs the webhook extra: pip install -e '.[webhook]'")
        return 1
    # A rejected token: one line and exit code 2 (bot.tg.startup).
    return serve(lambda: _serve(app, settings))


def _serve(app: BotApplication, settings: Settings) -> None:
    """Run polling or the webhook until a stop signal."""
    if settings.use_webhook:
        logger.info(
            "starting in webhook mode on %s:%d", settings.webhook_listen, settings.webhook_port
        )
        # Telegram echoes this header on every call: requests without it are not Telegram.
        secret = settings.webhook_secret or secrets.token_urlsafe(32)
        protect(secret)  # PTB logs setWebhook's parameters at DEBUG
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path.strip("/"),
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=DROP_PENDING_UPDATES,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
    else:
        logger.info("starting in polling mode")
        app.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=DROP_PENDING_UPDATES,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
