"""The Database handle: migrated on open, hands out transactional sessions, retries whole transactions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, create_engine
from bot.storage.failures import storage_errors, with_retries
from bot.storage.migrate import migrate

T = TypeVar("T")


class Database:
    """One database (SQLite file or PostgreSQL); every failure to reach it surfaces as StorageUnavailable."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        # SQLite runs one transaction at a time (BEGIN IMMEDIATE): this process's transactions queue here, in order,
        # instead of polling the file lock; other processes still wait on the busy timeout.
        self._turns = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    async def open(
        cls, url: str, *, schema: str | None = None, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
    ) -> Database:
        """Migrate the database at `url` to the newest schema and return a handle on it."""
        await migrate(url, schema=schema, busy_timeout_ms=busy_timeout_ms)
        return cls(create_engine(url, schema=schema, busy_timeout_ms=busy_timeout_ms))

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed when the block ends, rolled back on error; no retry."""
        with storage_errors():
            async with self._turn(), self._sessions() as session, session.begin():
                yield session

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run `work` in one transaction, retried whole (after rollback) while the database is unavailable."""

        async def attempt() -> T:
            async with self._turn(), self._sessions() as session, session.begin():
                return await work(session)

        return await with_retries(attempt)

    async def schema_revision(self) -> str:
        """The migration revision the tables are at (`Database.open` brings them to the newest)."""
        async with self.session() as session:
            return str(await session.scalar(text("SELECT version_num FROM alembic_version")))

    def _turn(self) -> AbstractAsyncContextManager[object]:
        """This process's turn to open a transaction (SQLite), or no wait at all (PostgreSQL)."""
        return self._turns if self._turns is not None else nullcontext()

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()


class Repository:
    """Base of the repositories: each works through one Database."""

    def __init__(self, db: Database) -> None:
        self._db = db
