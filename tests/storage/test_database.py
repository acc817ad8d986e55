"""Opening, migrating, reopening and failing to reach the database."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from bot.errors import StorageUnavailable
from bot.storage import Database, Repositories, migrate
from bot.storage.migrate import alembic_config
from bot.storage.models import Base
from tests.storage.conftest import Target, entry, postgres_admin

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_migration_from_empty_database_creates_every_table_at_head(database: Database) -> None:
    async with database.session() as session:
        tables = await session.run_sync(lambda s: set(inspect(s.connection()).get_table_names()))
        version = await session.scalar(text("SELECT version_num FROM alembic_version"))
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


async def test_migrated_schema_matches_the_models(database: Database) -> None:
    async with database.session() as session:
        differences = await session.run_sync(
            lambda s: compare_metadata(MigrationContext.configure(s.connection()), Base.metadata)
        )
    assert differences == []


async def test_migrating_again_is_a_no_op_and_data_survives_reopening(target: Target, database: Database) -> None:
    await Repositories.over(database).members.upsert(1, 10, "Ada")
    await database.close()
    await migrate(target.url, schema=target.schema)
    reopened = await target.open()
    try:
        member = await Repositories.over(reopened).members.get(1, 10)
    finally:
        await reopened.close()
    assert member is not None and member.display_name == "Ada"


async def test_processes_starting_together_migrate_one_after_the_other(target: Target) -> None:
    await asyncio.gather(*(migrate(target.url, schema=target.schema) for _ in range(4)))
    db = await target.open()
    try:
        async with db.session() as session:
            assert await session.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    finally:
        await db.close()


async def test_sqlite_file_gets_its_folder_wal_journal_and_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite+aiosqlite:///{tmp_path}/nested/dir/bot.db")
    try:
        async with db.session() as session:
            journal = await session.scalar(text("PRAGMA journal_mode"))
            foreign_keys = await session.scalar(text("PRAGMA foreign_keys"))
    finally:
        await db.close()
    assert (tmp_path / "nested" / "dir" / "bot.db").is_file()
    assert (journal, foreign_keys) == ("wal", 1)


async def test_locked_sqlite_database_is_reported_as_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    db = await Database.open(f"sqlite+aiosqlite:///{path}", busy_timeout_ms=20)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable, match="busy"):
            await Repositories.over(db).answers.record(entry(1, 2, "p1"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        await db.close()


async def test_database_usable_again_once_the_lock_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    db = await Database.open(f"sqlite+aiosqlite:///{path}", busy_timeout_ms=20)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    repos = Repositories.over(db)
    with pytest.raises(StorageUnavailable):
        await repos.members.upsert(1, 2, "Bo")
    holder.execute("ROLLBACK")
    holder.close()
    try:
        assert (await repos.members.upsert(1, 2, "Bo")).display_name == "Bo"
    finally:
        await db.close()


async def test_unreachable_postgres_fails_fast_with_storage_unavailable() -> None:
    started = time.monotonic()
    with pytest.raises(StorageUnavailable, match="cannot be reached"):
        await Database.open("postgresql+asyncpg://postgres@127.0.0.1:1/test")
    assert time.monotonic() - started < 3


async def test_unsupported_url_is_refused_clearly() -> None:
    with pytest.raises(StorageUnavailable, match="Unsupported database URL"):
        await Database.open("mysql://localhost/db")


async def test_session_commits_on_success_and_rolls_back_on_error(database: Database) -> None:
    async with database.session() as session:
        await session.execute(
            text("INSERT INTO members (guild_id, user_id, display_name, has_left) VALUES (1, 1, 'A', false)")
        )
    with pytest.raises(RuntimeError):
        async with database.session() as session:
            await session.execute(text("DELETE FROM members"))
            raise RuntimeError("abort")
    assert await Repositories.over(database).members.get(1, 1) is not None


@pytest.mark.postgres
@pytest.mark.parametrize("target", ["postgres"], indirect=True)
async def test_postgres_connection_killed_by_the_server_is_replaced(database: Database) -> None:
    async with database.session() as session:
        pid = await session.scalar(text("SELECT pg_backend_pid()"))
    admin = await postgres_admin()
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid) is True
    finally:
        await admin.close()
    assert (await Repositories.over(database).members.upsert(1, 2, "Cy")).display_name == "Cy"


async def test_opening_a_locked_sqlite_database_is_reported_as_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    sqlite3.connect(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable, match="busy"):
            await Database.open(f"sqlite+aiosqlite:///{path}", busy_timeout_ms=20)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
