"""Key rotation: a new key first in the ring, every value sealed again under it, then the old key dropped.

The key file keeps the old key until every table is re-encrypted, one transaction per table, so a
rotation that stops part-way (a crash, Ctrl-C) loses nothing: the next ``coachlens keys rotate``
sees two keys in the file and finishes the same rotation instead of starting another.
"""

from __future__ import annotations

from dataclasses import dataclass

from coachlens.config import Settings
from coachlens.errors import EncryptionKeyError
from coachlens.practice.audit import record_audit
from coachlens.security.crypto import FieldCipher, generate_key, key_id
from coachlens.security.keys import load_keys, write_key_file
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.encrypted import check_key, key_id_counts, reencrypt_all
from coachlens.store.tables import Base


@dataclass(frozen=True, slots=True)
class Rotation:
    """What a rotation did: the new key's id, the old ones, values re-encrypted per table."""

    key_id: str
    old_key_ids: tuple[str, ...]
    reencrypted: dict[str, int]
    old_keys_dropped: bool

    @property
    def total(self) -> int:
        """Return the number of values re-encrypted."""
        return sum(self.reencrypted.values())


def rotate_keys(url: str, settings: Settings, *, keep_old: bool = False) -> Rotation:
    """Re-encrypt every value of the database at ``url`` under a new key (see the module docstring).

    With COACHLENS_KEY the new key must already be first in it (``NEW,OLD``): an environment
    variable cannot be rewritten from here.
    """
    ring = load_keys(settings, create=False)
    keys = ring.keys
    if ring.path is None and len(keys) < 2:
        raise EncryptionKeyError(
            "COACHLENS_KEY holds one key; put a new key before it (COACHLENS_KEY=NEW,OLD, "
            "`coachlens keys generate` prints one) and run `coachlens keys rotate` again"
        )
    if ring.path is not None and len(keys) == 1:
        keys = (generate_key(), *keys)
        write_key_file(ring.path, list(keys))
    cipher = FieldCipher(keys, source=ring.source)
    engine = make_engine(url, cipher=cipher)
    try:
        check_key(engine, Base.metadata)
        counts = reencrypt_all(engine, Base.metadata)
        left = {kid: n for kid, n in key_id_counts(engine, Base.metadata).items() if kid != cipher.key_id}
        if left:  # pragma: no cover - reencrypt_all seals every value; this guards the key file
            raise EncryptionKeyError(
                f"{sum(left.values())} values are still under an old key; run rotate again"
            )
        with unit_of_work(session_factory(engine)) as session:
            record_audit(
                session,
                "rotate_keys",
                "database",
                None,
                key_id=cipher.key_id,
                reencrypted=sum(counts.values()),
            )
    finally:
        engine.dispose()
    drop = ring.path is not None and not keep_old
    if drop and ring.path is not None:
        write_key_file(ring.path, [keys[0]])
    return Rotation(cipher.key_id, tuple(key_id(k) for k in keys[1:]), counts, drop)
