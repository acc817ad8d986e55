"""role rewards: roles attached to goals by a server's managers, and the roles the bot gave

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "role_rewards",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("role_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("role_name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=5), nullable=False),
        sa.Column("problem", sa.String(length=200), nullable=True),
        sa.Column("created_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('streak', 'points', 'season_winner')", name=op.f("ck_role_rewards_kind")),
        sa.PrimaryKeyConstraint("guild_id", "role_id", name=op.f("pk_role_rewards")),
    )
    op.create_table(
        "role_grants",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("role_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("granted_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "role_id", "user_id", name=op.f("pk_role_grants")),
    )


def downgrade() -> None:
    op.drop_table("role_grants")
    op.drop_table("role_rewards")
