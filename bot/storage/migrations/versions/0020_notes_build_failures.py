"""server_notes.failed_revision, failed_at: the revision whose build last failed, and when

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 02:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("server_notes") as table:
        table.add_column(sa.Column("failed_revision", sa.Integer(), nullable=True))
        table.add_column(sa.Column("failed_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("server_notes") as table:
        table.drop_column("failed_at")
        table.drop_column("failed_revision")
