"""Migrations over databases that already hold rows: nothing stored before is lost or merged."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from bot.storage import Repositories, migrate
from bot.storage.answers import Recorded
from bot.storage.engine import create_engine
from bot.storage.migrate import alembic_config
from tests.storage.conftest import Target, entry

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def at_revision(target: Target, revision: str, *statements: str) -> None:
    """Migrate the empty database to `revision`, then run `statements` (rows as they were then)."""
    engine = create_engine(target.url, schema=target.schema)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), revision))
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


ANSWER_0002 = (
    "INSERT INTO answers (guild_id, user_id, prompt_id, kind, correct, points, answered_at) "
    "VALUES (1, 5, 'p', 'quiz', true, 3, '2026-03-02 12:00:00')"
)
VOTE_0002 = (
    "INSERT INTO feedback (guild_id, user_id, question, helpful, chunk_ids, created_at) "
    "VALUES (1, 5, 'q', true, '[]', '2026-03-02 12:00:00')"
)


async def test_answers_and_votes_stored_before_keys_keep_apart_and_new_ones_are_keyed(target: Target) -> None:
    await at_revision(target, "0002", ANSWER_0002, ANSWER_0002, VOTE_0002, VOTE_0002)
    await migrate(target.url, schema=target.schema)
    db = await target.open()
    try:
        repos = Repositories.over(db)
        assert [t.answered for t in await repos.standings.member_tallies(1, None, None)] == [2]
        assert (await repos.feedback.summary(1)).helpful == 2
        assert (await repos.answers.record(entry(1, 5, key="round:r:p"))).status is Recorded.NEW
    finally:
        await db.close()
