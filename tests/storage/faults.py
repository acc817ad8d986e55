"""Storage faults injected into a live Database: a COMMIT that went through but whose acknowledgement was lost, a
full disk, a SQLite file locked by another process, PostgreSQL connections killed by the server."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event

from bot.storage import Database


@contextmanager
def commit_ack_lost(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    table: str = "answers",
    times: int = 1,
    verbs: tuple[str, ...] = ("INSERT INTO",),
) -> Iterator[list[str]]:
    """The next `times` COMMITs of transactions that wrote into `table` (statements starting with one of `verbs`
    and the table's name, e.g. "INSERT INTO answers" or "UPDATE daily_posts") are carried out, then the connection
    drops before the client hears so (as when a network path to PostgreSQL fails at that moment).

    Yields the list of lost acknowledgements (so a test can check the fault fired).
    """
    engine = db._engine.sync_engine  # the fault sits exactly where the driver commits
    dialect = engine.dialect
    real_commit = dialect.do_commit
    writes = tuple(f"{verb.upper()} {table.upper()} " for verb in verbs)
    writing: set[int] = set()
    lost: list[str] = []

    def watch(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(writes):
            writing.add(id(connection.connection))

    def do_commit(dbapi_connection: Any) -> None:
        real_commit(dbapi_connection)
        if id(dbapi_connection) in writing and len(lost) < times:
            writing.discard(id(dbapi_connection))
            lost.append(table)
            raise ConnectionResetError("connection lost before the COMMIT was acknowledged")
        writing.discard(id(dbapi_connection))

    event.listen(engine, "before_cursor_execute", watch)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(dialect, "do_commit", do_commit)
            yield lost
    finally:
        event.remove(engine, "before_cursor_execute", watch)


def full_disk_error(db: Database, kind: str) -> Exception:
    """What the driver raises when the disk fills: `sqlite` — SQLite's own SQLITE_FULL error (only on SQLite),
    `enospc` — the operating system's ENOSPC."""
    if kind == "sqlite":
        return sqlite3.OperationalError("database or disk is full")
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@contextmanager
def disk_full(db: Database, monkeypatch: pytest.MonkeyPatch, kind: str = "enospc") -> Iterator[list[str]]:
    """Every INSERT, UPDATE or DELETE fails as on a full disk (`kind`: see `full_disk_error`); reads still work.

    Yields the list of refused statements (so a test can check the fault fired).
    """
    dialect = db._engine.sync_engine.dialect
    refused: list[str] = []
    originals = {name: getattr(dialect, name) for name in ("do_execute", "do_executemany")}

    def failing(name: str) -> Any:
        def execute(cursor: Any, statement: str, *args: Any, **kwargs: Any) -> None:
            if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
                refused.append(statement)
                raise full_disk_error(db, kind)
            originals[name](cursor, statement, *args, **kwargs)

        return execute

    with monkeypatch.context() as patch:
        for name in originals:
            patch.setattr(dialect, name, failing(name))
        yield refused


@contextmanager
def exclusive_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection holding an exclusive transaction on the SQLite file (until the block ends,
    or `release_lock` of the yielded connection)."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        yield other
        release_lock(other)
    finally:
        other.close()


def release_lock(holder: sqlite3.Connection) -> None:
    """End the exclusive transaction of `exclusive_lock` early (safe to repeat)."""
    if holder.in_transaction:
        holder.execute("ROLLBACK")


class BackendKiller:
    """Kills a Database's PostgreSQL connections from the server side (`pg_terminate_backend`), as an operator, a
    failover or an idle-connection reaper does. It learns each connection's server process as the pool opens it."""

    def __init__(self, db: Database, admin: asyncpg.Connection) -> None:
        self._admin = admin
        self._pids: set[int] = set()
        self.killed = 0
        event.listen(db._engine.sync_engine, "connect", self._opened)

    def _opened(self, _dbapi_connection: Any, record: Any) -> None:
        self._pids.add(record.driver_connection.get_server_pid())

    async def kill_all(self) -> int:
        """Terminate every connection the pool has opened so far that is still alive; how many were."""
        killed = 0
        for pid in sorted(self._pids):
            if await self._admin.fetchval("SELECT pg_terminate_backend($1)", pid):
                killed += 1
        self._pids.clear()
        self.killed += killed
        return killed
