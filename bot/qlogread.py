"""Reading the question log, for the curation tools (`misses`, `stats`): read-only, never
creating the database, so a curator's command cannot disturb a serving bot."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.qlog import db_path

__all__ = ["LoggedQuestion", "open_readonly", "read_questions"]


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """One row as the curation tools read it."""

    id: int
    ts: float
    chat_type: str
    chat: str | None
    text: str
    norm: str
    status: str
    reason: str
    entry_id: str | None
    score: float | None
    latency_ms: float | None
    feedback: int | None


def open_readonly(data_dir: Path | str) -> sqlite3.Connection | None:
    """Open the log for reading without creating it; None when there is no log yet."""
    path = db_path(data_dir)
    if not path.is_file():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    conn.row_factory = sqlite3.Row
    return conn


def read_questions(
    conn: sqlite3.Connection, *, since: float | None = None, statuses: tuple[str, ...] = ()
) -> list[LoggedQuestion]:
    """Rows in time order, optionally since a unix time and with given statuses."""
    sql = "SELECT * FROM questions WHERE 1"
    params: list[object] = []
    if since is not None:
        sql += " AND ts >= ?"
        params.append(since)
    if statuses:
        sql += f" AND status IN ({', '.join('?' * len(statuses))})"
        params.extend(statuses)
    rows = conn.execute(sql + " ORDER BY ts, id", params).fetchall()
    return [LoggedQuestion(**dict(r)) for r in rows]
