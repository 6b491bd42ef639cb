"""A stand-in Telegram Bot API server for end-to-end tests of the real bot.

See `botapi.server` for the server and how its modules divide the work, `botapi.validate`
(with `botapi.html`, `botapi.markdown`, `botapi.text`) for the Telegram rules it enforces,
and `botapi.faults` for the faults it can inject.
"""

from __future__ import annotations

from botapi.errors import ApiError, EntityParseError
from botapi.faults import FaultRule
from botapi.html import parse_html
from botapi.server import BotAPIServer, FloodLimits, RecordedRequest, detect_entities
from botapi.text import ParsedText, utf16_len
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
