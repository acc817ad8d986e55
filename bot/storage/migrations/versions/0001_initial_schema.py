"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 08:18:55.287492
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("prompt_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("answered_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('daily', 'quiz', 'review')", name=op.f("ck_answers_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index("ix_answers_guild_time", ["guild_id", "answered_at"], unique=False)
        batch_op.create_index("ix_answers_member_time", ["guild_id", "user_id", "answered_at"], unique=False)

    op.create_table(
        "daily_posts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("prompt_id", sa.String(length=128), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("reveal_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('posted', 'revealed')", name=op.f("ck_daily_posts_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_posts")),
        sa.UniqueConstraint("guild_id", "local_date", name="uq_daily_posts_guild_date"),
    )
    with op.batch_alter_table("daily_posts", schema=None) as batch_op:
        batch_op.create_index("ix_daily_posts_state_reveal", ["state", "reveal_at"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("chunk_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_guild_time", ["guild_id", "created_at"], unique=False)

    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("daily_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("post_time", sa.String(length=5), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("reveal_delay_minutes", sa.Integer(), nullable=False),
        sa.Column("daily_enabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guild_settings")),
    )
    op.create_table(
        "members",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("has_left", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "user_id", name=op.f("pk_members")),
    )
    op.create_table(
        "review_states",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("prompt_id", sa.String(length=128), nullable=False),
        sa.Column("card_json", sa.Text(), nullable=False),
        sa.Column("due", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "user_id", "prompt_id", name=op.f("pk_review_states")),
    )
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.create_index("ix_review_states_member_due", ["guild_id", "user_id", "due"], unique=False)

    op.create_table(
        "study_groups",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_key", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_groups")),
        sa.UniqueConstraint("guild_id", "name_key", name="uq_study_groups_guild_name"),
    )
    op.create_table(
        "daily_answers",
        sa.Column("post_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("choice", sa.String(length=64), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answered_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["daily_posts.id"],
            name=op.f("fk_daily_answers_post_id_daily_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "user_id", name=op.f("pk_daily_answers")),
    )
    op.create_table(
        "study_group_members",
        sa.Column("group_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("joined_at", bot.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["study_groups.id"],
            name=op.f("fk_study_group_members_group_id_study_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_study_group_members")),
    )


def downgrade() -> None:
    op.drop_table("study_group_members")
    op.drop_table("daily_answers")
    op.drop_table("study_groups")
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.drop_index("ix_review_states_member_due")

    op.drop_table("review_states")
    op.drop_table("members")
    op.drop_table("guild_settings")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_guild_time")

    op.drop_table("feedback")
    with op.batch_alter_table("daily_posts", schema=None) as batch_op:
        batch_op.drop_index("ix_daily_posts_state_reveal")

    op.drop_table("daily_posts")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index("ix_answers_member_time")
        batch_op.drop_index("ix_answers_guild_time")

    op.drop_table("answers")
