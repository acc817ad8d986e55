"""server_notes.build_complete: whether the recorded build is complete, or its first stage (searchable at once,
quiz items and the models trained on the server's own notes still being made)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("server_notes") as table:
        table.add_column(sa.Column("build_complete", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("server_notes") as table:
        table.drop_column("build_complete")
