"""boards: running period totals, study days, scored recalls; members hidden by a manager

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _snowflake(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "period_totals",
        _snowflake("guild_id"),
        sa.Column("period", sa.String(length=5), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        _snowflake("user_id"),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.CheckConstraint("period IN ('week', 'month', 'all')", name=op.f("ck_period_totals_period")),
        sa.PrimaryKeyConstraint("guild_id", "period", "starts_on", "user_id", name=op.f("pk_period_totals")),
    )
    op.create_index("ix_period_totals_board", "period_totals", ["guild_id", "period", "starts_on", "points", "correct"])
    op.create_table(
        "study_days",
        _snowflake("guild_id"),
        _snowflake("user_id"),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "user_id", "local_date", name=op.f("pk_study_days")),
    )
    op.create_table(
        "scored_recalls",
        _snowflake("guild_id"),
        _snowflake("user_id"),
        sa.Column("prompt_id", sa.String(length=128), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "user_id", "prompt_id", "local_date", name=op.f("pk_scored_recalls")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False))
    # The totals are filled from the answer log by 0009, once each answer has its stored local date.


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("hidden")
    op.drop_table("scored_recalls")
    op.drop_table("study_days")
    op.drop_index("ix_period_totals_board", table_name="period_totals")
    op.drop_table("period_totals")
