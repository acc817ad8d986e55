"""answers carry an idempotency key and the request that stored them; one feedback vote per member and answer

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 13:00:00

Rows written before keys existed get `legacy:<id>` (each distinct: nothing already stored is merged).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LEGACY = "'legacy:' || CAST(id AS TEXT)"


def upgrade() -> None:
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer_key", sa.String(length=147), nullable=True))
        batch_op.add_column(sa.Column("request_id", sa.String(length=64), nullable=True))
    op.execute(f"UPDATE answers SET answer_key = {_LEGACY}, request_id = {_LEGACY}")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.alter_column("answer_key", existing_type=sa.String(length=147), nullable=False)
        batch_op.alter_column("request_id", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_answers_answer_key", ["answer_key"])

    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target", sa.String(length=64), nullable=True))
    op.execute(f"UPDATE feedback SET target = {_LEGACY}")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.alter_column("target", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_feedback_vote", ["guild_id", "target", "user_id"])


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_constraint("uq_feedback_vote", type_="unique")
        batch_op.drop_column("target")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_constraint("uq_answers_answer_key", type_="unique")
        batch_op.drop_column("request_id")
        batch_op.drop_column("answer_key")
