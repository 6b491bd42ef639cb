"""Faults the stand-in injects into matching requests: the flaky network on command.

A rule matches by method (or every method), fires for its next ``count`` requests and/or for
``duration`` seconds counted from its *first* hit, so rules queued together play in order:
"502 once, then connection resets for a second" is two rules added back to back.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

FaultKind = Literal["status", "retry_after", "hang", "reset"]


@dataclass
class FaultRule:
    kind: FaultKind
    methods: frozenset[str] | None = None  # lower-case method names; None = every method
    count: int | None = 1  # remaining hits; None = unlimited (bounded by duration)
    duration: float | None = None  # seconds from the first hit
    status: int = 502
    retry_after: int = 1
    hang_seconds: float | None = None  # None: hang until the server stops
    after: bool = False  # fire after the method ran, so its effect happened but the reply is lost
    html_body: bool = False  # an nginx-style HTML error page instead of a JSON envelope
    description: str | None = None  # the envelope's description instead of the status phrase
    hits: int = 0
    first_hit: float | None = None
    cleared: bool = field(default=False, repr=False)

    def active(self, now: float) -> bool:
        if self.cleared:
            return False
        if self.count is not None and self.count <= 0:
            return False
        return not (
            self.duration is not None
            and self.first_hit is not None
            and now - self.first_hit > self.duration
        )

    def matches(self, method: str, now: float, *, after: bool) -> bool:
        if self.after != after or not self.active(now):
            return False
        return self.methods is None or method.lower() in self.methods

    def fire(self, now: float) -> None:
        self.hits += 1
        if self.first_hit is None:
            self.first_hit = now
        if self.count is not None:
            self.count -= 1

    @property
    def exhausted(self) -> bool:
        return self.count is not None and self.count <= 0


def method_set(methods: str | Iterable[str] | None) -> frozenset[str] | None:
    if methods is None:
        return None
    if isinstance(methods, str):
        methods = [methods]
    return frozenset(m.lower() for m in methods)


class FaultInjection:
    """The server's fault API: queue rules, and pick the rule a request triggers."""

    faults: list[FaultRule]

    def _add_fault(self, rule: FaultRule) -> FaultRule:
        self.faults.append(rule)
        return rule

    def fail(
        self,
        status: int = 502,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = None,
        html_body: bool = False,
        description: str | None = None,
    ) -> FaultRule:
        """Answer the next matching requests with an HTTP error (502/504 ..., or a 400 with
        a chosen ``description``, e.g. one that echoes what the bot sent)."""
        return self._add_fault(
            FaultRule(
                "status",
                method_set(methods),
                count=count,
                duration=duration,
                status=status,
                html_body=html_body,
                description=description,
            )
        )

    def rate_limit(
        self,
        retry_after: int = 1,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = "sendMessage",
    ) -> FaultRule:
        """Answer with 429 "Too Many Requests: retry after N" and parameters.retry_after."""
        return self._add_fault(
            FaultRule(
                "retry_after",
                method_set(methods),
                count=count,
                duration=duration,
                status=429,
                retry_after=retry_after,
            )
        )

    def hang(
        self,
        *,
        count: int | None = 1,
        seconds: float | None = None,
        methods: str | Iterable[str] | None = None,
    ) -> FaultRule:
        """Hold the next matching requests; after ``seconds`` they are served normally
        (a slow server), with ``seconds=None`` they hang until `stop()` drops them."""
        return self._add_fault(
            FaultRule("hang", method_set(methods), count=count, hang_seconds=seconds)
        )

    def reset(
        self,
        *,
        count: int | None = 1,
        duration: float | None = None,
        methods: str | Iterable[str] | None = None,
        after: bool = False,
    ) -> FaultRule:
        """Reset the TCP connection (RST). ``after=True``: the method runs first, so the
        effect happens but the bot never sees the reply (for getUpdates: only non-empty)."""
        return self._add_fault(
            FaultRule("reset", method_set(methods), count=count, duration=duration, after=after)
        )

    def clear_faults(self) -> None:
        for rule in self.faults:
            rule.cleared = True
        self.faults.clear()

    def _pick_fault(self, method: str, *, after: bool) -> FaultRule | None:
        now = time.monotonic()
        for rule in self.faults:
            if rule.matches(method, now, after=after):
                rule.fire(now)
                return rule
        return None
