"""Migrations over databases that already hold rows: nothing stored before is lost or merged."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from bot.quiz.review_store import MemberKey
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


REVIEW_0007 = (
    "INSERT INTO review_states (guild_id, user_id, prompt_id, card_json, due, topic) "
    "VALUES (1, 5, '{prompt}', '{{}}', '2026-03-02 12:00:00', 'S3')"
)


def answer_0007(prompt: str, correct: bool, minute: int) -> str:
    return (
        "INSERT INTO answers (guild_id, user_id, prompt_id, kind, correct, points, answered_at, answer_key, request_id)"
        f" VALUES (1, 5, '{prompt}', 'quiz', {str(correct).lower()}, 0, '2026-03-02 12:{minute:02d}:00',"
        f" 'k{prompt}{minute}', 'r')"
    )


async def test_review_states_learn_their_lapses_and_last_verdict_from_the_answer_log(target: Target) -> None:
    statements = [REVIEW_0007.format(prompt=p) for p in ("p", "q", "r")]
    statements += [answer_0007("p", False, 1), answer_0007("p", False, 2), answer_0007("p", True, 3)]
    statements += [answer_0007("q", True, 1), answer_0007("q", False, 2)]
    await at_revision(target, "0007", *statements)
    await migrate(target.url, schema=target.schema)
    db = await target.open()
    try:
        store = Repositories.over(db).reviews
        member = MemberKey(1, 5)
        found = {p: await store.get(member, p) for p in ("p", "q", "r")}
        assert {p: (s.lapses, s.last_correct, s.leech) for p, s in found.items() if s} == {
            "p": (2, True, False),
            "q": (1, False, False),
            "r": (0, None, False),
        }
    finally:
        await db.close()
