"""Find the knowledge folder, wherever the bot runs from.

Three layouts exist: an operator pointing at their own copy (``KNOWLEDGE_DIR``),
an installed wheel (pyproject force-includes ``knowledge/`` as ``bot/_knowledge``),
and a source checkout (``<repo>/knowledge`` next to the ``bot`` package).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "knowledge_dir"]

ENV_VAR = "KNOWLEDGE_DIR"


def knowledge_dir() -> Path:
    """The folder holding the knowledge packs (it is not checked for validity here)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    package = Path(__file__).resolve().parent
    bundled = package / "_knowledge"
    if bundled.is_dir():
        return bundled
    return package.parent / "knowledge"
