"""Encrypted columns: text and JSON stored as ``enc:v1:...`` through the engine's `FieldCipher`.

The column types are plain ``TEXT`` and ``JSON`` to the database, so no migration is needed and
SQLite and PostgreSQL hold the same strings. The cipher is not global: `make_engine` hands it to
`attach_cipher`, which files it under the engine's dialect, where the types look it up when they
bind or read a value. An empty string is stored as it is (it holds nothing to hide) and a value
without the prefix, written before encryption, reads as it is until `reencrypt_all` seals it.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, Column, Engine, MetaData, Table, Text, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from coachlens.errors import EncryptionKeyError
from coachlens.security.crypto import PREFIX, FieldCipher, token_key_id

_CIPHERS: weakref.WeakKeyDictionary[Dialect, FieldCipher] = weakref.WeakKeyDictionary()


def attach_cipher(engine: Engine, cipher: FieldCipher) -> None:
    """Make ``engine``'s encrypted columns seal and open their values with ``cipher``."""
    _CIPHERS[engine.dialect] = cipher


def engine_cipher(engine: Engine) -> FieldCipher | None:
    """Return the cipher attached to ``engine``, or None."""
    return _CIPHERS.get(engine.dialect)


def _cipher(dialect: Dialect, context: str) -> FieldCipher:
    cipher = _CIPHERS.get(dialect)
    if cipher is None:
        raise EncryptionKeyError(
            f"{context} is encrypted and this database connection has no key; "
            "open it with coachlens.security.keys.open_keyed_engine(url, settings)"
        )
    return cipher


class EncryptedText(TypeDecorator[str]):
    """A ``TEXT`` column whose values are stored AES-GCM encrypted, bound to ``table.column``."""

    impl = Text
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if not value:
            return value
        return _cipher(dialect, self.context).encrypt(value, self.context)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value
        return _cipher(dialect, self.context).decrypt(value, self.context)


class EncryptedJSON(TypeDecorator[Any]):
    """A ``JSON`` column holding one JSON string: the encrypted serialisation of the value."""

    impl = JSON
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return _cipher(dialect, self.context).encrypt(json.dumps(value, ensure_ascii=False), self.context)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, str) and value.startswith(PREFIX):
            return json.loads(_cipher(dialect, self.context).decrypt(value, self.context))
        return value


def encrypted_columns(metadata: MetaData) -> Iterator[tuple[Table, list[Column[Any]]]]:
    """Yield each table that has encrypted columns, with those columns."""
    for table in metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, EncryptedText | EncryptedJSON)]
        if columns:
            yield table, columns


def raw_type(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    """Return the type that reads and writes a column's stored form (ciphertext stays ciphertext)."""
    if isinstance(type_, EncryptedText):
        return Text()
    if isinstance(type_, EncryptedJSON):
        return JSON()
    return type_


def raw_table(table: Table) -> Table:
    """Return a copy of ``table`` whose encrypted columns read and write their stored form."""
    return Table(
        table.name,
        MetaData(),
        *(Column(c.name, raw_type(c.type), primary_key=c.primary_key) for c in table.columns),
    )


def key_id_counts(engine: Engine, metadata: MetaData) -> dict[str, int]:
    """Return how many stored values each key id sealed (``"plaintext"`` for values never encrypted)."""
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        for table, columns in encrypted_columns(metadata):
            raw = raw_table(table)
            query = select(*(raw.c[c.name] for c in columns))
            for row in connection.execute(query, execution_options={"yield_per": 500}):
                for value in row:
                    if value is None or value == "":
                        continue
                    kid = token_key_id(value) if isinstance(value, str) else None
                    name = kid or "plaintext"
                    counts[name] = counts.get(name, 0) + 1
    return counts


def reencrypt_all(engine: Engine, metadata: MetaData) -> dict[str, int]:
    """Seal every value not under the engine's current key again under it; one transaction per table.

    Returns the number of values re-encrypted per table. A run that stops part-way leaves each
    table either done or untouched, and running it again finishes the rest.
    """
    cipher = engine_cipher(engine)
    if cipher is None:
        raise EncryptionKeyError("re-encryption needs a database connection opened with a key")
    counts: dict[str, int] = {}
    for table, columns in encrypted_columns(metadata):
        raw = raw_table(table)
        [pk] = table.primary_key.columns
        done = 0
        with engine.begin() as connection:
            ids = list(connection.scalars(select(raw.c[pk.name]).order_by(raw.c[pk.name])))
            for row in _in_batches(connection, raw, pk.name, columns, ids):
                changed: dict[str, Any] = {}
                for column, value in zip(columns, row[1:], strict=True):
                    if value is None or value == "":
                        continue
                    if isinstance(value, str) and token_key_id(value) == cipher.key_id:
                        continue
                    # the column's own type opens it (with the engine's cipher); the update seals it again
                    sealed = column.type
                    if isinstance(sealed, EncryptedText | EncryptedJSON):
                        changed[column.name] = sealed.process_result_value(value, connection.dialect)
                if changed:
                    connection.execute(update(table).where(pk == row[0]).values(changed))
                    done += len(changed)
        counts[table.name] = done
    return counts


def _in_batches(
    connection: Any, raw: Table, pk: str, columns: list[Column[Any]], ids: list[Any], size: int = 200
) -> Iterator[Any]:
    # A few hundred rows at a time, so a table of long transcripts never sits in memory whole.
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        query = select(raw.c[pk], *(raw.c[c.name] for c in columns)).where(raw.c[pk].in_(chunk))
        yield from connection.execute(query).all()


def check_key(engine: Engine, metadata: MetaData) -> None:
    """Open one stored value per encrypted column, so a wrong key fails now, in one sentence."""
    with engine.connect() as connection:
        for _table, columns in encrypted_columns(metadata):
            for column in columns:
                query = select(column).where(column.is_not(None))
                if isinstance(column.type, EncryptedText):
                    query = query.where(column != "")
                connection.execute(query.limit(1)).all()
