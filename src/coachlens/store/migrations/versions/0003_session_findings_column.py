"""sessions.findings: each stored analysis's findings in a column of their own (encrypted JSON)

Dashboards and alerts read only the findings; with analyses encrypted at rest they can no longer
pick them out of the analysis JSON in SQL. `coachlens db upgrade` fills the column for sessions
stored before this revision (it needs the key, which a migration does not have).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 20:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("findings", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("findings")
