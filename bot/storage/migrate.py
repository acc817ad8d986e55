"""Upgrade a database to the newest schema, programmatically (used at start-up; no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from bot.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, create_engine
from bot.storage.failures import with_retries

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number: several bot processes starting at once take turns migrating a PostgreSQL database.
_MIGRATION_LOCK_KEY = 7_420_031


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the package's migrations (and at `connection` when given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    command.upgrade(alembic_config(connection), "head")


async def migrate(url: str, *, schema: str | None = None, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
    """Bring the database at `url` (optionally one PostgreSQL schema) up to the newest revision."""
    engine = create_engine(url, schema=schema, busy_timeout_ms=busy_timeout_ms)

    async def attempt() -> None:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade)

    try:
        await with_retries(attempt)
    finally:
        await engine.dispose()
