"""answers: each answer's local date, fixed when it is given; members: days_from, the first day a changed zone
may date answers on

Existing answers are dated from the zones in force (the member's, else the server's, else UTC). Running totals
and study days are rebuilt from the log only when 0004 left them empty (a database migrated through both at once);
totals kept since then were counted when each answer was given and stay.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.credit import backfill_credits, backfill_local_dates

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("days_from", sa.Date(), nullable=True))
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("local_date", sa.Date(), nullable=True))
    connection = op.get_bind()
    backfill_local_dates(connection)
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.alter_column("local_date", existing_type=sa.Date(), nullable=False)
    totals_missing = connection.scalar(
        sa.select(sa.exists(sa.text("1 FROM answers")) & ~sa.exists(sa.text("1 FROM study_days")))
    )
    if totals_missing:
        backfill_credits(connection)


def downgrade() -> None:
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_column("local_date")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("days_from")
