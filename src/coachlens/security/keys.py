"""Where the encryption keys come from: COACHLENS_KEY, else a key file made with mode 0600 on first use.

A key file holds one base64 key per line, the current key first; during a rotation it also holds
the older keys, which are dropped once every value is sealed under the new one. COACHLENS_KEY
holds the same list separated by commas. Nothing here runs at import time: the CLI and the web
app call `load_keys` with the settings they built.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachlens.config import Settings
from coachlens.errors import EncryptionKeyError
from coachlens.security.crypto import FieldCipher, decode_key, encode_key, generate_key

if TYPE_CHECKING:
    from sqlalchemy import Engine

KEY_FILE_MODE = 0o600


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The keys in force, where they came from, and whether this call created the key file."""

    keys: tuple[bytes, ...]
    path: Path | None  # None: COACHLENS_KEY
    created: bool = False

    @property
    def source(self) -> str:
        """Return where the keys came from, for messages."""
        return "COACHLENS_KEY" if self.path is None else f"the key file {self.path}"

    def cipher(self) -> FieldCipher:
        """Return the cipher over these keys."""
        return FieldCipher(self.keys, source=self.source)


def default_key_path() -> Path:
    """Return coachlens.key in the user's data folder, next to the default database."""
    from platformdirs import user_data_path

    return user_data_path("coachlens", appauthor=False) / "coachlens.key"


def load_keys(settings: Settings, *, create: bool = True) -> KeyRing:
    """Return the keys from COACHLENS_KEY, else the key file (made, with a new key, if missing)."""
    if settings.key:
        parts = [p for p in settings.key.split(",") if p.strip()]
        return KeyRing(tuple(decode_key(p, "COACHLENS_KEY") for p in parts), None)
    path = Path(settings.key_file).expanduser() if settings.key_file else default_key_path()
    if not path.exists():
        if not create:
            raise EncryptionKeyError(
                f"there is no key file at {path}; set COACHLENS_KEY or COACHLENS_KEY_FILE to your key"
            )
        key = generate_key()
        write_key_file(path, [key], new=True)
        return KeyRing((key,), path, created=True)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        logging.getLogger(__name__).warning(
            "the key file %s can be read by other accounts; run: chmod 600 %s", path, path
        )
    try:
        lines = [line for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise EncryptionKeyError(
            f"the key file {path} cannot be read ({exc}); check its permissions"
        ) from None
    if not lines:
        raise EncryptionKeyError(f"the key file {path} is empty; restore it from where you keep a copy")
    return KeyRing(tuple(decode_key(line, f"the key file {path}") for line in lines), path)


def write_key_file(path: Path, keys: list[bytes], *, new: bool = False) -> None:
    """Write ``keys`` (current first) to ``path`` with mode 0600, atomically replacing any older file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{encode_key(k)}\n" for k in keys).encode("ascii")
    target = path if new else path.with_name(path.name + ".new")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if new else os.O_TRUNC)
    fd = os.open(target, flags, KEY_FILE_MODE)
    try:
        os.fchmod(fd, KEY_FILE_MODE)
        os.write(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)
    if not new:
        os.replace(target, path)


def open_keyed_engine(url: str, settings: Settings) -> Engine:
    """Return an engine on ``url`` with the settings' keys, checked against the database first.

    The CLI and the web app open the practice record through this. A key file made just now for
    a database that turns out to be sealed under another key is removed again, and the error says
    which key is missing.
    """
    from sqlalchemy.engine import make_url

    from coachlens.store.db import make_engine
    from coachlens.store.encrypted import check_key
    from coachlens.store.tables import Base

    ring = load_keys(settings)
    engine = make_engine(url, cipher=ring.cipher())
    try:
        check_key(engine, Base.metadata)
    except EncryptionKeyError:
        engine.dispose()
        if not ring.created or ring.path is None:
            raise
        ring.path.unlink()
        shown = make_url(engine.url).render_as_string(hide_password=True)
        raise EncryptionKeyError(
            f"the database {shown} is encrypted and there is no key file at {ring.path}; "
            "set COACHLENS_KEY or COACHLENS_KEY_FILE to the key it was written with"
        ) from None
    return engine
