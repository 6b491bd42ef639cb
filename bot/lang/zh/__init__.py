"""Chinese language data (simplified characters: questions are converted before they meet it)."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """A word list written as text, one space apart: long lists stay readable and reviewable."""
    return tuple(text.split())


__all__ = ["words"]
