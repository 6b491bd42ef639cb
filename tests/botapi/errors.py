"""The error a Bot API method raises, shaped like Telegram's error envelope.

Handlers raise `ApiError`; the server turns it into
``{"ok": false, "error_code": ..., "description": ...}`` with the same HTTP status,
because python-telegram-bot maps the *HTTP status* (not the body) to its exception classes.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Telegram-style API error: HTTP status, description and optional parameters."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


class EntityParseError(ValueError):
    """Markup that Telegram would refuse with "can't parse entities"."""
