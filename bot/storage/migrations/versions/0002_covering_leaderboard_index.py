"""answers: the period index covers the leaderboard's columns

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TALLY_COLUMNS = ["guild_id", "answered_at", "user_id", "points", "correct"]


def upgrade() -> None:
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index("ix_answers_guild_time_tally", _TALLY_COLUMNS, unique=False)
        batch_op.drop_index("ix_answers_guild_time")


def downgrade() -> None:
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index("ix_answers_guild_time", ["guild_id", "answered_at"], unique=False)
        batch_op.drop_index("ix_answers_guild_time_tally")
