"""mock exams taken by members, and study groups' mock nights

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "mock_nights",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("group_id", BIG_ID, nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("questions_json", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("opens_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("closes_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("results_claimed_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("results_posted_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["study_groups.id"], name=op.f("fk_mock_nights_group_id_study_groups"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_nights")),
    )
    op.create_table(
        "mock_exams",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("night_id", BIG_ID, nullable=True),
        sa.Column("questions_json", sa.Text(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("flags_json", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("deadline", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("auto_submitted", sa.Boolean(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("reported_at", bot.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["night_id"], ["mock_nights.id"], name=op.f("fk_mock_exams_night_id_mock_nights"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_exams")),
        sa.UniqueConstraint("night_id", "user_id", name="uq_mock_exams_night_user"),
    )
    op.create_index("ix_mock_exams_member", "mock_exams", ["guild_id", "user_id", "started_at"], unique=False)
    op.create_index("ix_mock_exams_open_deadline", "mock_exams", ["submitted_at", "deadline"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_mock_exams_open_deadline", table_name="mock_exams")
    op.drop_index("ix_mock_exams_member", table_name="mock_exams")
    op.drop_table("mock_exams")
    op.drop_table("mock_nights")
