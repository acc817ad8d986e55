"""daily_posts: the prompt kept with the post, a lease/back-off time, failed attempts, why a day was given up;
daily_problems: a server's daily-quiz problem, told to its managers once

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("daily_posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt_json", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("retry_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("problem", sa.String(length=200), nullable=True))
    op.create_table(
        "daily_problems",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("problem", sa.String(length=200), nullable=False),
        sa.Column("since", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_daily_problems")),
    )


def downgrade() -> None:
    op.drop_table("daily_problems")
    with op.batch_alter_table("daily_posts", schema=None) as batch_op:
        batch_op.drop_column("problem")
        batch_op.drop_column("retry_at")
        batch_op.drop_column("attempts")
        batch_op.drop_column("prompt_json")
