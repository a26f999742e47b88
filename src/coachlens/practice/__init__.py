"""Practice record services (PRODUCT.md C4, C5): plain functions over a unit of work.

Every service takes an open `sqlalchemy.orm.Session` (a unit of work from
`coachlens.store.db.unit_of_work`) as its first argument, validates its input, enforces the
client's consents and writes an audit event. Services flush but never commit: the caller's unit
of work commits everything at once or nothing.
"""
