"""A value made once, later: on the first `get`, or on a thread `start`ed before that.

A cold start builds a table few questions read (the pinyin channel, `bot.match.readings`) and
writes a cache file no answer reads (`bot.match.cache`): the engine starts them on threads
once it can answer, so they no longer hold up the first answers. Whoever needs the value
waits in `get`; a failure in making it is raised there, so nothing is served from a half-made
table. Without `start` (an `Index` built alone, as tests do) the first `get` makes it in place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

__all__ = ["Deferred"]

T = TypeVar("T")


class Deferred(Generic[T]):
    """A value, ready (`Deferred.of`) or made by `make` once."""

    __slots__ = ("_error", "_lock", "_make", "_thread", "_value")

    def __init__(self, make: Callable[[], T] | None) -> None:
        self._make = make
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, value: T) -> Deferred[T]:
        out: Deferred[T] = cls(None)
        out._value = value
        return out

    def _run(self) -> None:
        make, self._make = self._make, None
        if make is None:
            return
        try:
            self._value = make()
        except BaseException as exc:  # raised again by `get`, where the value is wanted
            self._error = exc

    def start(self, name: str, *, daemon: bool = True) -> Deferred[T]:
        """Make the value on a new thread (unless it is made or being made): a daemon one
        unless the process must wait for it at exit (a file being written)."""
        with self._lock:
            if self._make is not None and self._thread is None:
                self._thread = threading.Thread(target=self._run, name=name, daemon=daemon)
                self._thread.start()
        return self

    @property
    def ready(self) -> bool:
        thread = self._thread
        return self._make is None and (thread is None or not thread.is_alive())

    def get(self) -> T:
        """The value: made here if nothing started it, else waited for."""
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._run()
        thread = self._thread
        if thread is not None:
            thread.join()
        if self._error is not None:
            raise self._error
        return cast(T, self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self.get() == other.get()

    __hash__ = None  # type: ignore[assignment]  # compared by value, like the tables it holds

    def __repr__(self) -> str:
        return f"Deferred({self.get()!r})" if self.ready else "Deferred(<being made>)"
