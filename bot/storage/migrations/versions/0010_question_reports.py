"""question_reports: members' reports of quiz questions (wrong, ambiguous, not in the notes), one per member

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 17:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_reports",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("prompt_id", sa.String(length=128), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("by_manager", sa.Boolean(), nullable=False),
        sa.Column("reported_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason IN ('wrong', 'ambiguous', 'not_in_notes')", name=op.f("ck_question_reports_reason")),
        sa.PrimaryKeyConstraint("guild_id", "prompt_id", "user_id", name=op.f("pk_question_reports")),
    )


def downgrade() -> None:
    op.drop_table("question_reports")
