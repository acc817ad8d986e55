"""uploaded_notes and server_notes: each server's own notes files, kept whole, and which build serves them

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 22:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "uploaded_notes",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("passages", sa.Integer(), nullable=True),
        sa.Column("uploaded_by", sa.BigInteger(), nullable=False),
        sa.Column("uploaded_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "name", name=op.f("pk_uploaded_notes")),
    )
    op.create_table(
        "server_notes",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("include_default", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("revision", sa.Integer(), server_default="0", nullable=False),
        sa.Column("build_id", sa.String(length=64), nullable=True),
        sa.Column("built_revision", sa.Integer(), nullable=True),
        sa.Column("built_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_server_notes")),
    )


def downgrade() -> None:
    op.drop_table("server_notes")
    op.drop_table("uploaded_notes")
