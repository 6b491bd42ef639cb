"""One structured line per handled update, on its own logger (``bot.updates``), so operators
can route or silence it apart from diagnostics. Ids and outcomes only: never the message text,
never a name, never the token."""

from __future__ import annotations

import logging

__all__ = ["log_handled", "update_log"]

update_log = logging.getLogger("bot.updates")


def log_handled(
    *,
    update_id: int | None,
    chat_type: str,
    status: str,
    entry_id: str | None = None,
    latency_ms: float | None = None,
    qid: int | None = None,
) -> None:
    """One key=value line per handled update. Never the message text, never the token."""
    update_log.info(
        "update=%s chat=%s status=%s entry=%s latency_ms=%s qid=%s",
        "-" if update_id is None else update_id,
        chat_type,
        status,
        entry_id or "-",
        "-" if latency_ms is None else f"{latency_ms:.1f}",
        "-" if qid is None else qid,
    )
