"""Build the async engine for a database URL: SQLite (file, WAL, busy timeout, foreign keys) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.errors import StorageUnavailable

SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
DEFAULT_BUSY_TIMEOUT_MS = 2000
CONNECT_TIMEOUT_SECONDS = 5.0


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy sees it, refused with a clear message when it is not a supported driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageUnavailable(f"The database URL is not valid: {exc}") from exc
    if parsed.drivername not in SUPPORTED_DRIVERS:
        raise StorageUnavailable(
            f"Unsupported database URL scheme {parsed.drivername!r}; use one of {', '.join(SUPPORTED_DRIVERS)}."
        )
    return parsed


def create_engine(
    url: str, *, schema: str | None = None, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> AsyncEngine:
    """An engine for `url`; `schema` (PostgreSQL only) becomes the connection's search_path."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        if schema is not None:
            raise StorageUnavailable("A schema can only be chosen on PostgreSQL.")
        return _sqlite_engine(parsed, busy_timeout_ms)
    connect_args: dict[str, Any] = {"timeout": CONNECT_TIMEOUT_SECONDS}
    if schema is not None:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> AsyncEngine:
    """SQLite with WAL, a busy timeout, foreign keys and `BEGIN IMMEDIATE` (writers queue, never deadlock)."""
    if url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageUnavailable(f"Cannot create the database folder {folder} ({error.strerror}).") from None
    engine = create_async_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine.sync_engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
