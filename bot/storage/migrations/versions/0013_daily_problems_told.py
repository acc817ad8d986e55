"""daily_problems: when the managers were told (a problem recorded but not yet told is told at the next tick)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 16:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("daily_problems", schema=None) as batch_op:
        batch_op.add_column(sa.Column("told_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True))
    op.execute("UPDATE daily_problems SET told_at = since")  # recorded before: told when recorded


def downgrade() -> None:
    with op.batch_alter_table("daily_problems", schema=None) as batch_op:
        batch_op.drop_column("told_at")
