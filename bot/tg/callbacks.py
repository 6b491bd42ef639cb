"""What a button carries: callback data, and the deep-link payloads that stand in for it.

Callback data is ASCII and short by construction (Telegram allows 1-64 *bytes*; one Chinese
character is three): `s` (sections list), `t:<topic-id>:<page>` (a page of one topic),
`e:<entry-id>` (open an entry). Feedback buttons (`f:<log-id>:<u|d>:<tag>`) belong to the
question log; the tag is its HMAC of the row id, checked by the callback handler, so a
client cannot vote on a question it was never shown. Anything else a client sends back is
treated as forged and parses to None.

Where a tap must not post into the chat (a channel, someone else's answer in a group) the
same action is a `/start` deep link into a private chat with the bot: the entry id itself,
`t_<topic-id>_<page>`, or `topics`. Slugs never hold "_", so the forms cannot collide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram.constants import InlineKeyboardButtonLimit

from bot.qlog import FEEDBACK_TAG_CHARS, FEEDBACK_TAG_LEN, FeedbackRef

__all__ = [
    "MAX_CALLBACK_BYTES",
    "SECTIONS",
    "Callback",
    "Feedback",
    "OpenEntry",
    "OpenSections",
    "OpenTopic",
    "deep_link",
    "entry_data",
    "feedback_data",
    "parse_callback",
    "parse_start",
    "start_payload",
    "topic_data",
]

MAX_CALLBACK_BYTES = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # 64

SECTIONS = "s"
SECTIONS_PAYLOAD = "topics"
_SLUG = r"[A-Za-z0-9][A-Za-z0-9-]{0,47}"
_ENTRY_RE = re.compile(rf"^e:({_SLUG})$")
_TOPIC_RE = re.compile(rf"^t:({_SLUG}):(\d{{1,3}})$")
_FEEDBACK_RE = re.compile(
    rf"^f:(\d{{1,18}}):([ud]):([{FEEDBACK_TAG_CHARS}]{{{FEEDBACK_TAG_LEN}}})$"
)
_TOPIC_PAYLOAD_RE = re.compile(rf"^t_({_SLUG})_(\d{{1,3}})$")
_ENTRY_PAYLOAD_RE = re.compile(rf"^{_SLUG}$")


@dataclass(frozen=True, slots=True)
class OpenSections:
    pass


@dataclass(frozen=True, slots=True)
class OpenTopic:
    topic: str
    page: int


@dataclass(frozen=True, slots=True)
class OpenEntry:
    entry: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """A 👍/👎 press as sent: the reference is still unverified (QuestionLog.verify_feedback)."""

    ref: FeedbackRef
    up: bool


Callback = OpenSections | OpenTopic | OpenEntry | Feedback
Opening = OpenSections | OpenTopic | OpenEntry  # what a deep link can stand in for


def entry_data(entry_id: str) -> str:
    return _checked(f"e:{entry_id}")


def topic_data(topic_id: str, page: int = 0) -> str:
    return _checked(f"t:{topic_id}:{page}")


def feedback_data(ref: FeedbackRef, up: bool) -> str:
    return _checked(f"f:{ref.question_id}:{'u' if up else 'd'}:{ref.tag}")


def _checked(data: str) -> str:
    """Refuse to build data Telegram would reject or we could not read back.

    An id outside the slug pattern fails here, in tests, not as a dead button in a chat.
    """
    if not data.isascii() or len(data.encode()) > MAX_CALLBACK_BYTES or not parse_callback(data):
        raise ValueError(f"unusable callback data (ASCII slug ids, ≤ 64 bytes): {data!r}")
    return data


def parse_callback(data: str | None) -> Callback | None:
    """Decode our own callback data; anything else (forged, stale format) gives None."""
    if not data or len(data) > MAX_CALLBACK_BYTES:
        return None
    if data == SECTIONS:
        return OpenSections()
    if match := _ENTRY_RE.match(data):
        return OpenEntry(match[1])
    if match := _TOPIC_RE.match(data):
        return OpenTopic(match[1], int(match[2]))
    if match := _FEEDBACK_RE.match(data):
        return Feedback(FeedbackRef(int(match[1]), match[3]), match[2] == "u")
    return None


def start_payload(action: Opening) -> str:
    """The /start payload that opens the same thing in a private chat (≤ 64 characters)."""
    if isinstance(action, OpenEntry):
        return action.entry
    if isinstance(action, OpenTopic):
        return f"t_{action.topic}_{action.page}"
    return SECTIONS_PAYLOAD


def parse_start(payload: str) -> Opening | None:
    """What a /start payload opens; None for anything that is not one of ours."""
    if payload == SECTIONS_PAYLOAD:
        return OpenSections()
    if match := _TOPIC_PAYLOAD_RE.match(payload):
        return OpenTopic(match[1], int(match[2]))
    if _ENTRY_PAYLOAD_RE.match(payload):
        return OpenEntry(payload)
    return None


def deep_link(bot_username: str, action: Opening) -> str:
    """https://t.me/<bot>?start=<payload>: opens (or starts) the private chat with the bot."""
    return f"https://t.me/{bot_username}?start={start_payload(action)}"
