"""review_states: wrong answers so far (lapses), the last verdict, and the leech flag; filled from the answer log

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 16:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SAME_PROMPT = (
    "a.guild_id = review_states.guild_id AND a.user_id = review_states.user_id"
    " AND a.prompt_id = review_states.prompt_id"
)


def upgrade() -> None:
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lapses", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("last_correct", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("leech", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE review_states SET"
        f" lapses = (SELECT count(*) FROM answers a WHERE {_SAME_PROMPT} AND a.correct = false),"
        f" last_correct = (SELECT a.correct FROM answers a WHERE {_SAME_PROMPT}"
        " ORDER BY a.answered_at DESC, a.id DESC LIMIT 1)"
    )


def downgrade() -> None:
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.drop_column("leech")
        batch_op.drop_column("last_correct")
        batch_op.drop_column("lapses")
