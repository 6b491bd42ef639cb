"""The index ranks exactly as recorded in tests/snapshots/index_snapshot.json (top 10, 0.1).

The snapshot was taken before the index was made compact; a difference here means a change of
storage or scoring changed answers. If a change is *meant* to change rankings, regenerate it
with ``python tests/index_snapshot.py`` and say why in the commit.
"""

from __future__ import annotations

from typing import Any

import index_snapshot
import pytest


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return index_snapshot.load()


@pytest.fixture(scope="module")
def current(recorded: dict[str, Any]) -> dict[str, Any]:
    return index_snapshot.compute([q for q, _ in recorded["generated"]])


def test_snapshot_covers_every_accuracy_question(recorded: dict[str, Any]) -> None:
    asked = index_snapshot.accuracy_questions()
    assert [q for q, _ in recorded["bundled"]] == asked
    assert [q for q, _ in recorded["synthetic"]] == asked
    assert len(recorded["generated"]) == index_snapshot.GENERATED
    assert recorded["synthetic_entries"] == index_snapshot.SYNTHETIC_ENTRIES
    # Not a snapshot of empty results: most questions rank something.
    assert sum(bool(top) for _q, top in recorded["bundled"]) > 0.9 * len(asked)


@pytest.mark.parametrize("section", ["bundled", "synthetic", "generated"])
def test_rankings_are_unchanged(
    recorded: dict[str, Any], current: dict[str, Any], section: str
) -> None:
    diff = index_snapshot.differences({section: recorded[section]}, {section: current[section]})
    assert not diff, (
        "rankings changed (regenerate with `python tests/index_snapshot.py` only if meant):\n"
        + "\n".join(diff)
    )


def test_differences_are_reported() -> None:
    want = {"bundled": [["q", [["a", 50.0], ["b", 40.0]]]]}
    got = {"bundled": [["q", [["a", 50.0], ["b", 40.1]]]]}
    assert index_snapshot.differences(want, got)
    assert not index_snapshot.differences(want, want)
