"""The field cipher and the key sources: round trips, key ids, wrong keys, tampering, the 0600 key file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import EncryptionKeyError
from coachlens.security.crypto import FieldCipher, encode_key, generate_key, key_id, token_key_id
from coachlens.security.keys import load_keys

OLD, NEW = bytes(32), bytes(range(1, 33))


def test_values_round_trip_with_a_fresh_nonce_each_time() -> None:
    cipher = FieldCipher([NEW])
    first = cipher.encrypt("Mark: I haven't told Jim.", "sessions.transcript_text")
    second = cipher.encrypt("Mark: I haven't told Jim.", "sessions.transcript_text")
    assert first != second
    assert first.startswith(f"enc:v1:{key_id(NEW)}:")
    assert "Jim" not in first
    assert token_key_id(first) == key_id(NEW) == cipher.key_id
    assert cipher.decrypt(first, "sessions.transcript_text") == "Mark: I haven't told Jim."


def test_an_older_key_in_the_ring_still_opens_its_values() -> None:
    sealed = FieldCipher([OLD]).encrypt("note", "sessions.notes")
    ring = FieldCipher([NEW, OLD])
    assert ring.key_id == key_id(NEW)
    assert ring.decrypt(sealed, "sessions.notes") == "note"


def test_a_missing_key_is_named_in_one_sentence() -> None:
    sealed = FieldCipher([OLD]).encrypt("note", "sessions.notes")
    with pytest.raises(EncryptionKeyError, match=f"key {key_id(OLD)}, which the test key does not hold"):
        FieldCipher([NEW], source="the test key").decrypt(sealed, "sessions.notes")


def test_a_value_moved_to_another_column_or_altered_does_not_open() -> None:
    cipher = FieldCipher([NEW])
    sealed = cipher.encrypt("note", "sessions.notes")
    with pytest.raises(EncryptionKeyError, match="integrity check"):
        cipher.decrypt(sealed, "journal_entries.text")
    altered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(EncryptionKeyError, match="integrity check"):
        cipher.decrypt(altered, "sessions.notes")


def test_the_key_file_is_made_once_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "data" / "coachlens.key"
    settings = Settings(key_file=str(path))
    made = load_keys(settings)
    assert made.created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_keys(settings)
    assert not again.created
    assert again.keys == made.keys


def test_coachlens_key_wins_and_a_bad_one_is_one_sentence(tmp_path: Path) -> None:
    key = generate_key()
    ring = load_keys(Settings(key=f"{encode_key(key)},{encode_key(OLD)}", key_file=str(tmp_path / "k")))
    assert ring.keys == (key, OLD)
    assert ring.path is None
    assert not (tmp_path / "k").exists()
    with pytest.raises(EncryptionKeyError, match="COACHLENS_KEY does not hold a key"):
        load_keys(Settings(key="not-a-key"))
    with pytest.raises(EncryptionKeyError, match="no key file at"):
        load_keys(Settings(key_file=str(tmp_path / "missing.key")), create=False)


def test_a_key_file_others_can_read_is_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "coachlens.key"
    load_keys(Settings(key_file=str(path)))
    assert caplog.records == []
    path.chmod(0o644)
    load_keys(Settings(key_file=str(path)))
    assert "chmod 600" in caplog.text
