"""exam_section_domains: a server's managers move top-level sections of the notes between exam domains

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exam_section_domains",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=True),
        sa.Column("set_by", sa.BigInteger(), nullable=False),
        sa.Column("set_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "section", name=op.f("pk_exam_section_domains")),
    )


def downgrade() -> None:
    op.drop_table("exam_section_domains")
