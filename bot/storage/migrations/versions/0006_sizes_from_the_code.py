"""column sizes follow the code's own limits: any daily choice and any notes heading fit

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 13:50:00

`daily_answers.choice` was VARCHAR(64) and `review_states.topic` VARCHAR(200): PostgreSQL refused a longer typed
answer or heading (SQLite never checked). Both become TEXT.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("daily_answers", schema=None) as batch_op:
        batch_op.alter_column("choice", existing_type=sa.String(length=64), type_=sa.Text(), existing_nullable=False)
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.alter_column("topic", existing_type=sa.String(length=200), type_=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.alter_column("topic", existing_type=sa.Text(), type_=sa.String(length=200), existing_nullable=False)
    with op.batch_alter_table("daily_answers", schema=None) as batch_op:
        batch_op.alter_column("choice", existing_type=sa.Text(), type_=sa.String(length=64), existing_nullable=False)
