"""A fresh database per test: an SQLite file always, a PostgreSQL schema when TUTORBOT_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url

from bot.storage import DailyHistory, DailyPost, Database, Repositories
from bot.storage.answers import AnswerEntry

POSTGRES_URL = os.environ.get("TUTORBOT_TEST_DATABASE_URL")
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday
DAY0 = T0.date()
CLAIM_LEASE = timedelta(minutes=2)


async def claim_at(
    repos: Repositories, now: datetime, guild: int = 1, day: date = DAY0, reveal_at: datetime = T0
) -> tuple[DailyPost, bool] | None:
    """Claim the guild's daily post for `day` at `now` (prompt "prompt-1", channel 555, a 2-minute lease)."""
    return await repos.daily.claim(guild, day, first_prompt, 555, reveal_at, now, now + CLAIM_LEASE, latest=3)


def first_prompt(history: DailyHistory) -> tuple[str, str]:
    """A daily pick that ignores the history: always "prompt-1"."""
    return "prompt-1", '{"id": "prompt-1"}'


async def claim_post(repos: Repositories, guild: int = 1, day: date = DAY0, reveal_at: datetime = T0) -> DailyPost:
    """A new claim of the guild's daily post at T0 (fails the test when it was already claimed)."""
    claimed = await claim_at(repos, T0, guild, day, reveal_at)
    assert claimed is not None
    return claimed[0]


def entry(
    guild_id: int,
    user_id: int,
    prompt_id: str = "p",
    *,
    kind: str = "quiz",
    correct: bool = True,
    points: int = 3,
    answered_at: datetime = T0,
    key: str | None = None,
    request_id: str = "request-1",
) -> AnswerEntry:
    """An answer to log; its idempotency key is fresh unless given."""
    return AnswerEntry(
        guild_id, user_id, prompt_id, kind, correct, points, answered_at, key or f"k:{uuid.uuid4().hex}", request_id
    )


@dataclass(frozen=True)
class Target:
    """Where a test's database lives: reopen it with `Database.open(target.url, schema=target.schema)`."""

    url: str
    schema: str | None = None

    async def open(self) -> Database:
        return await Database.open(self.url, schema=self.schema)


async def postgres_admin() -> asyncpg.Connection:
    url = make_url(POSTGRES_URL or "")
    return await asyncpg.connect(
        user=url.username, password=url.password, host=url.host, port=url.port, database=url.database
    )


@pytest_asyncio.fixture(loop_scope="function", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def target(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[Target]:
    if request.param == "sqlite":
        yield Target(f"sqlite+aiosqlite:///{tmp_path}/data/tutorbot.db")
        return
    if not POSTGRES_URL:
        pytest.skip(
            "PostgreSQL tests need TUTORBOT_TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1/test)"
        )
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = await postgres_admin()
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield Target(POSTGRES_URL, schema)
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        await admin.close()


@pytest_asyncio.fixture(loop_scope="function")
async def database(target: Target) -> AsyncIterator[Database]:
    db = await target.open()
    yield db
    await db.close()


@pytest.fixture
def repos(database: Database) -> Repositories:
    return Repositories.over(database)
