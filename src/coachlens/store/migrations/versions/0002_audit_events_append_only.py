"""audit events are append-only: triggers reject UPDATE and DELETE on audit_events

The one update let through is the foreign key's ON DELETE SET NULL of ``actor_id`` when an account
is erased: the event stays, only the link to the erased account goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 19:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ACTOR_UNLINKED_ONLY = (
    "NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL AND NEW.id = OLD.id AND NEW.at = OLD.at "
    "AND NEW.action = OLD.action AND NEW.entity = OLD.entity"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
            f"WHEN NOT ({_ACTOR_UNLINKED_ONLY} "
            "AND NEW.entity_id IS OLD.entity_id AND NEW.detail IS OLD.detail) "
            "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
        )
        return
    op.execute(
        "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND {_ACTOR_UNLINKED_ONLY} "
        "AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.detail::text = OLD.detail::text "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'audit_events is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")
        return
    op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
    op.execute("DROP FUNCTION audit_events_append_only()")
