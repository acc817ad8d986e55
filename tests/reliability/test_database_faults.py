"""Database faults: a locked SQLite file or an unreachable PostgreSQL surfaces as StorageUnavailable, and the
retry after recovery stores an answer exactly once."""

from __future__ import annotations

import time
import uuid
from contextlib import suppress
from pathlib import Path

import pytest

import bot.storage.answers as answers_module
from bot.errors import NotAllowed, StorageUnavailable
from bot.knowledge.embedder import Embedder
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from tests.reliability.conftest import ALICE, BOB, GUILD, MANAGER, POSTGRES_URL, claim_today
from tests.storage.faults import BackendKiller, exclusive_lock


async def answered_count(tutor: Tutor) -> int:
    tallies = await tutor.repos.standings.member_tallies(GUILD, None, None)
    return sum(t.answered for t in tallies)


async def test_locked_sqlite_during_answer_is_unavailable_then_the_retry_counts_once(
    tutor: Tutor, db_path: Path
) -> None:
    prompt = next(iter(tutor.notes.default.prompts.values()))
    await tutor.set_time_zone(ALICE, None)  # the member exists before the lock
    with exclusive_lock(db_path):
        started = time.monotonic()
        with pytest.raises(StorageUnavailable, match="busy"):
            await tutor.answer(ALICE, prompt.id, prompt.answer)
        assert time.monotonic() - started < 5
    assert await answered_count(tutor) == 0
    graded = await tutor.answer(ALICE, prompt.id, prompt.answer)
    assert graded.correct
    assert await answered_count(tutor) == 1


async def test_locked_sqlite_during_a_daily_answer_then_retry_counts_once(tutor: Tutor, db_path: Path) -> None:
    await tutor.configure(MANAGER, daily_enabled=True, daily_channel_id=777, post_time="09:00")
    daily = await claim_today(tutor)
    await tutor.daily_sent(daily.post, 1)
    with exclusive_lock(db_path), pytest.raises(StorageUnavailable):
        await tutor.answer_daily(BOB, daily.post.id, daily.prompt.answer)
    await tutor.answer_daily(BOB, daily.post.id, daily.prompt.answer)
    with pytest.raises(NotAllowed):
        await tutor.answer_daily(BOB, daily.post.id, daily.prompt.answer)
    assert (await tutor.repos.daily.results(daily.post.id)).answered == 1


async def test_a_failure_between_storing_an_answer_and_scheduling_does_not_double_count_on_retry(
    tutor: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_ = await tutor.start_quiz(ALICE, length=1)
    prompt = round_.prompts[0]
    real_put_review = answers_module.put_review

    async def fails_once(*args: object, **kwargs: object) -> None:
        monkeypatch.setattr(answers_module, "put_review", real_put_review)
        raise StorageUnavailable("The database is busy (locked by another process); please try again shortly.")

    monkeypatch.setattr(answers_module, "put_review", fails_once)
    with pytest.raises(StorageUnavailable):
        await tutor.answer(ALICE, prompt.id, prompt.answer, round_.round_id)
    with suppress(NotAllowed):
        await tutor.answer(ALICE, prompt.id, prompt.answer, round_.round_id)
    assert await answered_count(tutor) == 1


async def test_unreachable_postgres_fails_fast_with_storage_unavailable(
    default_settings: Settings, embedder: Embedder, default_retriever: object
) -> None:
    settings = default_settings.changed(storage={"database_url": "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"})
    started = time.monotonic()
    with pytest.raises(StorageUnavailable, match="cannot be reached"):
        await Tutor.open(settings, embedder=embedder)
    assert time.monotonic() - started < 10


@pytest.mark.postgres
async def test_postgres_connections_killed_during_answers_are_retried_without_double_counting(
    tutor: Tutor,
) -> None:
    if not POSTGRES_URL:
        pytest.skip("needs TUTORBOT_TEST_DATABASE_URL")
    import asyncpg
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRES_URL)
    admin = await asyncpg.connect(user=url.username, host=url.host, port=url.port, database=url.database)
    schema = f"r_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    db = await Database.open(POSTGRES_URL, schema=schema)
    service = Tutor(tutor.settings, tutor.notes, db, tutor.clock)
    killer = BackendKiller(db, admin)
    try:
        await service.configure(MANAGER, daily_enabled=True, daily_channel_id=777, post_time="09:00")
        daily = await claim_today(service)
        await service.daily_sent(daily.post, 1)
        for member in (ALICE, BOB):
            async with db.session() as session:  # the pool keeps this connection for the answer
                await session.execute(text("SELECT 1"))
            assert await killer.kill_all() >= 1
            await service.answer_daily(member, daily.post.id, daily.prompt.answer)
        with pytest.raises(NotAllowed):
            await service.answer_daily(ALICE, daily.post.id, daily.prompt.answer)
        assert (await service.repos.daily.results(daily.post.id)).answered == 2
    finally:
        await db.close()
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()
