"""domain mastery rewards: a reward role may hold while a member masters an exam domain

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_BEFORE = "kind IN ('streak', 'points', 'season_winner')"
KINDS_AFTER = "kind IN ('streak', 'points', 'season_winner', 'domain_mastery')"


def upgrade() -> None:
    with op.batch_alter_table("role_rewards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("domain", sa.String(length=100), nullable=True))
        batch_op.drop_constraint(op.f("ck_role_rewards_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_role_rewards_kind"), KINDS_AFTER)


def downgrade() -> None:
    op.execute(
        "DELETE FROM role_grants WHERE role_id IN (SELECT role_id FROM role_rewards WHERE kind = 'domain_mastery')"
    )
    op.execute("DELETE FROM role_rewards WHERE kind = 'domain_mastery'")
    with op.batch_alter_table("role_rewards", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_role_rewards_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_role_rewards_kind"), KINDS_BEFORE)
        batch_op.drop_column("domain")
