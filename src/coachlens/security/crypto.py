"""Field encryption at rest: AES-256-GCM, one random 96-bit nonce per value, the column as associated data.

A stored value reads ``enc:v1:<key id>:<base64 of nonce + ciphertext + tag>``. The key id (8 hex
characters derived from the key) travels with every value, so a key rotation can re-encrypt a
database table by table and a value written under an older key still reads while the old key is
kept. The column's name (``"sessions.transcript_text"``) is bound in as associated data, so a
value copied into another column does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from coachlens.errors import EncryptionKeyError

PREFIX = "enc:v1:"
KEY_BYTES = 32
NONCE_BYTES = 12


def generate_key() -> bytes:
    """Return a new random 256-bit key."""
    return os.urandom(KEY_BYTES)


def encode_key(key: bytes) -> str:
    """Return ``key`` as the base64 text COACHLENS_KEY and key files hold."""
    return base64.b64encode(key).decode("ascii")


def decode_key(text: str, source: str) -> bytes:
    """Return the key base64 ``text`` from ``source`` holds (else one sentence naming the source)."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise EncryptionKeyError(
            f"{source} does not hold a key: expected {KEY_BYTES} bytes in base64; "
            "`coachlens keys generate` prints one"
        )
    return key


def key_id(key: bytes) -> str:
    """Return the short public id of ``key`` stored with each value it encrypts."""
    return hashlib.sha256(b"coachlens key id\0" + key).hexdigest()[:8]


def token_key_id(value: str) -> str | None:
    """Return the key id of an encrypted value, or None if ``value`` is not one."""
    if not value.startswith(PREFIX):
        return None
    return value[len(PREFIX) :].split(":", 1)[0]


class FieldCipher:
    """Encrypt under the first key; decrypt under any key of the ring (the older ones during rotation)."""

    def __init__(self, keys: Sequence[bytes], *, source: str = "the configured key") -> None:
        if not keys:
            raise EncryptionKeyError(f"{source} holds no key; `coachlens keys generate` prints one")
        self.source = source
        self._ring = {key_id(k): AESGCM(k) for k in keys}
        self.key_id = key_id(keys[0])
        self.key_ids = tuple(key_id(k) for k in keys)

    def encrypt(self, plaintext: str, context: str) -> str:
        """Return ``plaintext`` encrypted under the current key, bound to ``context`` (the column)."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ring[self.key_id].encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
        return f"{PREFIX}{self.key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, token: str, context: str) -> str:
        """Return the plaintext of ``token`` stored in ``context`` (else one sentence saying why not)."""
        kid = token_key_id(token)
        aead = self._ring.get(kid or "")
        if aead is None:
            raise EncryptionKeyError(
                f"{context} holds a value encrypted with key {kid}, which {self.source} does not hold; "
                "set COACHLENS_KEY or COACHLENS_KEY_FILE to the key this database was written with"
            )
        try:
            raw = base64.b64decode(token.split(":", 3)[3], validate=True)
            plain = aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
        except (IndexError, ValueError, binascii.Error, InvalidTag):
            raise EncryptionKeyError(
                f"a value in {context} fails its integrity check under key {kid}; the database may be "
                "damaged or altered, restore it from a backup"
            ) from None
        return plain.decode("utf-8")
