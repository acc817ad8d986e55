"""the board index in the board's exact order (points and correct descending, then user id)

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 20:20:00

A board's ORDER BY ends with the user id (ties in a stable order), which the old index lacked: the database sorted
every member of the period before keeping the first 100 (10,000 members: SQLite scanned the members and sorted).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_period_totals_board"
KEYS = ["guild_id", "period", "starts_on"]


def upgrade() -> None:
    op.drop_index(INDEX, table_name="period_totals")
    op.create_index(
        INDEX, "period_totals", [*KEYS, sa.desc(sa.column("points")), sa.desc(sa.column("correct")), "user_id"]
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="period_totals")
    op.create_index(INDEX, "period_totals", [*KEYS, "points", "correct"])
