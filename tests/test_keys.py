"""bot/keys.py: what the install's salt keys — chat pseudonyms and feedback button tags."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.keys import FEEDBACK_TAG_LEN, InstallKeys


def test_the_same_salt_gives_the_same_keys_after_a_restart(tmp_path: Path) -> None:
    first, second = InstallKeys(tmp_path), InstallKeys(tmp_path)
    ref = first.feedback_ref(42)
    assert ref is not None and len(ref.tag) == FEEDBACK_TAG_LEN
    assert second.verify(ref)  # a button sent before the restart still works
    first.load()
    second.load()
    assert first.chat_hash(123) == second.chat_hash(123) != first.chat_hash(124)


def test_a_forged_or_moved_tag_is_refused(tmp_path: Path) -> None:
    keys = InstallKeys(tmp_path)
    ref = keys.feedback_ref(7)
    assert ref is not None
    assert not keys.verify(replace(ref, question_id=8))  # another question's row
    assert not keys.verify(replace(ref, tag="A" * FEEDBACK_TAG_LEN))
    assert not keys.verify(replace(ref, question_id=-1))


def test_another_install_verifies_nothing(tmp_path: Path) -> None:
    ref = InstallKeys(tmp_path / "one").feedback_ref(1)
    assert ref is not None and not InstallKeys(tmp_path / "two").verify(ref)


def test_an_unreadable_data_dir_gives_no_keys(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    keys = InstallKeys(blocker / "data")
    assert not keys.ready() and keys.feedback_ref(1) is None
