"""Markup: plain text, or Telegram HTML with every data string escaped.

Telegram's HTML parse mode accepts only a few tags; a stray `<` is a 400 and the user gets
nothing, so everything that comes from users or data goes through `esc`.
"""

from __future__ import annotations

import html

__all__ = ["HTML", "LONG_QUOTE", "PLAIN", "Html", "Plain"]

LONG_QUOTE = 100  # characters: about five lines of Chinese on a phone


class Plain:
    """Plain text: data as it is, no emphasis."""

    def esc(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def italic(self, text: str) -> str:
        return text

    def quote(self, text: str, label_plain: str, label_html: str) -> str:
        return f"{label_plain}“{text}”"


class Html(Plain):
    """Telegram HTML (parse_mode=HTML): only b, i and (expandable) blockquote, data escaped."""

    def esc(self, text: str) -> str:
        return html.escape(text, quote=False)

    def bold(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>"

    def italic(self, text: str) -> str:
        return f"<i>{self.esc(text)}</i>"

    def quote(self, text: str, label_plain: str, label_html: str) -> str:
        # A long quote starts folded to a few lines on a phone; a tap shows it all.
        tag = "blockquote expandable" if len(text) > LONG_QUOTE else "blockquote"
        return f"{label_html}<{tag}>{self.esc(text)}</blockquote>"


PLAIN = Plain()
HTML = Html()
