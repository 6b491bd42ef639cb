"""A stand-in Telegram Bot API server for end-to-end tests of the real bot.

See `botapi.server` for the server and its simulation API, `botapi.validate` for the
Telegram rules it enforces, and `botapi.faults` for the faults it can inject.
"""

from __future__ import annotations

from botapi.errors import ApiError, EntityParseError
from botapi.faults import FaultRule
from botapi.html import ParsedText, parse_html, utf16_len
from botapi.server import BotAPIServer, FloodLimits, RecordedRequest, detect_entities
from botapi.validate import parse_text

__all__ = [
    "ApiError",
    "BotAPIServer",
    "EntityParseError",
    "FaultRule",
    "FloodLimits",
    "ParsedText",
    "RecordedRequest",
    "detect_entities",
    "parse_html",
    "parse_text",
    "utf16_len",
]
